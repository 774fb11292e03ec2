// What the health check and the metrics ask the database: does it answer, and how many
// reminders are due but not sent.
import { prismaOf, type Store } from './store.ts';

/** Resolves when the database answers a trivial query; throws its error otherwise. */
export async function pingDatabase(store: Store): Promise<void> {
  await prismaOf(store).$queryRaw`SELECT 1`;
}

/** Reminders whose time has come that are still waiting or being sent. */
export async function countDueUnsentReminders(store: Store, now: Date): Promise<number> {
  return prismaOf(store).reminder.count({
    where: { state: { in: ['pending', 'sending'] }, scheduledFor: { lte: now } },
  });
}
