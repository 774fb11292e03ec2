// How the Zalo invitation queue stands, for the office admin's morning digest: what went in a
// period, what still waits (and when it should be done), and what needs the office — numbers with
// no Zalo account, failed sends and sends of unknown outcome, of people still active and not linked.
import { expectedFinish, type InvitationPace } from '../../domain/invitation-schedule.ts';
import type { ChannelKind } from '../../domain/model.ts';
import { prismaOf, type Store } from './store.ts';
import { invitationsSentSoFar } from './zalo-invitation-delivery.ts';

export interface InvitationSummary {
  /** Sent from … before the given instants. */
  sent: number;
  waiting: number;
  /** When the waiting ones should be done, from now on at the pace (the CLI's "dự kiến xong lúc"). */
  finish: Date | undefined;
  notOnZalo: number;
  failed: number;
  /** Left `sending` by a process that died: may have gone; never resent unless the office asks. */
  uncertain: number;
}

const LINKABLE: ChannelKind[] = ['telegram', 'zalo'];

/** How many invitations wait, and when the whole queue should be done, sent from `now` on at `pace`. */
async function waitingQueue(
  store: Store,
  now: Date,
  pace: InvitationPace | undefined,
): Promise<{ waiting: number; finish: Date | undefined }> {
  const db = prismaOf(store);
  const [waiting, sent] = await Promise.all([
    db.zaloInvitation.findMany({ where: { state: { in: ['pending', 'sending'] } }, select: { notBefore: true } }),
    invitationsSentSoFar(store, now),
  ]);
  return {
    waiting: waiting.length,
    finish: expectedFinish(
      waiting.map((row) => row.notBefore),
      now,
      sent,
      pace,
    ),
  };
}

/** When the whole queue should be done, sent from `now` on at `pace` (shared by the CLI and the digest). */
export async function expectedQueueFinish(
  store: Store,
  now: Date,
  pace: InvitationPace | undefined,
): Promise<Date | undefined> {
  return (await waitingQueue(store, now, pace)).finish;
}

export async function invitationSummary(
  store: Store,
  sent: { from: Date; to: Date },
  projection: { now: Date; pace: InvitationPace | undefined },
): Promise<InvitationSummary> {
  const db = prismaOf(store);
  const stillToBoard = { active: true, identities: { none: { channel: { in: LINKABLE } } } };
  const [sentCount, { waiting, finish }, attention] = await Promise.all([
    db.zaloInvitation.count({ where: { state: 'sent', sentAt: { gte: sent.from, lt: sent.to } } }),
    waitingQueue(store, projection.now, projection.pace),
    db.zaloInvitation.groupBy({
      by: ['state'],
      where: { state: { in: ['not_on_zalo', 'failed', 'uncertain'] }, official: stillToBoard },
      _count: { _all: true },
    }),
  ]);
  const count = (state: string) => attention.find((row) => row.state === state)?._count._all ?? 0;
  return {
    sent: sentCount,
    waiting,
    finish,
    notOnZalo: count('not_on_zalo'),
    failed: count('failed'),
    uncertain: count('uncertain'),
  };
}
