// A report month: `YYYY-MM` (CLI) or `MM/yyyy`, `M/yyyy` (as officials type it in /baocao).
import { addDays, isPersonYear, localDate, type LocalDate } from '../domain/local-date.ts';

export interface ReportMonth {
  /** `YYYY-MM` */
  key: string;
  year: number;
  month: number;
  first: LocalDate;
  last: LocalDate;
}

export function reportMonth(year: number, month: number): ReportMonth {
  const first = localDate(year, month, 1);
  const next = month === 12 ? localDate(year + 1, 1, 1) : localDate(year, month + 1, 1);
  return { key: first.slice(0, 7), year, month, first, last: addDays(next, -1) };
}

/** `2026-11` or `11/2026` → [2026, 11]; anything else → [NaN, NaN]. */
function yearAndMonth(text: string): [number, number] {
  const iso = /^(\d{4})-(\d{1,2})$/.exec(text);
  if (iso) return [Number(iso[1]), Number(iso[2])];
  const vn = /^(\d{1,2})\/(\d{4})$/.exec(text);
  if (vn) return [Number(vn[2]), Number(vn[1])];
  return [NaN, NaN];
}

/** undefined when the text is not a month. */
export function parseReportMonth(text: string): ReportMonth | undefined {
  const trimmed = text.trim();
  const [year, month] = yearAndMonth(trimmed);
  if (!Number.isInteger(year) || !Number.isInteger(month) || month < 1 || month > 12 || !isPersonYear(year))
    return undefined;
  return reportMonth(year, month);
}

/** The month a local date falls in. */
export function monthOf(date: LocalDate): ReportMonth {
  return reportMonth(Number(date.slice(0, 4)), Number(date.slice(5, 7)));
}

export function previousMonth(month: ReportMonth): ReportMonth {
  return month.month === 1 ? reportMonth(month.year - 1, 12) : reportMonth(month.year, month.month - 1);
}

/** `11/2026` */
export function formatMonth(month: Pick<ReportMonth, 'year' | 'month'>): string {
  return `${String(month.month).padStart(2, '0')}/${month.year}`;
}
