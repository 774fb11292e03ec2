// /quahan: overdue tasks. A head sees the unit's and sub-units', grouped by official; a member
// their own; the office admin every unit.
import { assertLinked, defineCommand } from '../src/chat/command.ts';
import { noArgs } from '../src/chat/arguments.ts';
import { formatDate, taskLine } from '../src/chat/format.ts';
import { scopeOf, type TaskScope } from '../src/chat/permissions.ts';
import { listTasks } from '../src/db/store/tasks.ts';
import type { Task } from '../src/domain/model.ts';

export const quahan = defineCommand({
  names: ['quahan', 'overdue', 'trehan'],
  description: 'Việc quá hạn: của bạn, hoặc của đơn vị nếu bạn là lãnh đạo',
  usage: '/quahan',
  audience: 'linked',
  privateReply: true,
  args: noArgs,
  async run(_args, { db, today, sender, reference }) {
    assertLinked(sender);
    const scope = scopeOf(sender.official);
    const tasks = await listTasks(db, { ...filterOf(scope), status: 'overdue' }, today);
    const where = describeScope(scope);
    if (tasks.length === 0) return { text: `Không có việc quá hạn (${where}, hôm nay ${formatDate(today)}). 👍` };
    const header = `⚠️ ${tasks.length} việc quá hạn (${where}), hôm nay ${formatDate(today)}:`;
    if (scope.kind === 'own')
      return { text: [header, ...tasks.map((task) => taskLine(task, today, reference.calendar))].join('\n') };
    return {
      text: [header, ...groupedByOfficial(tasks, (task) => taskLine(task, today, reference.calendar))].join('\n'),
    };
  },
});

function filterOf(scope: TaskScope): { unitCode?: string; assigneeUsername?: string } {
  if (scope.kind === 'unit') return { unitCode: scope.unitCode };
  if (scope.kind === 'own') return { assigneeUsername: scope.username };
  return {};
}

function describeScope(scope: TaskScope): string {
  if (scope.kind === 'unit') return `${scope.unitCode} và các đơn vị trực thuộc`;
  if (scope.kind === 'own') return 'của bạn';
  return 'toàn Sở';
}

/** Officials with the most overdue tasks first: that is who the head calls. */
function groupedByOfficial(tasks: Task[], line: (task: Task) => string): string[] {
  const groups = new Map<string, Task[]>();
  for (const task of tasks) {
    const who = task.assigneeName
      ? `${task.assigneeName} (${task.unitCode})`
      : `Chưa giao người làm (${task.unitCode})`;
    groups.set(who, [...(groups.get(who) ?? []), task]);
  }
  const ordered = [...groups.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0], 'vi'));
  return ordered.flatMap(([who, own]) => [
    '',
    `👤 ${who} — ${own.length} việc:`,
    ...own.map((task) => `  ${line(task)}`),
  ]);
}
