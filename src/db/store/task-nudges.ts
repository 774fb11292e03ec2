// A head's nudge (/nhac): the assignee gets a reminder of one task now, through the notice queue
// (the sweep sends it within a minute inside working hours, else at the next opening). At most one
// nudge a day per task and assignee, whoever asks: the notice's onceKey names the task and the day.
import { UserError } from '../../domain/errors.ts';
import type { LocalDate } from '../../domain/local-date.ts';
import type { Actor } from '../../domain/model.ts';
import { recordAudit } from './audit.ts';
import { isUniqueViolation } from './errors.ts';
import { queueNotices } from './notices.ts';
import { prismaOf, type Store } from './store.ts';

export interface Nudge {
  taskId: number;
  /** Who was nudged. */
  assignee: { username: string; fullName: string };
  /** Who nudged, for the text the assignee reads. */
  text: string;
}

export function nudgeKey(taskId: number, today: LocalDate): string {
  return `nhac:${taskId}:${today}`;
}

/**
 * Queues `text` to the assignee of open task `taskId`, once for `today`, and audits it
 * (`task.nudge`). Refusals (closed task, nobody to nudge, already nudged today) change nothing.
 */
export async function nudgeAssignee(
  store: Store,
  input: { taskId: number; today: LocalDate; text: string; actor: Actor; now: Date },
): Promise<Nudge> {
  const db = prismaOf(store);
  const onceKey = nudgeKey(input.taskId, input.today);
  try {
    return await db.$transaction(async (tx) => {
      const task = await tx.task.findUnique({
        where: { id: input.taskId },
        select: { status: true, assignee: { select: { id: true, username: true, fullName: true, active: true } } },
      });
      if (!task) throw new UserError(`Không có việc số ${input.taskId}.`, 'TASK_NOT_FOUND');
      if (task.status !== 'open')
        throw new UserError(
          `Việc #${input.taskId} đã ${task.status === 'done' ? 'xong' : 'bị huỷ'}, không cần nhắc.`,
          'TASK_NOT_OPEN',
        );
      const assignee = task.assignee;
      if (!assignee?.active)
        throw new UserError(
          `Việc #${input.taskId} chưa giao cho cán bộ nào đang làm việc: hãy giao trước (/giao ${input.taskId} <tên đăng nhập>).`,
          'NO_ASSIGNEE',
        );
      // The unique (recipient, onceKey) index refuses a second nudge, also two at the same instant.
      await queueNotices(tx, [{ officialId: assignee.id, text: input.text, taskId: input.taskId, onceKey }], input.now);
      await recordAudit(tx, input.actor, 'task.nudge', {
        taskId: input.taskId,
        payload: { after: { nudged: assignee.username, day: input.today } },
      });
      return {
        taskId: input.taskId,
        assignee: { username: assignee.username, fullName: assignee.fullName },
        text: input.text,
      };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyNudged(input.taskId);
    throw error;
  }
}

function alreadyNudged(taskId: number): UserError {
  return new UserError(
    `Việc #${taskId} đã được nhắc hôm nay; mỗi việc chỉ nhắc thêm một lần một ngày. Ngày mai có thể nhắc lại.`,
    'ALREADY_NUDGED',
  );
}
