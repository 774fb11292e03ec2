// The planner's side of the outbox: open tasks whose next reminder date has come, turned into
// outbox rows in batches, each batch one transaction.
import type { LocalDate } from '../../domain/local-date.ts';
import { systemActor } from '../../domain/model.ts';
import { empty, sql } from '../generated/sqlite/internal/prismaNamespace.ts';
import { recordAudits } from './audit.ts';
import { insertOutboxEntries, type OutboxEntry } from './outbox-rows.ts';
import { prismaOf, providerOf, type Store } from './store.ts';
import type { DbTransaction } from './transaction.ts';

/** Task.nextReminderOn of a task never planned (the column's default) or to be planned again. */
const PLAN_AGAIN = '0000-00-00';

export interface TaskToPlan {
  id: number;
  targetDate: LocalDate;
  dueDate: LocalDate;
  snoozedUntil: LocalDate | null;
  /** Null: never planned, or to be planned again from today. */
  nextReminderOn: LocalDate | null;
  dutyCode: string | null;
  unitId: number;
  assigneeId: number | null;
  assigneeActive: boolean;
}

export type TaskPlan = { entries: OutboxEntry[]; next: LocalDate | null; skipped?: string } | 'wait';

export interface PlanBatchResult {
  /** Tasks read. */
  selected: number;
  /** Tasks whose next reminder date moved on. */
  advanced: number;
  /** Outbox rows written (existing ones are left alone). */
  inserted: number;
}

interface TaskRow {
  id: number | bigint;
  targetDate: string;
  dueDate: string;
  snoozedUntil: string | null;
  nextReminderOn: string | null;
  dutyCode: string | null;
  unitId: number | bigint;
  assigneeId: number | bigint | null;
  active: boolean | number | bigint | null;
}

function truthy(value: unknown): boolean {
  return value === true || value === 1 || value === 1n || value === '1';
}

function toTaskToPlan(row: TaskRow): TaskToPlan {
  return {
    id: Number(row.id),
    targetDate: row.targetDate as LocalDate,
    dueDate: row.dueDate as LocalDate,
    snoozedUntil: (row.snoozedUntil as LocalDate | null) ?? null,
    nextReminderOn:
      row.nextReminderOn === null || row.nextReminderOn === PLAN_AGAIN ? null : (row.nextReminderOn as LocalDate),
    dutyCode: row.dutyCode ?? null,
    unitId: Number(row.unitId),
    assigneeId: row.assigneeId === null ? null : Number(row.assigneeId),
    assigneeActive: truthy(row.active),
  };
}

/**
 * One batch of the planner: the open tasks whose next reminder date is on or before `today`
 * (through the (status, nextReminderOn) index, so the cost follows what is due), turned into
 * outbox rows by `decide`, and their next reminder date moved on — in one transaction, so a crash
 * leaves either both or neither. On PostgreSQL the tasks are locked SKIP LOCKED: processes
 * planning at the same time take different tasks.
 */
export async function planDueTasks(
  store: Store,
  today: LocalDate,
  limit: number,
  decide: (tasks: TaskToPlan[]) => Map<number, TaskPlan>,
): Promise<PlanBatchResult> {
  const lock = providerOf(store) === 'postgresql' ? sql`FOR UPDATE OF t SKIP LOCKED` : empty;
  return prismaOf(store).$transaction(
    async (tx) => {
      const rows = await tx.$queryRaw<TaskRow[]>`
        SELECT t."id", t."targetDate", t."dueDate", t."snoozedUntil", t."nextReminderOn", t."dutyCode", t."unitId", t."assigneeId", o."active"
          FROM "Task" t LEFT JOIN "Official" o ON o."id" = t."assigneeId"
         WHERE t."status" = 'open' AND t."nextReminderOn" <= ${today}
         ORDER BY t."nextReminderOn", t."id"
         LIMIT ${limit} ${lock}`;
      const tasks = rows.map(toTaskToPlan);
      if (tasks.length === 0) return { selected: 0, advanced: 0, inserted: 0 };
      return { selected: tasks.length, ...(await applyPlans(tx, decide(tasks))) };
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
}

async function applyPlans(tx: DbTransaction, plans: Map<number, TaskPlan>): Promise<Omit<PlanBatchResult, 'selected'>> {
  const entries: OutboxEntry[] = [];
  const byNext = new Map<string | null, number[]>();
  const skipped: { taskId: number; reason: string }[] = [];
  for (const [taskId, plan] of plans) {
    if (plan === 'wait') continue;
    entries.push(...plan.entries);
    byNext.set(plan.next, [...(byNext.get(plan.next) ?? []), taskId]);
    if (plan.skipped) skipped.push({ taskId, reason: plan.skipped });
  }
  const inserted = await insertOutboxEntries(tx, entries);
  let advanced = 0;
  for (const [next, ids] of byNext) {
    const result = await tx.task.updateMany({ where: { id: { in: ids } }, data: { nextReminderOn: next } });
    advanced += result.count;
  }
  // Recorded where the office can query it (audit log), once per task and policy day.
  await recordAudits(
    tx,
    systemActor('scheduler'),
    skipped.map(({ taskId, reason }) => ({ action: 'reminder.skipped', taskId, payload: { reason } })),
  );
  return { advanced, inserted };
}

/** Whether any open task's next reminder date has come (one index lookup). */
export async function hasTasksToPlan(store: Store, today: LocalDate): Promise<boolean> {
  const task = await prismaOf(store).task.findFirst({
    where: { status: 'open', nextReminderOn: { lte: today } },
    select: { id: true },
  });
  return task !== null;
}

/**
 * Has the planner look at a task again at its next sweep (from today on). Call it in the same
 * transaction as a change to a task's due date, assignee or status (reopened).
 */
export async function requestReminderReplan(tx: DbTransaction, taskId: number): Promise<void> {
  await tx.task.updateMany({ where: { id: taskId }, data: { nextReminderOn: PLAN_AGAIN } });
}
