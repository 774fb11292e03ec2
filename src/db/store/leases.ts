// A named lease: who runs a singleton job until when. The holder renews it while alive; another
// process takes over only once it has expired. Used by the reminder scheduler on SQLite, where
// one process owns the outbox.
import { prismaOf, type Store } from './store.ts';
import { isUniqueViolation } from './errors.ts';

export interface LeaseResult {
  held: boolean;
  /** This call took the lease from nobody or from an expired holder (not a renewal). */
  acquired: boolean;
  holder: string;
  expiresAt: Date;
}

export async function acquireLease(
  store: Store,
  name: string,
  holder: string,
  now: Date,
  ttlMs: number,
): Promise<LeaseResult> {
  const db = prismaOf(store);
  const expiresAt = new Date(now.getTime() + ttlMs);
  const renewed = await db.lease.updateMany({ where: { name, holder }, data: { expiresAt } });
  if (renewed.count === 1) return { held: true, acquired: false, holder, expiresAt };
  const taken = await db.lease.updateMany({ where: { name, expiresAt: { lte: now } }, data: { holder, expiresAt } });
  if (taken.count === 1) return { held: true, acquired: true, holder, expiresAt };
  try {
    await db.lease.create({ data: { name, holder, expiresAt } });
    return { held: true, acquired: true, holder, expiresAt };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  const current = await db.lease.findUnique({ where: { name } });
  return { held: false, acquired: false, holder: current?.holder ?? '?', expiresAt: current?.expiresAt ?? now };
}

/** Gives the lease up at once (clean shutdown), so a successor need not wait for it to expire. */
export async function releaseLease(store: Store, name: string, holder: string): Promise<void> {
  const db = prismaOf(store);
  await db.lease.deleteMany({ where: { name, holder } });
}
