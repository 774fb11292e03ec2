// /lienket tries per chat, so a chat cannot guess codes: the command refuses after too many
// wrong ones in a window. Times come from the injected clock, not the database's now().
import type { DbClient } from '../database.ts';

export async function countFailedLinkAttempts(
  db: DbClient,
  channel: string,
  chatId: string,
  since: Date,
): Promise<number> {
  return db.linkAttempt.count({ where: { channel, chatId, succeeded: false, at: { gte: since } } });
}

export async function recordLinkAttempt(
  db: DbClient,
  attempt: { channel: string; chatId: string; succeeded: boolean; at: Date },
): Promise<void> {
  await db.linkAttempt.create({ data: attempt });
}
