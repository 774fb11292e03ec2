import { afterEach, describe, expect, it } from 'vitest';
import { findTask } from '../../src/db/store/tasks.ts';
import type { Official, Task } from '../../src/domain/model.ts';
import type { TestStore } from '../support/test-databases.ts';
import { testProviders, useTestDatabase } from '../support/test-databases.ts';
import { createHarness, vn, type Harness } from '../reminders/support.ts';
import { chatHarness, expectUnchanged, looksLikeClearVietnamese, makeSmallSo, NOW } from '../chat/chat-harness.ts';

const providers = await testProviders();
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** What an undo must put back exactly: the task's closing columns and its reminder rows. */
async function closingState(db: TestStore, id: number) {
  const task = await db.task.findUniqueOrThrow({
    where: { id },
    select: { status: true, doneAt: true, doneById: true, note: true, nextReminderOn: true, snoozedUntil: true },
  });
  const reminders = await db.reminder.findMany({ where: { taskId: id }, orderBy: { id: 'asc' } });
  return { task, reminders };
}

describe('/hoantac restores a close exactly', () => {
  let harness: Harness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  it('puts back status, done-at, the note and the pending reminder, and the planner plans nothing new', async () => {
    harness = await createHarness(vn('2026-11-24', '07:00'));
    const { db, clock } = harness;
    const person = await harness.person({ chatId: 7001 });
    const id = await harness.task(person, '2026-11-24', { title: 'Báo cáo tháng 11' });
    await db.task.update({ where: { id }, data: { note: 'ghi chú cũ' } });
    await harness.engine.sweep();
    const before = await closingState(db, id);
    expect(before.reminders.map((reminder) => reminder.state)).toEqual(['pending']);

    const chat = chatHarness(db);
    chat.clock.set(vn('2026-11-24', '07:30'));
    const closed = await chat.router(chat.message({ senderId: '7001' }, `/xong ${id} đã gửi`));
    expect(closed?.text).toContain(`#${id} «Báo cáo tháng 11»`);
    expect(closed?.actions).toEqual([{ label: '↩️ Hoàn tác', command: `/hoantac ${id}` }]);
    expect((await closingState(db, id)).reminders.map((reminder) => reminder.state)).toEqual(['cancelled']);

    chat.clock.set(vn('2026-11-24', '07:39'));
    const undone = await chat.say({ senderId: '7001' }, closed!.actions![0]!.command);
    expect(undone).toBe(`↩️ Đã hoàn tác: việc #${id} «Báo cáo tháng 11» đang mở lại như trước khi báo xong.`);
    const after = await closingState(db, id);
    expect(after.reminders).toEqual(before.reminders);
    expect(after.task).toEqual({ ...before.task, nextReminderOn: '0000-00-00' });

    // The planner looks again from the current state: the same next date, no new reminder row.
    clock.set(vn('2026-11-24', '07:40'));
    await harness.engine.sweep();
    expect(await closingState(db, id)).toEqual(before);
    await harness.runUntil(vn('2026-11-24', '08:30'), 10);
    expect(harness.telegram.to(person.address)).toHaveLength(1);
    expect(harness.telegram.to(person.address)[0]!.text).toContain(`#${id}`);

    const audit = await db.auditEvent.findFirstOrThrow({ where: { taskId: id, action: 'task.undo' } });
    expect(JSON.parse(audit.payload!)).toMatchObject({
      before: { status: 'done', note: 'đã gửi', doneBy: person.username },
      after: { status: 'open', doneAt: null, doneBy: null, note: 'ghi chú cũ' },
    });
  });
});

