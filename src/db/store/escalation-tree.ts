// Who escalations go to: the unit tree and each unit's active heads.
import { UnitTree } from '../../domain/unit-tree.ts';
import { prismaOf, type Store } from './store.ts';

export interface EscalationTree {
  units: UnitTree;
  /** Active heads of each unit. */
  headsOf: Map<number, number[]>;
}

/** Units and heads are few (tens to hundreds): read them whole once per sweep. */
export async function loadEscalationTree(store: Store): Promise<EscalationTree> {
  const db = prismaOf(store);
  const [units, heads] = await Promise.all([
    db.unit.findMany({ select: { id: true, parentId: true } }),
    db.official.findMany({ where: { role: 'head', active: true }, select: { id: true, unitId: true } }),
  ]);
  const headsOf = new Map<number, number[]>();
  for (const head of heads) headsOf.set(head.unitId, [...(headsOf.get(head.unitId) ?? []), head.id]);
  return { units: new UnitTree(units), headsOf };
}
