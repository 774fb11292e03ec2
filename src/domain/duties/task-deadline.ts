// A task's dates computed again from where they came from (its DeadlineBasis): when the calendar
// changes, every open task whose dates a rule made follows the new calendar.
import type { WorkCalendar } from '../calendar/work-calendar.ts';
import { deadlineAtAnchor, type Deadline, type DeadlineBasis } from '../deadlines/deadline.ts';
import type { LocalDate } from '../local-date.ts';
import { deadlineFor, type DutyCatalogue } from './catalogue.ts';

export interface TaskDeadlineSource {
  dutyCode: string | null;
  periodKey: string | null;
  eventDate: LocalDate | null;
  /** Picks the level of a reporting chain (a phòng's day or the office's). */
  unitCode?: string;
}

/** The task's dates on `calendar`; undefined when they cannot be computed (a duty no longer in the catalogue). */
export function recomputeDeadline(
  basis: DeadlineBasis,
  task: TaskDeadlineSource,
  calendar: WorkCalendar,
  catalogue: DutyCatalogue,
): Deadline | undefined {
  if (basis.kind !== 'duty') return deadlineAtAnchor(basis.kind, basis.anchor, calendar);
  const duty = task.dutyCode ? catalogue.find(task.dutyCode) : undefined;
  if (!duty) return undefined;
  try {
    if (task.periodKey !== null) return deadlineFor(duty, { period: task.periodKey }, calendar, task.unitCode);
    if (task.eventDate !== null) return deadlineFor(duty, { from: task.eventDate }, calendar);
  } catch (error) {
    // The catalogue changed the duty's kind (periodic ↔ event) since the task was made: keep its dates.
    if (error instanceof RangeError || error instanceof TypeError) return undefined;
    throw error;
  }
  return undefined;
}
