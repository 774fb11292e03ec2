// When reminders may go out. Reminders are sent at the configured send times on working days; a
// reminder that was missed (the bot was down, a tick was lost) goes out at once if it is inside
// working hours on a working day, else at the next send time. Never at night, on weekends or on
// holidays. All of it in Vietnam time whatever the server's TZ.
import type { WorkCalendar } from '../domain/calendar/work-calendar.ts';
import { vietnamDateOf, vietnamInstant, type LocalDate } from '../domain/local-date.ts';

export interface SendSchedule {
  /** `HH:mm`, sorted (REMINDER_SEND_TIMES). */
  sendTimes: readonly string[];
  /** WORKING_HOURS. */
  workingHours: { start: string; end: string };
  /**
   * A send time still counts as "now" for this long after it: the per-minute ticker may run a
   * little late (a long previous sweep), and that must not push a reminder to the next day.
   */
  graceMs: number;
}

export interface SendWindow {
  now: Date;
  today: LocalDate;
  workingDay: boolean;
  /** Reminders that are due may be delivered right now. */
  open: boolean;
  /** Inside working hours on a working day: missed reminders go out now rather than waiting. */
  catchUpNow: boolean;
  /** Today's send time that is now (within the grace) or still to come, if any. */
  sendTimeToday?: Date;
  /** Today's first send time (working days): the morning digest never goes before it. */
  firstSendTimeToday?: Date;
}

export function sendWindowAt(now: Date, calendar: WorkCalendar, schedule: SendSchedule): SendWindow {
  const today = vietnamDateOf(now);
  const workingDay = calendar.isWorkingDay(today);
  if (!workingDay) return { now, today, workingDay, open: false, catchUpNow: false };
  const at = now.getTime();
  const inWorkingHours =
    at >= vietnamInstant(today, schedule.workingHours.start).getTime() &&
    at < vietnamInstant(today, schedule.workingHours.end).getTime();
  const sendTimes = schedule.sendTimes.map((time) => vietnamInstant(today, time));
  const atSendTime = sendTimes.some((time) => at >= time.getTime() && at <= time.getTime() + schedule.graceMs);
  const sendTimeToday = sendTimes.find((time) => time.getTime() + schedule.graceMs >= at);
  return {
    now,
    today,
    workingDay,
    open: inWorkingHours || atSendTime,
    catchUpNow: inWorkingHours,
    ...(sendTimeToday ? { sendTimeToday } : {}),
    ...(sendTimes[0] ? { firstSendTimeToday: sendTimes[0] } : {}),
  };
}

/** Planning runs when something planned now could be sent today: a working day with a window open or a send time to come. */
export function planningAllowed(window: SendWindow): boolean {
  return window.workingDay && (window.open || window.sendTimeToday !== undefined);
}

/**
 * The day's first message (with the morning additions) goes from the first send time on, or at
 * once when the bot starts later in working hours; never before it, which would split a person's
 * morning into two messages.
 */
export function morningMayGo(window: SendWindow): boolean {
  return window.open && window.firstSendTimeToday !== undefined && window.now >= window.firstSendTimeToday;
}

/**
 * Notices (what changed about someone's work) are not reminders: they go out whenever the sweep
 * runs inside working hours on a working day, and otherwise wait for the next opening — never at
 * night, on a weekend or a holiday, and not at a send time outside working hours.
 */
export function noticesMayGo(window: SendWindow): boolean {
  return window.catchUpNow;
}
