import { describe, expect, it } from 'vitest';
import { UnitTree } from '../../src/domain/unit-tree.ts';

// Sở (1) → Văn phòng (2), Phòng Tư pháp (3) → Tổ KSTTHC (4)
const tree = new UnitTree([
  { id: 1, parentId: null },
  { id: 2, parentId: 1 },
  { id: 3, parentId: 1 },
  { id: 4, parentId: 3 },
]);

describe('the unit tree', () => {
  it('gives a unit and everything below it', () => {
    expect(tree.subtree(1).sort()).toEqual([1, 2, 3, 4]);
    expect(tree.subtree(3).sort()).toEqual([3, 4]);
    expect(tree.subtree(4)).toEqual([4]);
  });

  it('gives a unit and every unit above it, nearest first', () => {
    expect(tree.selfAndAncestors(4)).toEqual([4, 3, 1]);
    expect(tree.selfAndAncestors(1)).toEqual([1]);
  });

  it('stops instead of looping forever on a cycle in bad data', () => {
    const broken = new UnitTree([
      { id: 1, parentId: 2 },
      { id: 2, parentId: 1 },
    ]);
    expect(broken.selfAndAncestors(1)).toEqual([1, 2]);
    expect(broken.subtree(1).sort()).toEqual([1, 2]);
  });
});
