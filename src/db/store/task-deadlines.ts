// Tasks whose dates a rule made, read so the dates can be computed again (the calendar changed),
// and the moved dates written back: one transaction per batch, each move conditional on the
// dates read (a correction made meanwhile wins), audited with before/after and the reason, the
// planner asked to look again, and the assignee of an open task told.
import type { LocalDate } from '../../domain/local-date.ts';
import type { Actor, TaskStatus } from '../../domain/model.ts';
import { recordAudits, type NewAuditEntry } from './audit.ts';
import { queueNotices, type NewNotice } from './notices.ts';
import { prismaOf, type Store } from './store.ts';
import { writeSetting } from './settings.ts';

export interface RuleDatedTask {
  id: number;
  title: string;
  status: TaskStatus;
  dutyCode: string | null;
  periodKey: string | null;
  eventDate: LocalDate | null;
  targetDate: LocalDate;
  dueDate: LocalDate;
  deadlineBasis: string;
  assigneeId: number | null;
  assigneeUsername: string | null;
  unitCode: string;
}

export interface DeadlineMove {
  task: RuleDatedTask;
  targetDate: LocalDate;
  dueDate: LocalDate;
  /** Told to the assignee of an open task; undefined = nobody is told (e.g. an upgrade's backfill). */
  notice?: string;
}

/** Rows per transaction: a calendar change can move thousands of tasks; the bot keeps answering meanwhile. */
const MOVES_PER_TRANSACTION = 500;

export async function listRuleDatedTasks(store: Store, scope: { openOnly: boolean }): Promise<RuleDatedTask[]> {
  const rows = await prismaOf(store).task.findMany({
    where: { deadlineBasis: { not: null }, ...(scope.openOnly ? { status: 'open' as const } : {}) },
    select: {
      id: true,
      title: true,
      status: true,
      dutyCode: true,
      periodKey: true,
      eventDate: true,
      targetDate: true,
      dueDate: true,
      deadlineBasis: true,
      assigneeId: true,
      assignee: { select: { username: true } },
      unit: { select: { code: true } },
    },
    orderBy: { id: 'asc' },
  });
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    status: row.status,
    dutyCode: row.dutyCode,
    periodKey: row.periodKey,
    eventDate: row.eventDate as LocalDate | null,
    targetDate: row.targetDate as LocalDate,
    dueDate: row.dueDate as LocalDate,
    deadlineBasis: row.deadlineBasis!,
    assigneeId: row.assigneeId,
    assigneeUsername: row.assignee?.username ?? null,
    unitCode: row.unit.code,
  }));
}

/**
 * Writes the moves; returns the ids actually moved (a task changed since it was read is left
 * alone). `settings` are written with the last batch, so a crash midway runs the sync again.
 */
export async function applyDeadlineMoves(
  store: Store,
  moves: readonly DeadlineMove[],
  context: { actor: Actor; now: Date; reason: string; settings?: Record<string, string> },
): Promise<number[]> {
  const moved: number[] = [];
  const batches = Math.max(1, Math.ceil(moves.length / MOVES_PER_TRANSACTION));
  for (let index = 0; index < batches; index++) {
    const batch = moves.slice(index * MOVES_PER_TRANSACTION, (index + 1) * MOVES_PER_TRANSACTION);
    await prismaOf(store).$transaction(
      async (tx) => {
        const audits: NewAuditEntry[] = [];
        const notices: NewNotice[] = [];
        for (const move of batch) {
          const { task } = move;
          const { count } = await tx.task.updateMany({
            where: {
              id: task.id,
              targetDate: task.targetDate,
              dueDate: task.dueDate,
              deadlineBasis: task.deadlineBasis,
            },
            // The planner looks again from today: reminders follow the new dates.
            data: { targetDate: move.targetDate, dueDate: move.dueDate, nextReminderOn: '0000-00-00' },
          });
          if (count !== 1) continue;
          moved.push(task.id);
          audits.push({
            action: 'task.deadline-recomputed',
            taskId: task.id,
            payload: {
              before: { targetDate: task.targetDate, dueDate: task.dueDate },
              after: { targetDate: move.targetDate, dueDate: move.dueDate },
              reason: context.reason,
            },
          });
          if (move.notice && task.status === 'open' && task.assigneeId !== null)
            notices.push({ officialId: task.assigneeId, text: move.notice, taskId: task.id });
        }
        await recordAudits(tx, context.actor, audits);
        await queueNotices(tx, notices, context.now);
        if (index === batches - 1)
          for (const [key, value] of Object.entries(context.settings ?? {})) await writeSetting(tx, key, value);
      },
      { timeout: 60_000, maxWait: 30_000 },
    );
  }
  return moved;
}
