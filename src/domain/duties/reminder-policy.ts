// When a task's reminders fall, as local working days. The reminder engine sends at these
// dates; `deadline --json` shows them so the office can check a duty before it goes live.
import type { WorkCalendar } from '../calendar/work-calendar.ts';
import type { Deadline } from '../deadlines/deadline.ts';
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
  /** Working days before the target date, earliest first. */
  before: LocalDate[];
  /** The target date when reminded on the day (a day off moves it to the last working day before). */
  onDueDay: LocalDate | undefined;
  /**
   * Working days after the target up to the legal due date: a daily "đã qua hạn khuyến nghị" reminder
   * (with the overdue reminders: a task between its two dates is not let go quietly).
   */
  afterTarget: LocalDate[];
  /** The first working day after the due date: overdue reminders (and escalation) start here. */
  firstOverdueDay: LocalDate | undefined;
}

export function reminderDates(
  policy: ResolvedReminderPolicy,
  deadline: Deadline,
  calendar: WorkCalendar,
): ReminderDates {
  const target = deadline.targetDate;
  const before = [...new Set(policy.beforeWorkingDays.map((n) => calendar.addWorkingDays(target, -n)))].sort();
  const afterTarget: LocalDate[] = [];
  if (policy.overdueEveryWorkingDay)
    for (let day = calendar.addWorkingDays(target, 1); day <= deadline.dueDate; day = calendar.addWorkingDays(day, 1))
      afterTarget.push(day);
  return {
    before,
    onDueDay: policy.onDueDay ? calendar.lastWorkingDayOnOrBefore(target) : undefined,
    afterTarget,
    firstOverdueDay:
      policy.overdueEveryWorkingDay || policy.escalateToHead ? calendar.addWorkingDays(deadline.dueDate, 1) : undefined,
  };
}
