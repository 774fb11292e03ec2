// A named lease: who runs a singleton job until when, stamped in real time (never a simulated
// clock). The holder renews it while alive; another process takes over once it has expired, or at
// once when the caller knows the holder is dead (takeOverLease). Used by the reminder scheduler on SQLite, where
// one process owns the outbox.
import { prismaOf, type Store } from './store.ts';
import { isUniqueViolation } from './errors.ts';

export interface LeaseResult {
  held: boolean;
  /** This call took the lease from nobody or from an expired holder (not a renewal). */
  acquired: boolean;
  /**
   * This call took the lease from a holder that never gave it up (it expired, or its holder died):
   * whatever that holder ran may still linger. A clean release deletes the row, so that is not it.
   */
  tookOver: boolean;
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
  if (renewed.count === 1) return { held: true, acquired: false, tookOver: false, holder, expiresAt };
  // An expiry further ahead than any renewal could put it was stamped by another clock (a process
  // on simulated time): it says nothing about whether its holder is alive, so it counts as expired.
  const impossible = new Date(now.getTime() + 2 * ttlMs);
  const taken = await db.lease.updateMany({
    where: { name, OR: [{ expiresAt: { lte: now } }, { expiresAt: { gt: impossible } }] },
    data: { holder, expiresAt },
  });
  if (taken.count === 1) return { held: true, acquired: true, tookOver: true, holder, expiresAt };
  try {
    await db.lease.create({ data: { name, holder, expiresAt } });
    return { held: true, acquired: true, tookOver: false, holder, expiresAt };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  const current = await db.lease.findUnique({ where: { name } });
  return {
    held: false,
    acquired: false,
    tookOver: false,
    holder: current?.holder ?? '?',
    expiresAt: current?.expiresAt ?? now,
  };
}

/** Gives the lease up at once (clean shutdown), so a successor need not wait for it to expire. */
export async function releaseLease(store: Store, name: string, holder: string): Promise<void> {
  const db = prismaOf(store);
  await db.lease.deleteMany({ where: { name, holder } });
}

/**
 * Takes the lease from `from`, known to be dead, whatever its expiry; nothing happens if someone
 * else took it meanwhile.
 */
export async function takeOverLease(
  store: Store,
  name: string,
  from: string,
  holder: string,
  now: Date,
  ttlMs: number,
): Promise<LeaseResult> {
  const expiresAt = new Date(now.getTime() + ttlMs);
  const { count } = await prismaOf(store).lease.updateMany({
    where: { name, holder: from },
    data: { holder, expiresAt },
  });
  if (count === 1) return { held: true, acquired: true, tookOver: true, holder, expiresAt };
  return acquireLease(store, name, holder, now, ttlMs);
}

/** Who holds the lease `name` and until when (undefined: nobody ever took it, or it was given up). */
export async function findLease(store: Store, name: string): Promise<{ holder: string; expiresAt: Date } | undefined> {
  const lease = await prismaOf(store).lease.findUnique({ where: { name } });
  return lease ? { holder: lease.holder, expiresAt: lease.expiresAt } : undefined;
}