describe.each(providers)('/hoantac and /mo on %s', (provider) => {
  const db = useTestDatabase(provider);

  it('undoes, without a number, every task my last /xong closed', async () => {
    const so = await makeSmallSo(db());
    const chat = chatHarness(db());
    await chat.say(so.member, `/xong ${so.overdue.id} ${so.upcoming.id}`);
    chat.clock.advance(5 * MINUTE);
    const reply = await chat.say(so.member, '/hoantac');
    expect(reply?.split('\n')).toHaveLength(2);
    expect(await findTask(db(), so.overdue.id)).toMatchObject({ status: 'open', doneAt: null });
    expect(await findTask(db(), so.upcoming.id)).toMatchObject({ status: 'open', doneAt: null });
  });

  it('accepts /undo and the unslashed exact "hoàn tác 12" in a private chat', async () => {
    const so = await makeSmallSo(db());
    const chat = chatHarness(db());
    await chat.say(so.member, `/xong ${so.overdue.id}`);
    expect(await chat.say(so.member, `hoàn tác ${so.overdue.id}`)).toMatch(/^↩️ Đã hoàn tác/);
    await chat.say(so.member, `/xong ${so.overdue.id}`);
    expect(await chat.say(so.member, '/undo')).toMatch(/^↩️ Đã hoàn tác/);
  });

  it('refuses an undo after 10 minutes and points to /mo, changing nothing', async () => {
    const so = await makeSmallSo(db());
    const chat = chatHarness(db());
    await chat.say(so.member, `/xong ${so.overdue.id}`);
    chat.clock.advance(10 * MINUTE + 1000);
    const withId = await expectUnchanged(db(), () => chat.say(so.member, `/hoantac ${so.overdue.id}`));
    expect(withId).toBe(
      `Đã quá 10 phút kể từ khi báo xong việc #${so.overdue.id} nên không hoàn tác được nữa. ` +
        `Hãy dùng /mo ${so.overdue.id} <lý do> để mở lại việc.`,
    );
    const withoutId = await expectUnchanged(db(), () => chat.say(so.member, '/hoantac'));
    expect(withoutId).toContain('/mo <số việc> <lý do>');
    expect(looksLikeClearVietnamese(withoutId)).toBe(true);
  });

  it("refuses to undo someone else's close, even for their head, changing nothing", async () => {
    const so = await makeSmallSo(db());
    const chat = chatHarness(db());
    await chat.say(so.member, `/xong ${so.overdue.id}`);
    const reply = await expectUnchanged(db(), () => chat.say(so.head, `/hoantac ${so.overdue.id}`));
    expect(reply).toBe(
      `Chỉ người đã báo xong việc #${so.overdue.id} mới hoàn tác được. ` +
        `Nếu việc bị báo xong nhầm, hãy dùng /mo ${so.overdue.id} <lý do>.`,
    );
  });

  it('refuses to undo a task that is open, changing nothing', async () => {
    const so = await makeSmallSo(db());
    const reply = await expectUnchanged(db(), () => chatHarness(db()).say(so.member, `/hoantac ${so.upcoming.id}`));
    expect(reply).toBe(`Việc #${so.upcoming.id} đang mở, chưa được báo xong.`);
  });

  type Who = 'member' | 'head' | 'otherHead' | 'admin';
  it.each<[string, Who, Who, number, string | undefined]>([
    ['the closer within 7 days', 'member', 'member', 6 * DAY, undefined],
    ['the closer after 7 days', 'member', 'member', 8 * DAY, 'Hãy nhờ lãnh đạo đơn vị hoặc Văn phòng Sở'],
    ['the head of the unit, after 7 days', 'member', 'head', 30 * DAY, undefined],
    ['the head of another unit', 'member', 'otherHead', 1 * DAY, 'Bạn không mở lại được việc'],
    ['the assignee who did not close it', 'head', 'member', 1 * DAY, 'Bạn không mở lại được việc'],
    ['the office admin, after 7 days', 'member', 'admin', 30 * DAY, undefined],
  ])('/mo by %s', async (_case, closer, reopener, later, refusal) => {
    const so = await makeSmallSo(db());
    const chat = chatHarness(db());
    const task: Task = so.overdue;
    expect(await chat.say(so[closer] as Official, `/xong ${task.id}`)).toMatch(/^✅/);
    chat.clock.advance(later);
    const command = `/mo ${task.id} báo nhầm, hồ sơ chưa gửi`;
    if (refusal) {
      const reply = await expectUnchanged(db(), () => chat.say(so[reopener] as Official, command));
      expect(reply).toContain(refusal);
      expect(looksLikeClearVietnamese(reply)).toBe(true);
      return;
    }
    const reply = await chat.say(so[reopener] as Official, command);
    expect(reply).toBe(
      `🔓 Đã mở lại việc #${task.id} «${task.title}» (hạn 19/11/2026). Bot sẽ tiếp tục nhắc việc này từ hôm nay.`,
    );
    const row = await db().task.findUniqueOrThrow({ where: { id: task.id } });
    expect(row).toMatchObject({ status: 'open', doneAt: null, doneById: null, nextReminderOn: '0000-00-00' });
    const audit = await db().auditEvent.findFirstOrThrow({ where: { taskId: task.id, action: 'task.reopen' } });
    expect(audit.actorId).toBe(so[reopener].id);
    expect(JSON.parse(audit.payload!)).toEqual({
      before: { status: 'done', doneAt: new Date(NOW).toISOString(), doneBy: so[closer].username },
      after: { status: 'open', doneAt: null, doneBy: null },
      reason: 'báo nhầm, hồ sơ chưa gửi',
    });
  });

  it('refuses /mo of a task that is open, changing nothing', async () => {
    const so = await makeSmallSo(db());
    const reply = await expectUnchanged(db(), () => chatHarness(db()).say(so.admin, `/mo ${so.upcoming.id}`));
    expect(reply).toBe(`Việc #${so.upcoming.id} đang mở, chưa được báo xong.`);
  });
});
