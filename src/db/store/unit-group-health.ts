// Whether a unit's Zalo group still takes the group digest. A group send that fails sends the
// reminders privately instead (group-delivery.ts), so nothing is lost, but every morning then costs
// the account's scarce private messages: after a few failures in a row the office admins are told,
// once, and once more when a send works again. Counted in the Unit row, so a restart (or another
// process taking the Zalo lease over) keeps the count and does not repeat the alert.
import { prismaOf, type Store } from './store.ts';

export interface GroupHealth {
  /** Group sends failed in a row (0: the last one worked, or none failed yet). */
  failures: number;
  lastError: string | null;
  failingSince: Date | null;
  /** The admins were told that the group fails (and not yet that it works again). */
  alerted: boolean;
}

export const HEALTHY_GROUP: GroupHealth = { failures: 0, lastError: null, failingSince: null, alerted: false };

/** Prisma data that forgets a group's failures (a send worked, or the unit's group changed). */
export const RESET_GROUP_HEALTH = {
  zaloGroupFailures: 0,
  zaloGroupLastError: null,
  zaloGroupFailingSince: null,
  zaloGroupAlerted: false,
} as const;

/**
 * Counts one failed send to the unit's group `groupId` (nothing if the unit has another group by
 * now). `alertNow` is true for exactly one caller, the first to count `alertAfter` failures in a row:
 * the claim of the alert is one conditional write, so two processes never both alert.
 */
export async function recordGroupSendFailure(
  store: Store,
  target: { unitId: number; groupId: string },
  error: string,
  at: Date,
  alertAfter: number,
): Promise<{ failures: number; failingSince: Date | null; alertNow: boolean }> {
  const db = prismaOf(store);
  const where = { id: target.unitId, zaloGroupId: target.groupId };
  await db.unit.updateMany({ where: { ...where, zaloGroupFailingSince: null }, data: { zaloGroupFailingSince: at } });
  await db.unit.updateMany({
    where,
    data: { zaloGroupFailures: { increment: 1 }, zaloGroupLastError: error.slice(0, 500) },
  });
  const { count } = await db.unit.updateMany({
    where: { ...where, zaloGroupAlerted: false, zaloGroupFailures: { gte: alertAfter } },
    data: { zaloGroupAlerted: true },
  });
  const row = await db.unit.findUnique({
    where: { id: target.unitId },
    select: { zaloGroupFailures: true, zaloGroupFailingSince: true },
  });
  return {
    failures: row?.zaloGroupFailures ?? 0,
    failingSince: row?.zaloGroupFailingSince ?? null,
    alertNow: count === 1,
  };
}

/** A send to the group worked: failures forgotten. `recovered` when the admins had been told it failed. */
export async function recordGroupSendSuccess(
  store: Store,
  target: { unitId: number; groupId: string },
): Promise<{ recovered: boolean }> {
  const db = prismaOf(store);
  const where = { id: target.unitId, zaloGroupId: target.groupId };
  const told = await db.unit.updateMany({ where: { ...where, zaloGroupAlerted: true }, data: RESET_GROUP_HEALTH });
  if (told.count === 1) return { recovered: true };
  await db.unit.updateMany({ where: { ...where, zaloGroupFailures: { gt: 0 } }, data: RESET_GROUP_HEALTH });
  return { recovered: false };
}
