// Lịch for the web console: a year's days off with their reasons and its announced working days
// (from the calendar the bot has loaded), and — for a year without an announcement — the same
// explanation `calendar check` gives. Everyone signed in may read it: deadlines depend on it.
import { provisionalYearAdvice } from '../domain/calendar/upkeep.ts';
import type { DayOff, WorkCalendar } from '../domain/calendar/work-calendar.ts';
import type { Clock } from '../domain/clock.ts';
import { UserError } from '../domain/errors.ts';
import { dateParts, isPersonYear, vietnamDateOf, yearRangeMessage, type LocalDate } from '../domain/local-date.ts';

export interface CalendarYear {
  year: number;
  /** the current year, to offer it and its neighbours */
  thisYear: number;
  provisional: boolean;
  /** for a provisional year: what is assumed and what to add to the calendar file */
  advice?: string;
  /** the announcement's source (số, ngày, cơ quan) for an announced year */
  source?: string;
  daysOff: DayOff[];
  workingDays: { date: LocalDate; reason: string }[];
}

export interface CalendarConsole {
  calendarYear(year?: number): CalendarYear;
}

export function createCalendarConsole({
  calendar,
  calendarFile,
  clock,
}: {
  /** read at each use: a reloaded calendar file shows at once */
  calendar: () => WorkCalendar;
  calendarFile: string;
  clock: Clock;
}): CalendarConsole {
  return {
    calendarYear(requested) {
      const thisYear = dateParts(vietnamDateOf(clock.now())).year;
      const year = requested ?? thisYear;
      if (!Number.isInteger(year) || !isPersonYear(year))
        throw new UserError(yearRangeMessage(`Năm ${year}`), 'BAD_YEAR');
      const work = calendar();
      const provisional = work.isProvisional(year);
      const source = work.announcement(year)?.source;
      return {
        year,
        thisYear,
        provisional,
        ...(provisional ? { advice: provisionalYearAdvice(work, year, calendarFile) } : {}),
        ...(source ? { source } : {}),
        daysOff: work.daysOff(year),
        workingDays: work.announcedWorkingDays(year),
      };
    },
  };
}
