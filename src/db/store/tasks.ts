import { join, sql } from '../generated/sqlite/internal/prismaNamespace.ts';
import { requireSafeText } from '../../domain/unsafe-text.ts';
import { prismaOf, type Store } from './store.ts';
import type { Actor, Task, TaskStatus } from '../../domain/model.ts';
import { UserError } from '../../domain/errors.ts';
import { daysBetween, formatVietnamese, vietnamDateOf, type LocalDate } from '../../domain/local-date.ts';
import { recordAudit } from './audit.ts';
import { encodeDeadlineBasis, type DeadlineBasis } from '../../domain/deadlines/deadline.ts';
import type { DbTransaction } from './transaction.ts';
import { isUniqueViolation } from './errors.ts';
import { parseSlot } from '../../domain/reminder-slot.ts';
import { requireActiveOfficial, requireOfficial } from './officials.ts';
import { unitSubtreeIds } from './unit-tree.ts';
import { BATCH_ROWS, chunks } from './task-batches.ts';
import { announceNewTasks } from './task-announcements.ts';
import { requireActiveUnit, requireUnit } from './units.ts';

const withNames = {
  unit: { select: { code: true } },
  assignee: { select: { username: true, fullName: true } },
} as const;

type TaskRow = {
  id: number;
  title: string;
  dutyCode: string | null;
  periodKey: string | null;
  sourceRef: string | null;
  eventDate: string | null;
  targetDate: string;
  dueDate: string;
  status: TaskStatus;
  doneAt: Date | null;
  note: string | null;
  confirmedAt: Date | null;
  unit: { code: string };
  assignee: { username: string; fullName: string } | null;
};

function toTask(row: TaskRow): Task {
  return {
    id: row.id,
    title: row.title,
    dutyCode: row.dutyCode,
    unitCode: row.unit.code,
    assigneeUsername: row.assignee?.username ?? null,
    assigneeName: row.assignee?.fullName ?? null,
    periodKey: row.periodKey,
    sourceRef: row.sourceRef,
    eventDate: row.eventDate as LocalDate | null,
    targetDate: row.targetDate as LocalDate,
    dueDate: row.dueDate as LocalDate,
    status: row.status,
    doneAt: row.doneAt,
    note: row.note,
    confirmedAt: row.confirmedAt,
  };
}

export interface NewTask {
  title: string;
  assigneeUsername: string;
  /** The legal end; a person's date is both target and due. */
  dueDate: LocalDate;
  /** When the office wants it done; by default the due date. */
  targetDate?: LocalDate;
  /** Where a rule's dates came from, to follow calendar changes; omitted = a person's date, kept. */
  deadlineBasis?: DeadlineBasis;
  dutyCode?: string;
  periodKey?: string;
  sourceRef?: string;
  eventDate?: LocalDate;
  note?: string;
  /** The unit answerable for the task; by default the assignee's unit. */
  unitCode?: string;
  /** One-stop records brought in by an import: confirmed at this instant. */
  confirmedAt?: Date;
  /**
   * Tell the assignee in their next morning digest ("Việc mới được giao"); default yes, except
   * for a task people register for themselves in chat. The demo and test factories turn it off.
   */
  announce?: boolean;
}

/** Whether a new task is news to its assignee: not when they registered it themselves. */
export function isNewsTo(assigneeId: number, actor: Actor, announce = true): boolean {
  return announce && !(actor.kind === 'official' && actor.officialId === assigneeId);
}

