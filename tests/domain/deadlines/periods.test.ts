import { describe, expect, it } from 'vitest';
import {
  describePeriod,
  firstDayOfPeriod,
  isPeriodKey,
  nextPeriod,
  parsePeriod,
  periodContaining,
  previousPeriod,
} from '../../../src/domain/deadlines/periods.ts';
import { day } from '../helpers.ts';

const parse = (key: string) => {
  const period = parsePeriod(key);
  if (!period) throw new Error(`bad period in test: ${key}`);
  return period;
};

describe('reporting periods', () => {
  it('parses month, quarter and year keys', () => {
    expect(parsePeriod('2025-03')).toEqual({ kind: 'month', key: '2025-03', year: 2025, month: 3 });
    expect(parsePeriod('2025-Q2')).toEqual({ kind: 'quarter', key: '2025-Q2', year: 2025, quarter: 2 });
    expect(parsePeriod('2025')).toEqual({ kind: 'year', key: '2025', year: 2025 });
  });

  it.each(['2025-13', '2025-00', '2025-3', '2025-Q5', '2025-q1', '25', '2025-03-01', ' 2025', '1899'])(
    'refuses the malformed key "%s"',
    (key) => {
      expect(isPeriodKey(key)).toBe(false);
    },
  );

  it('refuses a key of another kind when a kind is asked for', () => {
    expect(isPeriodKey('2025-03', 'quarter')).toBe(false);
    expect(isPeriodKey('2025-Q1', 'quarter')).toBe(true);
  });

  it.each([
    ['month', '2025-12-31', '2025-12'],
    ['quarter', '2025-03-31', '2025-Q1'],
    ['quarter', '2025-04-01', '2025-Q2'],
    ['quarter', '2025-12-01', '2025-Q4'],
    ['year', '2026-02-17', '2026'],
  ] as const)('the %s containing %s is %s', (kind, date, key) => {
    expect(periodContaining(kind, day(date)).key).toBe(key);
  });

  it.each([
    ['2025-11', '2025-12'],
    ['2025-12', '2026-01'],
    ['2025-Q3', '2025-Q4'],
    ['2025-Q4', '2026-Q1'],
    ['2025', '2026'],
  ])('the period after %s is %s', (key, next) => {
    expect(nextPeriod(parse(key)).key).toBe(next);
  });

  it('gives the first day of a period', () => {
    expect(firstDayOfPeriod(parse('2025-Q3'))).toBe('2025-07-01');
    expect(firstDayOfPeriod(parse('2025-02'))).toBe('2025-02-01');
  });

  it('describes periods the way officials write them', () => {
    expect(describePeriod(parse('2025-03'))).toBe('tháng 03/2025');
    expect(describePeriod(parse('2025-Q1'))).toBe('quý I/2025');
    expect(describePeriod(parse('2025'))).toBe('năm 2025');
  });
});

describe('half-year and week periods', () => {
  it('parses half-year keys and ISO week keys', () => {
    expect(parsePeriod('2026-H2')).toEqual({ kind: 'half', key: '2026-H2', year: 2026, half: 2 });
    expect(parsePeriod('2026-W05')).toEqual({ kind: 'week', key: '2026-W05', year: 2026, week: 5 });
    // 2026 starts on a Thursday, so it has 53 ISO weeks; 2027 has 52.
    expect(isPeriodKey('2026-W53')).toBe(true);
    expect(isPeriodKey('2027-W53')).toBe(false);
  });

  it.each(['2026-H0', '2026-H3', '2026-W00', '2026-W5', '2026-w05'])('refuses the malformed key "%s"', (key) => {
    expect(isPeriodKey(key)).toBe(false);
  });

  it.each([
    ['half', '2026-06-30', '2026-H1'],
    ['half', '2026-07-01', '2026-H2'],
    ['week', '2026-03-08', '2026-W10'],
    ['week', '2026-03-09', '2026-W11'],
    // Friday 01/01/2027 belongs to the last ISO week of 2026; Monday 29/12/2025 to week 1 of 2026.
    ['week', '2027-01-01', '2026-W53'],
    ['week', '2025-12-29', '2026-W01'],
  ] as const)('the %s containing %s is %s', (kind, date, key) => {
    expect(periodContaining(kind, day(date)).key).toBe(key);
  });

  it.each([
    ['2026-H1', '2026-H2'],
    ['2026-H2', '2027-H1'],
    ['2026-W52', '2026-W53'],
    ['2026-W53', '2027-W01'],
  ])('the period after %s is %s', (key, next) => {
    expect(nextPeriod(parse(key)).key).toBe(next);
  });

  it('gives the first day and describes them', () => {
    expect(firstDayOfPeriod(parse('2026-H2'))).toBe('2026-07-01');
    expect(firstDayOfPeriod(parse('2026-W01'))).toBe('2025-12-29');
    expect(describePeriod(parse('2026-H1'))).toBe('6 tháng đầu năm 2026');
    expect(describePeriod(parse('2026-H2'))).toBe('6 tháng cuối năm 2026');
    expect(describePeriod(parse('2026-W10'))).toBe('tuần 10/2026 (từ 02/03)');
  });

  it.each([
    ['2027-02', '2027-01'],
    ['2027-01', '2026-12'],
    ['2027-Q1', '2026-Q4'],
    ['2027-H1', '2026-H2'],
    ['2027-W01', '2026-W53'],
    ['2027', '2026'],
  ])('the period before %s is %s', (key, previous) => {
    expect(previousPeriod(parse(key)).key).toBe(previous);
  });
});
