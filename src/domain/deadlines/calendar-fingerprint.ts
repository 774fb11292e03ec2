// Which days are working days over the years tasks live in, as one short text: two calendars
// with the same fingerprint give every task the same dates. Kept in the database with the tasks,
// so a changed calendar (a new announcement, a changed default) is noticed at the next start or
// by `calendar reload`, whichever process reads it.
import type { WorkCalendar } from '../calendar/work-calendar.ts';
import { addDays, localDate, type LocalDate } from '../local-date.ts';

/** Years before and after `today`'s year that tasks' dates can fall in. */
const YEARS_BEFORE = 1;
const YEARS_AFTER = 2;

export function calendarFingerprint(calendar: WorkCalendar, today: LocalDate): string {
  const year = Number(today.slice(0, 4));
  const first = localDate(year - YEARS_BEFORE, 1, 1);
  const end = localDate(year + YEARS_AFTER + 1, 1, 1);
  const bytes: number[] = [];
  let bits = 0;
  let count = 0;
  for (let day = first; day < end; day = addDays(day, 1)) {
    bits = (bits << 1) | (calendar.isWorkingDay(day) ? 1 : 0);
    if (++count % 8 === 0) {
      bytes.push(bits);
      bits = 0;
    }
  }
  if (count % 8 !== 0) bytes.push(bits << (8 - (count % 8)));
  return `${first}:${Buffer.from(bytes).toString('base64')}`;
}
