// Reporting periods, identified by stable keys: `YYYY-MM` (month), `YYYY-Qn` (quarter), `YYYY` (year),
// `YYYY-Hn` (half-year) and `YYYY-Www` (ISO week, Monday to Sunday; the year is the ISO week's year).
// A recurring duty produces one task per period, so the key is what makes a task unique.
import { addDays, dateParts, dayOfWeek, daysBetween, localDate, type LocalDate } from '../local-date.ts';

export type PeriodKind = 'month' | 'quarter' | 'year' | 'half' | 'week';

export type Period =
  | { kind: 'month'; key: string; year: number; month: number }
  | { kind: 'quarter'; key: string; year: number; quarter: number }
  | { kind: 'year'; key: string; year: number }
  | { kind: 'half'; key: string; year: number; half: number }
  | { kind: 'week'; key: string; year: number; week: number };

// Same span as local-date.ts accepts.
const MIN_YEAR = 1900;
const MAX_YEAR = 2199;
const PATTERNS = {
  month: /^(\d{4})-(\d{2})$/,
  quarter: /^(\d{4})-Q([1-4])$/,
  year: /^(\d{4})$/,
  half: /^(\d{4})-H([12])$/,
  week: /^(\d{4})-W(\d{2})$/,
} as const;
const ROMAN_QUARTERS = ['I', 'II', 'III', 'IV'] as const;

export function monthPeriod(year: number, month: number): Period {
  return { kind: 'month', key: `${year}-${String(month).padStart(2, '0')}`, year, month };
}

export function quarterPeriod(year: number, quarter: number): Period {
  return { kind: 'quarter', key: `${year}-Q${quarter}`, year, quarter };
}

export function yearPeriod(year: number): Period {
  return { kind: 'year', key: String(year), year };
}

export function halfPeriod(year: number, half: number): Period {
  return { kind: 'half', key: `${year}-H${half}`, year, half };
}

export function weekPeriod(year: number, week: number): Period {
  return { kind: 'week', key: `${year}-W${String(week).padStart(2, '0')}`, year, week };
}

/** Monday of ISO week 1: the week that holds the year's first Thursday. */
function firstMondayOfIsoYear(year: number): LocalDate {
  const january4 = localDate(year, 1, 4);
  return addDays(january4, -((dayOfWeek(january4) + 6) % 7));
}

function isoWeeksIn(year: number): number {
  return daysBetween(firstMondayOfIsoYear(year), firstMondayOfIsoYear(year + 1)) / 7;
}

function weekContaining(date: LocalDate): Period {
  const monday = addDays(date, -((dayOfWeek(date) + 6) % 7));
  const year = dateParts(addDays(monday, 3)).year;
  return weekPeriod(year, daysBetween(firstMondayOfIsoYear(year), monday) / 7 + 1);
}

/** Undefined when `key` is not a well-formed period key (optionally of the given kind). */
export function parsePeriod(key: string, kind?: PeriodKind): Period | undefined {
  const month = PATTERNS.month.exec(key);
  const quarter = PATTERNS.quarter.exec(key);
  const year = PATTERNS.year.exec(key);
  const half = PATTERNS.half.exec(key);
  const week = PATTERNS.week.exec(key);
  let period: Period | undefined;
  if (month) {
    const value = Number(month[2]);
    if (value >= 1 && value <= 12) period = monthPeriod(Number(month[1]), value);
  } else if (quarter) {
    period = quarterPeriod(Number(quarter[1]), Number(quarter[2]));
  } else if (year) {
    period = yearPeriod(Number(year[1]));
  } else if (half) {
    period = halfPeriod(Number(half[1]), Number(half[2]));
  } else if (week) {
    const [yearValue, weekValue] = [Number(week[1]), Number(week[2])];
    if (weekValue >= 1 && weekValue <= isoWeeksIn(yearValue)) period = weekPeriod(yearValue, weekValue);
  }
  if (!period || period.year < MIN_YEAR || period.year > MAX_YEAR) return undefined;
  if (kind && period.kind !== kind) return undefined;
  return period;
}

export function isPeriodKey(key: string, kind?: PeriodKind): boolean {
  return parsePeriod(key, kind) !== undefined;
}

export function periodContaining(kind: PeriodKind, date: LocalDate): Period {
  const { year, month } = dateParts(date);
  if (kind === 'month') return monthPeriod(year, month);
  if (kind === 'quarter') return quarterPeriod(year, Math.ceil(month / 3));
  if (kind === 'half') return halfPeriod(year, month <= 6 ? 1 : 2);
  if (kind === 'week') return weekContaining(date);
  return yearPeriod(year);
}

export function nextPeriod(period: Period): Period {
  switch (period.kind) {
    case 'month':
      return period.month === 12 ? monthPeriod(period.year + 1, 1) : monthPeriod(period.year, period.month + 1);
    case 'quarter':
      return period.quarter === 4 ? quarterPeriod(period.year + 1, 1) : quarterPeriod(period.year, period.quarter + 1);
    case 'year':
      return yearPeriod(period.year + 1);
    case 'half':
      return period.half === 2 ? halfPeriod(period.year + 1, 1) : halfPeriod(period.year, 2);
    case 'week':
      return weekContaining(addDays(firstDayOfPeriod(period), 7));
  }
}

export function firstDayOfPeriod(period: Period): LocalDate {
  if (period.kind === 'month') return localDate(period.year, period.month, 1);
  if (period.kind === 'quarter') return localDate(period.year, period.quarter * 3 - 2, 1);
  if (period.kind === 'half') return localDate(period.year, period.half * 6 - 5, 1);
  if (period.kind === 'week') return addDays(firstMondayOfIsoYear(period.year), (period.week - 1) * 7);
  return localDate(period.year, 1, 1);
}

export function romanQuarter(quarter: number): string {
  return ROMAN_QUARTERS[quarter - 1] ?? String(quarter);
}

/** As officials write it: "tháng 03/2025", "quý I/2025", "năm 2025". */
export function describePeriod(period: Period): string {
  if (period.kind === 'month') return `tháng ${String(period.month).padStart(2, '0')}/${period.year}`;
  if (period.kind === 'quarter') return `quý ${romanQuarter(period.quarter)}/${period.year}`;
  if (period.kind === 'half') return `6 tháng ${period.half === 1 ? 'đầu' : 'cuối'} năm ${period.year}`;
  if (period.kind === 'week') return `tuần ${period.week}/${period.year} (từ ${formatShort(firstDayOfPeriod(period))})`;
  return `năm ${period.year}`;
}

function formatShort(date: LocalDate): string {
  const { month, day } = dateParts(date);
  return `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}`;
}

/** The period just before `period` ("danh sách trễ hạn" published in February covers January). */
export function previousPeriod(period: Period): Period {
  const dayBefore = addDays(firstDayOfPeriod(period), -1);
  return periodContaining(period.kind, dayBefore);
}
