// What the first message of a working day adds for office admins (one line per unit, who is not
// on board, failed reminders) and unit heads (what their units closed since the last working
// day). That it went out is kept as a Notice row with onceKey `sang:<date>` (unique per person):
// claimed before sending, so two processes or two sweeps never send it twice.
import { addDays, vietnamDateOf, vietnamInstant, type LocalDate } from '../../domain/local-date.ts';
import type { Role } from '../../domain/model.ts';
import { isUniqueViolation } from './errors.ts';
import { readSetting, writeSetting } from './settings.ts';
import { WAITING_NEW_TASKS } from './task-announcements.ts';
import { prismaOf, type Store } from './store.ts';
import { unitSubtreeIds } from './unit-tree.ts';

export interface MorningReader {
  id: number;
  role: Role;
  unitCode: string;
}

export const MORNING_KEY_PREFIX = 'sang:';

export function morningKey(today: LocalDate): string {
  return `${MORNING_KEY_PREFIX}${today}`;
}

/**
 * Active admins, heads and officials with new tasks to hear of who have not had today's morning
 * digest (or a claim on it).
 */
export async function morningReadersWaiting(store: Store, today: LocalDate, ids?: number[]): Promise<MorningReader[]> {
  const db = prismaOf(store);
  const rows = await db.official.findMany({
    where: {
      active: true,
      OR: [{ role: { in: ['admin', 'head'] } }, { notices: { some: WAITING_NEW_TASKS } }],
      ...(ids ? { id: { in: ids } } : {}),
      notices: { none: { onceKey: morningKey(today) } },
    },
    select: { id: true, role: true, unit: { select: { code: true } } },
    orderBy: { id: 'asc' },
  });
  return rows.map((row) => ({ id: row.id, role: row.role, unitCode: row.unit.code }));
}

const MORNING_PASS_SETTING = 'morning-digest-day';

/**
 * Whether today's morning pass is over: after it, someone who becomes a reader (a task given at
 * 15:00) waits for the next working day's first message instead of getting one at once.
 */
export async function morningPassDone(store: Store, today: LocalDate): Promise<boolean> {
  return (await readSetting(store, MORNING_PASS_SETTING)) === today;
}

export async function markMorningPassDone(store: Store, today: LocalDate): Promise<void> {
  await prismaOf(store).$transaction((tx) => writeSetting(tx, MORNING_PASS_SETTING, today));
}

