// The office corrects tasks from the command line: `task edit`, `task reassign`, `task cancel`.
// Each is audited with before/after, queues a notice for the officials it concerns, has the
// reminder planner look again, and a refusal changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markTaskDone } from '../../src/db/store/tasks.ts';
import type { LocalDate } from '../../src/domain/local-date.ts';
import type { Official, Task } from '../../src/domain/model.ts';
import { NOW } from '../chat/chat-harness.ts';
import { cli as actor, makeOfficial, makeTask, makeUnit } from '../support/factories.ts';
import { cli as runCli, type CliResult } from '../support/run-cli.ts';
import { createTestDatabase, testProviders, type TestDatabase, type TestStore } from '../support/test-databases.ts';

const providers = await testProviders();
const ENV = { NHACVIEC_FAKE_NOW: NOW };

/** Every table a correction may touch, in a comparable form. */
async function everything(db: TestStore): Promise<string> {
  const order = { orderBy: { id: 'asc' } } as const;
  const [units, officials, tasks, reminders, notices, audit] = await Promise.all([
    db.unit.findMany(order),
    db.official.findMany(order),
    db.task.findMany(order),
    db.reminder.findMany(order),
    db.notice.findMany(order),
    db.auditEvent.findMany(order),
  ]);
  return JSON.stringify({ units, officials, tasks, reminders, notices, audit });
}

/** A waiting reminder row of `task` for `official` (as the planner would have written it). */
async function pendingReminder(db: TestStore, task: Task, official: Official, slot: string) {
  return db.reminder.create({
    data: {
      taskId: task.id,
      recipientId: official.id,
      slot,
      scheduledFor: new Date('2026-11-24T01:00:00Z'),
      nextAttemptAt: new Date('2026-11-24T01:00:00Z'),
    },
  });
}

