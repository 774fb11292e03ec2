import { describe, expect, it } from 'vitest';
import { findTaskFollowUp } from '../../src/db/store/task-follow-up.ts';
import { markTaskDone } from '../../src/db/store/tasks.ts';
import type { LocalDate } from '../../src/domain/local-date.ts';
import {
  chatHarness,
  expectUnchanged,
  linkTelegram,
  looksLikeClearVietnamese,
  makeSmallSo,
  NOW,
} from '../chat/chat-harness.ts';
import { cli, makeTask } from '../support/factories.ts';
import { testProviders, useTestDatabase } from '../support/test-databases.ts';

const providers = await testProviders();

describe.each(providers)('/tinhtrang and /hoan on %s', (provider) => {
  const db = useTestDatabase(provider);

  it("/tinhtrang without a number counts my open, this week's, overdue and this month's done tasks", async () => {
    const so = await makeSmallSo(db());
    const lateDone = await makeTask(db(), { assigneeUsername: so.member.username, dueDate: '2026-11-10' as LocalDate });
    const onTimeDone = await makeTask(db(), {
      assigneeUsername: so.member.username,
      dueDate: '2026-11-30' as LocalDate,
    });
    await markTaskDone(db(), lateDone.id, cli, new Date('2026-11-12T09:00:00+07:00'));
    await markTaskDone(db(), onTimeDone.id, cli, new Date('2026-11-20T09:00:00+07:00'));
    const reply = await chatHarness(db()).say(so.member, '/tinhtrang');
    expect(reply).toBe(
      [
        'Tình hình việc của Trần Văn Cường, hôm nay 23/11/2026:',
        '• Đang mở: 2',
        '• Đến hạn trong tuần này (đến 29/11/2026): 1',
        '• Quá hạn: 1',
        '• Đã xong trong tháng: 2 (đúng hạn 1, tỉ lệ 50%)',
      ].join('\n'),
    );
  });

  it('/tinhtrang <số> shows the task and its reminder history', async () => {
    const so = await makeSmallSo(db());
    await db().reminder.create({
      data: {
        taskId: so.overdue.id,
        recipientId: so.member.id,
        slot: 'due',
        scheduledFor: new Date('2026-11-19T08:00:00+07:00'),
        nextAttemptAt: new Date('2026-11-19T08:00:00+07:00'),
        state: 'sent',
        attempts: 1,
        sentAt: new Date('2026-11-19T08:00:05+07:00'),
      },
    });
    const reply = (await chatHarness(db()).say(so.head, `/tinhtrang #${so.overdue.id}`))!;
    expect(reply).toContain(`Việc #${so.overdue.id}: Báo cáo KSTTHC tháng 11`);
    expect(reply).toContain('• Hạn: 19/11/2026 (quá hạn 2 ngày làm việc)');
    expect(reply).toContain('• 19/11/2026 08:00 → Trần Văn Cường: đã gửi');
  });

  it("/tinhtrang refuses another unit's task, an unknown number and bad arguments, changing nothing", async () => {
    const so = await makeSmallSo(db());
    const chat = chatHarness(db());
    expect(await expectUnchanged(db(), () => chat.say(so.member, `/tinhtrang ${so.otherOverdue.id}`))).toContain(
      'không thuộc phạm vi',
    );
    expect(await expectUnchanged(db(), () => chat.say(so.member, '/tinhtrang 987654'))).toContain(
      'Không có việc số 987654',
    );
    const bad = await expectUnchanged(db(), () => chat.say(so.member, '/tinhtrang 1 2'));
    expect(bad).toContain('Cách dùng: /tinhtrang [số việc]');
    expect(looksLikeClearVietnamese(bad)).toBe(true);
  });

  it('/hoan postpones the reminders, never the deadline, and audits it', async () => {
    const so = await makeSmallSo(db());
    await linkTelegram(db(), so.member, '7101');
    const reply = await chatHarness(db()).say({ senderId: '7101' }, `/hoan ${so.upcoming.id} 1`);
    expect(reply).toBe(
      `⏰ Đã hoãn nhắc việc #${so.upcoming.id} «Trả lời phản ánh số 15» đến ngày 24/11/2026.\nHạn của việc vẫn là 25/11/2026.`,
    );
    const task = await db().task.findUniqueOrThrow({ where: { id: so.upcoming.id } });
    expect(task).toMatchObject({ snoozedUntil: '2026-11-24', dueDate: '2026-11-25', status: 'open' });
    expect(await findTaskFollowUp(db(), so.upcoming.id)).toMatchObject({ snoozedUntil: '2026-11-24' });
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: 'task.snooze', taskId: so.upcoming.id } });
    expect(audit).toMatchObject({ actorId: so.member.id, channel: 'telegram', chatId: 'telegram:7101' });
  });

  it.each([['/hoan'], ['/hoan 12'], ['/hoan abc 2'], ['/hoan 12 0'], ['/hoan 12 31'], ['/hoan 12 2 3']])(
    '/hoan explains the bounds on bad arguments (%s) and changes nothing',
    async (text) => {
      const so = await makeSmallSo(db());
      const reply = await expectUnchanged(db(), () => chatHarness(db()).say(so.member, text));
      expect(reply).toContain('Cách dùng: /hoan <số việc> <số ngày>');
      expect(looksLikeClearVietnamese(reply)).toBe(true);
    },
  );

  it('/hoan refuses unknown, closed and out-of-scope tasks, changing nothing', async () => {
    const so = await makeSmallSo(db());
    const chat = chatHarness(db());
    await markTaskDone(db(), so.upcoming.id, cli, new Date(NOW));
    expect(await expectUnchanged(db(), () => chat.say(so.member, '/hoan 987654 2'))).toContain(
      'Không có việc số 987654',
    );
    expect(await expectUnchanged(db(), () => chat.say(so.member, `/hoan ${so.upcoming.id} 2`))).toBe(
      `Việc #${so.upcoming.id} đã xong, không cần hoãn nhắc.`,
    );
    expect(await expectUnchanged(db(), () => chat.say(so.otherHead, `/hoan ${so.overdue.id} 2`))).toContain(
      'không thuộc phạm vi',
    );
  });
});
