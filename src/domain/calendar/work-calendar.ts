// Which days are working days for a state agency: Monday–Friday, minus statutory holidays and
// their nghỉ bù, minus announced days off, plus announced working days (làm bù), which win.
// A year without an announcement in the file is provisional: its days off are the defaults.
import { addDays, dateParts, dayOfWeek, type LocalDate } from '../local-date.ts';
import { NO_ANNOUNCEMENTS, type AnnouncedYear, type CalendarAnnouncements } from './announcements.ts';
import { defaultDaysOff, isWeekend, type Holiday } from './holidays.ts';

export interface DayOff {
  date: LocalDate;
  reason: string;
  kind: Holiday['kind'] | 'announced';
}

// No real calendar goes this long without a working day; hitting it means corrupt data.
const MAX_SEARCH_DAYS = 366;

export class WorkCalendar {
  private readonly announcedOff = new Map<LocalDate, string>();
  private readonly announcedWorking = new Map<LocalDate, string>();
  private readonly defaultsByYear = new Map<number, Map<LocalDate, Holiday>>();
  private readonly announcedYears: ReadonlyMap<number, AnnouncedYear>;
  private readonly defaults: (year: number) => Holiday[];
  /** The calendar never changes once built; an import asks the same sums thousands of times. */
  private readonly workingDaySums = new Map<string, LocalDate>();

  constructor(announcements: CalendarAnnouncements = NO_ANNOUNCEMENTS) {
    const rules = announcements.holidays;
    this.defaults = rules ? (year) => defaultDaysOff(year, rules) : (year) => defaultDaysOff(year);
    this.announcedYears = new Map((announcements.announcedYears ?? []).map((entry) => [entry.year, entry]));
    for (const day of announcements.daysOff)
      if (!this.announcedOff.has(day.date)) this.announcedOff.set(day.date, day.name);
    for (const day of announcements.workingDays)
      if (!this.announcedWorking.has(day.date)) this.announcedWorking.set(day.date, day.name);
  }

  /** No official announcement for `year` in the calendar file: its days off are the defaults. */
  isProvisional(year: number): boolean {
    return !this.announcedYears.has(year);
  }

  /** The announcement recorded for `year`, if any. */
  announcement(year: number): AnnouncedYear | undefined {
    return this.announcedYears.get(year);
  }

  /** The provisional years that `from`…`to` touches, ascending. */
  provisionalYears(from: LocalDate, to: LocalDate): number[] {
    const years: number[] = [];
    for (let year = dateParts(from).year; year <= dateParts(to).year; year++) {
      if (this.isProvisional(year)) years.push(year);
    }
    return years;
  }

  isWorkingDay(date: LocalDate): boolean {
    if (this.announcedWorking.has(date)) return true;
    return !isWeekend(date) && !this.announcedOff.has(date) && !this.defaultHoliday(date);
  }

  /** Why `date` is not a working day (Vietnamese), or undefined when it is one. */
  dayOffReason(date: LocalDate): string | undefined {
    if (this.isWorkingDay(date)) return undefined;
    // The statutory name is more specific than an announcement's umbrella name.
    const reason = this.defaultHoliday(date)?.name ?? this.announcedOff.get(date);
    if (reason) return reason;
    return dayOfWeek(date) === 0 ? 'Chủ nhật' : 'Thứ Bảy';
  }

  /** Holidays, nghỉ bù and announced days off of `year` (weekly weekends excluded), sorted. */
  daysOff(year: number): DayOff[] {
    const result = new Map<LocalDate, DayOff>();
    for (const [date, name] of this.announcedOff) {
      if (dateParts(date).year === year) result.set(date, { date, reason: name, kind: 'announced' });
    }
    for (const holiday of this.defaultsOf(year).values()) {
      result.set(holiday.date, { date: holiday.date, reason: holiday.name, kind: holiday.kind });
    }
    return [...result.values()]
      .filter((day) => !this.announcedWorking.has(day.date))
      .sort((a, b) => (a.date < b.date ? -1 : 1));
  }

  /** The announced working days of `year` (làm bù, usually Saturdays), sorted. */
  announcedWorkingDays(year: number): { date: LocalDate; reason: string }[] {
    return [...this.announcedWorking]
      .filter(([date]) => dateParts(date).year === year)
      .map(([date, reason]) => ({ date, reason }))
      .sort((a, b) => (a.date < b.date ? -1 : 1));
  }

  /** n > 0: the n-th working day strictly after `date`; n < 0: strictly before; 0: `date` itself. */
  addWorkingDays(date: LocalDate, n: number): LocalDate {
    if (!Number.isInteger(n)) throw new RangeError(`working days must be an integer, got ${n}`);
    const key = `${date}${n}`;
    const known = this.workingDaySums.get(key);
    if (known !== undefined) return known;
    const step = Math.sign(n);
    let current = date;
    for (let remaining = Math.abs(n); remaining > 0; remaining--) current = this.seek(addDays(current, step), step);
    this.workingDaySums.set(key, current);
    return current;
  }

  nextWorkingDayOnOrAfter(date: LocalDate): LocalDate {
    return this.seek(date, 1);
  }

  lastWorkingDayOnOrBefore(date: LocalDate): LocalDate {
    return this.seek(date, -1);
  }

  lastWorkingDayBefore(date: LocalDate): LocalDate {
    return this.seek(addDays(date, -1), -1);
  }

  private seek(from: LocalDate, step: number): LocalDate {
    let current = from;
    for (let tries = 0; tries < MAX_SEARCH_DAYS; tries++) {
      if (this.isWorkingDay(current)) return current;
      current = addDays(current, step);
    }
    throw new Error(`no working day within ${MAX_SEARCH_DAYS} days of ${from}`);
  }

  private defaultHoliday(date: LocalDate): Holiday | undefined {
    return this.defaultsOf(dateParts(date).year).get(date);
  }

  private defaultsOf(year: number): Map<LocalDate, Holiday> {
    let byDate = this.defaultsByYear.get(year);
    if (!byDate) {
      byDate = new Map(this.defaults(year).map((holiday) => [holiday.date, holiday]));
      this.defaultsByYear.set(year, byDate);
    }
    return byDate;
  }
}
