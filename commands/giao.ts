// /giao <id> <tên đăng nhập>: give an open task to someone else. A head for the tasks of their unit
// and the units below it, to people of those units; the office admin anything to anyone. The task's
// unit follows the new assignee; both people are told, the reminders follow the new one.
import { assertLinked, defineCommand } from '../src/chat/command.ts';
import { taskIdThenUsername } from '../src/chat/arguments.ts';
import { formatDate } from '../src/chat/format.ts';
import { requireOfficialInScope, requireTaskInScope } from '../src/chat/permissions.ts';
import { reassignTask } from '../src/db/store/task-corrections.ts';

export const giao = defineCommand({
  names: ['giao', 'assign', 'giaolai'],
  description: 'Giao lại một việc cho cán bộ khác trong đơn vị (lãnh đạo)',
  usage: '/giao <số việc> <tên đăng nhập>',
  audience: 'linked',
  roles: ['head', 'admin'],
  args: taskIdThenUsername,
  async run({ id, username }, { db, now, sender }) {
    assertLinked(sender);
    await requireTaskInScope(db, sender.official, id);
    const target = await requireOfficialInScope(db, sender.official, username);
    const { task, before } = await reassignTask(db, id, target.username, sender.actor, now);
    const formerly = before.assignee ? ` (trước đây: ${before.assignee})` : '';
    return {
      text:
        `👤 Đã giao việc #${task.id} «${task.title}» cho ${target.fullName}${formerly}, ` +
        `hạn ${formatDate(task.dueDate)}. Bot sẽ nhắc ${target.fullName} từ hôm nay.`,
    };
  },
});
