// /mo <id> [lý do]: reopen a task closed by mistake. The closer may within a week, a head for the
// tasks of their unit and the units below it, the office admin always. Reminders resume from
// today (never a burst of the ones missed while it was closed).
import { assertLinked, defineCommand } from '../src/chat/command.ts';
import { taskIdThenReason } from '../src/chat/arguments.ts';
import { formatDate } from '../src/chat/format.ts';
import { mayActOnTask } from '../src/chat/permissions.ts';
import { reopenTask, requireClosedTask } from '../src/db/store/task-closing.ts';
import { UserError } from '../src/domain/errors.ts';
import { CLOSER_REOPEN_DAYS, reopenRefusal } from '../src/domain/task-closing.ts';

export const mo = defineCommand({
  names: ['mo', 'reopen', 'molai'],
  description: 'Mở lại một việc đã báo xong nhầm (kèm lý do)',
  usage: '/mo <số việc> [lý do]',
  audience: 'linked',
  args: taskIdThenReason,
  async run({ id, reason }, { db, now, sender }) {
    assertLinked(sender);
    const { official } = sender;
    const close = await requireClosedTask(db, id);
    const headOfTaskUnit = official.role === 'head' && (await mayActOnTask(db, official, close.task));
    const refusal = reopenRefusal(close, official, headOfTaskUnit, now);
    if (refusal === 'closer-too-late')
      throw new UserError(
        `Đã quá ${CLOSER_REOPEN_DAYS} ngày kể từ khi bạn báo xong việc #${id}. ` +
          'Hãy nhờ lãnh đạo đơn vị hoặc Văn phòng Sở mở lại việc này.',
        'REOPEN_TOO_LATE',
      );
    if (refusal === 'not-allowed')
      throw new UserError(
        `Bạn không mở lại được việc #${id}: chỉ người đã báo xong (trong ${CLOSER_REOPEN_DAYS} ngày), ` +
          'lãnh đạo đơn vị phụ trách hoặc Văn phòng Sở mới mở lại được.',
        'REOPEN_FORBIDDEN',
      );
    const task = await reopenTask(db, id, sender.actor, now, reason);
    return {
      text:
        `🔓 Đã mở lại việc #${task.id} «${task.title}» (hạn ${formatDate(task.dueDate)}). ` +
        'Bot sẽ tiếp tục nhắc việc này từ hôm nay.',
    };
  },
});
