// The reminder outbox. Each (task, recipient, slot) is one row, unique, moving
// pending → sending → sent | failed (or cancelled when its task closed or was snoozed). The claim
// is one atomic statement, so a row is sent by one process only; on PostgreSQL the recipients are
// picked with FOR NO KEY UPDATE SKIP LOCKED so that several processes share the work, each
// person's rows going to one process (one message per person). Raw SQL is provider-specific
// here and nowhere else.
import type { ChannelKind } from '../../channels/channel.ts';
import type { LocalDate } from '../../domain/local-date.ts';
import type { DatabaseProvider, DbClient } from '../database.ts';
import type { DbTransaction } from './transaction.ts';

type Sql = Pick<DbClient, '$queryRawUnsafe' | '$executeRawUnsafe'>;

/** `?` placeholders as each database wants them ($1, $2… on PostgreSQL). */
function sql(provider: DatabaseProvider, text: string): string {
  if (provider === 'sqlite') return text;
  let n = 0;
  return text.replace(/\?/g, () => `$${++n}`);
}

function placeholders(count: number): string {
  return Array.from({ length: count }, () => '?').join(', ');
}

function truthy(value: unknown): boolean {
  return value === true || value === 1 || value === 1n || value === '1';
}

// ---------------------------------------------------------------------------------------------
// Planning

export interface TaskToPlan {
  id: number;
  dueDate: LocalDate;
  snoozedUntil: LocalDate | null;
  nextReminderOn: string;
  dutyCode: string | null;
  unitId: number;
  assigneeId: number | null;
  assigneeActive: boolean;
}

