// /lienket tries per chat, so a chat cannot guess codes: the command refuses after too many
// wrong ones in a window. Times come from the injected clock, not the database's now().
import { prismaOf, type Store } from './store.ts';

export async function countFailedLinkAttempts(
  store: Store,
  channel: string,
  chatId: string,
  since: Date,
): Promise<number> {
  const db = prismaOf(store);
  return db.linkAttempt.count({ where: { channel, chatId, succeeded: false, at: { gte: since } } });
}

export async function recordLinkAttempt(
  store: Store,
  attempt: { channel: string; chatId: string; succeeded: boolean; at: Date },
): Promise<void> {
  const db = prismaOf(store);
  await db.linkAttempt.create({ data: attempt });
}
