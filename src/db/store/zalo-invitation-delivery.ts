// The sending side of Zalo invitations: claim the next due one, then settle it (sent, phone not on
// Zalo, failed, or back in the queue for later). Audited, so `audit` shows who was invited when.
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
/** A `sending` row this old belongs to a process that died mid-send: it may go again. */
const STALE_CLAIM_MS = 10 * 60_000;

/** When the last invitation went and how many went today (Vietnam date of `now`). */
export async function invitationsSentSoFar(store: Store, now: Date): Promise<{ last?: Date; today: number }> {
  const db = prismaOf(store);
  const todayStart = vietnamInstant(vietnamDateOf(now));
  const [last, today] = await Promise.all([
    db.zaloInvitation.findFirst({ where: { state: 'sent' }, orderBy: { sentAt: 'desc' }, select: { sentAt: true } }),
    db.zaloInvitation.count({ where: { state: 'sent', sentAt: { gte: todayStart } } }),
  ]);
  return { ...(last?.sentAt ? { last: last.sentAt } : {}), today };
}

/** Claims the earliest invitation due at `now` for `processId`, or undefined when none is due. */
export async function claimDueInvitation(
  store: Store,
  now: Date,
  processId: string,
): Promise<ClaimedInvitation | undefined> {
  const db = prismaOf(store);
  const stale = new Date(now.getTime() - STALE_CLAIM_MS);
  const due = { notBefore: { lte: now } };
  const row = await db.zaloInvitation.findFirst({
    where: {
      OR: [
        { state: 'pending', ...due },
        { state: 'sending', updatedAt: { lt: stale } },
      ],
    },
    orderBy: { notBefore: 'asc' },
    select: {
      id: true,
      state: true,
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
  // Only if nobody else took it meanwhile (another process on PostgreSQL).
  const { count } = await db.zaloInvitation.updateMany({
    where: { id: row.id, state: row.state, attempts: row.attempts },
    data: { state: 'sending', claimedBy: processId, attempts: { increment: 1 } },
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
