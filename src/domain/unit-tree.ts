// The Sở's units as a tree (Sở → phòng → tổ). Heads see their unit's subtree; escalations go up
// to every unit above. A unit table is small (tens to hundreds of rows): it is read whole.

export interface UnitLink {
  id: number;
  parentId: number | null;
}

export class UnitTree {
  private readonly parentOf = new Map<number, number | null>();
  private readonly childrenOf = new Map<number, number[]>();

  constructor(units: readonly UnitLink[]) {
    for (const unit of units) {
      this.parentOf.set(unit.id, unit.parentId);
      if (unit.parentId !== null) this.childrenOf.set(unit.parentId, [...this.children(unit.parentId), unit.id]);
    }
  }

  children(id: number): number[] {
    return this.childrenOf.get(id) ?? [];
  }

  /** The unit and every unit below it. */
  subtree(id: number): number[] {
    const result: number[] = [];
    const pending = [id];
    while (pending.length > 0) {
      const next = pending.pop()!;
      if (result.includes(next)) continue; // a cycle in bad data must not loop forever
      result.push(next);
      pending.push(...this.children(next));
    }
    return result;
  }

  /** The unit, its parent, and so on up to the root. */
  selfAndAncestors(id: number): number[] {
    const result: number[] = [];
    for (
      let unit: number | null | undefined = id;
      unit !== null && unit !== undefined;
      unit = this.parentOf.get(unit)
    ) {
      if (result.includes(unit)) break;
      result.push(unit);
    }
    return result;
  }
}
