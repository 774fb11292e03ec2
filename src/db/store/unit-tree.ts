import type { DbClient } from '../database.ts';
import { requireUnit } from './units.ts';

/** The unit and every unit below it (Sở → phòng → tổ). The unit table is small: read it whole. */
export async function unitSubtreeIds(db: DbClient, code: string): Promise<number[]> {
  const root = await requireUnit(db, code);
  const units = await db.unit.findMany({ select: { id: true, parentId: true } });
  const children = new Map<number, number[]>();
  for (const unit of units) {
    if (unit.parentId === null) continue;
    children.set(unit.parentId, [...(children.get(unit.parentId) ?? []), unit.id]);
  }
  const result: number[] = [];
  const pending = [root.id];
  while (pending.length > 0) {
    const id = pending.pop()!;
    result.push(id);
    pending.push(...(children.get(id) ?? []));
  }
  return result;
}
