// /huy <id> <lý do>: call off an open task that is no longer needed. A head for the tasks of their
// unit and the units below it, the office admin any; the reason is required and the assignee is
// told it. No more reminders of the task.
import { assertLinked, defineCommand } from '../src/chat/command.ts';
import { taskIdThenRequiredReason } from '../src/chat/arguments.ts';
import { requireTaskInScope } from '../src/chat/permissions.ts';
import { cancelTask } from '../src/db/store/task-corrections.ts';

export const huy = defineCommand({
  names: ['huy', 'cancel'],
  description: 'Huỷ một việc không còn phải làm, kèm lý do (lãnh đạo)',
  usage: '/huy <số việc> <lý do>',
  audience: 'linked',
  roles: ['head', 'admin'],
  args: taskIdThenRequiredReason,
  async run({ id, reason }, { db, now, sender }) {
    assertLinked(sender);
    await requireTaskInScope(db, sender.official, id);
    const { task, reason: why } = await cancelTask(db, id, reason, sender.actor, now);
    return {
      text: `🗑️ Đã huỷ việc #${task.id} «${task.title}»: ${why.replace(/[.!]+$/, '')}. Bot thôi nhắc việc này.`,
    };
  },
});
