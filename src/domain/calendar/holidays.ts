// Statutory days off that apply without any announcement: the holidays of Bộ luật Lao động 2019,
// Điều 112(1) — read from the `holidays` section of config/calendar.yaml — plus the compensating
// day (nghỉ bù) of Điều 111(3) when a holiday falls on a weekend.
//
// Where the statute leaves a choice, the defaults follow precedent (checked against the
// announcements of 2021–2026 in tests/domain/calendar/precedent.test.ts):
// - Tết: its 5 days cost 5 working days (a weekend day is made up by a nghỉ bù); the government
//   has placed those 5 working days as the first 5 weekdays from the day before the last day of
//   the lunar year (2021: 10–16/2, 2023: 20–26/1, 2024: 8–14/2, 2025: 27–31/1; 2022 and 2026,
//   whose Tết days were Monday–Friday, kept them).
// - 2/9: the adjacent day joins the weekend (config/calendar.yaml, `adjacentDay.byWeekday`).
import { addDays, dateParts, dayOfWeek, formatVietnamese, localDate, type LocalDate } from '../local-date.ts';
import type { HolidayRule } from './holiday-rules.ts';
import { shippedHolidayRules } from './announcements.ts';
import { lunarToSolar, solarToLunar } from './lunar.ts';

export interface Holiday {
  date: LocalDate;
  /** Vietnamese, shown to officials. */
  name: string;
  kind: 'holiday' | 'compensatory';
  /** One of the days of Tết Nguyên đán (statutory or placed by precedent). */
  tet?: boolean;
}

export function isWeekend(date: LocalDate): boolean {
  const day = dayOfWeek(date);
  return day === 0 || day === 6;
}

const byDate = (a: Holiday, b: Holiday) => (a.date < b.date ? -1 : 1);

/** The holidays of Điều 112(1) in `year`, before any nghỉ bù. */
export function statutoryHolidays(year: number, rules: readonly HolidayRule[] = shippedHolidayRules()): Holiday[] {
  return rules.flatMap((rule) => holidaysOf(rule, year)).sort(byDate);
}

function holidaysOf(rule: HolidayRule, year: number): Holiday[] {
  // A lunar date late in one lunar year falls in the next Gregorian year: look at both.
  const bases =
    rule.calendar === 'solar'
      ? [localDate(year, rule.month, rule.day)]
      : [year - 1, year].flatMap((lunarYear) => existingLunarDate(lunarYear, rule.month, rule.day));
  const holidays: Holiday[] = [];
  for (const base of bases) {
    for (let offset = rule.from; offset <= rule.to; offset++) {
      const date = addDays(base, offset);
      const name = rule.from === rule.to ? rule.name : `${rule.name} (${dayName(rule, date)})`;
      holidays.push({ date, name, kind: 'holiday', ...(rule.tet ? { tet: true } : {}) });
    }
    if (rule.adjacentDay) {
      const side = rule.adjacentDay.offsetByWeekday[dayOfWeek(base)]!;
      holidays.push({ date: addDays(base, side), name: rule.adjacentDay.name, kind: 'holiday' });
    }
  }
  return holidays.filter((holiday) => dateParts(holiday.date).year === year);
}

// Day 30 of a month that has 29 days this year does not exist: no holiday that year.
function existingLunarDate(lunarYear: number, month: number, day: number): LocalDate[] {
  try {
    return [lunarToSolar(lunarYear, month, day)];
  } catch (error) {
    if (error instanceof RangeError) return [];
    throw error;
  }
}

const LUNAR_MONTH_NAMES: Record<number, string> = { 1: 'Giêng', 12: 'Chạp' };

function dayName(rule: HolidayRule, date: LocalDate): string {
  if (rule.calendar === 'solar') return formatVietnamese(date).slice(0, 5);
  const lunar = solarToLunar(date);
  if (solarToLunar(addDays(date, 1)).year !== lunar.year) return 'ngày cuối năm Âm lịch';
  const month = LUNAR_MONTH_NAMES[lunar.month] ?? String(lunar.month);
  return `${lunar.day <= 10 ? 'mùng ' : ''}${lunar.day} tháng ${month}${lunar.leap ? ' nhuận' : ''}`;
}

/** Statutory holidays of `year` plus their nghỉ bù, Tết placed by precedent (see the header). */
export function defaultDaysOff(year: number, rules: readonly HolidayRule[] = shippedHolidayRules()): Holiday[] {
  const holidays = statutoryHolidays(year, rules);
  const tetDays = holidays.filter((holiday) => holiday.tet);
  const placedTet = placeTet(tetDays);
  const taken = new Set<string>([...holidays, ...placedTet].map((h) => h.date));
  const compensations: Holiday[] = [...placedTet];
  for (const holiday of holidays) {
    if (holiday.tet || !isWeekend(holiday.date)) continue;
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
  return [...holidays, ...compensations].sort(byDate);
}

/** The weekdays of the Tết break that are not statutory Tết days themselves (precedent, see header). */
function placeTet(tetDays: readonly Holiday[]): Holiday[] {
  if (tetDays.length === 0) return [];
  const statutory = new Set<string>(tetDays.map((day) => day.date));
  const placed: Holiday[] = [];
  let candidate = addDays(tetDays[0]!.date, -1);
  for (let weekdays = 0; weekdays < tetDays.length; candidate = addDays(candidate, 1)) {
    if (isWeekend(candidate)) continue;
    weekdays++;
    if (statutory.has(candidate)) continue;
    placed.push({
      date: candidate,
      name: 'Nghỉ Tết Nguyên đán (nghỉ bù, bố trí theo tiền lệ)',
      kind: 'compensatory',
      tet: true,
    });
  }
  return placed;
}
