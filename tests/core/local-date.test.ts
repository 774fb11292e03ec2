import { TZDate } from '@date-fns/tz';
import { addDays as addDaysFns, format } from 'date-fns';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  dateParts,
  dayOfWeek,
  daysBetween,
  formatVietnamese,
  parseLocalDate,
  vietnamDateOf,
  vietnamInstant,
  type LocalDate,
} from '../../src/domain/local-date.ts';
import { shiftedClock, ManualClock } from '../../src/domain/clock.ts';

describe('local dates', () => {
  it.each([
    ['2026-11-23', '2026-11-23'],
    ['23/11/2026', '2026-11-23'],
    ['3/1/2026', '2026-01-03'],
    [' 05/09/2025 ', '2025-09-05'],
    ['29/02/2024', '2024-02-29'],
  ])('reads %s as %s', (text, expected) => {
    expect(parseLocalDate(text)).toBe(expected);
  });

  it.each([
    '29/02/2025',
    '31/04/2026',
    '2026-13-01',
    '00/01/2026',
    '23-11-2026',
    '11/23/2026',
    '',
    'hôm nay',
    '2026-1-5',
  ])('refuses %j', (text) => {
    expect(parseLocalDate(text)).toBeUndefined();
  });

  it('takes the date of an instant in Vietnam, not on the server', () => {
    expect(vietnamDateOf(new Date('2026-11-23T16:59:59Z'))).toBe('2026-11-23');
    expect(vietnamDateOf(new Date('2026-11-23T17:00:00Z'))).toBe('2026-11-24');
  });

  it('places a Vietnam wall-clock time at the right instant', () => {
    expect(vietnamInstant('2026-02-16' as LocalDate, '08:00').toISOString()).toBe('2026-02-16T01:00:00.000Z');
  });

  it('counts calendar days across month, year and leap-day boundaries', () => {
    expect(addDays('2024-02-28' as LocalDate, 1)).toBe('2024-02-29');
    expect(addDays('2026-12-31' as LocalDate, 1)).toBe('2027-01-01');
    expect(daysBetween('2026-11-19' as LocalDate, '2026-11-23' as LocalDate)).toBe(4);
    expect(formatVietnamese('2026-01-05' as LocalDate)).toBe('05/01/2026');
  });
});

describe('clocks', () => {
  it('a shifted clock starts at the given instant and runs forward with the base clock', () => {
    const base = new ManualClock('2026-11-23T00:00:00Z');
    const clock = shiftedClock(new Date('2026-02-13T01:00:00Z'), base);
    expect(clock.now().toISOString()).toBe('2026-02-13T01:00:00.000Z');
    base.advance(90_000);
    expect(clock.now().toISOString()).toBe('2026-02-13T01:01:30.000Z');
  });
});

describe('local dates against the time-zone database (@date-fns/tz, date-fns)', () => {
  const zone = 'Asia/Ho_Chi_Minh';

  it('gives the same Vietnam date as the tz database for instants from 1976 to 2100', () => {
    // Every 7 h 13 min: crosses midnight at every hour of the day over the years.
    for (let t = Date.UTC(1976, 0, 1); t < Date.UTC(2100, 0, 1); t += (7 * 60 + 13) * 60_000 * 97) {
      expect(vietnamDateOf(new Date(t))).toBe(format(new TZDate(t, zone), 'yyyy-MM-dd'));
    }
  });

  it('gives the same instant as the tz database for a Vietnam wall-clock time', () => {
    for (let day = '1976-01-01' as LocalDate; day < '2100-01-01'; day = addDays(day, 37)) {
      const { year, month, dayOfMonth } = { ...dateParts(day), dayOfMonth: dateParts(day).day };
      expect(vietnamInstant(day, '08:30').getTime()).toBe(
        new TZDate(year, month - 1, dayOfMonth, 8, 30, zone).getTime(),
      );
    }
  });

  it('counts, adds and names days as date-fns does on UTC dates, whatever the server TZ', () => {
    const start = new TZDate(1990, 0, 1, 'UTC');
    for (let n = 0; n < 60_000; n += 97) {
      const expected = addDaysFns(start, n);
      const day = addDays('1990-01-01' as LocalDate, n);
      expect(day).toBe(format(expected, 'yyyy-MM-dd'));
      expect(daysBetween('1990-01-01' as LocalDate, day)).toBe(n);
      expect(dayOfWeek(day)).toBe(expected.getDay());
    }
  });
});
