// What delivery needs to write the messages of one claimed batch: the people, their chat
// identities, the tasks as they are now, and the reminders being reported as failed.
import type { LocalDate } from '../../domain/local-date.ts';
import type { ChannelKind } from '../../domain/model.ts';
import type { CompilationProgress } from '../../domain/duties/compilation-progress.ts';
import { compilationProgress } from './report-chains.ts';
import { prismaOf, type Store } from './store.ts';

export interface RecipientInfo {
  id: number;
  fullName: string;
  active: boolean;
  identities: { channel: ChannelKind; externalId: string }[];
}

export interface TaskInfo {
  id: number;
  title: string;
  targetDate: LocalDate;
  dueDate: LocalDate;
  status: 'open' | 'done' | 'cancelled';
  snoozedUntil: LocalDate | null;
  unitCode: string;
  assigneeName: string | null;
  /** An office compile task's contributions (who has sent their report); absent for any other task. */
  compilation?: CompilationProgress;
}

export interface FailedReminderInfo {
  id: number;
  taskId: number;
  title: string;
  recipientName: string;
  reason: string;
}

/** Everything needed to write the messages of one claimed batch: three queries, four when it holds an office compile task. */
export async function loadDeliveryContext(
  store: Store,
  recipientIds: number[],
  taskIds: number[],
  failedReminderIds: number[],
): Promise<{
  recipients: Map<number, RecipientInfo>;
  tasks: Map<number, TaskInfo>;
  failed: Map<number, FailedReminderInfo>;
}> {
  const db = prismaOf(store);
  const [people, tasks, failed] = await Promise.all([
    db.official.findMany({
      where: { id: { in: recipientIds } },
      select: {
        id: true,
        fullName: true,
        active: true,
        identities: { select: { channel: true, externalId: true }, orderBy: { id: 'asc' } },
      },
    }),
    db.task.findMany({
      where: { id: { in: taskIds } },
      select: {
        id: true,
        title: true,
        targetDate: true,
        dueDate: true,
        status: true,
        snoozedUntil: true,
        unit: { select: { code: true } },
        assignee: { select: { fullName: true } },
        // Counted in the same query, so only a batch holding a compile task asks who has sent.
        _count: { select: { contributions: { where: { status: { not: 'cancelled' } } } } },
      },
    }),
    failedReminderIds.length === 0
      ? Promise.resolve([])
      : db.reminder.findMany({
          where: { id: { in: failedReminderIds } },
          select: {
            id: true,
            taskId: true,
            lastError: true,
            task: { select: { title: true } },
            recipient: { select: { fullName: true } },
          },
        }),
  ]);
  const compiling = tasks.filter((task) => task.status === 'open' && task._count.contributions > 0);
  const compilation = await compilationProgress(
    store,
    compiling.map((task) => task.id),
  );
  return {
    recipients: new Map(people.map((person) => [person.id, person])),
    tasks: new Map(
      tasks.map((task) => [
        task.id,
        {
          id: task.id,
          title: task.title,
          targetDate: task.targetDate as LocalDate,
          dueDate: task.dueDate as LocalDate,
          status: task.status,
          snoozedUntil: task.snoozedUntil as LocalDate | null,
          unitCode: task.unit.code,
          assigneeName: task.assignee?.fullName ?? null,
          ...(compilation.has(task.id) ? { compilation: compilation.get(task.id)! } : {}),
        },
      ]),
    ),
    failed: new Map(
      failed.map((row) => [
        row.id,
        {
          id: row.id,
          taskId: row.taskId,
          title: row.task.title,
          recipientName: row.recipient.fullName,
          reason: row.lastError ?? 'không rõ',
        },
      ]),
    ),
  };
}
