// Tasks' dates follow the calendar. When the calendar the tasks were dated with is not the one
// loaded now (a new announcement in calendar.yaml, a changed default), every open task whose
// dates a rule made is computed again; each move is audited and its official told ("Hạn việc #12
// đổi từ 05/02/2027 sang 11/02/2027 …"). Runs at start and from `calendar reload`; idempotent,
// so two processes running it at once move each task once.
//
// Upgrading to two dates per task (target and legal due date) ran the same computation once over
// every rule-dated task, open or closed, without telling anyone: the legal due dates of the past
// are what the statistics count.
import { applyDeadlineMoves, listRuleDatedTasks, type DeadlineMove } from '../db/store/task-deadlines.ts';
import { readSetting } from '../db/store/settings.ts';
import type { Store } from '../db/store/store.ts';
import type { WorkCalendar } from '../domain/calendar/work-calendar.ts';
import { calendarFingerprint } from '../domain/deadlines/calendar-fingerprint.ts';
import { deadlineDates, parseDeadlineBasis } from '../domain/deadlines/deadline.ts';
import { recomputeDeadline } from '../domain/duties/task-deadline.ts';
import { addDays, vietnamDateOf, type LocalDate } from '../domain/local-date.ts';
import type { Actor } from '../domain/model.ts';
import type { ReferenceData } from '../domain/reference-data.ts';

export const CALENDAR_FINGERPRINT_KEY = 'calendar.fingerprint';
/** Set to "pending" by the migration that added the legal due date, on a database that had tasks. */
export const LEGAL_DUE_BACKFILL_KEY = 'deadlines.legal-due-backfill';
const BACKFILL_PENDING = 'pending';

export interface PlannedMove {
  taskId: number;
  title: string;
  assigneeUsername: string | null;
  before: { targetDate: LocalDate; dueDate: LocalDate };
  after: { targetDate: LocalDate; dueDate: LocalDate };
  /** What the official is told. */
  notice: string;
}

export interface DeadlineSyncReport {
  /** The calendar differs from the one the tasks were dated with (or none was recorded yet). */
  calendarChanged: boolean;
  /** Tasks whose dates move (dry run) or moved. */
  moves: PlannedMove[];
  /** Closed tasks given their legal due date by the one-time upgrade. */
  backfilled: number;
  dryRun: boolean;
}

export async function syncDeadlinesWithCalendar(
  store: Store,
  reference: ReferenceData,
  context: { now: Date; actor: Actor; dryRun?: boolean },
): Promise<DeadlineSyncReport> {
  const today = vietnamDateOf(context.now);
  const fingerprint = calendarFingerprint(reference.calendar, today);
  const dryRun = context.dryRun ?? false;
  const report: DeadlineSyncReport = { calendarChanged: false, moves: [], backfilled: 0, dryRun };

  if ((await readSetting(store, LEGAL_DUE_BACKFILL_KEY)) === BACKFILL_PENDING) {
    // The first start after the upgrade: every rule-dated task gets its legal due date, quietly.
    const moves = planMoves(await listRuleDatedTasks(store, { openOnly: false }), reference);
    report.backfilled = moves.length;
    if (!dryRun)
      await applyDeadlineMoves(
        store,
        moves.map((move) => ({ ...move, notice: undefined })),
        {
          actor: context.actor,
          now: context.now,
          reason: 'Tính hạn chót theo Điều 148 khoản 5 Bộ luật Dân sự 2015 khi nâng cấp',
          settings: {
            [LEGAL_DUE_BACKFILL_KEY]: `done ${context.now.toISOString()}`,
            [CALENDAR_FINGERPRINT_KEY]: fingerprint,
          },
        },
      );
    return report;
  }

  report.calendarChanged = (await readSetting(store, CALENDAR_FINGERPRINT_KEY)) !== fingerprint;
  if (!report.calendarChanged) return report;
  const moves = planMoves(await listRuleDatedTasks(store, { openOnly: true }), reference);
  report.moves = moves.map((move) => ({
    taskId: move.task.id,
    title: move.task.title,
    assigneeUsername: move.task.assigneeUsername,
    before: { targetDate: move.task.targetDate, dueDate: move.task.dueDate },
    after: { targetDate: move.targetDate, dueDate: move.dueDate },
    notice: move.notice!,
  }));
  if (!dryRun) {
    const moved = new Set(
      await applyDeadlineMoves(store, moves, {
        actor: context.actor,
        now: context.now,
        reason: 'Lịch nghỉ lễ, Tết thay đổi',
        settings: { [CALENDAR_FINGERPRINT_KEY]: fingerprint },
      }),
    );
    report.moves = report.moves.filter((move) => moved.has(move.taskId));
  }
  return report;
}

/** The calendar's fingerprint is recorded as the one the tasks follow (e.g. a new, empty database). */
export function currentCalendarFingerprint(calendar: WorkCalendar, now: Date): string {
  return calendarFingerprint(calendar, vietnamDateOf(now));
}

function planMoves(tasks: Awaited<ReturnType<typeof listRuleDatedTasks>>, reference: ReferenceData): DeadlineMove[] {
  const moves: DeadlineMove[] = [];
  for (const task of tasks) {
    const basis = parseDeadlineBasis(task.deadlineBasis);
    if (!basis) continue;
    const deadline = recomputeDeadline(basis, task, reference.calendar, reference.catalogue);
    if (!deadline || (deadline.targetDate === task.targetDate && deadline.dueDate === task.dueDate)) continue;
    moves.push({ task, ...deadline, notice: moveNotice(task, deadline, reference.calendar) });
  }
  return moves;
}

/** "Hạn việc #12 «…» đổi từ 05/02/2027 sang 11/02/2027 theo lịch nghỉ mới (Nghỉ Tết Nguyên đán 2027)." */
function moveNotice(
  task: { id: number; title: string; targetDate: LocalDate; dueDate: LocalDate },
  after: { targetDate: LocalDate; dueDate: LocalDate },
  calendar: WorkCalendar,
): string {
  const span = [task.targetDate, task.dueDate, after.targetDate, after.dueDate].sort();
  const cause = dayOffBetween(span[0]!, span[3]!, calendar);
  return (
    `📅 Hạn việc #${task.id} «${task.title}» đổi từ ${deadlineDates(task)} sang ${deadlineDates(after)} theo lịch nghỉ lễ, Tết mới cập nhật` +
    `${cause ? ` (${cause})` : ''}.`
  );
}

/** The first named day off (a holiday or an announced break, not a weekend) in [from, to]. */
function dayOffBetween(from: LocalDate, to: LocalDate, calendar: WorkCalendar): string | undefined {
  for (let day = from; day <= to; day = addDays(day, 1)) {
    const reason = calendar.dayOffReason(day);
    if (reason && reason !== 'Thứ Bảy' && reason !== 'Chủ nhật') return reason;
  }
  return undefined;
}
