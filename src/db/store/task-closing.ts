// Taking back a close. An undo (/hoantac, the closer within minutes) puts the task back exactly as
// it was: open, no done-at or done-by, the note from before, the pending reminders the close
// cancelled pending again. A reopen (/mo, `cli task reopen`, days later) makes it open again and
// lets the planner remind it from today. Both read what the close changed from its `task.done`
// audit row (see markTaskDone), so no column is needed for it. A reopen by anyone but the
// assignee queues a notice telling the assignee (the task is theirs to finish again).
import { UserError } from '../../domain/errors.ts';
import type { Actor, Task } from '../../domain/model.ts';
import { UNDO_WINDOW_MINUTES, undoRefusal, type CloseFacts } from '../../domain/task-closing.ts';
import { formatVietnamese, type LocalDate } from '../../domain/local-date.ts';
import { recordAudit } from './audit.ts';
import { queueNotices } from './notices.ts';
import { requestReminderReplan } from './reminder-planning.ts';
import { prismaOf, type Store } from './store.ts';
import { findTask, type ClosePayload } from './tasks.ts';
import type { DbTransaction } from './transaction.ts';

/** A closed task with who closed it and when. */
export interface ClosedTaskState extends CloseFacts {
  task: Task;
  /** Null when the CLI or the system closed it. */
  doneByUsername: string | null;
}

/** The task if it is closed (done); a clear refusal if it does not exist or is not closed. */
export async function requireClosedTask(store: Store, id: number): Promise<ClosedTaskState> {
  const task = await findTask(store, id);
  if (!task) throw new UserError(`Không có việc số ${id}.`, 'TASK_NOT_FOUND');
  if (task.status === 'open') throw new UserError(`Việc #${id} đang mở, chưa được báo xong.`, 'TASK_NOT_CLOSED');
  if (task.status === 'cancelled')
    throw new UserError(`Việc #${id} đã bị huỷ, không phải việc đã báo xong.`, 'TASK_NOT_CLOSED');
  const row = await prismaOf(store).task.findUniqueOrThrow({
    where: { id },
    select: { doneAt: true, doneById: true, doneBy: { select: { username: true } } },
  });
  // Tasks closed before done-at was recorded count as closed at the epoch: long ago.
  return {
    task,
    doneAt: row.doneAt ?? new Date(0),
    doneById: row.doneById,
    doneByUsername: row.doneBy?.username ?? null,
  };
}

/**
 * The tasks `officialId` closed last (one /xong may close several at one instant), if that was at
 * or after `since`; else none.
 */
export async function latestClosesBy(store: Store, officialId: number, since: Date): Promise<number[]> {
  const db = prismaOf(store);
  const last = await db.task.findFirst({
    where: { doneById: officialId, status: 'done', doneAt: { gte: since } },
    orderBy: { doneAt: 'desc' },
    select: { doneAt: true },
  });
  if (!last?.doneAt) return [];
  const tasks = await db.task.findMany({
    where: { doneById: officialId, status: 'done', doneAt: last.doneAt },
    orderBy: { id: 'asc' },
    select: { id: true },
  });
  return tasks.map((task) => task.id);
}

/** Undoes a close by the same official within the undo window; refuses clearly otherwise. */
export async function undoTaskClose(
  store: Store,
  id: number,
  actor: Extract<Actor, { kind: 'official' }>,
  now: Date,
): Promise<Task> {
  const close = await requireClosedTask(store, id);
  const refusal = undoRefusal(close, actor.officialId, now);
  if (refusal === 'not-closer')
    throw new UserError(
      `Chỉ người đã báo xong việc #${id} mới hoàn tác được. Nếu việc bị báo xong nhầm, hãy dùng /mo ${id} <lý do>.`,
      'UNDO_NOT_CLOSER',
    );
  if (refusal === 'too-late')
    throw new UserError(
      `Đã quá ${UNDO_WINDOW_MINUTES} phút kể từ khi báo xong việc #${id} nên không hoàn tác được nữa. ` +
        `Hãy dùng /mo ${id} <lý do> để mở lại việc.`,
      'UNDO_TOO_LATE',
    );
  await prismaOf(store).$transaction(async (tx) => {
    const before = await closeRecord(tx, id);
    const { count } = await tx.task.updateMany({
      where: { id, status: 'done', doneAt: close.doneAt, doneById: actor.officialId },
      data: { status: 'open', doneAt: null, doneById: null, ...(before ? { note: before.note } : {}) },
    });
    if (count !== 1) throw new UserError(`Việc #${id} vừa được người khác thay đổi, hãy xem lại.`, 'TASK_CHANGED');
    const restored = await restoreReminders(tx, id, before?.pendingReminderIds ?? []);
    await requestReminderReplan(tx, id);
    await recordAudit(tx, actor, 'task.undo', {
      taskId: id,
      payload: {
        before: {
          status: 'done',
          doneAt: close.doneAt.toISOString(),
          doneBy: close.doneByUsername,
          note: close.task.note,
        },
        after: {
          status: 'open',
          doneAt: null,
          doneBy: null,
          note: before ? before.note : close.task.note,
          pendingReminderIds: restored,
        },
      },
    });
  });
  return (await findTask(store, id))!;
}

