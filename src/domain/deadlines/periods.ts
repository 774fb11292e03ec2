// Reporting periods, identified by stable keys: `YYYY-MM` (month), `YYYY-Qn` (quarter), `YYYY` (year).
// A recurring duty produces one task per period, so the key is what makes a task unique.
import { dateParts, localDate, type LocalDate } from '../local-date.ts';

export type PeriodKind = 'month' | 'quarter' | 'year';

export type Period =
  | { kind: 'month'; key: string; year: number; month: number }
  | { kind: 'quarter'; key: string; year: number; quarter: number }
  | { kind: 'year'; key: string; year: number };

// Same span as local-date.ts accepts.
const MIN_YEAR = 1900;
const MAX_YEAR = 2199;
const PATTERNS = { month: /^(\d{4})-(\d{2})$/, quarter: /^(\d{4})-Q([1-4])$/, year: /^(\d{4})$/ } as const;
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

/** Undefined when `key` is not a well-formed period key (optionally of the given kind). */
export function parsePeriod(key: string, kind?: PeriodKind): Period | undefined {
  const month = PATTERNS.month.exec(key);
  const quarter = PATTERNS.quarter.exec(key);
  const year = PATTERNS.year.exec(key);
  let period: Period | undefined;
  if (month) {
    const value = Number(month[2]);
    if (value >= 1 && value <= 12) period = monthPeriod(Number(month[1]), value);
  } else if (quarter) {
    period = quarterPeriod(Number(quarter[1]), Number(quarter[2]));
  } else if (year) {
    period = yearPeriod(Number(year[1]));
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
  }
}

export function firstDayOfPeriod(period: Period): LocalDate {
  if (period.kind === 'month') return localDate(period.year, period.month, 1);
  if (period.kind === 'quarter') return localDate(period.year, period.quarter * 3 - 2, 1);
  return localDate(period.year, 1, 1);
}

export function romanQuarter(quarter: number): string {
  return ROMAN_QUARTERS[quarter - 1] ?? String(quarter);
}

/** As officials write it: "tháng 03/2025", "quý I/2025", "năm 2025". */
export function describePeriod(period: Period): string {
  if (period.kind === 'month') return `tháng ${String(period.month).padStart(2, '0')}/${period.year}`;
  if (period.kind === 'quarter') return `quý ${romanQuarter(period.quarter)}/${period.year}`;
  return `năm ${period.year}`;
}
