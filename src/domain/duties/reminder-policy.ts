// When a task's reminders fall, as local working days. The reminder engine sends at these
// dates; `deadline --json` shows them so the office can check a duty before it goes live.
import type { WorkCalendar } from '../calendar/work-calendar.ts';
import type { LocalDate } from '../local-date.ts';
import type { Duty, ReminderPolicy } from './catalogue.ts';

export interface ResolvedReminderPolicy {
  beforeWorkingDays: number[];
  onDueDay: boolean;
  overdueEveryWorkingDay: boolean;
  escalateToHead: boolean;
}

/** The default: 3 and 1 working days before, the morning of the due date, daily while overdue. */
export const DEFAULT_REMINDER_POLICY: ResolvedReminderPolicy = {
  beforeWorkingDays: [3, 1],
  onDueDay: true,
  overdueEveryWorkingDay: true,
  escalateToHead: true,
};

export function reminderPolicyOf(duty: Pick<Duty, 'reminders'> | undefined): ResolvedReminderPolicy {
  const policy: ReminderPolicy = duty?.reminders ?? {};
  return {
    beforeWorkingDays: [...(policy.beforeWorkingDays ?? DEFAULT_REMINDER_POLICY.beforeWorkingDays)].sort(
      (a, b) => b - a,
    ),
    onDueDay: policy.onDueDay ?? DEFAULT_REMINDER_POLICY.onDueDay,
    overdueEveryWorkingDay: policy.overdueEveryWorkingDay ?? DEFAULT_REMINDER_POLICY.overdueEveryWorkingDay,
    escalateToHead: policy.escalateToHead ?? DEFAULT_REMINDER_POLICY.escalateToHead,
  };
}

export interface ReminderDates {
  /** Working days before the due date, earliest first. */
  before: LocalDate[];
  /** The due date when reminded on the day (a day off moves it to the last working day before). */
  onDueDay: LocalDate | undefined;
  /** The first working day after the due date: overdue reminders (and escalation) start here. */
  firstOverdueDay: LocalDate | undefined;
}

export function reminderDates(
  policy: ResolvedReminderPolicy,
  dueDate: LocalDate,
  calendar: WorkCalendar,
): ReminderDates {
  const before = [...new Set(policy.beforeWorkingDays.map((n) => calendar.addWorkingDays(dueDate, -n)))].sort();
  return {
    before,
    onDueDay: policy.onDueDay ? calendar.lastWorkingDayOnOrBefore(dueDate) : undefined,
    firstOverdueDay:
      policy.overdueEveryWorkingDay || policy.escalateToHead ? calendar.addWorkingDays(dueDate, 1) : undefined,
  };
}
