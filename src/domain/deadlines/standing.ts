// Where a task stands against its two dates on a given day, counted in working days ("quá hạn 3
// ngày làm việc"): calendar days would call a task due on Friday "2 days late" on Monday.
import type { WorkCalendar } from '../calendar/work-calendar.ts';
import { addDays, type LocalDate } from '../local-date.ts';
import type { Deadline } from './deadline.ts';

export type DeadlineStanding =
  /** Before the target date: working days left until it. */
  | { kind: 'ahead'; workingDaysLeft: number }
  | { kind: 'target-today' }
  /** Past the target, not yet past the legal due date. */
  | { kind: 'grace' }
  /** Past the due date: working days since. */
  | { kind: 'overdue'; workingDaysLate: number };

// A year of days off in a row does not exist; a longer span is counted no further.
const MAX_COUNTED_DAYS = 3660;

/** Working days in (from, to]; 0 when to ≤ from. */
export function workingDaysAfter(from: LocalDate, to: LocalDate, calendar: WorkCalendar): number {
  let count = 0;
  let day = addDays(from, 1);
  for (let step = 0; day <= to && step < MAX_COUNTED_DAYS; step++, day = addDays(day, 1))
    if (calendar.isWorkingDay(day)) count++;
  return count;
}

export function standingOf(deadline: Deadline, today: LocalDate, calendar: WorkCalendar): DeadlineStanding {
  if (today > deadline.dueDate)
    return { kind: 'overdue', workingDaysLate: workingDaysLate(deadline.dueDate, today, calendar) };
  if (today > deadline.targetDate) return { kind: 'grace' };
  if (today === deadline.targetDate) return { kind: 'target-today' };
  // At least 1: a target typed on a day off is still ahead.
  return { kind: 'ahead', workingDaysLeft: Math.max(1, workingDaysAfter(today, deadline.targetDate, calendar)) };
}

/** Open and past its legal due date. */
export function isPastDue(deadline: Pick<Deadline, 'dueDate'>, today: LocalDate): boolean {
  return today > deadline.dueDate;
}

/**
 * How late `day` is for a task legally due `dueDate`, in working days (0: not late). At least 1
 * once past it: the day after a due date is late even when it is a day off.
 */
export function workingDaysLate(dueDate: LocalDate, day: LocalDate, calendar: WorkCalendar): number {
  return day > dueDate ? Math.max(1, workingDaysAfter(dueDate, day, calendar)) : 0;
}
