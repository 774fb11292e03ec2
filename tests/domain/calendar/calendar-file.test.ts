import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CalendarFileError,
  loadCalendarFile,
  parseCalendarYaml,
  SHIPPED_CALENDAR_FILE,
} from '../../../src/domain/calendar/announcements.ts';
import { WorkCalendar } from '../../../src/domain/calendar/work-calendar.ts';
import { day, thrownBy, writeTempFile } from '../helpers.ts';

const shippedText = readFileSync(SHIPPED_CALENDAR_FILE, 'utf8');
const shipped = new WorkCalendar(loadCalendarFile(SHIPPED_CALENDAR_FILE));

function refusal(text: string): CalendarFileError {
  const path = writeTempFile('calendar.yaml', text);
  const error = thrownBy(() => loadCalendarFile(path));
  expect(error).toBeInstanceOf(CalendarFileError);
  expect(error.message).toContain(path);
  return error as CalendarFileError;
}

describe('statutory holidays are data in calendar.yaml', () => {
  it('makes a new holiday (24/11, if the Labour Code adds it) a one-line change of the file', () => {
    expect(shipped.isWorkingDay(day('2026-11-24'))).toBe(true);
    const amended = shippedText.replace(
      'holidays:\n',
      'holidays:\n  - { name: "Ngày Văn hóa Việt Nam (24/11)", solar: 11-24 }\n',
    );
    const calendar = new WorkCalendar(loadCalendarFile(writeTempFile('calendar.yaml', amended)));
    expect(calendar.isWorkingDay(day('2026-11-24'))).toBe(false);
    expect(calendar.dayOffReason(day('2026-11-24'))).toBe('Ngày Văn hóa Việt Nam (24/11)');
    // 24/11/2029 is a Saturday: nghỉ bù on Monday 26/11.
    expect(calendar.isWorkingDay(day('2029-11-26'))).toBe(false);
    expect(calendar.dayOffReason(day('2029-11-26'))).toMatch(/^Nghỉ bù cho Ngày Văn hóa Việt Nam/);
    expect(calendar.isWorkingDay(day('2029-11-27'))).toBe(true);
  });

  it('takes a lunar holiday from its lunar date each year', () => {
    const calendar = new WorkCalendar(
      parseCalendarYaml('holidays:\n  - { name: "Rằm tháng Giêng", lunar: 01-15 }\n', 'lunar.yaml'),
    );
    expect(calendar.isWorkingDay(day('2026-03-03'))).toBe(false);
    expect(calendar.isWorkingDay(day('2026-02-17'))).toBe(true);
  });

  it('uses the shipped holidays when a calendar file has no holidays section', () => {
    const calendar = new WorkCalendar(parseCalendarYaml('daysOff: []\n', 'no-holidays.yaml'));
    expect(calendar.dayOffReason(day('2026-09-02'))).toBe('Quốc khánh (2/9)');
  });
});

describe('announced and provisional years', () => {
  it('marks 2024–2026 as announced and 2027 as provisional in the shipped file', () => {
    expect([2024, 2025, 2026].map((year) => shipped.isProvisional(year))).toEqual([false, false, false]);
    expect(shipped.isProvisional(2027)).toBe(true);
    expect(shipped.announcement(2025)?.source).toContain('2025');
  });

  it('lists the provisional years a date range touches', () => {
    expect(shipped.provisionalYears(day('2026-12-01'), day('2027-03-31'))).toEqual([2027]);
    expect(shipped.provisionalYears(day('2026-01-01'), day('2026-12-31'))).toEqual([]);
    expect(new WorkCalendar().provisionalYears(day('2025-06-01'), day('2026-01-01'))).toEqual([2025, 2026]);
  });
});

describe('refuses a contradictory calendar file with the line and the reason', () => {
  it('the same day in daysOff and workingDays', () => {
    const error = refusal(
      [
        'daysOff:',
        '  - { from: 2027-02-04, to: 2027-02-10, name: "Nghỉ Tết Nguyên đán Đinh Mùi 2027" }',
        'workingDays:',
        '  - { date: 2027-02-13, name: "Làm bù" }',
        '  - { date: 2027-02-08, name: "Làm bù nhầm" }',
      ].join('\n'),
    );
    expect(error.line).toBe(5);
    expect(error.reason).toBe(
      'workingDays[1]: ngày 08/02/2027 vừa là ngày làm việc vừa là ngày nghỉ (daysOff, dòng 2)',
    );
  });

  it('a year with two Tết ranges', () => {
    const error = refusal(
      [
        'daysOff:',
        '  - { from: 2027-02-04, to: 2027-02-10, name: "Nghỉ Tết Nguyên đán 2027" }',
        '  - { from: 2027-01-01, to: 2027-01-03, name: "Nghỉ Tết Dương lịch 2027" }',
        '  - { from: 2027-02-15, to: 2027-02-19, name: "Nghỉ Tết Âm lịch 2027" }',
      ].join('\n'),
    );
    expect(error.line).toBe(4);
    expect(error.reason).toBe('daysOff[2]: năm 2027 có hai kỳ nghỉ Tết Nguyên đán (kỳ kia ở dòng 2)');
  });

  it('overlapping days off', () => {
    const error = refusal(
      'daysOff:\n  - { from: 2027-04-29, to: 2027-05-03, name: "Lễ" }\n  - { date: 2027-05-03, name: "Nghỉ bù" }\n',
    );
    expect(error.line).toBe(3);
    expect(error.reason).toContain('đã là ngày nghỉ ở dòng 2');
  });

  it('a year announced twice', () => {
    const error = refusal('announced:\n  - { year: 2027, source: "TB 1" }\n  - { year: 2027, source: "TB 2" }\n');
    expect(error.line).toBe(3);
    expect(error.reason).toBe('announced[1]: năm 2027 đã khai báo ở dòng 2');
  });

  it('a range ending before it starts', () => {
    const error = refusal('daysOff:\n  - { from: 2027-05-03, to: 2027-04-29, name: "Lễ" }\n');
    expect(error.line).toBe(2);
    expect(error.reason).toContain('trước ngày bắt đầu');
  });

  it('a holiday with both a solar and a lunar date, or neither', () => {
    const both = refusal(
      'holidays:\n  - { name: "Tết", solar: 01-01 }\n  - { name: "X", solar: 01-02, lunar: 01-02 }\n',
    );
    expect(both.line).toBe(3);
    expect(both.reason).toContain('solar');
  });

  it('a holiday date that does not exist', () => {
    const error = refusal('holidays:\n  - { name: "X", solar: 13-01 }\n');
    expect(error.line).toBe(2);
    expect(error.reason).toContain('13-01');
  });

  it('two holidays marked as Tết', () => {
    const error = refusal(
      'holidays:\n  - { name: "Tết", lunar: 01-01, tet: true }\n  - { name: "Tết 2", lunar: 01-02, tet: true }\n',
    );
    expect(error.line).toBe(3);
  });

  it('the shipped file has no contradiction', () => {
    expect(() => loadCalendarFile(SHIPPED_CALENDAR_FILE)).not.toThrow();
  });
});
