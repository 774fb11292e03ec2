// The web console's Đơn vị page, bound to one store: the unit tree, and the CLI's `unit` verbs
// (add, rename, move — the cycle refusal lives in moveUnit —, the focal official, deactivate and
// reactivate — the refusal naming what still lives in the unit lives in deactivateUnit) through the
// same store functions. Admin changes; a head sees their unit's subtree; a member is refused.
import type { Store } from '../db/store/store.ts';
import { unitSubtreeIds } from '../db/store/unit-tree.ts';
import { deactivateUnit, moveUnit, reactivateUnit, renameUnit } from '../db/store/unit-changes.ts';
import { addUnit, listUnits, setFocalOfficial } from '../db/store/units.ts';
import type { Clock } from '../domain/clock.ts';
import { UserError } from '../domain/errors.ts';
import { unitCodeProblem } from '../domain/identifiers.ts';
import type { Official, Unit } from '../domain/model.ts';
import { requireConsoleAdmin, requireConsoleViewer } from './web-console-people.ts';
import { webActor } from './web-console.ts';

export interface UnitTreeRow extends Unit {
  /** 0 for a root, 1 for its children… (relative to what the official sees) */
  depth: number;
}

export interface WebConsoleUnits {
  tree(official: Official): Promise<UnitTreeRow[]>;
  add(official: Official, input: { code: string; name: string; parentCode?: string }): Promise<Unit>;
  rename(official: Official, code: string, name: string, reason?: string): Promise<Unit>;
  move(official: Official, code: string, parentCode: string, reason?: string): Promise<Unit>;
  setFocal(official: Official, code: string, username: string): Promise<Unit>;
  /** `unit deactivate`: refused, naming each, while active officials, open tasks or active sub-units remain. */
  deactivate(official: Official, code: string, reason?: string): Promise<Unit>;
  reactivate(official: Official, code: string, reason?: string): Promise<Unit>;
}

/** Depth-first, children by code: the order a tree is read in. */
export function treeOrder(units: readonly Unit[]): UnitTreeRow[] {
  const codes = new Set(units.map((unit) => unit.code));
  const childrenOf = new Map<string | null, Unit[]>();
  for (const unit of units) {
    const parent = unit.parentCode && codes.has(unit.parentCode) ? unit.parentCode : null;
    childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), unit]);
  }
  const rows: UnitTreeRow[] = [];
  const visit = (parent: string | null, depth: number) => {
    for (const unit of (childrenOf.get(parent) ?? []).sort((a, b) => a.code.localeCompare(b.code))) {
      if (rows.some((row) => row.code === unit.code)) continue;
      rows.push({ ...unit, depth });
      visit(unit.code, depth + 1);
    }
  };
  visit(null, 0);
  return rows;
}

export function createWebConsoleUnits({ store, clock }: { store: Store; clock: Clock }): WebConsoleUnits {
  const reason = (text?: string) => ({ ...(text ? { reason: text } : {}) });
  return {
    async tree(official) {
      requireConsoleViewer(official);
      const units = await listUnits(store);
      if (official.role === 'admin') return treeOrder(units);
      const ids = new Set(await unitSubtreeIds(store, official.unitCode));
      return treeOrder(units.filter((unit) => ids.has(unit.id)));
    },

    async add(official, input) {
      requireConsoleAdmin(official);
      const problem = unitCodeProblem(input.code);
      if (problem) throw new UserError(`Không thêm được: ${problem}`, 'BAD_UNIT_CODE');
      return addUnit(store, input, webActor(official));
    },

    async rename(official, code, name, why) {
      requireConsoleAdmin(official);
      return renameUnit(store, code, name, reason(why), webActor(official));
    },

    async move(official, code, parentCode, why) {
      requireConsoleAdmin(official);
      return moveUnit(store, code, parentCode, reason(why), webActor(official));
    },

    async setFocal(official, code, username) {
      requireConsoleAdmin(official);
      return setFocalOfficial(store, code, username, webActor(official), { now: clock.now() });
    },

    async deactivate(official, code, why) {
      requireConsoleAdmin(official);
      return deactivateUnit(store, code, reason(why), webActor(official));
    },

    async reactivate(official, code, why) {
      requireConsoleAdmin(official);
      return reactivateUnit(store, code, reason(why), webActor(official));
    },
  };
}
