// Correcting a task after it was given: its title, due date or note (`task edit`), who does it
// (`task reassign`, /giao), or calling it off (`task cancel`, /huy). The CLI and the chat call
// these same functions; who may is the caller's business (the CLI is the office admin, the chat
// checks src/chat/permissions.ts). Each change is one transaction with its audit row (before and
// after), the notices to the officials it concerns, and the reminder planner's replan.
import { deadlineDates } from '../../domain/deadlines/deadline.ts';
import { UserError } from '../../domain/errors.ts';
import { formatVietnamese, type LocalDate } from '../../domain/local-date.ts';
import type { Actor, Task } from '../../domain/model.ts';
import { requireSafeText } from '../../domain/unsafe-text.ts';
import { recordAudit } from './audit.ts';
import { queueNotices, type NewNotice } from './notices.ts';
import { requireActiveOfficial, requireOfficial } from './officials.ts';
import { requestReminderReplan } from './reminder-planning.ts';
import { prismaOf, type Store } from './store.ts';
import { findTask, silenceFormerAssignee, silenceReminders } from './tasks.ts';
import { requireActiveUnit, requireUnit } from './units.ts';

type Fields = Record<string, string | null>;

/** A correction: the task as it is now, what changed, and which officials were told. */
export interface TaskCorrection {
  task: Task;
  before: Fields;
  after: Fields;
  /** Usernames of the officials a notice was queued for. */
  notified: string[];
}

export interface TaskEdit {
  title?: string;
  dueDate?: LocalDate;
  note?: string;
}

const CLOSED_STATUS = { done: 'đã được báo xong', cancelled: 'đã bị huỷ' } as const;

async function requireTask(store: Store, id: number): Promise<Task> {
  const task = await findTask(store, id);
  if (!task) throw new UserError(`Không có việc số ${id}.`, 'TASK_NOT_FOUND');
  return task;
}

function requireOpen(task: Task, what: string): void {
  if (task.status !== 'open')
    throw new UserError(`Việc #${task.id} ${CLOSED_STATUS[task.status]}, không ${what} được nữa.`, 'TASK_CLOSED');
}

function changed(): never {
  throw new UserError('Việc này vừa được người khác thay đổi, hãy xem lại rồi thử lại.', 'TASK_CHANGED');
}

/** `Việc #12 «Báo cáo tháng 11»`: how every notice names a task. */
function named(task: Pick<Task, 'id' | 'title'>): string {
  return `#${task.id} «${task.title}»`;
}

/** Whether `officialId` is the one acting: nobody is told of their own change. */
function isActor(actor: Actor, officialId: number): boolean {
  return actor.kind === 'official' && actor.officialId === officialId;
}

/** Changes a task's title, due date and/or note. The due date only of an open task. */
export async function editTask(
  store: Store,
  id: number,
  edit: TaskEdit,
  actor: Actor,
  now: Date,
): Promise<TaskCorrection> {
  if (edit.title === undefined && edit.dueDate === undefined && edit.note === undefined)
    throw new UserError('Chưa có gì để sửa: thêm --title, --due hoặc --note.', 'NOTHING_TO_EDIT');
  if (edit.title !== undefined) requireSafeText(edit.title, 'Tên việc');
  const task = await requireTask(store, id);
  if (edit.dueDate !== undefined) requireOpen(task, 'đổi hạn');
  const current: Fields = { title: task.title, targetDate: task.targetDate, dueDate: task.dueDate, note: task.note };
  const given = Object.entries(edit).filter(([, value]) => value !== undefined);
  // A date a person sets is both the target and the legal end: setting the legal date of a task
  // whose target is earlier changes the target.
  const wanted: Fields = {
    ...current,
    ...Object.fromEntries(given),
    ...(edit.dueDate !== undefined ? { targetDate: edit.dueDate } : {}),
  };
  // The target is worth a word of its own only where it differed from the legal date.
  const targetOwnKey = task.targetDate !== task.dueDate;
  const keys = Object.keys(wanted).filter(
    (key) => wanted[key] !== current[key] && (key !== 'targetDate' || targetOwnKey),
  );
  if (keys.length === 0) throw new UserError(`Việc #${id} đã đúng như vậy, không có gì thay đổi.`, 'NOTHING_CHANGED');
  const before = Object.fromEntries(keys.map((key) => [key, current[key] ?? null]));
  const after = Object.fromEntries(keys.map((key) => [key, wanted[key] ?? null]));

  const sentences: string[] = [];
  if (keys.includes('title')) sentences.push(`Việc ${named(task)} đã đổi tên thành «${edit.title}».`);
  const datesMove = keys.includes('dueDate') || keys.includes('targetDate');
  if (datesMove)
    sentences.push(
      `Hạn việc #${id} «${wanted.title}» đổi từ ${deadlineDates(task)} thành ${formatVietnamese(edit.dueDate!)}.`,
    );
  if (keys.includes('note')) sentences.push(`Ghi chú của việc #${id} «${wanted.title}»: ${edit.note}`);

  const notified: string[] = [];
  await prismaOf(store).$transaction(async (tx) => {
    const row = await tx.task.findUniqueOrThrow({ where: { id }, select: { assigneeId: true } });
    // Conditional on what was read: two corrections at once cannot overwrite each other unseen.
    const { count } = await tx.task.updateMany({
      where: {
        id,
        status: task.status,
        title: task.title,
        targetDate: task.targetDate,
        dueDate: task.dueDate,
        note: task.note,
      },
      data: {
        ...Object.fromEntries(keys.map((key) => [key, wanted[key]])),
        // No calendar change moves a date a person set.
        ...(datesMove ? { targetDate: wanted.targetDate!, deadlineBasis: null } : {}),
      },
    });
    if (count !== 1) changed();
    if (datesMove) await requestReminderReplan(tx, id);
    await recordAudit(tx, actor, 'task.edit', { taskId: id, payload: { before, after } });
    // Only the assignee of an open task is told: a closed task is nobody's work any more.
    if (task.status === 'open' && row.assigneeId !== null && !isActor(actor, row.assigneeId)) {
      await queueNotices(tx, [{ officialId: row.assigneeId, text: sentences.join(' '), taskId: id }], now);
      notified.push(task.assigneeUsername!);
    }
  });
  return { task: await requireTask(store, id), before, after, notified };
}

