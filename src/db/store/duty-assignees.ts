import { prismaOf, type Store } from './store.ts';

export interface UnitAssignee {
  unitId: number;
  unitCode: string;
  /** The focal official (cán bộ đầu mối), else the first active head; undefined when neither. */
  assigneeUsername: string | undefined;
}

/** Who receives each active unit's recurring duties. */
export async function listUnitAssignees(store: Store): Promise<UnitAssignee[]> {
  const db = prismaOf(store);
  const units = await db.unit.findMany({
    // An inactive unit (merged, dissolved) gets no new tasks.
    where: { active: true },
    orderBy: { code: 'asc' },
    select: {
      id: true,
      code: true,
      focalOfficial: { select: { username: true, active: true } },
      officials: { where: { role: 'head', active: true }, orderBy: { id: 'asc' }, take: 1, select: { username: true } },
    },
  });
  return units.map((unit) => ({
    unitId: unit.id,
    unitCode: unit.code,
    assigneeUsername:
      (unit.focalOfficial?.active ? unit.focalOfficial.username : undefined) ?? unit.officials[0]?.username,
  }));
}

/** Period keys already materialised for a duty, per unit: generation skips them without a write. */
export async function existingPeriodKeys(store: Store, dutyCode: string): Promise<Set<string>> {
  const db = prismaOf(store);
  const rows = await db.task.findMany({
    where: { dutyCode, periodKey: { not: null } },
    select: { unitId: true, periodKey: true },
  });
  return new Set(rows.map((row) => `${row.unitId}/${row.periodKey}`));
}
