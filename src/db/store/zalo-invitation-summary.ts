// How the Zalo invitation queue stands, for the office admin's morning digest: what went in a
// period, what still waits (and when it should be done), and what needs the office — numbers with
// no Zalo account, failed sends and sends of unknown outcome, of people still active and not linked.
import { expectedFinish } from '../../domain/invitation-schedule.ts';
import type { ChannelKind } from '../../domain/model.ts';
import { prismaOf, type Store } from './store.ts';

export interface InvitationSummary {
  /** Sent from … before the given instants. */
  sent: number;
  waiting: number;
  /** The latest not-before time of the waiting ones (the CLI's "dự kiến xong lúc"). */
  finish: Date | undefined;
  notOnZalo: number;
  failed: number;
  /** Left `sending` by a process that died: may have gone; never resent unless the office asks. */
  uncertain: number;
}

const LINKABLE: ChannelKind[] = ['telegram', 'zalo'];

export async function invitationSummary(store: Store, sent: { from: Date; to: Date }): Promise<InvitationSummary> {
  const db = prismaOf(store);
  const stillToBoard = { active: true, identities: { none: { channel: { in: LINKABLE } } } };
  const [sentCount, waiting, attention] = await Promise.all([
    db.zaloInvitation.count({ where: { state: 'sent', sentAt: { gte: sent.from, lt: sent.to } } }),
    db.zaloInvitation.findMany({ where: { state: { in: ['pending', 'sending'] } }, select: { notBefore: true } }),
    db.zaloInvitation.groupBy({
      by: ['state'],
      where: { state: { in: ['not_on_zalo', 'failed', 'uncertain'] }, official: stillToBoard },
      _count: { _all: true },
    }),
  ]);
  const count = (state: string) => attention.find((row) => row.state === state)?._count._all ?? 0;
  return {
    sent: sentCount,
    waiting: waiting.length,
    finish: expectedFinish(waiting.map((row) => row.notBefore)),
    notOnZalo: count('not_on_zalo'),
    failed: count('failed'),
    uncertain: count('uncertain'),
  };
}
