// Read-only queries behind the web console's pages: open-task counts per unit (Tổng quan) and a
// task's reminders (the task page). One grouped statement each: the dashboard must stay fast at
// a hundred thousand tasks.
import type { LocalDate } from '../../domain/local-date.ts';
import { prismaOf, type Store } from './store.ts';

export interface UnitOpenCounts {
  unitCode: string;
  unitName: string;
  open: number;
  /** open, due from today to the end of the week */
  dueThisWeek: number;
  /** open, due before today */
  overdue: number;
}

/** One row per unit of `unitIds` (every active unit when absent), with its own open tasks counted. */
export async function countOpenTasksByUnit(
  store: Store,
  { today, weekEnd, unitIds }: { today: LocalDate; weekEnd: LocalDate; unitIds?: readonly number[] },
): Promise<UnitOpenCounts[]> {
  const db = prismaOf(store);
  const units = await db.unit.findMany({
    where: { active: true, ...(unitIds ? { id: { in: [...unitIds] } } : {}) },
    select: { id: true, code: true, name: true },
    orderBy: { code: 'asc' },
  });
  const ids = units.map((unit) => unit.id);
  const [open, dueThisWeek, overdue] = await Promise.all([
    db.task.groupBy({ by: ['unitId'], where: { status: 'open', unitId: { in: ids } }, _count: { _all: true } }),
    db.task.groupBy({
      by: ['unitId'],
      where: { status: 'open', unitId: { in: ids }, dueDate: { gte: today, lte: weekEnd } },
      _count: { _all: true },
    }),
    db.task.groupBy({
      by: ['unitId'],
      where: { status: 'open', unitId: { in: ids }, dueDate: { lt: today } },
      _count: { _all: true },
    }),
  ]);
  const countOf = (rows: { unitId: number; _count: { _all: number } }[], id: number) =>
    rows.find((row) => row.unitId === id)?._count._all ?? 0;
  return units.map((unit) => ({
    unitCode: unit.code,
    unitName: unit.name,
    open: countOf(open, unit.id),
    dueThisWeek: countOf(dueThisWeek, unit.id),
    overdue: countOf(overdue, unit.id),
  }));
}

export interface TaskReminderRow {
  slot: string;
  recipient: string;
  state: string;
  scheduledFor: Date;
  sentAt: Date | null;
  lastError: string | null;
}

/** The reminders of a task, sent or not, oldest first. */
export async function listTaskReminders(store: Store, taskId: number): Promise<TaskReminderRow[]> {
  const rows = await prismaOf(store).reminder.findMany({
    where: { taskId },
    orderBy: [{ scheduledFor: 'asc' }, { id: 'asc' }],
    select: {
      slot: true,
      state: true,
      scheduledFor: true,
      sentAt: true,
      lastError: true,
      recipient: { select: { fullName: true } },
    },
  });
  return rows.map(({ recipient, ...row }) => ({ ...row, recipient: recipient.fullName }));
}

/** Where an official can be reached in chat (their private chats), for a sign-in link. */
export async function listChatIdentitiesOf(
  store: Store,
  officialId: number,
): Promise<{ channel: 'telegram' | 'zalo' | 'console'; externalId: string }[]> {
  return prismaOf(store).chatIdentity.findMany({
    where: { officialId },
    select: { channel: true, externalId: true },
    orderBy: { id: 'asc' },
  });
}
