// Delivery's side of the outbox. Each row moves pending → sending → sent | failed (or cancelled
// when its task closed or was snoozed). The claim is one atomic statement, so a row is sent by one
// process only; on PostgreSQL the recipients are picked with FOR NO KEY UPDATE SKIP LOCKED so that
// several processes share the work, each person's rows going to one process (one message per
// person). On SQLite one process holds the scheduler lease and owns the outbox alone.
import { parseSlot, type ReminderSlot } from '../../domain/reminder-slot.ts';
import { join, sql } from '../generated/sqlite/internal/prismaNamespace.ts';
import { claimByRecipient } from './claim-by-recipient.ts';
import { carriedByGroupPass, type ClaimChannels } from './claim-channels.ts';
import { prismaOf, providerOf, type Store } from './store.ts';

export interface ClaimedReminder {
  id: number;
  taskId: number;
  recipientId: number;
  /** Undefined for a slot this version does not write (rows from an older version): sent as is. */
  slot: ReminderSlot | undefined;
  attempts: number;
}

/** Whether several processes share the outbox through row claims (else one lease holder owns it). */
export function outboxIsShared(store: Store): boolean {
  return providerOf(store) === 'postgresql';
}

/**
 * Claims that outlived their deadline (the process died mid-send) go back to pending, due at
 * `dueAt` (business time). A claim's deadline is real time (`claimUntil` from the real clock), so
 * a process on simulated time cannot leave claims that real-time processes never take back.
 */
export async function recoverExpiredClaims(store: Store, realNow: Date, dueAt: Date = realNow): Promise<number> {
  const { count } = await prismaOf(store).reminder.updateMany({
    where: { state: 'sending', nextAttemptAt: { lte: realNow } },
    data: {
      state: 'pending',
      claimedBy: null,
      nextAttemptAt: dueAt,
      lastError: 'claim expired (process stopped while sending)',
    },
  });
  return count;
}

/** SQLite: the new lease holder owns the outbox alone, so every claim left is a dead process's. */
export async function recoverAllClaims(store: Store, now: Date): Promise<number> {
  const { count } = await prismaOf(store).reminder.updateMany({
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

/** A claimed reminder row as the database returns it (ids may come back as bigint). */
export interface ClaimedRow {
  id: number | bigint;
  taskId: number | bigint;
  recipientId: number | bigint;
  slot: string;
  attempts: number | bigint;
}

/**
 * Claims every due pending row of up to `maxRecipients` people, in one statement: the rows move
 * to `sending`, owned by `claimedBy` until `claimUntil` (then recoverable), one attempt counted.
 */
export async function claimDueReminders(
  store: Store,
  now: Date,
  claimedBy: string,
  claimUntil: Date,
  maxRecipients: number,
  /** Leave people reachable only through another process's channel (the Zalo lease holder) to it. */
  channels?: ClaimChannels,
): Promise<ClaimedReminder[]> {
  const rows = await claimByRecipient<ClaimedRow>(store, 'Reminder', ['taskId', 'slot', 'attempts'], {
    now,
    claimedBy,
    claimUntil,
    maxRecipients,
    ...(channels ? { channels } : {}),
    // Left to the Zalo holder's group pass only where that process sweeps too (a shared outbox): on
    // SQLite the scheduler lease holder alone delivers, and may not hold Zalo at all.
    ...(channels?.groupPassElsewhere && outboxIsShared(store) ? { rows: sql` AND NOT ${carriedByGroupPass}` } : {}),
  });
  return claimedInOrder(rows);
}

/** Claimed rows as reminders, oldest first (the order they were queued in). */
export function claimedInOrder(rows: readonly ClaimedRow[]): ClaimedReminder[] {
  return rows
    .map((row) => ({
      id: Number(row.id),
      taskId: Number(row.taskId),
      recipientId: Number(row.recipientId),
      slot: parseSlot(String(row.slot)),
      attempts: Number(row.attempts),
    }))
    .sort((a, b) => a.id - b.id);
}

/**
 * Only rows still claimed by us: a claim that expired and was taken by another process is theirs.
 * Raw SQL: this runs once per message sent, and the typed query costs about twice as much.
 */
export async function markRemindersSent(store: Store, ids: number[], claimedBy: string, at: Date): Promise<number> {
  if (ids.length === 0) return 0;
  return prismaOf(store).$executeRaw`
    UPDATE "Reminder" SET "state" = 'sent', "sentAt" = ${at}, "lastError" = NULL
     WHERE "id" IN (${join(ids)}) AND "state" = 'sending' AND "claimedBy" = ${claimedBy}`;
}

/** Back to pending, tried again at `nextAttemptAt`; `refundAttempt` when nothing was really tried. */
export async function rescheduleReminders(
  store: Store,
  ids: number[],
  claimedBy: string,
  nextAttemptAt: Date,
  reason: string,
  refundAttempt: boolean,
): Promise<number> {
  const { count } = await prismaOf(store).reminder.updateMany({
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

export async function cancelReminders(store: Store, ids: number[], claimedBy: string, reason: string): Promise<number> {
  if (ids.length === 0) return 0;
  const { count } = await prismaOf(store).reminder.updateMany({
    where: { id: { in: ids }, state: 'sending', claimedBy },
    data: { state: 'cancelled', claimedBy: null, lastError: reason },
  });
  return count;
}

/** Outbox rows not yet settled (pending or being sent): zero means the outbox is drained. */
export async function countUnsettledReminders(store: Store): Promise<number> {
  return prismaOf(store).reminder.count({ where: { state: { in: ['pending', 'sending'] } } });
}