describe.each(providers)('correcting tasks from the command line on %s', (provider) => {
  let database: TestDatabase;
  let phong: string;
  let other: string;
  let cuong: Official;
  let bich: Official;
  let giang: Official;
  const db = () => database.client;
  const cli = (args: string[]) => runCli(database.url, args, ENV);
  const json = async (args: string[]) => {
    const result = await cli([...args, '--json']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    return JSON.parse(result.stdout);
  };
  const auditOf = async (id: number, action: string) => {
    const trail = await json(['audit', '--task', String(id)]);
    return trail.find((entry: { action: string }) => entry.action === action);
  };
  const noticesOf = async (taskId: number) =>
    (await db().notice.findMany({ where: { taskId }, orderBy: { id: 'asc' }, include: { recipient: true } })).map(
      (notice) => ({ to: notice.recipient.username, text: notice.text, state: notice.state }),
    );
  /** Runs a refused command: exit 1, the reason on stderr, and not one row changed. */
  const refused = async (args: string[], reason: string | RegExp): Promise<CliResult> => {
    const before = await everything(db());
    const result = await cli(args);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(reason);
    expect(await everything(db())).toBe(before);
    return result;
  };
  const task = (overrides: { title?: string; dueDate?: string; assignee?: Official } = {}) =>
    makeTask(db(), {
      assigneeUsername: (overrides.assignee ?? cuong).username,
      title: overrides.title ?? 'Báo cáo tháng 11',
      dueDate: (overrides.dueDate ?? '2026-11-19') as LocalDate,
    });

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    phong = (await makeUnit(db(), { name: 'Phòng Tư pháp' })).code;
    other = (await makeUnit(db(), { name: 'Phòng Hành chính tư pháp' })).code;
    cuong = await makeOfficial(db(), { unitCode: phong, fullName: 'Trần Văn Cường' });
    bich = await makeOfficial(db(), { unitCode: phong, fullName: 'Lê Thị Bích', role: 'head' });
    giang = await makeOfficial(db(), { unitCode: other, fullName: 'Vũ Thị Giang' });
  });
  afterAll(async () => {
    await database?.drop();
  });

  describe('task edit', () => {
    it('moves the due date, tells the assignee, replans the reminders and audits before/after', async () => {
      const t = await task();
      await db().task.update({ where: { id: t.id }, data: { nextReminderOn: '2026-11-24' } });

      const result = await json(['task', 'edit', String(t.id), '--due', '24/11/2026']);

      expect(result).toMatchObject({
        task: { id: t.id, dueDate: '2026-11-24', title: 'Báo cáo tháng 11' },
        before: { dueDate: '2026-11-19' },
        after: { dueDate: '2026-11-24' },
        notified: [cuong.username],
      });
      expect(await noticesOf(t.id)).toEqual([
        {
          to: cuong.username,
          text: `Hạn việc #${t.id} «Báo cáo tháng 11» đổi từ 19/11/2026 thành 24/11/2026.`,
          state: 'pending',
        },
      ]);
      expect((await db().task.findUniqueOrThrow({ where: { id: t.id } })).nextReminderOn).toBe('0000-00-00');
      const audit = await auditOf(t.id, 'task.edit');
      expect(audit).toMatchObject({
        actorKind: 'cli',
        payload: { before: { dueDate: '2026-11-19' }, after: { dueDate: '2026-11-24' } },
        summary: 'dueDate: 2026-11-19 → 2026-11-24',
      });
    });

    it('sets both dates to the legal due date when only the target differs, saying both old dates', async () => {
      // "Trước ngày 20" with the 18th–19th off: target 17/11, legal due 19/11.
      const t = await task();
      await db().task.update({ where: { id: t.id }, data: { targetDate: '2026-11-17', deadlineBasis: 'duty' } });

      const result = await json(['task', 'edit', String(t.id), '--due', '19/11/2026']);

      expect(result).toMatchObject({
        task: { id: t.id, targetDate: '2026-11-19', dueDate: '2026-11-19' },
        before: { targetDate: '2026-11-17' },
        after: { targetDate: '2026-11-19' },
      });
      expect((await noticesOf(t.id)).map((notice) => notice.text)).toEqual([
        `Hạn việc #${t.id} «Báo cáo tháng 11» đổi từ 17/11/2026 (chậm nhất 19/11/2026) thành 19/11/2026.`,
      ]);
      // Set by hand: no calendar change moves it again.
      expect((await db().task.findUniqueOrThrow({ where: { id: t.id } })).deadlineBasis).toBeNull();
    });

    it('renames and notes in one edit, says so in Vietnamese, and records only what changed', async () => {
      const t = await task({ dueDate: '2026-11-30' });
      await db().task.update({ where: { id: t.id }, data: { nextReminderOn: '2026-11-25' } });

      const result = await cli([
        'task',
        'edit',
        `#${t.id}`,
        '--title',
        'Báo cáo KSTTHC tháng 11',
        '--note',
        'gửi bản ký số',
      ]);

      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout).toBe(
        `Đã sửa việc #${t.id}: tên «Báo cáo tháng 11» → «Báo cáo KSTTHC tháng 11», ghi chú ∅ → «gửi bản ký số».` +
          ` Sẽ báo qua chat cho: ${cuong.username}.`,
      );
      expect((await noticesOf(t.id)).map((notice) => notice.text)).toEqual([
        `Việc #${t.id} «Báo cáo tháng 11» đã đổi tên thành «Báo cáo KSTTHC tháng 11». ` +
          `Ghi chú của việc #${t.id} «Báo cáo KSTTHC tháng 11»: gửi bản ký số`,
      ]);
      expect((await auditOf(t.id, 'task.edit')).payload).toEqual({
        before: { title: 'Báo cáo tháng 11', note: null },
        after: { title: 'Báo cáo KSTTHC tháng 11', note: 'gửi bản ký số' },
      });
      // The due date did not move: the planner's next date is left alone.
      expect((await db().task.findUniqueOrThrow({ where: { id: t.id } })).nextReminderOn).toBe('2026-11-25');
    });

    it('renames a task already done without telling anyone', async () => {
      const t = await task();
      await markTaskDone(db(), t.id, actor, new Date(NOW));
      const result = await json(['task', 'edit', String(t.id), '--title', 'Báo cáo tháng 11 (bản sửa)']);
      expect(result).toMatchObject({ task: { status: 'done', title: 'Báo cáo tháng 11 (bản sửa)' }, notified: [] });
      expect(await noticesOf(t.id)).toEqual([]);
    });

    it('refuses, changing nothing: no option, same values, a new date on a closed task, a bad date, a hidden character, an unknown task', async () => {
      const t = await task();
      const done = await task();
      await markTaskDone(db(), done.id, actor, new Date(NOW));
      const cancelled = await task();
      await cli(['task', 'cancel', String(cancelled.id), '--reason', 'trùng việc']);

      await refused(['task', 'edit', String(t.id)], 'Chưa có gì để sửa');
      await refused(['task', 'edit', String(t.id), '--due', '2026-11-19'], 'không có gì thay đổi');
      await refused(['task', 'edit', String(done.id), '--due', '24/11/2026'], 'đã được báo xong, không đổi hạn được');
      await refused(['task', 'edit', String(cancelled.id), '--due', '24/11/2026'], 'đã bị huỷ, không đổi hạn được');
      await refused(['task', 'edit', String(t.id), '--due', '31/02/2026'], 'không hợp lệ');
      await refused(['task', 'edit', String(t.id), '--title', 'Báo cáo\u202Etháng 11'], 'ký tự đảo chiều chữ');
      await refused(['task', 'edit', '99999', '--note', 'x'], 'Không có việc số 99999');
    });
  });

  describe('task reassign', () => {
    it('gives the task to another unit’s official, moves the unit with them, tells both and cancels the old reminders', async () => {
      const t = await task();
      const own = await pendingReminder(db(), t, cuong, 'overdue:2026-11-24');
      const heads = await pendingReminder(db(), t, bich, 'head:2026-11-24');

      const result = await json(['task', 'reassign', String(t.id), '--to', giang.username]);

      expect(result).toMatchObject({
        task: { id: t.id, assigneeUsername: giang.username, assigneeName: 'Vũ Thị Giang', unitCode: other },
        before: { assignee: cuong.username, unit: phong },
        after: { assignee: giang.username, unit: other },
        notified: [giang.username, cuong.username],
      });
      expect(await noticesOf(t.id)).toEqual([
        {
          to: giang.username,
          text: `Việc #${t.id} «Báo cáo tháng 11» đã được giao cho anh/chị (trước đây: Trần Văn Cường), hạn 19/11/2026.`,
          state: 'pending',
        },
        {
          to: cuong.username,
          text: `Việc #${t.id} «Báo cáo tháng 11» đã được chuyển cho Vũ Thị Giang.`,
          state: 'pending',
        },
      ]);
      expect((await db().reminder.findUniqueOrThrow({ where: { id: own.id } })).state).toBe('cancelled');
      // Escalations to heads are the planner's to keep or not; they are not the assignee's.
      expect((await db().reminder.findUniqueOrThrow({ where: { id: heads.id } })).state).toBe('pending');
      expect((await db().task.findUniqueOrThrow({ where: { id: t.id } })).nextReminderOn).toBe('0000-00-00');
      expect((await auditOf(t.id, 'task.reassign')).summary).toBe(
        `assignee: ${cuong.username} → ${giang.username}, unit: ${phong} → ${other}`,
      );
    });

    it('says in words that the task now belongs to the new assignee’s unit', async () => {
      const t = await task();
      const result = await cli(['task', 'reassign', String(t.id), '--to', bich.username]);
      expect(result.stdout).toBe(
        `Đã giao lại việc #${t.id} cho ${bich.username} (trước đây: ${cuong.username}); đơn vị vẫn là ${phong}.` +
          ` Sẽ báo qua chat cho: ${bich.username}, ${cuong.username}.`,
      );
      const moved = await cli(['task', 'reassign', String(t.id), '--to', giang.username]);
      expect(moved.stdout).toContain(`đơn vị của việc đổi từ ${phong} thành ${other} (đơn vị của người nhận)`);
    });

    it('refuses, changing nothing: the same assignee, an unknown or inactive official, a closed task, no --to', async () => {
      const t = await task();
      const done = await task();
      await markTaskDone(db(), done.id, actor, new Date(NOW));
      const leaver = await makeOfficial(db(), { unitCode: phong });
      await cli(['official', 'deactivate', leaver.username]);

      await refused(['task', 'reassign', String(t.id), '--to', cuong.username], 'đã do Trần Văn Cường');
      await refused(['task', 'reassign', String(t.id), '--to', 'khongai'], 'Không có cán bộ "khongai"');
      await refused(['task', 'reassign', String(t.id), '--to', leaver.username], 'đã ngừng hoạt động');
      await refused(['task', 'reassign', String(done.id), '--to', giang.username], 'đã được báo xong, không giao lại');
      await refused(['task', 'reassign', String(t.id)], '--to');
    });
  });

  describe('task cancel', () => {
    it('cancels with a reason, silences every waiting reminder, tells the assignee and audits it', async () => {
      const t = await task();
      const own = await pendingReminder(db(), t, cuong, 'overdue:2026-11-24');
      const heads = await pendingReminder(db(), t, bich, 'head:2026-11-24');

      const result = await json(['task', 'cancel', String(t.id), '--reason', 'trùng với việc #3']);

      expect(result).toMatchObject({
        task: { id: t.id, status: 'cancelled' },
        before: { status: 'open' },
        after: { status: 'cancelled' },
        reason: 'trùng với việc #3',
        notified: [cuong.username],
      });
      const states = await db().reminder.findMany({ where: { id: { in: [own.id, heads.id] } } });
      expect(states.map((reminder) => reminder.state)).toEqual(['cancelled', 'cancelled']);
      expect(await noticesOf(t.id)).toEqual([
        {
          to: cuong.username,
          text: `Việc #${t.id} «Báo cáo tháng 11» đã bị huỷ: trùng với việc #3.`,
          state: 'pending',
        },
      ]);
      const audit = await auditOf(t.id, 'task.cancel');
      expect(audit.payload).toEqual({
        before: { status: 'open' },
        after: { status: 'cancelled' },
        reason: 'trùng với việc #3',
      });
      expect(audit.summary).toBe('status: open → cancelled, reason=trùng với việc #3');
      const text = await cli(['audit', '--task', String(t.id)]);
      expect(text.stdout).toContain('huỷ việc (task.cancel)');
    });

    it('answers in a Vietnamese line', async () => {
      const t = await task({ title: 'Công khai danh sách trễ hạn' });
      const result = await cli(['task', 'cancel', String(t.id), '--reason', 'kế hoạch đã bỏ']);
      expect(result.stdout).toBe(
        `Đã huỷ việc #${t.id}: Công khai danh sách trễ hạn. Sẽ báo qua chat cho: ${cuong.username}.`,
      );
    });

    it('refuses, changing nothing: no reason, an empty reason, a task done or already cancelled', async () => {
      const t = await task();
      const done = await task();
      await markTaskDone(db(), done.id, actor, new Date(NOW));
      const cancelled = await task();
      await cli(['task', 'cancel', String(cancelled.id), '--reason', 'trùng việc']);

      await refused(['task', 'cancel', String(t.id)], '--reason');
      await refused(['task', 'cancel', String(t.id), '--reason', '  '], 'không được để trống');
      await refused(['task', 'cancel', String(done.id), '--reason', 'x'], 'đã được báo xong, không huỷ được');
      await refused(['task', 'cancel', String(cancelled.id), '--reason', 'x'], 'đã bị huỷ, không huỷ được');
    });
  });
});
