// /viec: my open tasks by due date, overdue first (earliest due first puts them on top).
import { assertLinked, defineCommand } from '../src/chat/command.ts';
import { noArgs } from '../src/chat/arguments.ts';
import { doneAction, formatDate, isOverdue, taskLine } from '../src/chat/format.ts';
import { listTasks } from '../src/db/store/tasks.ts';

/** Buttons for the first few tasks only: a wall of buttons is unusable on a phone. */
const TASKS_WITH_BUTTONS = 3;

export const viec = defineCommand({
  names: ['viec', 'tasks', 'congviec'],
  description: 'Các việc đang mở của bạn, việc quá hạn trước',
  usage: '/viec',
  audience: 'linked',
  privateReply: true,
  args: noArgs,
  async run(_args, { db, today, sender, reference }) {
    assertLinked(sender);
    const tasks = await listTasks(db, { assigneeUsername: sender.official.username, status: 'open' }, today);
    if (tasks.length === 0) return { text: `Bạn không có việc nào đang mở (hôm nay ${formatDate(today)}). 👍` };
    const overdue = tasks.filter((task) => isOverdue(task, today));
    const upcoming = tasks.filter((task) => !isOverdue(task, today));
    const lines = [`Việc của ${sender.official.fullName} (${tasks.length}), hôm nay ${formatDate(today)}:`];
    if (overdue.length > 0)
      lines.push(
        '',
        `⚠️ Quá hạn (${overdue.length}):`,
        ...overdue.map((task) => taskLine(task, today, reference.calendar)),
      );
    if (upcoming.length > 0)
      lines.push(
        '',
        `📌 Sắp tới (${upcoming.length}):`,
        ...upcoming.map((task) => taskLine(task, today, reference.calendar)),
      );
    lines.push('', 'Báo xong: /xong <số việc> [ghi chú]');
    const actions = tasks.slice(0, TASKS_WITH_BUTTONS).map((task) => doneAction(task.id));
    return { text: lines.join('\n'), actions };
  },
});
