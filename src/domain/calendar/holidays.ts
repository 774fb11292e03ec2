// Statutory days off that apply without any announcement: Bộ luật Lao động 2019, Điều 112(1),
// plus the compensating day (nghỉ bù) of Điều 111(3) when a holiday falls on a weekend.
// The government usually rearranges Tết and 30/4–1/5 each year; those announcements live in
// config/calendar.yaml and are layered on top of these defaults by WorkCalendar.
import { addDays, dayOfWeek, formatVietnamese, localDate, type LocalDate } from '../local-date.ts';
import { lunarNewYear, lunarToSolar } from './lunar.ts';

export interface Holiday {
  date: LocalDate;
  /** Vietnamese, shown to officials. */
  name: string;
  kind: 'holiday' | 'compensatory';
}

const TET_DAY_NAMES = [1, 2, 3, 4].map((day) => `Tết Nguyên đán (mùng ${day} tháng Giêng)`);

export function isWeekend(date: LocalDate): boolean {
  const day = dayOfWeek(date);
  return day === 0 || day === 6;
}

/** Điều 112(1): the eleven statutory holiday days of `year`, before any nghỉ bù. */
export function statutoryHolidays(year: number): Holiday[] {
  const holiday = (date: LocalDate, name: string): Holiday => ({ date, name, kind: 'holiday' });
  const tet = lunarNewYear(year);
  const nationalDay = localDate(year, 9, 2);
  // Decree 145/2020 lets the Prime Minister pick the adjacent day; 1/9 is the usual choice, but
  // when 2/9 is a Monday the day after keeps the holiday contiguous with the weekend.
  const adjacentToNationalDay = dayOfWeek(nationalDay) === 1 ? addDays(nationalDay, 1) : addDays(nationalDay, -1);
  return [
    holiday(localDate(year, 1, 1), 'Tết Dương lịch'),
    holiday(addDays(tet, -1), 'Tết Nguyên đán (ngày cuối năm Âm lịch)'),
    ...TET_DAY_NAMES.map((name, index) => holiday(addDays(tet, index), name)),
    holiday(lunarToSolar(year, 3, 10), 'Giỗ Tổ Hùng Vương (10/3 Âm lịch)'),
    holiday(localDate(year, 4, 30), 'Ngày Chiến thắng (30/4)'),
    holiday(localDate(year, 5, 1), 'Ngày Quốc tế lao động (1/5)'),
    holiday(nationalDay, 'Quốc khánh (2/9)'),
    holiday(adjacentToNationalDay, 'Quốc khánh (ngày liền kề 2/9)'),
  ].sort((a, b) => (a.date < b.date ? -1 : 1));
}

/** Statutory holidays of `year` plus one nghỉ bù for each that falls on a Saturday or Sunday. */
export function defaultDaysOff(year: number): Holiday[] {
  const holidays = statutoryHolidays(year);
  const taken = new Set<string>(holidays.map((h) => h.date));
  const compensations: Holiday[] = [];
  for (const holiday of holidays) {
    if (!isWeekend(holiday.date)) continue;
    // The next weekday that is neither a holiday nor already someone else's nghỉ bù.
    let candidate = addDays(holiday.date, 1);
    while (isWeekend(candidate) || taken.has(candidate)) candidate = addDays(candidate, 1);
    taken.add(candidate);
    compensations.push({
      date: candidate,
      name: `Nghỉ bù cho ${holiday.name}, ngày ${formatVietnamese(holiday.date)} trùng ngày nghỉ hằng tuần`,
      kind: 'compensatory',
    });
  }
  return [...holidays, ...compensations].sort((a, b) => (a.date < b.date ? -1 : 1));
}
