// The one place audit rows are written: who acted (an official through a chat, the CLI, or the
// bot itself), what, on which task, with what details.
import type { Actor } from '../../domain/model.ts';
import type { DbTransaction } from './transaction.ts';

export interface AuditDetails {
  taskId?: number;
  payload?: unknown;
}

export interface NewAuditEntry extends AuditDetails {
  action: string;
}

function auditRow(actor: Actor, entry: NewAuditEntry) {
  return {
    actorId: actor.kind === 'official' ? actor.officialId : null,
    actorKind: actor.kind,
    channel: channelOf(actor),
    chatId: actor.kind === 'official' ? actor.chatId : null,
    action: entry.action,
    taskId: entry.taskId ?? null,
    payload: entry.payload === undefined ? null : JSON.stringify(entry.payload),
  };
}

function channelOf(actor: Actor): string {
  if (actor.kind === 'official') return actor.channel;
  if (actor.kind === 'system') return actor.component ?? 'system';
  return actor.kind;
}

export async function recordAudit(
  tx: DbTransaction,
  actor: Actor,
  action: string,
  details: AuditDetails = {},
): Promise<void> {
  await tx.auditEvent.create({ data: auditRow(actor, { action, ...details }) });
}

/** Many rows by one actor in one statement (the scheduler's batches). */
export async function recordAudits(tx: DbTransaction, actor: Actor, entries: readonly NewAuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await tx.auditEvent.createMany({ data: entries.map((entry) => auditRow(actor, entry)) });
}
