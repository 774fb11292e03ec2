// /hoan <id> <số ngày>: no reminders for this task for a few days. The deadline never moves:
// postponing a legal deadline is not something a chat button may do.
import { z } from 'zod';
import { assertLinked, defineCommand } from '../src/chat/command.ts';
import { oneTaskId } from '../src/chat/arguments.ts';
import { formatDate } from '../src/chat/format.ts';
import { requireTaskInScope } from '../src/chat/permissions.ts';
import { snoozeTask } from '../src/db/store/task-follow-up.ts';
import { UserError } from '../src/domain/errors.ts';
import { addDays } from '../src/domain/local-date.ts';

export const MAX_SNOOZE_DAYS = 30;

const days = z
  .string()
  .regex(/^\d{1,3}$/, { error: 'Số ngày phải là một số, ví dụ 2.' })
  .transform(Number)
  .pipe(
    z
      .number()
      .min(1, { error: 'Phải hoãn ít nhất 1 ngày.' })
      .max(MAX_SNOOZE_DAYS, { error: `Chỉ hoãn nhắc tối đa ${MAX_SNOOZE_DAYS} ngày.` }),
  );

export const hoan = defineCommand({
  names: ['hoan', 'snooze', 'nhaclai'],
  description: `Hoãn nhắc một việc từ 1 đến ${MAX_SNOOZE_DAYS} ngày (hạn của việc không đổi)`,
  usage: '/hoan <số việc> <số ngày>',
  audience: 'linked',
  args: z
    .array(z.string())
    .length(2, { error: 'Hãy ghi số việc và số ngày, ví dụ: /hoan 12 2' })
    .pipe(z.tuple([oneTaskId, days]))
    .transform(([id, count]) => ({ id, days: count })),
  async run({ id, days: count }, { db, today, sender }) {
    assertLinked(sender);
    const task = await requireTaskInScope(db, sender.official, id);
    if (task.status !== 'open')
      throw new UserError(
        `Việc #${id} đã ${task.status === 'done' ? 'xong' : 'bị huỷ'}, không cần hoãn nhắc.`,
        'TASK_NOT_OPEN',
      );
    const until = addDays(today, count);
    await snoozeTask(db, id, until, sender.actor);
    return {
      text:
        `⏰ Đã hoãn nhắc việc #${id} «${task.title}» đến ngày ${formatDate(until)}.\n` +
        `Hạn của việc vẫn là ${formatDate(task.dueDate)}.`,
    };
  },
});
