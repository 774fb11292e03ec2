// Which rows a report has. Every unit: one row per unit with its own tasks (the rows add up to
// the total). One unit (--unit SO): a row for SO's own tasks, then one per direct sub-unit with
// everything below it rolled up — again the rows add up to the total of the subtree.
import type { ReportUnit } from '../db/store/report-queries.ts';

export interface ReportGroup {
  unitCode: string;
  unitName: string;
  includesSubUnits: boolean;
  unitIds: number[];
}

function childrenOf(units: ReportUnit[]): Map<number | null, ReportUnit[]> {
  const children = new Map<number | null, ReportUnit[]>();
  for (const unit of units) children.set(unit.parentId, [...(children.get(unit.parentId) ?? []), unit]);
  for (const list of children.values()) list.sort((a, b) => a.code.localeCompare(b.code));
  return children;
}

/** Depth-first: a parent before its children, so tables read like the organisation chart. */
function treeOrder(children: Map<number | null, ReportUnit[]>, roots: ReportUnit[]): ReportUnit[] {
  return roots.flatMap((unit) => [unit, ...treeOrder(children, children.get(unit.id) ?? [])]);
}

export function subtreeOf(units: ReportUnit[], root: ReportUnit): ReportUnit[] {
  return treeOrder(childrenOf(units), [root]);
}

export function reportGroups(units: ReportUnit[], scope?: ReportUnit): ReportGroup[] {
  const children = childrenOf(units);
  if (!scope) {
    // Units whose parent is missing from the table still appear, as roots.
    const ids = new Set(units.map((u) => u.id));
    const roots = units
      .filter((u) => u.parentId === null || !ids.has(u.parentId))
      .sort((a, b) => a.code.localeCompare(b.code));
    return treeOrder(children, roots).map((u) => ({
      unitCode: u.code,
      unitName: u.name,
      includesSubUnits: false,
      unitIds: [u.id],
    }));
  }
  const own: ReportGroup = { unitCode: scope.code, unitName: scope.name, includesSubUnits: false, unitIds: [scope.id] };
  const below = (children.get(scope.id) ?? []).map((child) => {
    const subtree = treeOrder(children, [child]);
    return {
      unitCode: child.code,
      unitName: child.name,
      includesSubUnits: subtree.length > 1,
      unitIds: subtree.map((u) => u.id),
    };
  });
  return [own, ...below];
}
