// The rule kinds the seed plans need beyond monthly/quarterly/yearly: weekly, twice a year, fixed
// dates of the year as one rule, "trước ngày N hằng quý" (first month unless told), and
// "chậm nhất trước N ngày tính đến ngày E". Each gives a target and a legal due date.
import { describe, expect, it } from 'vitest';
import { loadCalendarFile, SHIPPED_CALENDAR_FILE } from '../../../src/domain/calendar/announcements.ts';
import { WorkCalendar } from '../../../src/domain/calendar/work-calendar.ts';
import { parsePeriod } from '../../../src/domain/deadlines/periods.ts';
import {
  deadlineForPeriod,
  deadlineFromEvent,
  deadlineRuleSchema,
  describeDeadlineReading,
  describeRule,
  nextApplicablePeriod,
  periodKindOf,
  type EventRule,
  type RecurringRule,
} from '../../../src/domain/deadlines/rules.ts';
import { day } from '../helpers.ts';

const calendar = new WorkCalendar(loadCalendarFile(SHIPPED_CALENDAR_FILE));
const recurring = (input: unknown) => deadlineRuleSchema.parse(input) as RecurringRule;
const dates = (input: unknown, key: string) => {
  const { targetDate, dueDate } = deadlineForPeriod(recurring(input), parsePeriod(key)!, calendar);
  return [targetDate, dueDate];
};

describe('weekly rules (a weekday of each Monday–Sunday week)', () => {
  const friday = { kind: 'weekly', due: 'noLaterThan', weekday: 6 };

  it('lands on the weekday when it is a working day (week 10 of 2026: 02/03–08/03)', () => {
    expect(dates(friday, '2026-W10')).toEqual(['2026-03-06', '2026-03-06']);
  });

  it('aims at the working day before a Friday off and is legally due the next working day', () => {
    // ISO week 1 of 2026 runs 29/12/2025–04/01/2026; Friday 02/01 is in the New Year break.
    expect(dates(friday, '2026-W01')).toEqual(['2025-12-31', '2026-01-05']);
  });

  it('"trước thứ Sáu" ends on Thursday; "Chủ nhật" (8) is aimed at the Friday before', () => {
    expect(dates({ kind: 'weekly', due: 'before', weekday: 6 }, '2026-W10')).toEqual(['2026-03-05', '2026-03-05']);
    expect(dates({ kind: 'weekly', due: 'on', weekday: 8 }, '2026-W10')).toEqual(['2026-03-06', '2026-03-09']);
  });

  it('reads in Vietnamese', () => {
    expect(describeRule(recurring(friday))).toBe('chậm nhất thứ Sáu hằng tuần');
    expect(describeRule(recurring({ kind: 'weekly', due: 'on', weekday: 2 }))).toBe('thứ Hai hằng tuần');
    expect(describeDeadlineReading(recurring({ kind: 'weekly', due: 'before', weekday: 6 })).target).toBe(
      'ngày làm việc cuối cùng trước thứ Sáu',
    );
  });
});

describe('twice a year (halfYearly)', () => {
  const june = { kind: 'halfYearly', due: 'before', day: 15, monthOfHalf: 6 };

  it('uses the chosen month of each half: 15/6 and 15/12', () => {
    // 14/06/2026 is a Sunday; 14/12/2026 a Monday.
    expect(dates(june, '2026-H1')).toEqual(['2026-06-12', '2026-06-15']);
    expect(dates(june, '2026-H2')).toEqual(['2026-12-14', '2026-12-14']);
    expect(nextApplicablePeriod(recurring(june), parsePeriod('2026-H2')!).key).toBe('2027-H1');
  });

  it('reads in Vietnamese', () => {
    expect(describeRule(recurring(june))).toBe('trước ngày 15/6 và 15/12 hằng năm (6 tháng một lần)');
  });
});