/** Takes today's morning digest of `recipientId` for this process; false when someone already has. */
export async function claimMorningDigest(
  store: Store,
  recipientId: number,
  today: LocalDate,
  processId: string,
  now: Date,
): Promise<boolean> {
  try {
    await prismaOf(store).notice.create({
      data: {
        recipientId,
        onceKey: morningKey(today),
        text: '',
        state: 'sending',
        claimedBy: processId,
        nextAttemptAt: now,
      },
    });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

/**
 * Records what became of a claimed morning digest: sent (its text kept), nothing to say (kept so
 * it is not composed again today), failed for good, or given back to be tried with the next message.
 */
export async function finishMorningDigest(
  store: Store,
  recipientId: number,
  today: LocalDate,
  outcome:
    | { kind: 'sent'; text: string; at: Date }
    | { kind: 'empty' }
    | { kind: 'failed'; reason: string }
    | { kind: 'retry' },
): Promise<void> {
  const db = prismaOf(store);
  const where = { recipientId_onceKey: { recipientId, onceKey: morningKey(today) } };
  if (outcome.kind === 'retry') {
    await db.notice.delete({ where });
    return;
  }
  const data = {
    sent: {
      state: 'sent' as const,
      text: outcome.kind === 'sent' ? outcome.text : '',
      sentAt: outcome.kind === 'sent' ? outcome.at : null,
      attempts: 1,
    },
    empty: { state: 'sent' as const, text: '(bản tin buổi sáng: không có gì mới, không gửi)' },
    failed: {
      state: 'failed' as const,
      text: '(bản tin buổi sáng)',
      lastError: outcome.kind === 'failed' ? outcome.reason : null,
      attempts: 1,
    },
  }[outcome.kind];
  await db.notice.update({ where, data: { ...data, claimedBy: null } });
}

export interface UnitOverviewRow {
  unitCode: string;
  unitName: string;
  open: number;
  dueThisWeek: number;
  overdue: number;
  /** This month so far: tasks due from the 1st to yesterday, done on time / decided. */
  onTime: number;
  decided: number;
}

/** One row per active unit: open work, due by `weekEnd`, overdue, and this month's on-time record. */
export async function unitOverview(store: Store, today: LocalDate, weekEnd: LocalDate): Promise<UnitOverviewRow[]> {
  const db = prismaOf(store);
  const monthStart = `${today.slice(0, 8)}01`;
  const [units, open, month] = await Promise.all([
    db.unit.findMany({
      where: { active: true },
      select: { id: true, code: true, name: true },
      orderBy: { code: 'asc' },
    }),
    db.task.findMany({ where: { status: 'open' }, select: { unitId: true, dueDate: true } }),
    db.task.findMany({
      where: { status: { not: 'cancelled' }, dueDate: { gte: monthStart, lt: today } },
      select: { unitId: true, status: true, dueDate: true, doneAt: true },
    }),
  ]);
  const rows = new Map<number, UnitOverviewRow>(
    units.map((unit) => [
      unit.id,
      { unitCode: unit.code, unitName: unit.name, open: 0, dueThisWeek: 0, overdue: 0, onTime: 0, decided: 0 },
    ]),
  );
  for (const task of open) {
    const row = rows.get(task.unitId);
    if (!row) continue;
    row.open++;
    if (task.dueDate < today) row.overdue++;
    else if (task.dueDate <= weekEnd) row.dueThisWeek++;
  }
  for (const task of month) {
    const row = rows.get(task.unitId);
    if (!row) continue;
    row.decided++;
    if (task.status === 'done' && task.doneAt && vietnamDateOf(task.doneAt) <= task.dueDate) row.onTime++;
  }
  return [...rows.values()];
}

/** Reminders that ended failed for tasks still open: the office can still act on them. */
export async function countFailedReminders(store: Store): Promise<number> {
  return prismaOf(store).reminder.count({ where: { state: 'failed', task: { status: 'open' } } });
}

export interface ClosedTaskLine {
  id: number;
  title: string;
  unitCode: string;
  dueDate: LocalDate;
  doneOn: LocalDate;
  assigneeName: string | null;
  doneByName: string | null;
  note: string | null;
}

/** Tasks of `unitCode` and its sub-units closed on the Vietnam dates `from` … `to` (inclusive). */
export async function tasksClosedBetween(
  store: Store,
  unitCode: string,
  from: LocalDate,
  to: LocalDate,
): Promise<ClosedTaskLine[]> {
  const db = prismaOf(store);
  const unitIds = await unitSubtreeIds(store, unitCode);
  const rows = await db.task.findMany({
    where: {
      status: 'done',
      unitId: { in: unitIds },
      doneAt: { gte: vietnamInstant(from), lt: vietnamInstant(addDays(to, 1)) },
    },
    select: {
      id: true,
      title: true,
      dueDate: true,
      doneAt: true,
      note: true,
      unit: { select: { code: true } },
      assignee: { select: { fullName: true } },
      doneBy: { select: { fullName: true } },
    },
    orderBy: { doneAt: 'asc' },
  });
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    unitCode: row.unit.code,
    dueDate: row.dueDate as LocalDate,
    doneOn: vietnamDateOf(row.doneAt!),
    assigneeName: row.assignee?.fullName ?? null,
    doneByName: row.doneBy?.fullName ?? null,
    note: row.note,
  }));
}
