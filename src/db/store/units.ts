import { prismaOf, type Store } from './store.ts';
import { requireSafeText } from '../../domain/unsafe-text.ts';
import type { Actor, Unit } from '../../domain/model.ts';
import { UserError } from '../../domain/errors.ts';
import { recordAudit } from './audit.ts';
import { isUniqueViolation } from './errors.ts';
import { queueNotices } from './notices.ts';

export const withNames = { parent: { select: { code: true } }, focalOfficial: { select: { username: true } } } as const;

export type UnitRow = {
  id: number;
  code: string;
  name: string;
  parent: { code: string } | null;
  focalOfficial: { username: string } | null;
  active: boolean;
};

export function toUnit(row: UnitRow): Unit {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    parentCode: row.parent?.code ?? null,
    focalUsername: row.focalOfficial?.username ?? null,
    active: row.active,
  };
}

export async function findUnitByCode(store: Store, code: string): Promise<Unit | undefined> {
  const db = prismaOf(store);
  const row = await db.unit.findUnique({ where: { code }, include: withNames });
  return row ? toUnit(row) : undefined;
}

export async function requireUnit(store: Store, code: string): Promise<Unit> {
  const unit = await findUnitByCode(store, code);
  if (!unit) throw new UserError(`Không có đơn vị mã "${code}".`, 'UNIT_NOT_FOUND');
  return unit;
}

/** Refuses `what` (e.g. "chuyển cán bộ vào") on a unit the office has deactivated. */
export function requireActiveUnit(unit: Unit, what: string): void {
  if (!unit.active) throw new UserError(`Đơn vị ${unit.code} đã ngừng hoạt động: không thể ${what}.`, 'UNIT_INACTIVE');
}

export async function addUnit(
  store: Store,
  input: { code: string; name: string; parentCode?: string },
  actor: Actor,
): Promise<Unit> {
  const db = prismaOf(store);
  requireSafeText(input.name, 'Tên đơn vị');
  const parent = input.parentCode ? await requireUnit(store, input.parentCode) : undefined;
  if (parent) requireActiveUnit(parent, 'thêm đơn vị con');
  try {
    return await db.$transaction(async (tx) => {
      const row = await tx.unit.create({
        data: { code: input.code, name: input.name, parentId: parent?.id ?? null },
        include: withNames,
      });
      await recordAudit(tx, actor, 'unit.add', {
        payload: { code: input.code, name: input.name, parent: input.parentCode },
      });
      return toUnit(row);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new UserError(`Đơn vị mã "${input.code}" đã có.`, 'UNIT_EXISTS');
    throw error;
  }
}

/**
 * The unit's focal official (cán bộ đầu mối). With `now`, the new focal official and the one they
 * replace are told in chat (a notice) — the CLI and the web console both pass it.
 */
export async function setFocalOfficial(
  store: Store,
  unitCode: string,
  username: string,
  actor: Actor,
  options: { now?: Date } = {},
): Promise<Unit> {
  const db = prismaOf(store);
  const unit = await requireUnit(store, unitCode);
  const official = await db.official.findUnique({ where: { username } });
  if (!official) throw new UserError(`Không có cán bộ "${username}".`, 'OFFICIAL_NOT_FOUND');
  if (unit.focalUsername === username)
    throw new UserError(`${username} đã là cán bộ đầu mối của ${unitCode}.`, 'SAME_FOCAL');
  return db.$transaction(async (tx) => {
    const before = await tx.unit.findUniqueOrThrow({
      where: { id: unit.id },
      select: { focalOfficial: { select: { id: true, active: true } } },
    });
    const row = await tx.unit.update({
      where: { id: unit.id },
      data: { focalOfficialId: official.id },
      include: withNames,
    });
    if (options.now) {
      const unitName = `${unit.code} (${unit.name})`;
      await queueNotices(
        tx,
        [
          ...(official.active
            ? [{ officialId: official.id, text: `📌 Anh/chị được đặt làm cán bộ đầu mối của đơn vị ${unitName}.` }]
            : []),
          ...(before.focalOfficial?.active
            ? [
                {
                  officialId: before.focalOfficial.id,
                  text: `📌 Anh/chị không còn là cán bộ đầu mối của đơn vị ${unitName}; người mới: ${official.fullName}.`,
                },
              ]
            : []),
        ],
        options.now,
      );
    }
    await recordAudit(tx, actor, 'unit.focal', {
      payload: { unit: unitCode, username, before: { focal: unit.focalUsername }, after: { focal: username } },
    });
    return toUnit(row);
  });
}

export async function listUnits(store: Store): Promise<Unit[]> {
  const db = prismaOf(store);
  const rows = await db.unit.findMany({ include: withNames, orderBy: { code: 'asc' } });
  return rows.map(toUnit);
}
