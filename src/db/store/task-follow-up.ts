// What the chat commands need beyond tasks.ts: postponing reminders (/hoan) and a task's
// reminder history (/tinhtrang <id>). The deadline itself is never changed here.
import { prismaOf, type Store } from './store.ts';
import type { Actor } from '../../domain/model.ts';
import { UserError } from '../../domain/errors.ts';
import type { LocalDate } from '../../domain/local-date.ts';
import { recordAudit } from './audit.ts';

/** No reminder for task `id` before `until`; only open tasks can be snoozed. */
export async function snoozeTask(store: Store, id: number, until: LocalDate, actor: Actor): Promise<void> {
  const db = prismaOf(store);
  await db.$transaction(async (tx) => {
    const { count } = await tx.task.updateMany({ where: { id, status: 'open' }, data: { snoozedUntil: until } });
    if (count !== 1) throw new UserError(`Việc #${id} không còn mở nên không hoãn nhắc được.`, 'TASK_NOT_OPEN');
    await recordAudit(tx, actor, 'task.snooze', { taskId: id, payload: { until } });
  });
}

export interface ReminderEntry {
  slot: string;
  recipientName: string;
  scheduledFor: Date;
  state: string;
  attempts: number;
  sentAt: Date | null;
  lastError: string | null;
}

export interface TaskFollowUp {
  snoozedUntil: LocalDate | null;
  doneByName: string | null;
  reminders: ReminderEntry[];
}

export async function findTaskFollowUp(
  store: Store,
  id: number,
  reminderLimit = 20,
): Promise<TaskFollowUp | undefined> {
  const db = prismaOf(store);
  const row = await db.task.findUnique({
    where: { id },
    select: {
      snoozedUntil: true,
      doneBy: { select: { fullName: true } },
      reminders: {
        orderBy: [{ scheduledFor: 'desc' }, { id: 'desc' }],
        take: reminderLimit,
        include: { recipient: { select: { fullName: true } } },
      },
    },
  });
  if (!row) return undefined;
  return {
    snoozedUntil: row.snoozedUntil as LocalDate | null,
    doneByName: row.doneBy?.fullName ?? null,
    reminders: row.reminders.map((reminder) => ({
      slot: reminder.slot,
      recipientName: reminder.recipient.fullName,
      scheduledFor: reminder.scheduledFor,
      state: reminder.state,
      attempts: reminder.attempts,
      sentAt: reminder.sentAt,
      lastError: reminder.lastError,
    })),
  };
}
