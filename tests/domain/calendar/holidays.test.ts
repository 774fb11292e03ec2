import { describe, expect, it } from 'vitest';
import { defaultDaysOff, statutoryHolidays } from '../../../src/domain/calendar/holidays.ts';

const datesOf = (year: number) => defaultDaysOff(year).map((holiday) => holiday.date);

describe('statutory days off (Bộ luật Lao động 2019, Điều 112 and 111)', () => {
  it.each([2022, 2023, 2024, 2025, 2026, 2029])('gives the eleven holiday days of Điều 112(1) in %i', (year) => {
    expect(statutoryHolidays(year)).toHaveLength(11);
  });

  it('gives Tết 2025 as the last day of the lunar year and mùng 1–4: 2025-01-28 to 2025-02-01', () => {
    const tet = statutoryHolidays(2025).filter((holiday) => holiday.name.startsWith('Tết Nguyên đán'));
    expect(tet.map((holiday) => holiday.date)).toEqual([
      '2025-01-28',
      '2025-01-29',
      '2025-01-30',
      '2025-01-31',
      '2025-02-01',
    ]);
  });

  // As the 2025 announcement placed it: the break starts the day before the last day of the lunar year.
  it('places the nghỉ bù for Saturday 2025-02-01 (mùng 4 Tết) on Monday 2025-01-27, not after Tết', () => {
    const compensation = defaultDaysOff(2025).filter((holiday) => holiday.kind === 'compensatory');
    expect(compensation.map((holiday) => holiday.date)).toEqual(['2025-01-27']);
    expect(datesOf(2025)).not.toContain('2025-02-03');
  });

  it('gives Tết 2024 as 8–14/2, as announced (the statute alone would give 9–15/2)', () => {
    expect(datesOf(2024).filter((date) => date < '2024-03-01')).toEqual([
      '2024-01-01',
      '2024-02-08',
      '2024-02-09',
      '2024-02-10',
      '2024-02-11',
      '2024-02-12',
      '2024-02-13',
      '2024-02-14',
    ]);
  });

  it('keeps Tết on the statutory Monday–Friday when those are weekdays (2026: 16–20/2)', () => {
    expect(datesOf(2026).filter((date) => date >= '2026-02-01' && date < '2026-03-01')).toEqual([
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
    ]);
  });

  it.each([
    [2021, 'Thursday', '2021-09-03'],
    [2022, 'Friday', '2022-09-01'],
    [2024, 'Monday', '2024-09-03'],
    [2025, 'Tuesday', '2025-09-01'],
    [2023, 'Saturday', '2023-09-01'],
  ])('joins the day adjacent to 2/9/%i (a %s) to the weekend: %s', (year, _weekday, adjacent) => {
    expect(defaultDaysOff(year).find((holiday) => holiday.name.includes('liền kề'))?.date).toBe(adjacent);
  });

  it('names Giỗ Tổ Hùng Vương 2025 on Monday 2025-04-07, with no nghỉ bù since it is a weekday', () => {
    const holidays = defaultDaysOff(2025);
    expect(holidays.find((holiday) => holiday.date === '2025-04-07')?.name).toContain('Giỗ Tổ Hùng Vương');
    expect(holidays.some((holiday) => holiday.date === '2025-04-08')).toBe(false);
  });

  it('moves Giỗ Tổ 2026, a Sunday (2026-04-26), to a nghỉ bù on Monday 2026-04-27', () => {
    const compensation = defaultDaysOff(2026).find((holiday) => holiday.date === '2026-04-27');
    expect(compensation?.kind).toBe('compensatory');
    expect(compensation?.name).toContain('Giỗ Tổ Hùng Vương');
  });

  it('takes 3/9 as the day adjacent to National Day when 2/9 is a Monday (2024)', () => {
    expect(datesOf(2024)).toContain('2024-09-03');
    expect(datesOf(2024)).not.toContain('2024-09-01');
  });

  it('takes 1/9 as the day adjacent to National Day otherwise (2/9/2025 is a Tuesday)', () => {
    expect(datesOf(2025)).toContain('2025-09-01');
    expect(datesOf(2025)).not.toContain('2025-09-03');
  });

  // The actual 2023 schedule was 29/4–3/5: Giỗ Tổ on Saturday, 30/4 on Sunday, 1/5 on Monday.
  it('chains two nghỉ bù past a holiday on Monday: 29/4–3/5/2023', () => {
    expect(datesOf(2023).filter((date) => date >= '2023-04-29' && date <= '2023-05-31')).toEqual([
      '2023-04-29',
      '2023-04-30',
      '2023-05-01',
      '2023-05-02',
      '2023-05-03',
    ]);
  });

  it('gives two nghỉ bù when 1/9 and 2/9 are a weekend (2029): Monday 3/9 and Tuesday 4/9', () => {
    expect(datesOf(2029).filter((date) => date >= '2029-09-01' && date <= '2029-09-30')).toEqual([
      '2029-09-01',
      '2029-09-02',
      '2029-09-03',
      '2029-09-04',
    ]);
  });

  // 2022 as it was actually observed: 1–3/1, Giỗ Tổ 10/4 + 11/4, 30/4–3/5.
  it('reproduces the 2022 days off around New Year, Giỗ Tổ and 30/4–1/5', () => {
    const dates = datesOf(2022);
    expect(dates.filter((date) => date < '2022-01-15')).toEqual(['2022-01-01', '2022-01-03']);
    expect(dates.filter((date) => date >= '2022-04-01' && date <= '2022-05-31')).toEqual([
      '2022-04-10',
      '2022-04-11',
      '2022-04-30',
      '2022-05-01',
      '2022-05-02',
      '2022-05-03',
    ]);
  });

  it("lists each year's days off sorted and without duplicates", () => {
    for (const year of [2024, 2025, 2026]) {
      const dates = datesOf(year);
      expect(dates).toEqual([...new Set(dates)].sort());
    }
  });
});
