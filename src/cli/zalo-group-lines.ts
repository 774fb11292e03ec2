// How the CLI shows a unit's Zalo group: `unit zalo-group` lists the units with a group, `zalo
// groups` the account's groups with the unit that uses each; both say whether its sends fail lately.
import type { ZaloGroupSummary } from '../channels/zalo/zalo-groups.ts';
import type { GroupHealth } from '../db/store/unit-group-health.ts';
import type { UnitGroup } from '../db/store/unit-groups.ts';
import { formatVietnamTime } from '../domain/local-date.ts';

/** A group whose sends fail says so, with the error: the office fixes it (re-add the bot, or --clear). */
export function describeGroupHealth(health: GroupHealth): string {
  if (health.failures === 0) return 'gửi vào nhóm bình thường';
  const since = health.failingSince ? ` từ ${formatVietnamTime(health.failingSince)}` : '';
  const told = health.alerted ? ' (đã báo quản trị)' : '';
  return `gửi vào nhóm lỗi ${health.failures} lần liên tiếp${since}${told}: ${health.lastError ?? 'không rõ lỗi'}`;
}

export function unitGroupLine(group: UnitGroup): string {
  return `${group.unitCode}\t${group.unitName}\tnhóm ${group.groupId}\t${describeGroupHealth(group.health)}`;
}

/** One line per group of the account; a group a unit uses names the unit and its state. */
export function accountGroupLine(group: ZaloGroupSummary, units: readonly UnitGroup[]): string {
  const line = `${group.groupId}\t${group.name}\t${group.members} thành viên`;
  const unit = units.find((candidate) => candidate.groupId === group.groupId);
  return unit ? `${line}\tđơn vị ${unit.unitCode}: ${describeGroupHealth(unit.health)}` : line;
}