describe('fixed dates of the year as one rule (fixedDates)', () => {
  const giaLai = { kind: 'fixedDates', due: 'noLaterThan', dates: ['22/03', '22/06', '22/09', '22/12'] };

  it('four dates make a quarterly rule, each quarter dated by its own day', () => {
    expect(periodKindOf(recurring(giaLai))).toBe('quarter');
    // 22/03/2026 is a Sunday.
    expect(dates(giaLai, '2026-Q1')).toEqual(['2026-03-20', '2026-03-23']);
    expect(dates(giaLai, '2026-Q2')).toEqual(['2026-06-22', '2026-06-22']);
    expect(dates(giaLai, '2027-Q4')).toEqual(['2027-12-22', '2027-12-22']);
  });

  it('two dates make a half-yearly rule, one a yearly rule', () => {
    const twice = { kind: 'fixedDates', due: 'noLaterThan', dates: ['31/12', '30/06'] };
    expect(periodKindOf(recurring(twice))).toBe('half');
    // 30/06/2027 is a Wednesday; 31/12/2027 a Friday.
    expect(dates(twice, '2027-H1')).toEqual(['2027-06-30', '2027-06-30']);
    expect(dates(twice, '2027-H2')).toEqual(['2027-12-31', '2027-12-31']);
    expect(periodKindOf(recurring({ kind: 'fixedDates', due: 'before', dates: ['14/12'] }))).toBe('year');
  });

  it('reads in Vietnamese, in calendar order', () => {
    expect(describeRule(recurring({ ...giaLai, dates: ['22/12', '22/03', '22/09', '22/06'] }))).toBe(
      'chậm nhất ngày 22/3, 22/6, 22/9, 22/12 hằng năm',
    );
    expect(describeDeadlineReading(recurring(giaLai))).toEqual({
      target: 'ngày của kỳ (22/3, 22/6, 22/9, 22/12), hoặc ngày làm việc gần nhất trước đó nếu ngày đó là ngày nghỉ',
      due: 'hết ngày của kỳ (22/3, 22/6, 22/9, 22/12); nếu là ngày nghỉ thì hết ngày làm việc tiếp theo (Điều 148 khoản 5 Bộ luật Dân sự 2015)',
    });
    expect(describeDeadlineReading(recurring({ kind: 'halfYearly', due: 'before', day: 15, monthOfHalf: 6 }))).toEqual({
      target: 'ngày làm việc cuối cùng trước ngày 15',
      due: 'hết ngày liền trước ngày 15; nếu là ngày nghỉ thì hết ngày làm việc tiếp theo (Điều 148 khoản 5 Bộ luật Dân sự 2015)',
    });
  });

  it.each<[unknown, string]>([
    [{ kind: 'fixedDates', due: 'before', dates: ['22/03', '22/04'] }, 'two dates in one half-year'],
    [{ kind: 'fixedDates', due: 'before', dates: ['22/03', '22/06', '22/09'] }, 'three dates: no period fits'],
    [{ kind: 'fixedDates', due: 'before', dates: ['30/02', '31/08'] }, 'a day February lacks'],
    [{ kind: 'fixedDates', due: 'before', dates: ['29/02'] }, '29 February'],
    [{ kind: 'fixedDates', due: 'before', dates: ['2026-03-22'] }, 'a date with a year'],
    [{ kind: 'fixedDates', due: 'before', dates: [] }, 'no dates'],
    [{ kind: 'weekly', due: 'before', weekday: 1 }, 'weekday 1 (Vietnamese weekdays start at thứ Hai = 2)'],
    [{ kind: 'halfYearly', due: 'before', day: 15, monthOfHalf: 7 }, 'a seventh month of a half-year'],
  ])('refuses %j (%s)', (input) => {
    expect(deadlineRuleSchema.safeParse(input).success).toBe(false);
  });
});

describe('"trước ngày N hằng quý" and "ngày N của tháng cuối quý"', () => {
  it('means the first month of the quarter unless the rule names another', () => {
    const rule = recurring({ kind: 'quarterly', due: 'before', day: 10 });
    expect(rule).toMatchObject({ monthOfQuarter: 1 });
    expect(dates(rule, '2026-Q1')).toEqual(['2026-01-09', '2026-01-09']);
    // 09/01/2027 is a Saturday.
    expect(dates(rule, '2027-Q1')).toEqual(['2027-01-08', '2027-01-11']);
  });

  it('"chậm nhất là ngày 19 của tháng cuối quý" (An Giang): 19/9/2026 is a Saturday', () => {
    const rule = { kind: 'quarterly', due: 'noLaterThan', day: 19, monthOfQuarter: 3 };
    expect(dates(rule, '2026-Q3')).toEqual(['2026-09-18', '2026-09-21']);
    expect(dates(rule, '2026-Q1')).toEqual(['2026-03-19', '2026-03-19']);
  });
});

describe('"chậm nhất trước N ngày tính đến ngày E" (calendarDaysBefore)', () => {
  const fiveBefore = deadlineRuleSchema.parse({
    kind: 'calendarDaysBefore',
    days: 5,
    event: 'ngày văn bản QPPL có hiệu lực',
  }) as EventRule;

  it('is E − 5, or the working day before it, never later', () => {
    // 15/03/2026 is a Sunday: 10/03 is a Tuesday.
    expect(deadlineFromEvent(fiveBefore, day('2026-03-15'), calendar)).toEqual({
      targetDate: '2026-03-10',
      dueDate: '2026-03-10',
    });
    // 20/02/2026 − 5 = 15/02, inside the Tết break (14/02–22/02): back to Friday 13/02.
    expect(deadlineFromEvent(fiveBefore, day('2026-02-20'), calendar).dueDate).toBe('2026-02-13');
  });

  it('reads in Vietnamese', () => {
    expect(describeRule(fiveBefore)).toBe('chậm nhất trước 5 ngày tính đến ngày văn bản QPPL có hiệu lực');
  });
});
