// Notices: telling officials in chat that something about their work changed. Queued in the
// transaction of the change (so a correction and its notice are written together or not at
// all), delivered later by the bot's sweep — the CLI and imports run without any chat channel.
import { isUniqueViolation } from './errors.ts';
import { prismaOf, type Store } from './store.ts';
import type { DbTransaction } from './transaction.ts';

export interface NewNotice {
  /** The official to tell. */
  officialId: number;
  /** Vietnamese, complete: what changed, dates dd/MM/yyyy, the task number. */
  text: string;
  taskId?: number;
  /** At most one notice per recipient and key (a head's nudge: task and day). */
  onceKey?: string;
}

/** Queues `notices` for delivery from `now` on; returns how many were queued. */
export async function queueNotices(tx: DbTransaction, notices: readonly NewNotice[], now: Date): Promise<number> {
  if (notices.length === 0) return 0;
  const { count } = await tx.notice.createMany({
    data: notices.map((notice) => ({
      recipientId: notice.officialId,
      text: notice.text,
      taskId: notice.taskId ?? null,
      onceKey: notice.onceKey ?? null,
      nextAttemptAt: now,
    })),
  });
  return count;
}

/**
 * Queues `text` for every active office admin, at most once per admin for `onceKey` (the weekly
 * calendar warning: a restart, a second process or the next sweep of the same week queue nothing).
 * Returns how many were queued now.
 */
export async function queueAdminNoticeOnce(store: Store, text: string, onceKey: string, now: Date): Promise<number> {
  const db = prismaOf(store);
  const admins = await db.official.findMany({ where: { role: 'admin', active: true }, select: { id: true } });
  let queued = 0;
  for (const admin of admins) {
    // One statement per admin (no transaction): on PostgreSQL a unique violation would abort it.
    try {
      await db.notice.create({ data: { recipientId: admin.id, text, onceKey, nextAttemptAt: now } });
      queued++;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
  return queued;
}