/**
 * Gives an open task to another active official. The task's unit becomes the new assignee's unit
 * (the unit answerable for it, whose heads are told when it is late). The former assignee's
 * waiting reminders are cancelled; the planner reminds the new one from today.
 */
export async function reassignTask(
  store: Store,
  id: number,
  username: string,
  actor: Actor,
  now: Date,
): Promise<TaskCorrection> {
  const task = await requireTask(store, id);
  requireOpen(task, 'giao lại');
  const assignee = await requireOfficial(store, username);
  if (task.assigneeUsername === assignee.username)
    throw new UserError(`Việc #${id} đã do ${assignee.fullName} (${assignee.username}) làm rồi.`, 'SAME_ASSIGNEE');
  requireActiveOfficial(assignee, 'giao việc cho cán bộ này');
  const unit = await requireUnit(store, assignee.unitCode);
  requireActiveUnit(unit, 'giao việc cho đơn vị này');
  const before: Fields = { assignee: task.assigneeUsername, unit: task.unitCode };
  const after: Fields = { assignee: assignee.username, unit: unit.code };

  const notified: string[] = [];
  await prismaOf(store).$transaction(async (tx) => {
    const row = await tx.task.findUniqueOrThrow({
      where: { id },
      select: { assigneeId: true, assignee: { select: { fullName: true, username: true, active: true } } },
    });
    const { count } = await tx.task.updateMany({
      where: { id, status: 'open', assigneeId: row.assigneeId },
      data: { assigneeId: assignee.id, unitId: unit.id },
    });
    if (count !== 1) changed();
    if (row.assigneeId !== null) await silenceFormerAssignee(tx, id, row.assigneeId);
    await requestReminderReplan(tx, id);
    await recordAudit(tx, actor, 'task.reassign', { taskId: id, payload: { before, after } });
    const formerly = row.assignee ? ` (trước đây: ${row.assignee.fullName})` : '';
    const notices: NewNotice[] = [];
    if (!isActor(actor, assignee.id)) {
      notices.push({
        officialId: assignee.id,
        text: `Việc ${named(task)} đã được giao cho anh/chị${formerly}, hạn ${formatVietnamese(task.dueDate)}.`,
        taskId: id,
      });
      notified.push(assignee.username);
    }
    // An official who has left gets nothing: their chats are unlinked.
    if (row.assigneeId !== null && row.assignee?.active && !isActor(actor, row.assigneeId)) {
      notices.push({
        officialId: row.assigneeId,
        text: `Việc ${named(task)} đã được chuyển cho ${assignee.fullName}.`,
        taskId: id,
      });
      notified.push(row.assignee.username);
    }
    await queueNotices(tx, notices, now);
  });
  return { task: await requireTask(store, id), before, after, notified };
}

/** Calls off an open task, with a reason: no more reminders, the assignee is told why. */
export async function cancelTask(
  store: Store,
  id: number,
  reason: string,
  actor: Actor,
  now: Date,
): Promise<TaskCorrection & { reason: string }> {
  const why = reason.trim();
  if (why === '') throw new UserError(`Hãy ghi lý do huỷ việc #${id}.`, 'REASON_REQUIRED');
  requireSafeText(why, 'Lý do huỷ');
  const task = await requireTask(store, id);
  requireOpen(task, 'huỷ');
  const before: Fields = { status: 'open' };
  const after: Fields = { status: 'cancelled' };

  const notified: string[] = [];
  await prismaOf(store).$transaction(async (tx) => {
    const row = await tx.task.findUniqueOrThrow({ where: { id }, select: { assigneeId: true } });
    const { count } = await tx.task.updateMany({ where: { id, status: 'open' }, data: { status: 'cancelled' } });
    if (count !== 1) changed();
    // Everyone's waiting reminders of the task: the assignee's and the heads' escalations.
    await silenceReminders(tx, id);
    await requestReminderReplan(tx, id);
    await recordAudit(tx, actor, 'task.cancel', { taskId: id, payload: { before, after, reason: why } });
    if (row.assigneeId !== null && !isActor(actor, row.assigneeId)) {
      await queueNotices(
        tx,
        [
          {
            officialId: row.assigneeId,
            text: `Việc ${named(task)} đã bị huỷ: ${why.replace(/[.!]+$/, '')}.`,
            taskId: id,
          },
        ],
        now,
      );
      notified.push(task.assigneeUsername!);
    }
  });
  return { task: await requireTask(store, id), before, after, notified, reason: why };
}
