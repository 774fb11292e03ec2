// Writing outbox rows: one per (task, recipient, slot), unique, so planning a day twice or two
// processes planning at once never remind twice. Used by planning and by failure reports.
import { encodeSlot, type ReminderSlot } from '../../domain/reminder-slot.ts';
import { join, sql } from '../generated/sqlite/internal/prismaNamespace.ts';
import type { DbTransaction } from './transaction.ts';

export interface OutboxEntry {
  taskId: number;
  recipientId: number;
  slot: ReminderSlot;
  scheduledFor: Date;
}

/** Inserts the rows not there yet; returns how many were new. */
export async function insertOutboxEntries(tx: DbTransaction, entries: readonly OutboxEntry[]): Promise<number> {
  let inserted = 0;
  const createdAt = new Date();
  // 100 rows × 6 parameters stays far below every driver's parameter limit.
  for (let start = 0; start < entries.length; start += 100) {
    const rows = entries
      .slice(start, start + 100)
      .map(
        (entry) =>
          sql`(${entry.taskId}, ${entry.recipientId}, ${encodeSlot(entry.slot)}, ${entry.scheduledFor}, ${entry.scheduledFor}, ${createdAt}, 'pending', 0)`,
      );
    inserted += await tx.$executeRaw`
      INSERT INTO "Reminder" ("taskId", "recipientId", "slot", "scheduledFor", "nextAttemptAt", "createdAt", "state", "attempts")
      VALUES ${join(rows)}
      ON CONFLICT ("taskId", "recipientId", "slot") DO NOTHING`;
  }
  return inserted;
}
