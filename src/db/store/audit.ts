import type { Actor } from '../../domain/model.ts';
import type { DbTransaction } from './transaction.ts';

export async function recordAudit(
  tx: DbTransaction,
  actor: Actor,
  action: string,
  details: { taskId?: number; payload?: unknown } = {},
): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actorId: actor.kind === 'official' ? actor.officialId : null,
      actorKind: actor.kind,
      channel: actor.kind === 'official' ? actor.channel : actor.kind,
      chatId: actor.kind === 'official' ? actor.chatId : null,
      action,
      taskId: details.taskId ?? null,
      payload: details.payload === undefined ? null : JSON.stringify(details.payload),
    },
  });
}
