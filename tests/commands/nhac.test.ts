// /nhac: a head reminds the assignee of a task of their unit tree now (the office admin any task);
// once a day per task and assignee, audited; refusals are clear Vietnamese and change nothing.
import { describe, expect, it } from 'vitest';
import { createOutbox } from '../../src/channels/outbox.ts';
import { telegramAddresses } from '../../src/channels/address.ts';
import { markTaskDone } from '../../src/db/store/tasks.ts';
import { silentLogger } from '../../src/domain/log-sink.ts';
import { createReminderEngine } from '../../src/reminders/engine.ts';
import { NOTICE_HEADING } from '../../src/reminders/notice-delivery.ts';
import { testProviders, useTestDatabase, type TestStore } from '../support/test-databases.ts';
import { cli } from '../support/factories.ts';
import {
  chatHarness,
  expectUnchanged,
  linkTelegram,
  looksLikeClearVietnamese,
  makeSmallSo,
} from '../chat/chat-harness.ts';
import { calendar, catalogue, RecordingChannel } from '../reminders/support.ts';

const providers = await testProviders();

async function noticesOf(db: TestStore, taskId: number) {
  const rows = await db.notice.findMany({ where: { taskId }, orderBy: { id: 'asc' }, include: { recipient: true } });
  return rows.map((notice) => ({ to: notice.recipient.username, text: notice.text }));
}

async function refused(db: TestStore, act: () => Promise<string | undefined>): Promise<string> {
  const notices = async () => JSON.stringify(await db.notice.findMany({ orderBy: { id: 'asc' } }));
  const before = await notices();
  const reply = await expectUnchanged(db, act);
  expect(await notices()).toBe(before);
  expect(looksLikeClearVietnamese(reply)).toBe(true);
  return reply!;
}

describe.each(providers)('/nhac on %s', (provider) => {
  const db = useTestDatabase(provider);

  it('lets a head nudge a sub-unit member: the notice is queued, audited, and sent by the next sweep', async () => {
    const so = await makeSmallSo(db());
    const chat = chatHarness(db());
    const id = so.subUnitOverdue.id;

    const reply = await chat.say(so.head, `/nhac ${id}`);

    expect(reply).toBe(
      `🔔 Đã nhắc Phạm Thị Dung việc #${id} «Công khai danh sách trễ hạn». ` +
        'Tin nhắn đi trong giờ làm việc (ngay bây giờ, hoặc đầu giờ làm việc tới).',
    );
    const text =
      `🔔 Lê Thị Bích nhắc việc #${id} «Công khai danh sách trễ hạn» — hạn 20/11/2026 — ` +
      `quá hạn 1 ngày làm việc. Khi xong, trả lời /xong ${id}.`;
    expect(await noticesOf(db(), id)).toEqual([{ to: so.subUnitMember.username, text }]);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { taskId: id, action: 'task.nudge' } });
    expect(audit).toMatchObject({ actorId: so.head.id });
    expect(JSON.parse(audit.payload!)).toEqual({ after: { nudged: so.subUnitMember.username, day: '2026-11-23' } });

    await linkTelegram(db(), so.subUnitMember, '4242');
    const telegram = new RecordingChannel('telegram', chat.clock);
    const engine = createReminderEngine({
      db: db(),
      clock: chat.clock,
      calendar,
      catalogue,
      outbox: createOutbox([telegram]),
      config: { REMINDER_SEND_TIMES: ['08:00'], WORKING_HOURS: { start: '07:30', end: '17:00' } },
      logger: silentLogger,
    });
    chat.clock.advance(60_000);
    await engine.sweep();
    await engine.stop();
    expect(telegram.to(telegramAddresses.encode({ chatId: '4242' })).map((m) => m.text)).toContainEqual(
      `${NOTICE_HEADING}\n• ${text}`,
    );
  });

  it('nudges a task once a day: the second /nhac is refused, the next day is allowed again', async () => {
    const so = await makeSmallSo(db());
    const chat = chatHarness(db());
    expect(await chat.say(so.admin, `/nudge #${so.otherOverdue.id}`)).toMatch(/^🔔 Đã nhắc Vũ Thị Giang/);

    const again = await refused(db(), () => chat.say(so.otherHead, `/nhac ${so.otherOverdue.id}`));
    expect(again).toBe(
      `Việc #${so.otherOverdue.id} đã được nhắc hôm nay; mỗi việc chỉ nhắc thêm một lần một ngày. Ngày mai có thể nhắc lại.`,
    );

    chat.clock.advance(24 * 3600_000);
    expect(await chat.say(so.otherHead, `/nhac ${so.otherOverdue.id}`)).toMatch(/^🔔 Đã nhắc Vũ Thị Giang/);
    expect(await db().notice.count({ where: { taskId: so.otherOverdue.id } })).toBe(2);
  });

  it('refuses, changing nothing: another unit, a member, a closed task, one’s own task, bad arguments', async () => {
    const so = await makeSmallSo(db());
    const chat = chatHarness(db());
    expect(await refused(db(), () => chat.say(so.otherHead, `/nhac ${so.overdue.id}`))).toContain(
      'không thuộc phạm vi của bạn',
    );
    expect(await refused(db(), () => chat.say(so.member, `/nhac ${so.overdue.id}`))).toContain(
      'chỉ dành cho lãnh đạo đơn vị hoặc Văn phòng Sở',
    );
    expect(await refused(db(), () => chat.say(so.head, '/nhac 999999'))).toContain('Không có việc số 999999');
    expect(await refused(db(), () => chat.say(so.head, '/nhac'))).toContain('/nhac 12');
    expect(await refused(db(), () => chat.say(so.head, '/nhac 1 2'))).toContain('/nhac 12');

    await markTaskDone(db(), so.upcoming.id, cli, new Date('2026-11-23T01:00:00Z'));
    expect(await refused(db(), () => chat.say(so.head, `/nhac ${so.upcoming.id}`))).toBe(
      `Việc #${so.upcoming.id} đã xong, không cần nhắc.`,
    );
    await chat.say(so.head, `/giao ${so.overdue.id} ${so.head.username}`);
    expect(await refused(db(), () => chat.say(so.head, `/nhac ${so.overdue.id}`))).toContain('việc của chính bạn');
  });
});
