// New tasks (generated, imported, given by the office) are announced to their official in the
// next morning digest, all in one list, not one message each. Each is a Notice row with onceKey
// `moi:<task>` that the notice sweep never claims (its nextAttemptAt is out of reach): the morning
// digest lists the still-relevant ones and settles them all (src/reminders/morning.ts).
import type { LocalDate } from '../../domain/local-date.ts';
import { prismaOf, type Store } from './store.ts';
import type { DbTransaction } from './transaction.ts';

export const NEW_TASK_KEY_PREFIX = 'moi:';
/** Never due for the notice sweep: only the morning digest takes these. */
const ONLY_IN_MORNING_DIGEST = new Date('9999-12-31T00:00:00Z');

export interface NewTaskAnnouncement {
  taskId: number;
  officialId: number;
  title: string;
}

/** Queues the announcement of each new task to its assignee, in the transaction that creates them. */
export async function announceNewTasks(tx: DbTransaction, tasks: readonly NewTaskAnnouncement[]): Promise<void> {
  if (tasks.length === 0) return;
  await tx.notice.createMany({
    data: tasks.map((task) => ({
      recipientId: task.officialId,
      taskId: task.taskId,
      onceKey: `${NEW_TASK_KEY_PREFIX}${task.taskId}`,
      text: `Việc mới được giao: #${task.taskId} «${task.title}» (báo trong bản tin buổi sáng)`,
      nextAttemptAt: ONLY_IN_MORNING_DIGEST,
    })),
  });
}

/** Where clause: announcements still waiting for their morning digest. */
export const WAITING_NEW_TASKS = { state: 'pending' as const, onceKey: { startsWith: NEW_TASK_KEY_PREFIX } };

export interface WaitingNewTask {
  noticeId: number;
  /** Undefined when the task is no longer this person's open task (closed, cancelled, given away). */
  task?: { id: number; title: string; targetDate: LocalDate; dueDate: LocalDate };
}

export async function newTasksWaiting(store: Store, recipientId: number): Promise<WaitingNewTask[]> {
  const db = prismaOf(store);
  const notices = await db.notice.findMany({
    where: { recipientId, ...WAITING_NEW_TASKS },
    select: { id: true, taskId: true },
    orderBy: { id: 'asc' },
  });
  const tasks = await db.task.findMany({
    where: { id: { in: notices.flatMap((notice) => (notice.taskId === null ? [] : [notice.taskId])) } },
    select: { id: true, title: true, targetDate: true, dueDate: true, status: true, assigneeId: true },
  });
  const byId = new Map(tasks.map((task) => [task.id, task]));
  return notices.map((notice) => {
    const task = notice.taskId === null ? undefined : byId.get(notice.taskId);
    const current = task && task.status === 'open' && task.assigneeId === recipientId;
    return current
      ? {
          noticeId: notice.id,
          task: {
            id: task.id,
            title: task.title,
            targetDate: task.targetDate as LocalDate,
            dueDate: task.dueDate as LocalDate,
          },
        }
      : { noticeId: notice.id };
  });
}

/** The announcements went out in a morning digest (or had nothing left to say, or nowhere to go). */
export async function settleNewTaskNotices(
  store: Store,
  settled: { sent: number[]; stale: number[]; failed: number[] },
  now: Date,
  failure?: string,
): Promise<void> {
  const db = prismaOf(store);
  if (settled.sent.length > 0)
    await db.notice.updateMany({
      where: { id: { in: settled.sent } },
      data: { state: 'sent', sentAt: now, attempts: 1 },
    });
  if (settled.stale.length > 0)
    await db.notice.updateMany({
      where: { id: { in: settled.stale } },
      data: { state: 'sent', lastError: 'không báo: việc đã xong, bị huỷ hoặc đã giao người khác trước bản tin' },
    });
  if (settled.failed.length > 0)
    await db.notice.updateMany({
      where: { id: { in: settled.failed } },
      data: { state: 'failed', attempts: 1, lastError: failure ?? 'không gửi được bản tin buổi sáng' },
    });
}
