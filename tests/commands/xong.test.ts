import { describe, expect, it } from 'vitest';
import { findTask } from '../../src/db/store/tasks.ts';
import {
  chatHarness,
  expectUnchanged,
  linkTelegram,
  looksLikeClearVietnamese,
  makeSmallSo,
} from '../chat/chat-harness.ts';
import { testProviders, useTestDatabase } from '../support/test-databases.ts';

const providers = await testProviders();

describe.each(providers)('/xong on %s', (provider) => {
  const db = useTestDatabase(provider);

  it('closes my overdue task and says how many days late it was', async () => {
    const so = await makeSmallSo(db());
    const chat = chatHarness(db());
    const reply = await chat.say(so.member, `/xong ${so.overdue.id}`);
    expect(reply).toBe(
      `✅ Đã ghi nhận xong việc #${so.overdue.id} «Báo cáo KSTTHC tháng 11» — quá hạn 2 ngày làm việc so với hạn chót.`,
    );
    expect(await findTask(db(), so.overdue.id)).toMatchObject({ status: 'done' });
  });

  it('says "on time" for a task closed before its due date, and keeps the note', async () => {
    const so = await makeSmallSo(db());
    const reply = await chatHarness(db()).say(so.member, `/xong #${so.upcoming.id} đã gửi qua hệ thống`);
    expect(reply).toContain('đúng hạn');
    expect(await findTask(db(), so.upcoming.id)).toMatchObject({ status: 'done', note: 'đã gửi qua hệ thống' });
  });

  it('closes several tasks in one message and audits each with the actor, channel and chat', async () => {
    const so = await makeSmallSo(db());
    await linkTelegram(db(), so.member, '5101');
    const reply = await chatHarness(db()).say({ senderId: '5101' }, `/xong ${so.overdue.id} ${so.upcoming.id}`);
    expect(reply?.split('\n')).toHaveLength(2);
    const events = await db().auditEvent.findMany({
      where: { action: 'task.done', taskId: { in: [so.overdue.id, so.upcoming.id] } },
    });
    expect(events).toHaveLength(2);
    expect(
      events.every(
        (e) =>
          e.actorId === so.member.id &&
          e.actorKind === 'official' &&
          e.channel === 'telegram' &&
          e.chatId === 'telegram:5101',
      ),
    ).toBe(true);
  });

  it('lets a head close a task of a sub-unit and the office admin a task of any unit', async () => {
    const so = await makeSmallSo(db());
    const chat = chatHarness(db());
    expect(await chat.say(so.head, `/xong ${so.subUnitOverdue.id}`)).toMatch(/^✅/);
    expect(await chat.say(so.admin, `/xong ${so.otherOverdue.id}`)).toMatch(/^✅/);
  });

  it("refuses a member closing a colleague's task, a head closing another unit's, and changes nothing", async () => {
    const so = await makeSmallSo(db());
    const chat = chatHarness(db());
    const asMember = await expectUnchanged(db(), () => chat.say(so.member, `/xong ${so.subUnitOverdue.id}`));
    expect(asMember).toBe(
      `Việc #${so.subUnitOverdue.id} không thuộc phạm vi của bạn: bạn chỉ thao tác được việc của mình.`,
    );
    const asHead = await expectUnchanged(db(), () => chat.say(so.head, `/xong ${so.otherOverdue.id}`));
    expect(asHead).toContain('không thuộc phạm vi của bạn');
    expect(looksLikeClearVietnamese(asHead)).toBe(true);
  });

  it('answers an unknown task number clearly and changes nothing', async () => {
    const so = await makeSmallSo(db());
    const reply = await expectUnchanged(db(), () => chatHarness(db()).say(so.member, '/xong 987654'));
    expect(reply).toBe('Không có việc số 987654. Gõ /viec để xem số các việc của bạn.');
  });

  it('refuses closing a task twice', async () => {
    const so = await makeSmallSo(db());
    const chat = chatHarness(db());
    await chat.say(so.member, `/xong ${so.upcoming.id}`);
    const reply = await expectUnchanged(db(), () => chat.say(so.member, `/xong ${so.upcoming.id}`));
    expect(reply).toBe(`Việc #${so.upcoming.id} đã được báo xong ngày 23/11/2026.`);
  });

  it.each([['/xong'], ['/xong abc'], ['/xong -3'], ['/xong ' + Array.from({ length: 21 }, (_, i) => i + 1).join(' ')]])(
    'explains how to use it on bad arguments (%s) and changes nothing',
    async (text) => {
      const so = await makeSmallSo(db());
      const reply = await expectUnchanged(db(), () => chatHarness(db()).say(so.member, text));
      expect(reply).toContain('Cách dùng: /xong <số việc>');
      expect(looksLikeClearVietnamese(reply)).toBe(true);
    },
  );

  it('reports each id of a mixed message on its own line', async () => {
    const so = await makeSmallSo(db());
    const reply = await chatHarness(db()).say(so.member, `/xong ${so.upcoming.id} ${so.otherOverdue.id} 987654`);
    const lines = reply!.split('\n');
    expect(lines[0]).toMatch(/^✅/);
    expect(lines[1]).toMatch(/^❌ .*không thuộc phạm vi/);
    expect(lines[2]).toMatch(/^❌ Không có việc số 987654/);
    expect(await findTask(db(), so.otherOverdue.id)).toMatchObject({ status: 'open' });
  });

  it('tells an unlinked Telegram user how to link, and changes nothing', async () => {
    const so = await makeSmallSo(db());
    const reply = await expectUnchanged(db(), () =>
      chatHarness(db()).say({ senderId: '99999' }, `/xong ${so.overdue.id}`),
    );
    expect(reply).toContain('/lienket <mã>');
    expect(reply).toContain('Văn phòng Sở');
  });
});
