// The sending side of Zalo invitations: claim the next due one, then settle it (sent, phone not on
// Zalo, failed, or back in the queue for later). Audited, so `audit` shows who was invited when.
// At most once: the claim (state `sending`, attemptAt) is written before zca-js is called, and a
// claim left `sending` is never taken again — its process may have died after Zalo took the
// message — but marked `uncertain` for the office to re-queue deliberately (`official invite`).
import { systemActor, type ChannelKind } from '../../domain/model.ts';
import { vietnamDateOf, vietnamInstant } from '../../domain/local-date.ts';
import { recordAudit } from './audit.ts';
import { prismaOf, type Store } from './store.ts';

export interface ClaimedInvitation {
  id: number;
  officialId: number;
  username: string;
  fullName: string;
  phone: string;
  attempts: number;
  /** Linked meanwhile, or deactivated: the invitation is no longer wanted. */
  obsolete?: string;
}

export type InvitationOutcome =
  | { kind: 'sent'; zaloUserId: string }
  | { kind: 'not-on-zalo' }
  | { kind: 'failed'; reason: string }
  | { kind: 'retry'; at: Date; reason: string; countsAsAttempt: boolean }
  | { kind: 'cancelled'; reason: string };

const LINKABLE: ChannelKind[] = ['telegram', 'zalo'];
/**
 * A send attempt still unrecorded this long after it began belongs to a process that died. Generous:
 * a lookup and a message take seconds, even waiting for the rate limiter's budget.
 */
export const UNCERTAIN_AFTER_MS = 60 * 60_000;

/** Shown to the office (list, digest) for an invitation that may or may not have gone. */
export const UNCERTAIN_LABEL = 'không rõ đã gửi chưa';

/**
 * When the last invitation went and how many went today (Vietnam date of `now`); an uncertain one
 * counts as gone at its attempt, since Zalo may have seen it.
 */
export async function invitationsSentSoFar(store: Store, now: Date): Promise<{ last?: Date; today: number }> {
  const db = prismaOf(store);
  const todayStart = vietnamInstant(vietnamDateOf(now));
  const [last, lastUncertain, today, todayUncertain] = await Promise.all([
    db.zaloInvitation.findFirst({ where: { state: 'sent' }, orderBy: { sentAt: 'desc' }, select: { sentAt: true } }),
    db.zaloInvitation.findFirst({
      where: { state: 'uncertain' },
      orderBy: { attemptAt: 'desc' },
      select: { attemptAt: true },
    }),
    db.zaloInvitation.count({ where: { state: 'sent', sentAt: { gte: todayStart } } }),
    db.zaloInvitation.count({ where: { state: 'uncertain', attemptAt: { gte: todayStart } } }),
  ]);
  const times = [last?.sentAt, lastUncertain?.attemptAt].filter((time): time is Date => time instanceof Date);
  const latest = times.reduce<Date | undefined>((max, time) => (!max || time > max ? time : max), undefined);
  return { ...(latest ? { last: latest } : {}), today: today + todayUncertain };
}

/**
 * Marks `uncertain` every attempt left `sending` since before `now - UNCERTAIN_AFTER_MS`, audited;
 * returns how many. Each row is taken by one conditional write, so two processes mark it once.
 */
export async function markAbandonedAttemptsUncertain(store: Store, now: Date): Promise<number> {
  const db = prismaOf(store);
  const cutoff = new Date(now.getTime() - UNCERTAIN_AFTER_MS);
  const abandoned = await db.zaloInvitation.findMany({
    where: { state: 'sending', OR: [{ attemptAt: { lt: cutoff } }, { attemptAt: null, updatedAt: { lt: cutoff } }] },
    select: { id: true, attemptAt: true, claimedBy: true, official: { select: { username: true } } },
  });
  let marked = 0;
  for (const row of abandoned) {
    const lastError = `${UNCERTAIN_LABEL}: tiến trình ${row.claimedBy ?? '?'} dừng giữa lúc gửi`;
    marked += await db.$transaction(async (tx) => {
      const { count } = await tx.zaloInvitation.updateMany({
        where: { id: row.id, state: 'sending', claimedBy: row.claimedBy },
        data: { state: 'uncertain', lastError, claimedBy: null },
      });
      if (count === 0) return 0;
      await recordAudit(tx, systemActor('scheduler'), 'official.invite-uncertain', {
        payload: {
          username: row.official.username,
          before: { invitation: 'sending', attemptAt: row.attemptAt?.toISOString() ?? null },
          after: { invitation: 'uncertain' },
          reason: lastError,
        },
      });
      return 1;
    });
  }
  return marked;
}

