// The span of data a periodic report covers. Most plans count the calendar month; An Giang closes
// its figures on the 20th ("từ ngày 21 tháng trước đến ngày 20 tháng sau"), so the report for
// 12/2026 covers 21/11–20/12/2026. A shifted period keeps its name: it ends in the named month.
import { z } from 'zod';
import { addDays, dateParts, formatVietnamese, localDate, type LocalDate } from '../local-date.ts';
import { firstDayOfPeriod, nextPeriod, type Period } from './periods.ts';

export const dataPeriodSchema = z.strictObject({
  /** The first day of the data period, in the month before the one it is named after; 1 = calendar month. */
  startDay: z
    .number({ error: 'dataPeriod.startDay phải là số ngày, ví dụ 21' })
    .int('dataPeriod.startDay phải là số nguyên')
    .min(1, 'dataPeriod.startDay phải từ 1 đến 28')
    .max(28, 'dataPeriod.startDay phải từ 1 đến 28 (có trong mọi tháng)'),
});

export type DataPeriod = z.infer<typeof dataPeriodSchema>;

export interface DateSpan {
  from: LocalDate;
  to: LocalDate;
}

/** The dates the report for `period` covers: the calendar period, or shifted to start on `startDay`. */
export function dataSpanOf(period: Period, dataPeriod: DataPeriod | undefined): DateSpan {
  const calendarStart = firstDayOfPeriod(period);
  const calendarEnd = addDays(firstDayOfPeriod(nextPeriod(period)), -1);
  const startDay = dataPeriod?.startDay ?? 1;
  if (startDay === 1) return { from: calendarStart, to: calendarEnd };
  const { year, month } = dateParts(calendarStart);
  const previousMonth = month === 1 ? { year: year - 1, month: 12 } : { year, month: month - 1 };
  const end = dateParts(calendarEnd);
  return {
    from: localDate(previousMonth.year, previousMonth.month, startDay),
    to: localDate(end.year, end.month, startDay - 1),
  };
}

/** "số liệu từ 21/11 đến 20/12/2026" (the year once when both ends share it). */
export function describeDataSpan(span: DateSpan): string {
  const from = dateParts(span.from);
  const to = dateParts(span.to);
  const start = from.year === to.year ? formatVietnamese(span.from).slice(0, 5) : formatVietnamese(span.from);
  return `số liệu từ ${start} đến ${formatVietnamese(span.to)}`;
}

/** How a catalogue declares it, for `duties list`: "số liệu từ ngày 21 tháng trước đến ngày 20". */
export function describeDataPeriod(dataPeriod: DataPeriod | undefined): string {
  const startDay = dataPeriod?.startDay ?? 1;
  if (startDay === 1) return 'số liệu theo kỳ dương lịch';
  return `số liệu từ ngày ${startDay} của tháng trước kỳ đến ngày ${startDay - 1} của tháng cuối kỳ`;
}