export interface OutboxEntry {
  taskId: number;
  recipientId: number;
  slot: string;
  scheduledFor: Date;
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

/**
 * One batch of the planner: the open tasks whose next reminder date is on or before `today`
 * (through the (status, nextReminderOn) index, so the cost follows what is due), turned into
 * outbox rows by `decide`, and their next reminder date moved on — in one transaction, so a crash
 * leaves either both or neither. On PostgreSQL the tasks are locked SKIP LOCKED: processes
 * planning at the same time take different tasks.
 */
export async function planDueTasks(
  db: DbClient,
  provider: DatabaseProvider,
  today: LocalDate,
  limit: number,
  decide: (tasks: TaskToPlan[]) => Map<number, TaskPlan>,
): Promise<PlanBatchResult> {
  return db.$transaction(
    async (tx) => {
      const lock = provider === 'postgresql' ? 'FOR UPDATE OF t SKIP LOCKED' : '';
      const rows = await tx.$queryRawUnsafe<Record<string, unknown>[]>(
        sql(
          provider,
          `SELECT t."id", t."dueDate", t."snoozedUntil", t."nextReminderOn", t."dutyCode", t."unitId", t."assigneeId", o."active"
             FROM "Task" t LEFT JOIN "Official" o ON o."id" = t."assigneeId"
            WHERE t."status" = 'open' AND t."nextReminderOn" <= ?
            ORDER BY t."nextReminderOn", t."id"
            LIMIT ? ${lock}`,
        ),
        today,
        limit,
      );
      const tasks: TaskToPlan[] = rows.map((row) => ({
        id: Number(row.id),
        dueDate: row.dueDate as LocalDate,
        snoozedUntil: (row.snoozedUntil as LocalDate | null) ?? null,
        nextReminderOn: String(row.nextReminderOn),
        dutyCode: (row.dutyCode as string | null) ?? null,
        unitId: Number(row.unitId),
        assigneeId: row.assigneeId === null ? null : Number(row.assigneeId),
        assigneeActive: truthy(row.active),
      }));
      if (tasks.length === 0) return { selected: 0, advanced: 0, inserted: 0 };
      const plans = decide(tasks);
      const entries: OutboxEntry[] = [];
      const byNext = new Map<string | null, number[]>();
      const skipped: { taskId: number; reason: string }[] = [];
      for (const [taskId, plan] of plans) {
        if (plan === 'wait') continue;
        entries.push(...plan.entries);
        byNext.set(plan.next, [...(byNext.get(plan.next) ?? []), taskId]);
        if (plan.skipped) skipped.push({ taskId, reason: plan.skipped });
      }
      const inserted = await insertOutboxEntries(tx, provider, entries);
      let advanced = 0;
      for (const [next, ids] of byNext) {
        const result = await tx.task.updateMany({ where: { id: { in: ids } }, data: { nextReminderOn: next } });
        advanced += result.count;
      }
      if (skipped.length > 0) {
        // Recorded where the office can query it (audit log), once per task and policy day.
        await tx.auditEvent.createMany({
          data: skipped.map(({ taskId, reason }) => ({
            actorKind: 'system',
            channel: 'scheduler',
            action: 'reminder.skipped',
            taskId,
            payload: JSON.stringify({ reason }),
          })),
        });
      }
      return { selected: tasks.length, advanced, inserted };
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
}

/** Whether any open task's next reminder date has come (one index lookup). */
export async function hasTasksToPlan(db: DbClient, today: LocalDate): Promise<boolean> {
  const task = await db.task.findFirst({
    where: { status: 'open', nextReminderOn: { lte: today } },
    select: { id: true },
  });
  return task !== null;
}

async function insertOutboxEntries(
  tx: DbTransaction,
  provider: DatabaseProvider,
  entries: OutboxEntry[],
): Promise<number> {
  let inserted = 0;
  const createdAt = new Date();
  // 100 rows × 6 parameters stays far below every driver's parameter limit.
  for (let start = 0; start < entries.length; start += 100) {
    const chunk = entries.slice(start, start + 100);
    const values = chunk.map(() => `(${placeholders(6)}, 'pending', 0)`).join(', ');
    const params = chunk.flatMap((entry) => [
      entry.taskId,
      entry.recipientId,
      entry.slot,
      entry.scheduledFor,
      entry.scheduledFor,
      createdAt,
    ]);
    inserted += await tx.$executeRawUnsafe(
      sql(
        provider,
        `INSERT INTO "Reminder" ("taskId", "recipientId", "slot", "scheduledFor", "nextAttemptAt", "createdAt", "state", "attempts")
         VALUES ${values}
         ON CONFLICT ("taskId", "recipientId", "slot") DO NOTHING`,
      ),
      ...params,
    );
  }
  return inserted;
}

/**
 * Has the planner look at a task again at its next sweep (from today on). Call it in the same
 * transaction as a change to a task's due date, assignee or status (reopened).
 */
export async function requestReminderReplan(db: DbClient | DbTransaction, taskId: number): Promise<void> {
  await db.task.updateMany({ where: { id: taskId }, data: { nextReminderOn: '0000-00-00' } });
}

// ---------------------------------------------------------------------------------------------
// Who escalations go to

export interface EscalationTree {
  parentOf: Map<number, number | null>;
  unitCode: Map<number, string>;
  /** Active heads of each unit. */
  headsOf: Map<number, number[]>;
}

/** Units and heads are few (tens to hundreds): read them whole once per sweep. */
export async function loadEscalationTree(db: DbClient): Promise<EscalationTree> {
  const [units, heads] = await Promise.all([
    db.unit.findMany({ select: { id: true, parentId: true, code: true } }),
    db.official.findMany({ where: { role: 'head', active: true }, select: { id: true, unitId: true } }),
  ]);
  const headsOf = new Map<number, number[]>();
  for (const head of heads) headsOf.set(head.unitId, [...(headsOf.get(head.unitId) ?? []), head.id]);
  return {
    parentOf: new Map(units.map((unit) => [unit.id, unit.parentId])),
    unitCode: new Map(units.map((unit) => [unit.id, unit.code])),
    headsOf,
  };
}

export async function activeAdminIds(db: DbClient | DbTransaction): Promise<number[]> {
  const admins = await db.official.findMany({
    where: { role: 'admin', active: true },
    select: { id: true },
    orderBy: { id: 'asc' },
  });
  return admins.map((admin) => admin.id);
}

// ---------------------------------------------------------------------------------------------
// Delivery

export interface ClaimedReminder {
  id: number;
  taskId: number;
  recipientId: number;
  slot: string;
  attempts: number;
}

/** Claims that outlived their deadline (the process died mid-send) go back to pending. */
export async function recoverExpiredClaims(db: DbClient, now: Date): Promise<number> {
  const { count } = await db.reminder.updateMany({
    where: { state: 'sending', nextAttemptAt: { lte: now } },
    data: { state: 'pending', claimedBy: null, lastError: 'claim expired (process stopped while sending)' },
  });
  return count;
}

/** SQLite: the new lease holder owns the outbox alone, so every claim left is a dead process's. */
export async function recoverAllClaims(db: DbClient, now: Date): Promise<number> {
  const { count } = await db.reminder.updateMany({
    where: { state: 'sending' },
    data: {
      state: 'pending',
      claimedBy: null,
      nextAttemptAt: now,
      lastError: 'claim taken over from a stopped process',
    },
  });
  return count;
}

/**
 * Claims every due pending row of up to `maxRecipients` people, in one statement: the rows move
 * to `sending`, owned by `claimedBy` until `claimUntil` (then recoverable), one attempt counted.
 */
export async function claimDueReminders(
  db: DbClient,
  provider: DatabaseProvider,
  now: Date,
  claimedBy: string,
  claimUntil: Date,
  maxRecipients: number,
): Promise<ClaimedReminder[]> {
  const rows =
    provider === 'sqlite'
      ? await db.$queryRawUnsafe<Record<string, unknown>[]>(
          `UPDATE "Reminder" SET "state" = 'sending', "claimedBy" = ?, "attempts" = "attempts" + 1, "nextAttemptAt" = ?
            WHERE "state" = 'pending' AND "nextAttemptAt" <= ? AND "recipientId" IN (
              SELECT "recipientId" FROM "Reminder" WHERE "state" = 'pending' AND "nextAttemptAt" <= ?
               GROUP BY "recipientId" ORDER BY MIN("id") LIMIT ?)
            RETURNING "id", "taskId", "recipientId", "slot", "attempts"`,
          claimedBy,
          claimUntil,
          now,
          now,
          maxRecipients,
        )
      : await db.$queryRawUnsafe<Record<string, unknown>[]>(
          `WITH due AS (
             SELECT "recipientId", MIN("id") AS first FROM "Reminder"
              WHERE "state" = 'pending' AND "nextAttemptAt" <= $1 GROUP BY "recipientId"),
           people AS (
             SELECT o."id" FROM "Official" o JOIN due ON due."recipientId" = o."id"
              ORDER BY due.first LIMIT $2 FOR NO KEY UPDATE OF o SKIP LOCKED)
           UPDATE "Reminder" r SET "state" = 'sending', "claimedBy" = $3, "attempts" = r."attempts" + 1, "nextAttemptAt" = $4
             FROM people
            WHERE r."recipientId" = people."id" AND r."state" = 'pending' AND r."nextAttemptAt" <= $1
           RETURNING r."id", r."taskId", r."recipientId", r."slot", r."attempts"`,
          now,
          maxRecipients,
          claimedBy,
          claimUntil,
        );
  return rows
    .map((row) => ({
      id: Number(row.id),
      taskId: Number(row.taskId),
      recipientId: Number(row.recipientId),
      slot: String(row.slot),
      attempts: Number(row.attempts),
    }))
    .sort((a, b) => a.id - b.id);
}

export interface RecipientInfo {
  id: number;
  fullName: string;
  active: boolean;
  identities: { channel: ChannelKind; externalId: string }[];
}

export interface TaskInfo {
  id: number;
  title: string;
  dueDate: LocalDate;
  status: 'open' | 'done' | 'cancelled';
  snoozedUntil: LocalDate | null;
  unitCode: string;
  assigneeName: string | null;
}

export interface FailedReminderInfo {
  id: number;
  taskId: number;
  title: string;
  recipientName: string;
  reason: string;
}

/** Everything needed to write the messages of one claimed batch, in three queries. */
export async function loadDeliveryContext(
  db: DbClient,
  recipientIds: number[],
  taskIds: number[],
  failedReminderIds: number[],
): Promise<{
  recipients: Map<number, RecipientInfo>;
  tasks: Map<number, TaskInfo>;
  failed: Map<number, FailedReminderInfo>;
}> {
  const [people, tasks, failed] = await Promise.all([
    db.official.findMany({
      where: { id: { in: recipientIds } },
      select: {
        id: true,
        fullName: true,
        active: true,
        identities: { select: { channel: true, externalId: true }, orderBy: { id: 'asc' } },
      },
    }),
    db.task.findMany({
      where: { id: { in: taskIds } },
      select: {
        id: true,
        title: true,
        dueDate: true,
        status: true,
        snoozedUntil: true,
        unit: { select: { code: true } },
        assignee: { select: { fullName: true } },
      },
    }),
    failedReminderIds.length === 0
      ? Promise.resolve([])
      : db.reminder.findMany({
          where: { id: { in: failedReminderIds } },
          select: {
            id: true,
            taskId: true,
            lastError: true,
            task: { select: { title: true } },
            recipient: { select: { fullName: true } },
          },
        }),
  ]);
  return {
    recipients: new Map(people.map((person) => [person.id, person])),
    tasks: new Map(
      tasks.map((task) => [
        task.id,
        {
          id: task.id,
          title: task.title,
          dueDate: task.dueDate as LocalDate,
          status: task.status,
          snoozedUntil: task.snoozedUntil as LocalDate | null,
          unitCode: task.unit.code,
          assigneeName: task.assignee?.fullName ?? null,
        },
      ]),
    ),
    failed: new Map(
      failed.map((row) => [
        row.id,
        {
          id: row.id,
          taskId: row.taskId,
          title: row.task.title,
          recipientName: row.recipient.fullName,
          reason: row.lastError ?? 'không rõ',
        },
      ]),
    ),
  };
}

/**
 * Only rows still claimed by us: a claim that expired and was taken by another process is theirs.
 * Raw SQL: this runs once per message sent, and the typed query costs about twice as much.
 */
export async function markRemindersSent(
  db: DbClient,
  provider: DatabaseProvider,
  ids: number[],
  claimedBy: string,
  at: Date,
): Promise<number> {
  return db.$executeRawUnsafe(
    sql(
      provider,
      `UPDATE "Reminder" SET "state" = 'sent', "sentAt" = ?, "lastError" = NULL
        WHERE "id" IN (${placeholders(ids.length)}) AND "state" = 'sending' AND "claimedBy" = ?`,
    ),
    at,
    ...ids,
    claimedBy,
  );
}

/** Back to pending, tried again at `nextAttemptAt`; `refundAttempt` when nothing was really tried. */
export async function rescheduleReminders(
  db: DbClient,
  ids: number[],
  claimedBy: string,
  nextAttemptAt: Date,
  reason: string,
  refundAttempt: boolean,
): Promise<number> {
  const { count } = await db.reminder.updateMany({
    where: { id: { in: ids }, state: 'sending', claimedBy },
    data: {
      state: 'pending',
      claimedBy: null,
      nextAttemptAt,
      lastError: reason,
      ...(refundAttempt ? { attempts: { decrement: 1 } } : {}),
    },
  });
  return count;
}

export async function cancelReminders(db: DbClient, ids: number[], claimedBy: string, reason: string): Promise<number> {
  if (ids.length === 0) return 0;
  const { count } = await db.reminder.updateMany({
    where: { id: { in: ids }, state: 'sending', claimedBy },
    data: { state: 'cancelled', claimedBy: null, lastError: reason },
  });
  return count;
}

/** Slot of the row that tells an admin about failed reminder `id`. */
export function failureReportSlot(reminderId: number): string {
  return `failed:${reminderId}`;
}

/**
 * Gives up on rows: failed with the reason, an audit event, and — in the same transaction, so it
 * cannot be lost — one outbox row per active admin telling them (their next message lists it).
 * Failures of those reports themselves are not reported again (no loop); they stay queryable.
 */
export async function failReminders(
  db: DbClient,
  provider: DatabaseProvider,
  ids: number[],
  claimedBy: string,
  reason: string,
  now: Date,
): Promise<{ failed: number; reported: number }> {
  return db.$transaction(async (tx) => {
    const rows = await tx.reminder.findMany({
      where: { id: { in: ids }, state: 'sending', claimedBy },
      select: { id: true, taskId: true, slot: true, recipientId: true },
    });
    if (rows.length === 0) return { failed: 0, reported: 0 };
    await tx.reminder.updateMany({
      where: { id: { in: rows.map((row) => row.id) } },
      data: { state: 'failed', claimedBy: null, lastError: reason },
    });
    await tx.auditEvent.createMany({
      data: rows.map((row) => ({
        actorKind: 'system',
        channel: 'scheduler',
        action: 'reminder.failed',
        taskId: row.taskId,
        payload: JSON.stringify({ reminderId: row.id, recipientId: row.recipientId, slot: row.slot, reason }),
      })),
    });
    const admins = await activeAdminIds(tx);
    const reports = rows
      .filter((row) => !row.slot.startsWith('failed:'))
      .flatMap((row) =>
        admins.map((adminId) => ({
          taskId: row.taskId,
          recipientId: adminId,
          slot: failureReportSlot(row.id),
          scheduledFor: now,
        })),
      );
    const inserted = await insertOutboxEntries(tx, provider, reports);
    return { failed: rows.length, reported: inserted };
  });
}

export interface FailedReminder {
  id: number;
  taskId: number;
  recipientId: number;
  slot: string;
  attempts: number;
  lastError: string | null;
  scheduledFor: Date;
  task: { title: string };
  recipient: { username: string; fullName: string };
}

/** The reminders given up on, newest first: for an admin command or the CLI. */
export async function listFailedReminders(db: DbClient, limit = 100): Promise<FailedReminder[]> {
  return db.reminder.findMany({
    where: { state: 'failed' },
    orderBy: { id: 'desc' },
    take: limit,
    select: {
      id: true,
      taskId: true,
      recipientId: true,
      slot: true,
      attempts: true,
      lastError: true,
      scheduledFor: true,
      task: { select: { title: true } },
      recipient: { select: { username: true, fullName: true } },
    },
  });
}

/** The earliest instant a pending reminder becomes due (tests and tools; uses the outbox index). */
export async function nextPendingAttempt(db: DbClient): Promise<Date | undefined> {
  const row = await db.reminder.findFirst({
    where: { state: 'pending' },
    orderBy: { nextAttemptAt: 'asc' },
    select: { nextAttemptAt: true },
  });
  return row?.nextAttemptAt;
}

/** Outbox rows not yet settled (pending or being sent): zero means the outbox is drained. */
export async function countUnsettledReminders(db: DbClient): Promise<number> {
  return db.reminder.count({ where: { state: { in: ['pending', 'sending'] } } });
}
