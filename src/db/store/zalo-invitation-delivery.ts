// The sending side of Zalo invitations: claim the next due one, then settle it (sent, phone not on
// Zalo, failed, or back in the queue for later). Audited, so `audit` shows who was invited when.
// At most once: the claim (state `sending`, attemptAt) is written before zca-js is called, and
// `messageAt` just before the message itself goes (after the phone lookup). A claim left `sending`
// without messageAt died before anything was sent and goes back to the queue; one with it may
// have died after Zalo took the message, so it is never sent again on its own but marked
// `uncertain` for the office to re-queue deliberately (`official invite`).
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
 * Settles every attempt left `sending` since before `now - UNCERTAIN_AFTER_MS`: back to the queue
 * when its message had not started (nothing was sent), else `uncertain`, audited. Each row is taken
 * by one conditional write, so two processes settle it once.
 */
export async function recoverAbandonedAttempts(
  store: Store,
  now: Date,
): Promise<{ requeued: number; uncertain: number }> {
  const db = prismaOf(store);
  const cutoff = new Date(now.getTime() - UNCERTAIN_AFTER_MS);
  const abandoned = await db.zaloInvitation.findMany({
    where: { state: 'sending', OR: [{ attemptAt: { lt: cutoff } }, { attemptAt: null, updatedAt: { lt: cutoff } }] },
    select: {
      id: true,
      attemptAt: true,
      messageAt: true,
      claimedBy: true,
      official: { select: { username: true } },
    },
  });
  // Died during the phone lookup: no message was sent, so trying again is safe.
  const beforeMessage = abandoned.filter((row) => row.attemptAt && !row.messageAt);
  let requeued = 0;
  for (const row of beforeMessage) {
    const { count } = await db.zaloInvitation.updateMany({
      where: { id: row.id, state: 'sending', claimedBy: row.claimedBy, messageAt: null },
      data: {
        state: 'pending',
        claimedBy: null,
        lastError: `tiến trình ${row.claimedBy ?? '?'} dừng khi đang tìm số điện thoại, chưa gửi tin: thử lại`,
      },
    });
    requeued += count;
  }
  const uncertain = await markUncertain(
    store,
    abandoned.filter((row) => !beforeMessage.includes(row)),
  );
  return { requeued, uncertain };
}

async function markUncertain(
  store: Store,
  abandoned: { id: number; attemptAt: Date | null; claimedBy: string | null; official: { username: string } }[],
): Promise<number> {
  const db = prismaOf(store);
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
    data: { state: 'sending', claimedBy: processId, attemptAt: now, messageAt: null, attempts: { increment: 1 } },
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

/**
 * Stamps the moment the message is about to go (the lookup is done): from here a dead process may
 * have sent it. False when the claim is no longer this process's (then nothing may be sent).
 */
export async function markInvitationMessageStarting(
  store: Store,
  claimed: ClaimedInvitation,
  processId: string,
  now: Date,
): Promise<boolean> {
  const db = prismaOf(store);
  const { count } = await db.zaloInvitation.updateMany({
    where: { id: claimed.id, state: 'sending', claimedBy: processId },
    data: { messageAt: now },
  });
  return count === 1;
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
