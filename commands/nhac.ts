// /nhac <id>: a head (for the tasks of their unit tree) or the office admin reminds the assignee
// of one task now, on top of the scheduled reminders. Once a day per task and assignee, audited.
// It goes through the notice queue: the sweep sends it within a minute inside working hours.
import { assertLinked, defineCommand } from '../src/chat/command.ts';
import { oneTaskId } from '../src/chat/arguments.ts';
import { deadlineText, shortTitle, standingText } from '../src/chat/format.ts';
import { requireTaskInScope } from '../src/chat/permissions.ts';
import { nudgeAssignee } from '../src/db/store/task-nudges.ts';
import { UserError } from '../src/domain/errors.ts';
import { z } from 'zod';

export const nhac = defineCommand({
  names: ['nhac', 'nudge'],
  description: 'Nhắc ngay người được giao một việc (lãnh đạo; mỗi việc một lần một ngày)',
  usage: '/nhac <số việc>',
  audience: 'linked',
  roles: ['head', 'admin'],
  args: z
    .array(z.string())
    .length(1, { error: 'Hãy ghi một số việc, ví dụ: /nhac 12' })
    .pipe(z.tuple([oneTaskId]))
    .transform(([id]) => ({ id })),
  async run({ id }, { db, now, today, sender, reference }) {
    assertLinked(sender);
    const task = await requireTaskInScope(db, sender.official, id);
    if (task.assigneeUsername === sender.official.username)
      throw new UserError(`Việc #${id} là việc của chính bạn: gõ /viec để xem.`, 'NUDGE_SELF');
    const text =
      `🔔 ${sender.official.fullName} nhắc việc #${task.id} «${shortTitle(task.title)}» — ${deadlineText(task)} — ` +
      `${standingText(task, today, reference.calendar)}. Khi xong, trả lời /xong ${task.id}.`;
    const nudge = await nudgeAssignee(db, { taskId: id, today, text, actor: sender.actor, now });
    return {
      text:
        `🔔 Đã nhắc ${nudge.assignee.fullName} việc #${task.id} «${shortTitle(task.title)}». ` +
        'Tin nhắn đi trong giờ làm việc (ngay bây giờ, hoặc đầu giờ làm việc tới).',
    };
  },
});
