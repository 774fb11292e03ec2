import { CalendarChinese } from 'date-chinese';
import { describe, expect, it } from 'vitest';
import { lunarNewYear, lunarToSolar, solarToLunar } from '../../../src/domain/calendar/lunar.ts';
import { day } from '../helpers.ts';

function chineseNewYear(year: number): string {
  const calendar = new CalendarChinese();
  calendar.fromJDE(calendar.newYear(year));
  const { year: y, month, day } = calendar.toGregorian(year);
  return `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

describe('lunar calendar (âm lịch Việt Nam)', () => {
  it.each([
    [2024, '2024-02-10'],
    [2025, '2025-01-29'],
    [2026, '2026-02-17'],
  ])('Tết %i falls on %s, as the published calendars say', (year, expected) => {
    expect(lunarNewYear(year)).toBe(expected);
  });

  // New moons at the UTC+7 midnight boundary (times from NASA's phase tables, UTC):
  //   2007-02-17 16:14, 2030-02-02 16:07, 2053-02-18 16:31 → 23:xx in Hanoi, 00:xx in Beijing,
  //   so the month (and Tết) starts one day earlier in Vietnam.
  // 1985: the winter solstice of 1984 (12-21 16:23 UTC) fell on 21/12 in Hanoi but on 22/12 in
  //   Beijing, the day of the 22/12 new moon; Vietnam's month 11 therefore began a month earlier
  //   and Tết came on 1985-01-21, a whole lunation before China's 1985-02-20.
  it.each([
    [1985, '1985-01-21', '1985-02-20'],
    [2007, '2007-02-17', '2007-02-18'],
    [2030, '2030-02-02', '2030-02-03'],
    [2053, '2053-02-18', '2053-02-19'],
  ])('Tết %i is %s in Vietnam although China celebrates on %s', (year, vietnamese, chinese) => {
    expect(lunarNewYear(year)).toBe(vietnamese);
    expect(chineseNewYear(year)).toBe(chinese);
  });

  it.each([
    [2024, '2024-04-18'],
    [2025, '2025-04-07'],
    [2026, '2026-04-26'],
    // Month 3 of Quý Mão follows a leap month 2, so this checks leap-month handling.
    [2023, '2023-04-29'],
    // New moon 2009-03-26 16:06 UTC: month 3 starts 26/3 in Vietnam (27/3 in China) → 10/3 = 4/4.
    [2009, '2009-04-04'],
  ])('Giỗ Tổ Hùng Vương (10/3 âm lịch) %i is %s', (year, expected) => {
    expect(lunarToSolar(year, 3, 10)).toBe(expected);
  });

  it('finds the leap month 2 of Quý Mão (2023) starting on 2023-03-22', () => {
    expect(lunarToSolar(2023, 2, 1, true)).toBe('2023-03-22');
  });

  it('refuses a leap month that the year does not have', () => {
    expect(() => lunarToSolar(2024, 2, 1, true)).toThrow(RangeError);
  });

  it('refuses day 30 of a 29-day month: lunar year Giáp Thìn ended on 29 tháng Chạp (2025-01-28)', () => {
    expect(lunarToSolar(2024, 12, 29)).toBe('2025-01-28');
    expect(() => lunarToSolar(2024, 12, 30)).toThrow(RangeError);
  });

  it('converts a solar date back to its lunar date, including across the lunar new year', () => {
    expect(solarToLunar(lunarNewYear(2025))).toEqual({ year: 2025, month: 1, day: 1, leap: false });
    expect(solarToLunar(day('2025-01-28'))).toEqual({ year: 2024, month: 12, day: 29, leap: false });
    expect(solarToLunar(day('2023-04-10'))).toEqual({ year: 2023, month: 2, day: 20, leap: true });
  });
});
