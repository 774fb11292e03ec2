import { UnitTree } from '../../domain/unit-tree.ts';
import { prismaOf, type Store } from './store.ts';
import { requireUnit } from './units.ts';

/** The unit and every unit below it (Sở → phòng → tổ). The unit table is small: read it whole. */
export async function unitSubtreeIds(store: Store, code: string): Promise<number[]> {
  const root = await requireUnit(store, code);
  const units = await prismaOf(store).unit.findMany({ select: { id: true, parentId: true } });
  return new UnitTree(units).subtree(root.id);
}
