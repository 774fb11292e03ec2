// Reminders given up on: failed with a reason, audited, and reported to the office admins through
// the outbox itself (their next message lists them), so a failure is never lost silently.
import { systemActor } from '../../domain/model.ts';
import { parseSlot } from '../../domain/reminder-slot.ts';
import { recordAudits } from './audit.ts';
import { insertOutboxEntries } from './outbox-rows.ts';
import { prismaOf, type Store } from './store.ts';
import type { DbTransaction } from './transaction.ts';

async function activeAdminIds(tx: DbTransaction): Promise<number[]> {
  const admins = await tx.official.findMany({
    where: { role: 'admin', active: true },
    select: { id: true },
    orderBy: { id: 'asc' },
  });
  return admins.map((admin) => admin.id);
}

/**
 * Gives up on rows: failed with the reason, an audit event, and — in the same transaction, so it
 * cannot be lost — one outbox row per active admin telling them (their next message lists it).
 * Failures of those reports themselves are not reported again (no loop); they stay queryable.
 */
export async function failReminders(
  store: Store,
  ids: number[],
  claimedBy: string,
  reason: string,
  now: Date,
): Promise<{ failed: number; reported: number }> {
  return prismaOf(store).$transaction(async (tx) => {
    const rows = await tx.reminder.findMany({
      where: { id: { in: ids }, state: 'sending', claimedBy },
      select: { id: true, taskId: true, slot: true, recipientId: true },
    });
    if (rows.length === 0) return { failed: 0, reported: 0 };
    await tx.reminder.updateMany({
      where: { id: { in: rows.map((row) => row.id) } },
      data: { state: 'failed', claimedBy: null, lastError: reason },
    });
    await recordAudits(
      tx,
      systemActor('scheduler'),
      rows.map((row) => ({
        action: 'reminder.failed',
        taskId: row.taskId,
        payload: { reminderId: row.id, recipientId: row.recipientId, slot: row.slot, reason },
      })),
    );
    const admins = await activeAdminIds(tx);
    const reports = rows
      .filter((row) => parseSlot(row.slot)?.kind !== 'failure-report')
      .flatMap((row) =>
        admins.map((adminId) => ({
          taskId: row.taskId,
          recipientId: adminId,
          slot: { kind: 'failure-report', reminderId: row.id } as const,
          scheduledFor: now,
        })),
      );
    const inserted = await insertOutboxEntries(tx, reports);
    return { failed: rows.length, reported: inserted };
  });
}

export interface FailedReminder {
  id: number;
  taskId: number;
  recipientId: number;
  /** As stored (the CLI's JSON shows it unchanged). */
  slot: string;
  attempts: number;
  lastError: string | null;
  scheduledFor: Date;
  task: { title: string };
  recipient: { username: string; fullName: string };
}

/** The reminders given up on, newest first: for an admin command or the CLI. */
export async function listFailedReminders(store: Store, limit = 100): Promise<FailedReminder[]> {
  return prismaOf(store).reminder.findMany({
    where: { state: 'failed' },
    orderBy: { id: 'desc' },
    take: limit,
    select: {
      id: true,
      taskId: true,
      recipientId: true,
      slot: true,
      attempts: true,
      lastError: true,
      scheduledFor: true,
      task: { select: { title: true } },
      recipient: { select: { username: true, fullName: true } },
    },
  });
}