/** Claims the earliest invitation due at `now` for `processId`, or undefined when none is due. */
export async function claimDueInvitation(
  store: Store,
  now: Date,
  processId: string,
): Promise<ClaimedInvitation | undefined> {
  const db = prismaOf(store);
  const row = await db.zaloInvitation.findFirst({
    where: { state: 'pending', notBefore: { lte: now } },
    orderBy: { notBefore: 'asc' },
    select: {
      id: true,
      attempts: true,
      phone: true,
      official: {
        select: {
          id: true,
          username: true,
          fullName: true,
          active: true,
          identities: { where: { channel: { in: LINKABLE } }, select: { channel: true } },
        },
      },
    },
  });
  if (!row) return undefined;
  // Only if nobody else took it meanwhile (another process on PostgreSQL): one conditional write,
  // recorded before zca-js is called, so an attempt is never made twice.
  const { count } = await db.zaloInvitation.updateMany({
    where: { id: row.id, state: 'pending', attempts: row.attempts },
    data: { state: 'sending', claimedBy: processId, attemptAt: now, attempts: { increment: 1 } },
  });
  if (count === 0) return undefined;
  const { official } = row;
  const linked = official.identities[0]?.channel;
  let obsolete: string | undefined;
  if (!official.active) obsolete = 'cán bộ đã ngừng hoạt động';
  else if (linked) obsolete = `đã liên kết ${linked} trước khi lời mời được gửi`;
  return {
    id: row.id,
    officialId: official.id,
    username: official.username,
    fullName: official.fullName,
    phone: row.phone,
    attempts: row.attempts + 1,
    ...(obsolete ? { obsolete } : {}),
  };
}

/** Records how the claimed invitation ended (or when it goes again), audited unless it waits again. */
export async function settleInvitation(
  store: Store,
  claimed: ClaimedInvitation,
  processId: string,
  outcome: InvitationOutcome,
  now: Date,
): Promise<void> {
  const db = prismaOf(store);
  await db.$transaction(async (tx) => {
    const where = { id: claimed.id, state: 'sending' as const, claimedBy: processId };
    if (outcome.kind === 'retry') {
      await tx.zaloInvitation.updateMany({
        where,
        data: {
          state: 'pending',
          notBefore: outcome.at,
          lastError: outcome.reason,
          claimedBy: null,
          ...(outcome.countsAsAttempt ? {} : { attempts: { decrement: 1 } }),
        },
      });
      return;
    }
    const data = endState(outcome, claimed, now);
    const { count } = await tx.zaloInvitation.updateMany({ where, data: { ...data, claimedBy: null } });
    if (count === 0) return;
    await recordAudit(tx, systemActor('scheduler'), `official.invite-${outcome.kind}`, {
      payload: {
        username: claimed.username,
        before: { invitation: 'pending' },
        after: { invitation: data.state, ...(data.lastError ? { reason: data.lastError } : {}) },
      },
    });
  });
}

function endState(outcome: Exclude<InvitationOutcome, { kind: 'retry' }>, claimed: ClaimedInvitation, now: Date) {
  switch (outcome.kind) {
    case 'sent':
      return { state: 'sent' as const, sentAt: now, zaloUserId: outcome.zaloUserId, lastError: null };
    case 'not-on-zalo':
      return { state: 'not_on_zalo' as const, lastError: `số ${claimed.phone} không dùng Zalo hoặc không cho tìm` };
    default:
      return { state: outcome.kind, lastError: outcome.reason };
  }
}
