import { prismaOf, type Store } from './store.ts';

export interface UnitAssignee {
  unitId: number;
  unitCode: string;
  /**
   * The focal official (cán bộ đầu mối), else the unit's first active head, else its first active
   * admin (the office unit often has admins and no head); undefined when none of them.
   */
  assigneeUsername: string | undefined;
  /** Without an assignee: the unit's first active official, whom `unit focal` could name. */
  candidateUsername: string | undefined;
}

const ROLE_ORDER = ['head', 'admin'] as const;

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
      officials: { where: { active: true }, orderBy: { id: 'asc' }, select: { username: true, role: true } },
    },
  });
  return units.map((unit) => {
    const byRole = ROLE_ORDER.map((role) => unit.officials.find((official) => official.role === role)?.username);
    const assigneeUsername =
      (unit.focalOfficial?.active ? unit.focalOfficial.username : undefined) ?? byRole.find(Boolean);
    return {
      unitId: unit.id,
      unitCode: unit.code,
      assigneeUsername,
      candidateUsername: assigneeUsername ? undefined : unit.officials[0]?.username,
    };
  });
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
