import { describe, expect, it } from 'vitest';
import { loadCalendarFile, SHIPPED_CALENDAR_FILE } from '../../../src/domain/calendar/announcements.ts';
import { WorkCalendar } from '../../../src/domain/calendar/work-calendar.ts';
import { parsePeriod } from '../../../src/domain/deadlines/periods.ts';
import {
  deadlineRuleSchema,
  describeRule,
  deadlineForPeriod,
  deadlineFromEvent,
  nextApplicablePeriod,
  ruleAppliesToPeriod,
  type DeadlineRule,
  type EventRule,
  type RecurringRule,
} from '../../../src/domain/deadlines/rules.ts';
import { day } from '../helpers.ts';

const calendar = new WorkCalendar(loadCalendarFile(SHIPPED_CALENDAR_FILE));
const period = (key: string) => parsePeriod(key)!;
const rule = <R extends DeadlineRule>(input: R): R => deadlineRuleSchema.parse(input) as R;

describe('day-of-month deadlines', () => {
  // 2026-01-05 is a Monday after the 1/1–4/1 New Year break.
  it('"trước ngày X" is the last working day strictly before day X', () => {
    const before = rule<RecurringRule>({ kind: 'monthly', due: 'before', day: 5 });
    expect(deadlineForPeriod(before, period('2026-01'), calendar).targetDate).toBe('2025-12-31');
    expect(deadlineForPeriod(before, period('2026-03'), calendar).targetDate).toBe('2026-03-04');
  });

  it('"chậm nhất ngày X" and "ngày X hằng tháng" are day X when it is a working day', () => {
    for (const due of ['noLaterThan', 'on'] as const) {
      const onDay = rule<RecurringRule>({ kind: 'monthly', due, day: 5 });
      expect(deadlineForPeriod(onDay, period('2026-01'), calendar).targetDate).toBe('2026-01-05');
      // 2026-04-05 is a Sunday.
      expect(deadlineForPeriod(onDay, period('2026-04'), calendar).targetDate).toBe('2026-04-03');
    }
  });

  it('picks the month of the quarter and skips quarters the rule leaves out', () => {
    const quarterly = rule<RecurringRule>({
      kind: 'quarterly',
      due: 'noLaterThan',
      day: 19,
      monthOfQuarter: 3,
      quarters: [1, 2, 3],
    });
    expect(deadlineForPeriod(quarterly, period('2025-Q2'), calendar).targetDate).toBe('2025-06-19');
    expect(ruleAppliesToPeriod(quarterly, period('2025-Q4'))).toBe(false);
    expect(() => deadlineForPeriod(quarterly, period('2025-Q4'), calendar).targetDate).toThrow(RangeError);
    expect(nextApplicablePeriod(quarterly, period('2025-Q3')).key).toBe('2026-Q1');
  });

  it('uses the first month of the quarter when asked (1/10/2025 is a Wednesday)', () => {
    const firstMonth = rule<RecurringRule>({ kind: 'quarterly', due: 'before', day: 10, monthOfQuarter: 1 });
    expect(deadlineForPeriod(firstMonth, period('2025-Q4'), calendar).targetDate).toBe('2025-10-09');
  });

  it('refuses a period of the wrong kind', () => {
    const monthly = rule<RecurringRule>({ kind: 'monthly', due: 'before', day: 20 });
    expect(() => deadlineForPeriod(monthly, period('2025-Q1'), calendar).targetDate).toThrow(RangeError);
    expect(() => nextApplicablePeriod(monthly, period('2025-Q1'))).toThrow(RangeError);
  });
});

describe('event deadlines', () => {
  it('"N ngày làm việc kể từ E" never counts E itself, even when E is a working day', () => {
    const oneDay = rule<EventRule>({ kind: 'workingDaysAfter', days: 1, event: 'ngày tiếp nhận' });
    expect(deadlineFromEvent(oneDay, day('2025-03-03'), calendar).dueDate).toBe('2025-03-04');
  });

  it('"N ngày kể từ E" lands on E + N, moved to the next working day when that is a day off', () => {
    const tenDays = rule<EventRule>({ kind: 'calendarDaysAfter', days: 10, event: 'ngày tiếp nhận' });
    expect(deadlineFromEvent(tenDays, day('2025-03-03'), calendar).dueDate).toBe('2025-03-13');
    // 2026-02-15 is inside the Tết 2026 break (14/2–22/2).
    expect(deadlineFromEvent(tenDays, day('2026-02-05'), calendar).dueDate).toBe('2026-02-23');
  });

  it('"N ngày làm việc trước D" counts back over days off', () => {
    const twoBefore = rule<EventRule>({ kind: 'workingDaysBefore', days: 2, event: 'ngày hẹn trả kết quả' });
    expect(deadlineFromEvent(twoBefore, day('2026-02-24'), calendar).dueDate).toBe('2026-02-13');
  });
});

describe('rule descriptions in Vietnamese', () => {
  it.each<[unknown, string]>([
    [{ kind: 'monthly', due: 'before', day: 20 }, 'trước ngày 20 hằng tháng'],
    [{ kind: 'monthly', due: 'noLaterThan', day: 5 }, 'chậm nhất ngày 5 hằng tháng'],
    [{ kind: 'monthly', due: 'on', day: 5 }, 'ngày 5 hằng tháng'],
    [
      { kind: 'quarterly', due: 'before', day: 14, monthOfQuarter: 3, quarters: [3, 1, 2] },
      'trước ngày 14 của tháng cuối quý I, II, III',
    ],
    [{ kind: 'quarterly', due: 'noLaterThan', day: 10, monthOfQuarter: 1 }, 'chậm nhất ngày 10 của tháng đầu mỗi quý'],
    [{ kind: 'yearly', due: 'before', month: 12, day: 14 }, 'trước ngày 14/12 hằng năm'],
    [{ kind: 'workingDaysAfter', days: 10, event: 'ngày tiếp nhận' }, '10 ngày làm việc kể từ ngày tiếp nhận'],
    [{ kind: 'calendarDaysAfter', days: 3, event: 'ngày ký' }, '3 ngày kể từ ngày ký'],
    [
      { kind: 'workingDaysBefore', days: 1, event: 'ngày hẹn trả kết quả hồ sơ' },
      '1 ngày làm việc trước ngày hẹn trả kết quả hồ sơ',
    ],
  ])('describes %j as "%s"', (input, words) => {
    expect(describeRule(deadlineRuleSchema.parse(input))).toBe(words);
  });
});

describe('rule validation', () => {
  it.each<[unknown, string]>([
    [{ kind: 'monthly', due: 'before', day: 30 }, 'a monthly day that February lacks'],
    [{ kind: 'monthly', due: 'by', day: 5 }, 'an unknown due mode'],
    [{ kind: 'yearly', due: 'before', month: 2, day: 29 }, '29 February, missing in most years'],
    [{ kind: 'quarterly', due: 'before', day: 14, monthOfQuarter: 4 }, 'a fourth month of a quarter'],
    [{ kind: 'quarterly', due: 'before', day: 14, monthOfQuarter: 3, quarters: [1, 1] }, 'a repeated quarter'],
    [{ kind: 'workingDaysAfter', days: 0, event: 'ngày tiếp nhận' }, 'zero days'],
    [{ kind: 'workingDaysAfter', days: 10 }, 'a missing event'],
    [{ kind: 'fortnightly', day: 1 }, 'an unknown kind'],
    [{ kind: 'monthly', due: 'before', day: 20, extra: true }, 'an unknown key'],
  ])('refuses %j (%s)', (input) => {
    expect(deadlineRuleSchema.safeParse(input).success).toBe(false);
  });
});