/**
 * Opens a closed task again and has the planner remind it from today. Who may is the caller's
 * business (/mo checks it; the CLI is the office admin).
 */
export async function reopenTask(store: Store, id: number, actor: Actor, now: Date, reason?: string): Promise<Task> {
  const close = await requireClosedTask(store, id);
  await prismaOf(store).$transaction(async (tx) => {
    const { count } = await tx.task.updateMany({
      where: { id, status: 'done', doneAt: close.doneAt.getTime() === 0 ? null : close.doneAt },
      data: { status: 'open', doneAt: null, doneById: null },
    });
    if (count !== 1) throw new UserError(`Việc #${id} vừa được người khác thay đổi, hãy xem lại.`, 'TASK_CHANGED');
    // Reminders the close cancelled that are still ahead go back to pending (their slot would
    // otherwise block today's reminder); the rest is the planner's, from the current state.
    const before = await closeRecord(tx, id);
    const ahead = await tx.reminder.findMany({
      where: { id: { in: before?.pendingReminderIds ?? [] }, scheduledFor: { gte: now } },
      select: { id: true },
    });
    await restoreReminders(
      tx,
      id,
      ahead.map((reminder) => reminder.id),
    );
    await requestReminderReplan(tx, id);
    await tellAssigneeOfReopen(tx, id, actor, now, reason);
    await recordAudit(tx, actor, 'task.reopen', {
      taskId: id,
      payload: {
        before: {
          status: 'done',
          doneAt: close.doneAt.getTime() === 0 ? null : close.doneAt.toISOString(),
          doneBy: close.doneByUsername,
        },
        after: { status: 'open', doneAt: null, doneBy: null },
        ...(reason ? { reason } : {}),
      },
    });
  });
  return (await findTask(store, id))!;
}

/** The assignee learns their task is open again, unless they reopened it themselves. */
async function tellAssigneeOfReopen(
  tx: DbTransaction,
  taskId: number,
  actor: Actor,
  now: Date,
  reason: string | undefined,
): Promise<void> {
  const task = await tx.task.findUniqueOrThrow({
    where: { id: taskId },
    select: { title: true, dueDate: true, assigneeId: true, assignee: { select: { active: true } } },
  });
  if (task.assigneeId === null || !task.assignee?.active) return;
  if (actor.kind === 'official' && actor.officialId === task.assigneeId) return;
  const by =
    actor.kind === 'official'
      ? (await tx.official.findUnique({ where: { id: actor.officialId }, select: { fullName: true } }))?.fullName
      : 'Văn phòng Sở';
  const text =
    `🔓 Việc #${taskId} «${task.title}» (hạn ${formatVietnamese(task.dueDate as LocalDate)}) đã được mở lại` +
    `${by ? ` bởi ${by}` : ''}: ${reason ?? '(không ghi lý do)'}. Bot sẽ nhắc lại việc này từ hôm nay.`;
  await queueNotices(tx, [{ officialId: task.assigneeId, text, taskId }], now);
}

/** What the task's latest close recorded of the state before it (older closes recorded none). */
async function closeRecord(tx: DbTransaction, taskId: number): Promise<ClosePayload['before'] | undefined> {
  const row = await tx.auditEvent.findFirst({
    where: { taskId, action: 'task.done' },
    orderBy: { id: 'desc' },
    select: { payload: true },
  });
  if (!row?.payload) return undefined;
  const payload = JSON.parse(row.payload) as Partial<ClosePayload> | null;
  const before = payload?.before;
  if (!before || !Array.isArray(before.pendingReminderIds)) return undefined;
  return before;
}

/** Pending again: the given reminders of the task that are still cancelled. Returns their ids. */
async function restoreReminders(tx: DbTransaction, taskId: number, ids: readonly number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const cancelled = await tx.reminder.findMany({
    where: { taskId, id: { in: [...ids] }, state: 'cancelled' },
    select: { id: true },
    orderBy: { id: 'asc' },
  });
  const restored = cancelled.map((reminder) => reminder.id);
  await tx.reminder.updateMany({ where: { id: { in: restored } }, data: { state: 'pending' } });
  return restored;
}
