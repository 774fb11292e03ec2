import { describe, expect, it } from 'vitest';
import {
  addDays,
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
