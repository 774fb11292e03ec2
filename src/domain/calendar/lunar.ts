// Vietnamese lunar calendar (âm lịch). It is computed like the Chinese one but at the UTC+7
// meridian, so a new moon between 16:00 and 17:00 UTC starts the month a day earlier than in
// China (Tết 2007, 2030, 2053; Giỗ Tổ 2009), and a winter solstice on the other side of midnight
// can move a leap month (Tết 1985 came a whole month before China's). date-chinese's
// CalendarVietnamese applies UTC+7 from 1968 on.
// date-chinese ships its typings but its package.json `exports` hides them from NodeNext resolution.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- the only way to reach them
/// <reference path="../../../node_modules/date-chinese/types/index.d.ts" />
import { CalendarVietnamese } from 'date-chinese';
import { localDate, dateParts, type LocalDate } from '../local-date.ts';

export interface LunarDate {
  /** The Gregorian year in which this lunar year's Tết falls. */
  year: number;
  month: number;
  day: number;
  leap: boolean;
}

// One shared instance: date-chinese caches its slow astronomical results per instance.
const calendar = new CalendarVietnamese();

function toLocalDate(gregorian: { year: number; month: number; day: number }): LocalDate {
  return localDate(gregorian.year, gregorian.month, gregorian.day);
}

/** Mùng 1 tháng Giêng (Tết Nguyên đán) of the lunar year starting in Gregorian `year`. */
export function lunarNewYear(year: number): LocalDate {
  return lunarToSolar(year, 1, 1);
}

/** The solar date of a lunar date; `year` is the Gregorian year in which that lunar year begins. */
export function lunarToSolar(year: number, lunarMonth: number, lunarDay: number, leap = false): LocalDate {
  if (
    !Number.isInteger(lunarMonth) ||
    lunarMonth < 1 ||
    lunarMonth > 12 ||
    !Number.isInteger(lunarDay) ||
    lunarDay < 1 ||
    lunarDay > 30
  ) {
    throw new RangeError(`not a lunar date: ${lunarDay}/${lunarMonth}`);
  }
  calendar.set(0, 0, lunarMonth, leap ? 1 : 0, lunarDay);
  const solar = toLocalDate(calendar.toGregorian(year));
  // date-chinese silently rolls day 30 of a 29-day month (or a missing leap month) into the next month.
  const back = solarToLunar(solar);
  if (back.year !== year || back.month !== lunarMonth || back.day !== lunarDay || back.leap !== leap) {
    throw new RangeError(
      `lunar ${lunarDay}/${lunarMonth}${leap ? ' nhuận' : ''} does not exist in the lunar year of ${year}`,
    );
  }
  return solar;
}

export function solarToLunar(date: LocalDate): LunarDate {
  const { year, month, day } = dateParts(date);
  calendar.fromGregorian(year, month, day);
  const [, , lunarMonth, leap, lunarDay] = calendar.get() as [number, number, number, boolean | number, number];
  return { year: calendar.yearFromEpochCycle(), month: lunarMonth, day: lunarDay, leap: Boolean(leap) };
}
