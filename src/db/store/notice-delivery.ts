// Delivery's side of the notices (see notices.ts for queueing). Each row moves pending → sending →
// sent | failed, like an outbox row: the claim is one atomic statement, so a notice is sent by one
// process only; on PostgreSQL the recipients are picked with FOR NO KEY UPDATE SKIP LOCKED so that
// several processes share the work and each person's notices go to one process (one message per
// person). On SQLite one process holds the scheduler lease and owns the notices alone.
import { MORNING_KEY_PREFIX } from './morning-digest.ts';
import { join } from '../generated/sqlite/internal/prismaNamespace.ts';
import { claimByRecipient } from './claim-by-recipient.ts';
import type { ClaimChannels } from './claim-channels.ts';
import { prismaOf, type Store } from './store.ts';

export type NoticeState = 'pending' | 'sending' | 'sent' | 'failed';

export interface ClaimedNotice {
  id: number;
  recipientId: number;
  taskId: number | null;
  text: string;
  attempts: number;
}

export interface NoticeListing {
  id: number;
  recipient: { username: string; fullName: string };
  taskId: number | null;
  state: NoticeState;
  attempts: number;
  text: string;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

interface ClaimedRow {
  id: number | bigint;
  recipientId: number | bigint;
  taskId: number | bigint | null;
  text: string;
  attempts: number | bigint;
}

/** Claims that outlived their deadline (the process died mid-send) go back to pending. */
export async function recoverExpiredNoticeClaims(store: Store, realNow: Date, dueAt: Date = realNow): Promise<number> {
  const db = prismaOf(store);
  // A morning digest's claim is given back by deleting it: it is composed again, never sent as text.
  const { count: mornings } = await db.notice.deleteMany({
    where: { state: 'sending', nextAttemptAt: { lte: realNow }, onceKey: { startsWith: MORNING_KEY_PREFIX } },
  });
  const { count } = await db.notice.updateMany({
    where: { state: 'sending', nextAttemptAt: { lte: realNow }, ...NOT_MORNING },
    data: {
      state: 'pending',
      claimedBy: null,
      nextAttemptAt: dueAt,
      lastError: 'claim expired (process stopped while sending)',
    },
  });
  return count + mornings;
}

/** SQLite: the new lease holder owns the notices alone, so every claim left is a dead process's. */
export async function recoverAllNoticeClaims(store: Store, now: Date): Promise<number> {
  const db = prismaOf(store);
  const { count: mornings } = await db.notice.deleteMany({
    where: { state: 'sending', onceKey: { startsWith: MORNING_KEY_PREFIX } },
  });
  const { count } = await db.notice.updateMany({
    where: { state: 'sending', ...NOT_MORNING },
    data: {
      state: 'pending',
      claimedBy: null,
      nextAttemptAt: now,
      lastError: 'claim taken over from a stopped process',
    },
  });
  return count + mornings;
}

/** Notices that are not morning-digest claims (a NULL onceKey is not one: `NOT LIKE` alone drops NULLs). */
const NOT_MORNING = { OR: [{ onceKey: null }, { NOT: { onceKey: { startsWith: MORNING_KEY_PREFIX } } }] };

/**
 * Claims every due pending notice of up to `maxRecipients` people, in one statement: the rows move
 * to `sending`, owned by `claimedBy` until `claimUntil` (then recoverable), one attempt counted.
 */
export async function claimDueNotices(
  store: Store,
  now: Date,
  claimedBy: string,
  claimUntil: Date,
  maxRecipients: number,
  /** Leave people reachable only through another process's channel (the Zalo lease holder) to it. */
  channels?: ClaimChannels,
): Promise<ClaimedNotice[]> {
  const rows = await claimByRecipient<ClaimedRow>(store, 'Notice', ['taskId', 'text', 'attempts'], {
    now,
    claimedBy,
    claimUntil,
    maxRecipients,
    ...(channels ? { channels } : {}),
  });
  return rows
    .map((row) => ({
      id: Number(row.id),
      recipientId: Number(row.recipientId),
      taskId: row.taskId === null ? null : Number(row.taskId),
      text: String(row.text),
      attempts: Number(row.attempts),
    }))
    .sort((a, b) => a.id - b.id);
}

/** Only rows still claimed by us: a claim that expired and was taken by another process is theirs. */
export async function markNoticesSent(store: Store, ids: number[], claimedBy: string, at: Date): Promise<number> {
  if (ids.length === 0) return 0;
  return prismaOf(store).$executeRaw`
    UPDATE "Notice" SET "state" = 'sent', "sentAt" = ${at}, "lastError" = NULL, "claimedBy" = NULL
     WHERE "id" IN (${join(ids)}) AND "state" = 'sending' AND "claimedBy" = ${claimedBy}`;
}

/** Back to pending, tried again at `nextAttemptAt`; `refundAttempt` when nothing was really tried. */
export async function rescheduleNotices(
  store: Store,
  ids: number[],
  claimedBy: string,
  nextAttemptAt: Date,
  reason: string,
  refundAttempt: boolean,
): Promise<number> {
  if (ids.length === 0) return 0;
  const { count } = await prismaOf(store).notice.updateMany({
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

/** Given up: `reason` says why (no linked chat, official inactive, blocked bot…). */
export async function failNotices(store: Store, ids: number[], claimedBy: string, reason: string): Promise<number> {
  if (ids.length === 0) return 0;
  const { count } = await prismaOf(store).notice.updateMany({
    where: { id: { in: ids }, state: 'sending', claimedBy },
    data: { state: 'failed', claimedBy: null, lastError: reason },
  });
  return count;
}

/** Notices for the office, newest first: all of them, or only those given up on. */
export async function listNotices(
  store: Store,
  options: { failedOnly: boolean; limit: number },
): Promise<NoticeListing[]> {
  const rows = await prismaOf(store).notice.findMany({
    where: options.failedOnly ? { state: 'failed' } : {},
    orderBy: { id: 'desc' },
    take: options.limit,
    select: {
      id: true,
      taskId: true,
      state: true,
      attempts: true,
      text: true,
      lastError: true,
      createdAt: true,
      sentAt: true,
      recipient: { select: { username: true, fullName: true } },
    },
  });
  return rows;
}
