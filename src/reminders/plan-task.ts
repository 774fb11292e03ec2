// What the planner does with one task whose next reminder date has come: which reminder (if any)
// to put in the outbox, for when, and the task's next reminder date. Pure.
//
// Only the latest state is reminded: after days of downtime a task gets one reminder for the
// latest policy day it missed, never one per missed day.
import { addDays, type LocalDate } from '../domain/local-date.ts';
import type { PolicyDay, PolicyDays } from './policy-days.ts';
import type { SendWindow } from './send-window.ts';

export interface TaskPlanState {
  /** Null: never planned, or to be planned again (a new due date, a reopened task). */
  nextReminderOn: LocalDate | null;
  snoozedUntil: LocalDate | null;
}

export type PlanDecision =
  /** Put `day`'s reminder in the outbox for `scheduledFor`, then look again on `next`. */
  | { kind: 'remind'; day: PolicyDay; scheduledFor: Date; next: LocalDate | null }
  /** Nothing to send now; look again on `next` (null: no reminder left). */
  | { kind: 'skip'; next: LocalDate | null }
  /** Cannot be decided now (no send time left and outside working hours): leave the task as is. */
  | { kind: 'wait' };

export function planTask(task: TaskPlanState, days: PolicyDays, window: SendWindow): PlanDecision {
  const { today } = window;
  const fresh = task.nextReminderOn === null;
  // A new (or re-planned) task starts today: reminding it of days before it existed would be noise.
  let from = task.nextReminderOn ?? today;
  // /hoan: no reminder before the snooze date.
  if (task.snoozedUntil && task.snoozedUntil > from) from = task.snoozedUntil;
  const next = (after: LocalDate) => days.firstOnOrAfter(addDays(after, 1))?.date ?? null;
  if (from > today) return { kind: 'skip', next: days.firstOnOrAfter(from)?.date ?? null };

  const day = days.latestWithin(from, today);
  if (!day) return { kind: 'skip', next: next(today) };

  if (day.date < today) {
    // Missed on an earlier day (downtime): now if inside working hours, else the next send time.
    const scheduledFor = window.catchUpNow ? window.now : window.sendTimeToday;
    return scheduledFor ? { kind: 'remind', day, scheduledFor, next: next(today) } : { kind: 'wait' };
  }
  if (window.sendTimeToday) return { kind: 'remind', day, scheduledFor: window.sendTimeToday, next: next(today) };
  // Today's send times are over. A task created after them waits for its next policy day (reminders
  // go out at send times only); a planned reminder that was missed is caught up now.
  if (fresh) return { kind: 'skip', next: next(today) };
  if (window.catchUpNow) return { kind: 'remind', day, scheduledFor: window.now, next: next(today) };
  return { kind: 'wait' };
}
