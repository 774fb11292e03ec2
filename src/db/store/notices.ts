// Notices: telling officials in chat that something about their work changed. Queued in the
// transaction of the change (so a correction and its notice are written together or not at
// all), delivered later by the bot's sweep — the CLI and imports run without any chat channel.
import type { DbTransaction } from './transaction.ts';

export interface NewNotice {
  /** The official to tell. */
  officialId: number;
  /** Vietnamese, complete: what changed, dates dd/MM/yyyy, the task number. */
  text: string;
  taskId?: number;
}

/** Queues `notices` for delivery from `now` on; returns how many were queued. */
export async function queueNotices(tx: DbTransaction, notices: readonly NewNotice[], now: Date): Promise<number> {
  if (notices.length === 0) return 0;
  const { count } = await tx.notice.createMany({
    data: notices.map((notice) => ({
      recipientId: notice.officialId,
      text: notice.text,
      taskId: notice.taskId ?? null,
      nextAttemptAt: now,
    })),
  });
  return count;
}
