import { describe, expect, it } from 'vitest';
import { loadCalendarFile, SHIPPED_CALENDAR_FILE } from '../../../src/domain/calendar/announcements.ts';
import { WorkCalendar } from '../../../src/domain/calendar/work-calendar.ts';
import { day } from '../helpers.ts';

const shipped = new WorkCalendar(loadCalendarFile(SHIPPED_CALENDAR_FILE));
const defaultsOnly = new WorkCalendar();

describe('work calendar with the shipped announcements', () => {
  it.each([
    // Tết 2024: 8/2–14/2 off (the default would have been 9/2–15/2).
    ['2024-02-07', true],
    ['2024-02-08', false],
    ['2024-02-14', false],
    ['2024-02-15', true],
    // Tết 2025: 25/1–2/2 off, Monday 3/2 and Saturday 8/2 worked.
    ['2025-01-24', true],
    ['2025-01-27', false],
    ['2025-01-31', false],
    ['2025-02-03', true],
    ['2025-02-08', true],
    // 2024: 27/4–1/5 off, Saturday 4/5 worked; 2/9 Monday + 3/9.
    ['2024-04-26', true],
    ['2024-04-29', false],
    ['2024-05-01', false],
    ['2024-05-02', true],
    ['2024-05-04', true],
    ['2024-09-02', false],
    ['2024-09-03', false],
    ['2024-09-04', true],
    // 2025: Giỗ Tổ 7/4; Saturday 26/4 worked; 30/4–4/5 off; National Day 30/8–2/9.
    ['2025-04-07', false],
    ['2025-04-26', true],
    ['2025-05-02', false],
    ['2025-05-05', true],
    ['2025-09-01', false],
    ['2025-09-02', false],
    ['2025-09-03', true],
    // 2026: 1/1–4/1 off, Saturday 10/1 worked; Tết 14/2–22/2; Giỗ Tổ Sunday 26/4 → nghỉ bù 27/4.
    ['2026-01-02', false],
    ['2026-01-05', true],
    ['2026-01-10', true],
    ['2026-02-13', true],
    ['2026-02-16', false],
    ['2026-02-20', false],
    ['2026-02-23', true],
    ['2026-04-27', false],
    ['2026-04-28', true],
    ['2026-04-30', false],
    ['2026-05-01', false],
    ['2026-05-04', true],
    // 2026: Quốc khánh 29/8–2/9, Monday 31/8 swapped for Saturday 22/8 (Thông báo 9441/TB-BNV).
    ['2026-08-22', true],
    ['2026-08-31', false],
    ['2026-09-03', true],
    // Ordinary weekends stay off.
    ['2025-05-10', false],
    ['2025-05-11', false],
  ])('%s is a working day: %s', (date, expected) => {
    expect(shipped.isWorkingDay(day(date))).toBe(expected);
  });

  it('says why a day is off, preferring the statutory name', () => {
    expect(shipped.dayOffReason(day('2026-02-17'))).toBe('Tết Nguyên đán (mùng 1 tháng Giêng)');
    expect(shipped.dayOffReason(day('2026-02-21'))).toBe('Nghỉ Tết Nguyên đán Bính Ngọ 2026');
    expect(shipped.dayOffReason(day('2026-04-27'))).toMatch(/^Nghỉ bù cho Giỗ Tổ Hùng Vương/);
    expect(shipped.dayOffReason(day('2025-05-10'))).toBe('Thứ Bảy');
    expect(shipped.dayOffReason(day('2025-05-11'))).toBe('Chủ nhật');
    expect(shipped.dayOffReason(day('2026-01-10'))).toBeUndefined();
    expect(shipped.dayOffReason(day('2026-02-23'))).toBeUndefined();
  });

  it('lists the days off of 2026 in order, each with a reason', () => {
    const daysOff = shipped.daysOff(2026);
    expect(daysOff.map((off) => off.date)).toEqual([
      '2026-01-01',
      '2026-01-02',
      '2026-01-03',
      '2026-01-04',
      '2026-02-14',
      '2026-02-15',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-02-21',
      '2026-02-22',
      '2026-04-26',
      '2026-04-27',
      '2026-04-30',
      '2026-05-01',
      '2026-08-29',
      '2026-08-30',
      '2026-08-31',
      '2026-09-01',
      '2026-09-02',
    ]);
    expect(daysOff.every((off) => off.reason.length > 0)).toBe(true);
  });
});

describe('working-day arithmetic', () => {
  it('counts the n-th working day strictly after a date, skipping Tết 2026', () => {
    expect(shipped.addWorkingDays(day('2026-02-12'), 1)).toBe('2026-02-13');
    expect(shipped.addWorkingDays(day('2026-02-12'), 2)).toBe('2026-02-23');
  });

  it('counts backwards for negative n', () => {
    expect(shipped.addWorkingDays(day('2026-02-23'), -1)).toBe('2026-02-13');
    expect(shipped.addWorkingDays(day('2026-01-12'), -1)).toBe('2026-01-10');
  });

  it('returns the date itself for n = 0, even on a day off', () => {
    expect(shipped.addWorkingDays(day('2026-02-17'), 0)).toBe('2026-02-17');
  });

  it('counts a swapped Saturday as a working day', () => {
    expect(shipped.addWorkingDays(day('2024-05-03'), 1)).toBe('2024-05-04');
    expect(defaultsOnly.addWorkingDays(day('2024-05-03'), 1)).toBe('2024-05-06');
  });

  it('finds the next working day on or after, and the last on or before / strictly before', () => {
    expect(shipped.nextWorkingDayOnOrAfter(day('2026-02-14'))).toBe('2026-02-23');
    expect(shipped.nextWorkingDayOnOrAfter(day('2026-02-23'))).toBe('2026-02-23');
    expect(shipped.lastWorkingDayOnOrBefore(day('2026-02-22'))).toBe('2026-02-13');
    expect(shipped.lastWorkingDayOnOrBefore(day('2026-02-13'))).toBe('2026-02-13');
    expect(shipped.lastWorkingDayBefore(day('2026-02-13'))).toBe('2026-02-12');
  });

  it('rejects a fractional number of working days', () => {
    expect(() => shipped.addWorkingDays(day('2026-02-12'), 1.5)).toThrow(RangeError);
  });
});

describe('announcements override the defaults', () => {
  it('makes an announced working day win over a statutory holiday and drops it from daysOff', () => {
    const calendar = new WorkCalendar({
      daysOff: [],
      workingDays: [{ date: day('2024-02-12'), name: 'Làm việc theo thông báo' }],
    });
    expect(defaultsOnly.isWorkingDay(day('2024-02-12'))).toBe(false);
    expect(calendar.isWorkingDay(day('2024-02-12'))).toBe(true);
    expect(calendar.daysOff(2024).map((off) => off.date)).not.toContain('2024-02-12');
  });

  it('adds announced days off to the defaults', () => {
    const calendar = new WorkCalendar({
      daysOff: [{ date: day('2024-02-16'), name: 'Nghỉ Tết theo thông báo' }],
      workingDays: [],
    });
    expect(defaultsOnly.isWorkingDay(day('2024-02-16'))).toBe(true);
    expect(calendar.isWorkingDay(day('2024-02-16'))).toBe(false);
    expect(calendar.dayOffReason(day('2024-02-16'))).toBe('Nghỉ Tết theo thông báo');
  });

  it('without announcements follows the statutory defaults alone (2026-01-02 is then a working Friday)', () => {
    expect(defaultsOnly.isWorkingDay(day('2026-01-02'))).toBe(true);
    expect(defaultsOnly.isWorkingDay(day('2026-01-10'))).toBe(false);
  });
});
