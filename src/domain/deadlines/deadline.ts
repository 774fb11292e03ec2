// A task's two dates. The office aims at the *target* ("trước ngày 20" = the last working day
// before the 20th; reminders count down to it); the law reads the *due* date: the last day of the
// limit, moved forward to the next working day when it is a day off (Civil Code 2015, Art. 148(5)).
// Overdue, escalation, lateness and the on-time statistics use the due date.
import type { WorkCalendar } from '../calendar/work-calendar.ts';
import { addDays, formatVietnamese, isLocalDate, type LocalDate } from '../local-date.ts';

export interface Deadline {
  /** When the office wants it done; reminders before the deadline aim here. */
  targetDate: LocalDate;
  /** The legal end of the time limit; late from the next day. */
  dueDate: LocalDate;
}

/** "trước ngày X" (before) or "chậm nhất ngày X" / "ngày X" (noLaterThan). */
export type AnchorMode = 'before' | 'noLaterThan';

/** Rules that already land on working days (N working days after, one working day before): one date. */
export function singleDate(date: LocalDate): Deadline {
  return { targetDate: date, dueDate: date };
}

/** The two dates of a limit worded against a calendar day X. */
export function deadlineAtAnchor(mode: AnchorMode, anchor: LocalDate, calendar: WorkCalendar): Deadline {
  // "Before X": the limit's last day is X − 1; "no later than X": X itself.
  const lastDay = mode === 'before' ? addDays(anchor, -1) : anchor;
  return {
    targetDate: calendar.lastWorkingDayOnOrBefore(lastDay),
    dueDate: calendar.nextWorkingDayOnOrAfter(lastDay),
  };
}

/** The later of the two moved past a day off: "hạn 13/02/2026 (chậm nhất 23/02/2026)" shows both. */
export function hasGrace(deadline: Deadline): boolean {
  return deadline.targetDate !== deadline.dueDate;
}

/** `13/02/2026 (chậm nhất 23/02/2026)`, or `19/11/2026` when a day off moved nothing. */
export function deadlineDates(deadline: Deadline): string {
  const target = formatVietnamese(deadline.targetDate);
  return hasGrace(deadline) ? `${target} (chậm nhất ${formatVietnamese(deadline.dueDate)})` : target;
}

/** `hạn 13/02/2026 (chậm nhất 23/02/2026)`, or `hạn 19/11/2026`. */
export function deadlineText(deadline: Deadline): string {
  return `hạn ${deadlineDates(deadline)}`;
}

/**
 * Where a task's dates came from, kept with the task so they can be computed again when the
 * calendar changes. `duty`: the duty catalogue's rule for the task's period or event date;
 * `before`/`noLaterThan`: a one-off date written in a plan. A task without one had its date set
 * by a person, and keeps it.
 */
export type DeadlineBasis = { kind: 'duty' } | { kind: AnchorMode; anchor: LocalDate };

export function encodeDeadlineBasis(basis: DeadlineBasis): string {
  return basis.kind === 'duty' ? 'duty' : `${basis.kind}:${basis.anchor}`;
}

/** The basis a stored text stands for; undefined for text this version never writes. */
export function parseDeadlineBasis(text: string | null): DeadlineBasis | undefined {
  if (text === null) return undefined;
  if (text === 'duty') return { kind: 'duty' };
  const [kind, anchor] = text.split(':');
  if ((kind === 'before' || kind === 'noLaterThan') && anchor !== undefined && isLocalDate(anchor))
    return { kind, anchor };
  return undefined;
}
