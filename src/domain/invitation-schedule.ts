// When each Zalo invitation may go. Zalo limits how many strangers one account may write to, so
// invitations are spread out: at least `spacingMs` apart, at most `dailyCap` a day, and only in
// working hours on working days (officials read them at work; a message at night looks like spam).
import { addDays, vietnamDateOf, vietnamInstant, type LocalDate } from './local-date.ts';

export interface InvitationPace {
  /** Minimum gap between two invitations. */
  spacingMs: number;
  /** At most this many invitations per Vietnam calendar day. */
  dailyCap: number;
  /** `HH:mm` from and to, Vietnam time (WORKING_HOURS). */
  hours: readonly [string, string];
  isWorkingDay(date: LocalDate): boolean;
}

export interface InvitationBacklog {
  /** The latest time already taken by an invitation (queued or sent), if any. */
  lastSlot: Date | undefined;
  /** How many invitations already go (or went) on each day. */
  perDay: ReadonlyMap<LocalDate, number>;
}

/** A year without one open day means the pace is impossible (a cap of 0): stop looking. */
const SEARCH_DAYS = 400;

/** The first instant at or after `at` that is inside the hours of a working day with room left. */
export function nextOpenInstant(at: Date, pace: InvitationPace, perDay: ReadonlyMap<LocalDate, number>): Date {
  let candidate = at;
  for (let day = 0; day < SEARCH_DAYS; day++) {
    const date = vietnamDateOf(candidate);
    const opens = vietnamInstant(date, pace.hours[0]);
    const closes = vietnamInstant(date, pace.hours[1]);
    const full = (perDay.get(date) ?? 0) >= pace.dailyCap;
    if (pace.isWorkingDay(date) && !full && candidate < closes) return candidate < opens ? opens : candidate;
    candidate = vietnamInstant(addDays(date, 1), pace.hours[0]);
  }
  throw new Error('no day within a year has room for an invitation (ZALO_INVITE_DAILY_CAP must be at least 1)');
}

/** The not-before times of `count` new invitations queued at `now` after the `backlog`. */
export function scheduleInvitations(
  count: number,
  now: Date,
  backlog: InvitationBacklog,
  pace: InvitationPace,
): Date[] {
  const perDay = new Map(backlog.perDay);
  const slots: Date[] = [];
  let at =
    backlog.lastSlot && backlog.lastSlot.getTime() + pace.spacingMs > now.getTime()
      ? new Date(backlog.lastSlot.getTime() + pace.spacingMs)
      : now;
  for (let index = 0; index < count; index++) {
    at = nextOpenInstant(at, pace, perDay);
    slots.push(at);
    const date = vietnamDateOf(at);
    perDay.set(date, (perDay.get(date) ?? 0) + 1);
    at = new Date(at.getTime() + pace.spacingMs);
  }
  return slots;
}

/** What already went, as the sender counts it for the spacing and the cap (uncertain ones included). */
export interface InvitationsSent {
  last?: Date;
  /** How many went on the Vietnam date of `now`. */
  today: number;
}

/**
 * When the waiting invitations should be done, as the sender will really send them: each no sooner
 * than its stored time, `now`, and the spacing after the one before, inside working hours on a day
 * with room under the cap. The stored times alone lie in the past after the bot was down. Without a
 * pace (a process that sends no invitations) only `now` is applied.
 */
export function expectedFinish(
  notBefores: Iterable<Date>,
  now: Date,
  sent: InvitationsSent,
  pace: InvitationPace | undefined,
): Date | undefined {
  const waiting = [...notBefores].sort((a, b) => a.getTime() - b.getTime());
  if (waiting.length === 0) return undefined;
  if (!pace) return latest([now, ...waiting]);
  const perDay = new Map<LocalDate, number>([[vietnamDateOf(now), sent.today]]);
  let earliest = sent.last ? latest([now, new Date(sent.last.getTime() + pace.spacingMs)]) : now;
  let at = now;
  for (const notBefore of waiting) {
    at = nextOpenInstant(latest([earliest, notBefore]), pace, perDay);
    const date = vietnamDateOf(at);
    perDay.set(date, (perDay.get(date) ?? 0) + 1);
    earliest = new Date(at.getTime() + pace.spacingMs);
  }
  return at;
}

function latest(times: Date[]): Date {
  return times.reduce((max, time) => (time > max ? time : max));
}
