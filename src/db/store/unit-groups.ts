// A unit's Zalo group: where the reminders of its officials linked on Zalo go, as one message that
// mentions each of them, instead of one private message each (Zalo lets a personal account write to
// few people an hour; a group counts as one). Set from the CLI or by the unit's head in the group.
import type { Actor } from '../../domain/model.ts';
import { join } from '../generated/sqlite/internal/prismaNamespace.ts';
import { claimedInOrder, type ClaimedReminder, type ClaimedRow } from './reminder-claims.ts';
import { UserError } from '../../domain/errors.ts';
import { recordAudit } from './audit.ts';
import { isUniqueViolation } from './errors.ts';
import { prismaOf, type Store } from './store.ts';
import { RESET_GROUP_HEALTH, type GroupHealth } from './unit-group-health.ts';
import { requireActiveUnit, requireUnit } from './units.ts';

export interface UnitGroup {
  unitId: number;
  unitCode: string;
  unitName: string;
  groupId: string;
  /** Whether group sends fail lately (unit-group-health.ts). */
  health: GroupHealth;
}

const GROUP_COLUMNS = {
  id: true,
  code: true,
  name: true,
  zaloGroupId: true,
  zaloGroupFailures: true,
  zaloGroupLastError: true,
  zaloGroupFailingSince: true,
  zaloGroupAlerted: true,
} as const;

function toUnitGroup(row: {
  id: number;
  code: string;
  name: string;
  zaloGroupId: string | null;
  zaloGroupFailures: number;
  zaloGroupLastError: string | null;
  zaloGroupFailingSince: Date | null;
  zaloGroupAlerted: boolean;
}): UnitGroup {
  return {
    unitId: row.id,
    unitCode: row.code,
    unitName: row.name,
    groupId: row.zaloGroupId!,
    health: {
      failures: row.zaloGroupFailures,
      lastError: row.zaloGroupLastError,
      failingSince: row.zaloGroupFailingSince,
      alerted: row.zaloGroupAlerted,
    },
  };
}

/** Zalo group ids are decimal numbers; anything else is a typing mistake. */
const GROUP_ID = /^\d{1,30}$/;

/**
 * Registers `groupId` as the unit's Zalo group, or clears it (`null`). Refuses a group another unit
 * already has. Audited `unit.zalo-group` with before/after; returns the group before.
 */
export async function setUnitZaloGroup(
  store: Store,
  unitCode: string,
  groupId: string | null,
  actor: Actor,
  options: { reason?: string } = {},
): Promise<{ before: string | null; after: string | null }> {
  const db = prismaOf(store);
  if (groupId !== null && !GROUP_ID.test(groupId))
    throw new UserError(`Mã nhóm Zalo "${groupId}" không hợp lệ (chỉ gồm chữ số).`, 'BAD_GROUP_ID');
  const unit = await requireUnit(store, unitCode);
  if (groupId !== null) requireActiveUnit(unit, 'đăng ký nhóm Zalo');
  const row = await db.unit.findUniqueOrThrow({ where: { id: unit.id }, select: { zaloGroupId: true } });
  const before = row.zaloGroupId;
  if (before === groupId)
    throw new UserError(
      groupId === null
        ? `Đơn vị ${unit.code} chưa đăng ký nhóm Zalo.`
        : `Nhóm Zalo ${groupId} đã là nhóm của đơn vị ${unit.code}.`,
      'SAME_GROUP',
    );
  try {
    await db.$transaction(async (tx) => {
      // Another group (or none) starts with a clean record: the old group's failures are not its.
      await tx.unit.update({ where: { id: unit.id }, data: { zaloGroupId: groupId, ...RESET_GROUP_HEALTH } });
      await recordAudit(tx, actor, 'unit.zalo-group', {
        payload: {
          unit: unit.code,
          before: { zaloGroupId: before },
          after: { zaloGroupId: groupId },
          ...(options.reason ? { reason: options.reason } : {}),
        },
      });
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const owner = await db.unit.findUnique({ where: { zaloGroupId: groupId! }, select: { code: true } });
    throw new UserError(
      `Nhóm Zalo ${groupId} đã là nhóm của đơn vị ${owner?.code ?? 'khác'}; hãy gỡ ở đơn vị đó trước.`,
      'GROUP_TAKEN',
    );
  }
  return { before, after: groupId };
}

/** Every active unit with a Zalo group, by code. */
export async function listUnitGroups(store: Store): Promise<UnitGroup[]> {
  const rows = await prismaOf(store).unit.findMany({
    where: { active: true, zaloGroupId: { not: null } },
    select: GROUP_COLUMNS,
    orderBy: { code: 'asc' },
  });
  return rows.map(toUnitGroup);
}

/** The unit whose Zalo group `groupId` is, if any. */
export async function unitOfZaloGroup(store: Store, groupId: string): Promise<UnitGroup | undefined> {
  const row = await prismaOf(store).unit.findUnique({
    where: { zaloGroupId: groupId },
    select: GROUP_COLUMNS,
  });
  return row ? toUnitGroup(row) : undefined;
}

/**
 * Claims every due assignee reminder (not a head's escalation, not a failure report) of the unit's
 * active officials linked on Zalo, in one statement: the rows move to `sending`, owned by
 * `claimedBy` until `claimUntil`, one attempt counted — as claimDueReminders does per person.
 */
export async function claimDueGroupReminders(
  store: Store,
  unitId: number,
  now: Date,
  claimedBy: string,
  claimUntil: Date,
): Promise<ClaimedReminder[]> {
  const db = prismaOf(store);
  const members = await db.official.findMany({
    where: { unitId, active: true, identities: { some: { channel: 'zalo' } } },
    select: { id: true },
  });
  if (members.length === 0) return [];
  const rows = await db.$queryRaw<ClaimedRow[]>`
    UPDATE "Reminder" SET "state" = 'sending', "claimedBy" = ${claimedBy}, "attempts" = "attempts" + 1, "nextAttemptAt" = ${claimUntil}
     WHERE "state" = 'pending' AND "nextAttemptAt" <= ${now}
       AND "recipientId" IN (${join(members.map((member) => member.id))})
       AND "slot" NOT LIKE 'head:%' AND "slot" NOT LIKE 'failed:%'
    RETURNING "id", "taskId", "recipientId", "slot", "attempts"`;
  return claimedInOrder(rows);
}