export async function addTask(store: Store, input: NewTask, actor: Actor): Promise<Task> {
  const db = prismaOf(store);
  requireSafeText(input.title, 'Tên việc');
  const assignee = await requireOfficial(store, input.assigneeUsername);
  requireActiveOfficial(assignee, 'giao việc mới cho cán bộ này');
  const unit = await requireUnit(store, input.unitCode ?? assignee.unitCode);
  requireActiveUnit(unit, 'giao việc mới cho đơn vị này');
  try {
    return await db.$transaction(async (tx) => {
      const row = await tx.task.create({
        data: {
          title: input.title,
          dutyCode: input.dutyCode ?? null,
          unitId: unit.id,
          assigneeId: assignee.id,
          periodKey: input.periodKey ?? null,
          sourceRef: input.sourceRef ?? null,
          eventDate: input.eventDate ?? null,
          ...taskDeadlineColumns(input),
          note: input.note ?? null,
          confirmedAt: input.confirmedAt ?? null,
        },
        include: withNames,
      });
      const { announce, ...audited } = input;
      await recordAudit(tx, actor, 'task.add', { taskId: row.id, payload: audited });
      if (isNewsTo(assignee.id, actor, announce))
        await announceNewTasks(tx, [{ taskId: row.id, officialId: assignee.id, title: row.title }]);
      return toTask(row);
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new UserError('Việc này đã có trong danh sách (trùng mã nhiệm vụ và kỳ/mã hồ sơ).', 'TASK_EXISTS');
    throw error;
  }
}

/** The date columns of a new task: target defaults to due; the basis is stored as its text. */
export function taskDeadlineColumns(input: Pick<NewTask, 'dueDate' | 'targetDate' | 'deadlineBasis'>): {
  targetDate: LocalDate;
  dueDate: LocalDate;
  deadlineBasis: string | null;
} {
  return {
    targetDate: input.targetDate ?? input.dueDate,
    dueDate: input.dueDate,
    deadlineBasis: input.deadlineBasis ? encodeDeadlineBasis(input.deadlineBasis) : null,
  };
}

/** A task no longer open must never be reminded: its pending reminders are cancelled with it. */
export async function silenceReminders(tx: DbTransaction, taskId: number): Promise<void> {
  await tx.reminder.updateMany({ where: { taskId, state: 'pending' }, data: { state: 'cancelled' } });
}

/** The former assignee's own reminders still waiting are not theirs to get any more. */
export async function silenceFormerAssignee(tx: DbTransaction, taskId: number, recipientId: number): Promise<void> {
  const pending = await tx.reminder.findMany({
    where: { taskId, recipientId, state: 'pending' },
    select: { id: true, slot: true },
  });
  const own = pending.filter((reminder) => parseSlot(reminder.slot)?.kind === 'assignee').map((r) => r.id);
  if (own.length > 0) {
    await tx.reminder.updateMany({ where: { id: { in: own }, state: 'pending' }, data: { state: 'cancelled' } });
  }
}

/** Cancels an open task (inside the caller's transaction); false when it was not open. */
export async function cancelOpenTask(
  tx: DbTransaction,
  taskId: number,
  actor: Actor,
  reason: string,
): Promise<boolean> {
  const { count } = await tx.task.updateMany({ where: { id: taskId, status: 'open' }, data: { status: 'cancelled' } });
  if (count !== 1) return false;
  await silenceReminders(tx, taskId);
  // The same shape as a cancel by the office or a head (task-corrections.ts): one kind of row.
  await recordAudit(tx, actor, 'task.cancel', {
    taskId,
    payload: { before: { status: 'open' }, after: { status: 'cancelled' }, reason },
  });
  return true;
}

export type TaskListStatus = TaskStatus | 'overdue';

/** A `TaskRow` with the unit's code and the assignee's names joined in flat columns. */
type TaskListRow = Omit<TaskRow, 'id' | 'unit' | 'assignee'> & {
  id: number | bigint;
  unitCode: string;
  assigneeUsername: string | null;
  assigneeName: string | null;
};

/**
 * Tasks by due date, then id. One joined SQL query: lists run to tens of thousands of rows (the
 * office's `task list`, exports), where Prisma's relation loading cost several times the query.
 */
export async function listTasks(
  store: Store,
  filter: {
    unitCode?: string;
    status?: TaskListStatus;
    assigneeUsername?: string;
    dutyCode?: string;
    /** Legal due date on or after / on or before. */
    dueFrom?: LocalDate;
    dueTo?: LocalDate;
  },
  today: LocalDate,
  /** At most this many (the web console's page); all when absent. */
  limit?: number,
): Promise<Task[]> {
  const unitIds = filter.unitCode ? await unitSubtreeIds(store, filter.unitCode) : undefined;
  const status = filter.status === 'overdue' ? 'open' : filter.status;
  const conditions = [
    ...(unitIds ? [sql`t."unitId" IN (${join(unitIds)})`] : []),
    ...(status ? [sql`t."status" = ${status}`] : []),
    ...(filter.status === 'overdue' ? [sql`t."dueDate" < ${today}`] : []),
    ...(filter.assigneeUsername ? [sql`a."username" = ${filter.assigneeUsername}`] : []),
    ...(filter.dutyCode ? [sql`t."dutyCode" = ${filter.dutyCode}`] : []),
    ...(filter.dueFrom ? [sql`t."dueDate" >= ${filter.dueFrom}`] : []),
    ...(filter.dueTo ? [sql`t."dueDate" <= ${filter.dueTo}`] : []),
  ];
  const rows = await prismaOf(store).$queryRaw<TaskListRow[]>`
    SELECT t."id", t."title", t."dutyCode", t."periodKey", t."sourceRef", t."eventDate", t."targetDate", t."dueDate",
           t."status", t."doneAt", t."note", t."confirmedAt", u."code" AS "unitCode",
           a."username" AS "assigneeUsername", a."fullName" AS "assigneeName"
      FROM "Task" t
      JOIN "Unit" u ON u."id" = t."unitId"
      LEFT JOIN "Official" a ON a."id" = t."assigneeId"
     WHERE ${conditions.length > 0 ? join(conditions, ' AND ') : sql`1 = 1`}
     ORDER BY t."dueDate", t."id"
     ${limit === undefined ? sql`` : sql`LIMIT ${limit}`}`;
  return rows.map((row) => ({
    id: Number(row.id),
    title: row.title,
    dutyCode: row.dutyCode,
    unitCode: row.unitCode,
    assigneeUsername: row.assigneeUsername,
    assigneeName: row.assigneeName,
    periodKey: row.periodKey,
    sourceRef: row.sourceRef,
    eventDate: row.eventDate as LocalDate | null,
    targetDate: row.targetDate as LocalDate,
    dueDate: row.dueDate as LocalDate,
    status: row.status,
    doneAt: row.doneAt,
    note: row.note,
    confirmedAt: row.confirmedAt === null ? null : new Date(row.confirmedAt),
  }));
}

export async function findTask(store: Store, id: number): Promise<Task | undefined> {
  const db = prismaOf(store);
  const row = await db.task.findUnique({ where: { id }, include: withNames });
  return row ? toTask(row) : undefined;
}

/** Which of `ids` are tasks assigned to `officialId` (a group reply "xong" closes only one's own). */
export async function tasksAssignedTo(store: Store, officialId: number, ids: readonly number[]): Promise<number[]> {
  const rows = await prismaOf(store).task.findMany({
    where: { id: { in: [...ids] }, assigneeId: officialId },
    select: { id: true },
  });
  const own = new Set(rows.map((row) => row.id));
  return ids.filter((id) => own.has(id));
}

/** The task of an event duty for one record (e.g. the apology-letter task of a dossier). */
export async function findTaskBySource(store: Store, dutyCode: string, sourceRef: string): Promise<Task | undefined> {
  const row = await prismaOf(store).task.findUnique({
    where: { dutyCode_sourceRef: { dutyCode, sourceRef } },
    include: withNames,
  });
  return row ? toTask(row) : undefined;
}

/** The tasks of `dutyCode` among source references `refs`, by reference. */
export async function findTasksBySource(
  store: Store,
  dutyCode: string,
  refs: readonly string[],
): Promise<Map<string, Task>> {
  const found = new Map<string, Task>();
  for (const batch of chunks(refs, BATCH_ROWS)) {
    const rows = await prismaOf(store).task.findMany({
      where: { dutyCode, sourceRef: { in: batch } },
      include: withNames,
    });
    for (const row of rows) if (row.sourceRef !== null) found.set(row.sourceRef, toTask(row));
  }
  return found;
}

/** The audit payload of `task.done`: what the close changed, so that it can be undone. */
export interface ClosePayload {
  before: { status: 'open'; note: string | null; pendingReminderIds: number[] };
  after: { status: 'done'; doneAt: string; note: string | null; pendingReminderIds: number[] };
}

export interface ClosedTask {
  task: Task;
  /** 0 when done on or before the due date. */
  daysLate: number;
}

/** Closes an open task and silences its pending reminders, in one transaction. */
export async function markTaskDone(
  store: Store,
  id: number,
  actor: Actor,
  now: Date,
  note?: string,
): Promise<ClosedTask> {
  const db = prismaOf(store);
  const existing = await findTask(store, id);
  if (!existing) throw new UserError(`Không có việc số ${id}.`, 'TASK_NOT_FOUND');
  if (existing.status === 'cancelled')
    throw new UserError(`Việc #${id} đã bị huỷ, không cần báo xong.`, 'TASK_CANCELLED');
  if (existing.status === 'done') {
    const when = existing.doneAt ? ` ngày ${formatVietnamese(vietnamDateOf(existing.doneAt))}` : '';
    throw new UserError(`Việc #${id} đã được báo xong${when}.`, 'TASK_ALREADY_DONE');
  }
  const doneById = actor.kind === 'official' ? actor.officialId : null;
  const task = await db.$transaction(async (tx) => {
    const { note: noteBefore } = await tx.task.findUniqueOrThrow({ where: { id }, select: { note: true } });
    const pending = await tx.reminder.findMany({ where: { taskId: id, state: 'pending' }, select: { id: true } });
    // Conditional on still being open: two people closing at once cannot both succeed.
    const { count } = await tx.task.updateMany({
      where: { id, status: 'open' },
      data: { status: 'done', doneAt: now, doneById, ...(note ? { note } : {}) },
    });
    if (count !== 1) throw new UserError(`Việc #${id} vừa được người khác báo xong.`, 'TASK_ALREADY_DONE');
    await silenceReminders(tx, id);
    // The state before is what an undo restores (src/db/store/task-closing.ts): the note, and
    // which pending reminders this close cancelled.
    const pendingReminderIds = pending.map((reminder) => reminder.id);
    await recordAudit(tx, actor, 'task.done', {
      taskId: id,
      payload: {
        before: { status: 'open', note: noteBefore, pendingReminderIds },
        after: { status: 'done', doneAt: now.toISOString(), note: note ?? noteBefore, pendingReminderIds: [] },
      } satisfies ClosePayload,
    });
    return toTask(await tx.task.findUniqueOrThrow({ where: { id }, include: withNames }));
  });
  return { task, daysLate: Math.max(0, daysBetween(task.dueDate, vietnamDateOf(now))) };
}
