// The local days on which a task is reminded, from its duty's policy: some working days before
// the target date, the target day (or the last working day before it when it falls on a day off),
// each working day between the target and the legal due date, and every working day once overdue. Pure: tasks, calendar and policy in, dates out.
import type { WorkCalendar } from '../domain/calendar/work-calendar.ts';
import type { Deadline } from '../domain/deadlines/deadline.ts';
import type { LocalDate } from '../domain/local-date.ts';
import { reminderDates, type ResolvedReminderPolicy } from '../domain/duties/reminder-policy.ts';

import type { PolicyDayKind } from '../domain/reminder-slot.ts';

export type { PolicyDayKind };

export interface PolicyDay {
  date: LocalDate;
  kind: PolicyDayKind;
}

export class PolicyDays {
  /** Days before the overdue phase, ascending. */
  private readonly fixed: PolicyDay[];
  private readonly firstOverdueDay: LocalDate | undefined;

  constructor(
    readonly policy: ResolvedReminderPolicy,
    readonly deadline: Deadline,
    private readonly calendar: WorkCalendar,
  ) {
    const dates = reminderDates(policy, deadline, calendar);
    const byDate = new Map<LocalDate, PolicyDayKind>();
    for (const n of policy.beforeWorkingDays)
      byDate.set(calendar.addWorkingDays(deadline.targetDate, -n), `before-${n}`);
    // The due day wins over a "before" reminder falling on the same working day (due on a day off).
    if (dates.onDueDay) byDate.set(dates.onDueDay, 'due');
    for (const day of dates.afterTarget) byDate.set(day, 'after-target');
    this.fixed = [...byDate].map(([date, kind]) => ({ date, kind })).sort((a, b) => (a.date < b.date ? -1 : 1));
    this.firstOverdueDay = dates.firstOverdueDay;
  }

  /** The latest policy day in [from, to], or undefined. */
  latestWithin(from: LocalDate, to: LocalDate): PolicyDay | undefined {
    if (from > to) return undefined;
    if (this.firstOverdueDay && to >= this.firstOverdueDay) {
      const day = this.calendar.lastWorkingDayOnOrBefore(to);
      if (day >= from && day >= this.firstOverdueDay) return { date: day, kind: 'overdue' };
    }
    for (let index = this.fixed.length - 1; index >= 0; index--) {
      const day = this.fixed[index]!;
      if (day.date <= to && day.date >= from) return day;
      if (day.date < from) break;
    }
    return undefined;
  }

  /** The first policy day on or after `from`, or undefined when no reminder is left. */
  firstOnOrAfter(from: LocalDate): PolicyDay | undefined {
    const fixed = this.fixed.find((day) => day.date >= from);
    if (fixed) return fixed;
    if (!this.firstOverdueDay) return undefined;
    const start = from > this.firstOverdueDay ? from : this.firstOverdueDay;
    return { date: this.calendar.nextWorkingDayOnOrAfter(start), kind: 'overdue' };
  }
}
