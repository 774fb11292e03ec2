// The one place audit rows are written: who acted (an official through a chat, the CLI, or the
// bot itself), what, on which task, with what details.
import type { Actor } from '../../domain/model.ts';
import { join, sql } from '../generated/sqlite/internal/prismaNamespace.ts';
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
): Promise<number> {
  // The id lets a door offer to undo exactly this change (e.g. the web console's unlink).
  const row = await tx.auditEvent.create({ data: auditRow(actor, { action, ...details }), select: { id: true } });
  return row.id;
}

/** Rows per INSERT: 500 × 8 parameters stays far below every driver's parameter limit. */
const AUDIT_BATCH_ROWS = 500;

/**
 * Many rows by one actor, a few statements (the scheduler's batches, imports of thousands of
 * rows). Multi-row INSERTs: createMany built each row in the query engine, ~0.7 ms a row.
 */
export async function recordAudits(tx: DbTransaction, actor: Actor, entries: readonly NewAuditEntry[]): Promise<void> {
  const at = new Date();
  for (let start = 0; start < entries.length; start += AUDIT_BATCH_ROWS) {
    const values = entries.slice(start, start + AUDIT_BATCH_ROWS).map((entry) => {
      const row = auditRow(actor, entry);
      return sql`(${row.actorId}, ${row.actorKind}, ${row.channel}, ${row.chatId}, ${row.action}, ${row.taskId}, ${row.payload}, ${at})`;
    });
    await tx.$executeRaw`
      INSERT INTO "AuditEvent" ("actorId", "actorKind", "channel", "chatId", "action", "taskId", "payload", "at")
      VALUES ${join(values)}`;
  }
}
