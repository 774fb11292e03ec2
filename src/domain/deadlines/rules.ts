// Deadline rules as the plans word them, and how each turns into a due date on the work calendar.
//   "N ngày làm việc kể từ E"  → the N-th working day strictly after E (E itself never counts)
//   "N ngày kể từ E"           → E + N, moved forward to a working day
//   "N ngày làm việc trước D"  → the N-th working day strictly before D
//   "chậm nhất trước N ngày tính đến D" → D − N, moved back to a working day (never later)
//   "trước ngày X"             → target: the last working day strictly before day X;
//                                due: X − 1, moved forward to a working day (Civil Code Art. 148(5))
//   "chậm nhất ngày X" / "ngày X hằng tháng" → target: X or the last working day before it;
//                                due: X, moved forward to a working day
// Recurring rules name day X per period: a day of the month (monthly), of a month of the quarter
// (quarterly) or of the half-year (halfYearly), a date of the year (yearly), a weekday (weekly,
// weekly-rule.ts) or one of a list of dates, one per period (fixedDates, fixed-dates-rule.ts).
// Event rules land on working days already: their target and due date are the same day.
import { z } from 'zod';
import { addDays, localDate, type LocalDate } from '../local-date.ts';
import { deadlineAtAnchor, singleDate, type Deadline } from './deadline.ts';
import type { WorkCalendar } from '../calendar/work-calendar.ts';
import { nextPeriod, romanQuarter, type Period, type PeriodKind } from './periods.ts';
import { weeklyAnchor, weeklyRuleSchema, weekdayName } from './weekly-rule.ts';
import { halfYearlyAnchor, halfYearlyMonths, halfYearlyRuleSchema } from './half-yearly-rule.ts';
import {
  describeFixedDates,
  fixedDatesAnchor,
  fixedDatesPeriodKind,
  fixedDatesRuleSchema,
} from './fixed-dates-rule.ts';

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

const dueSchema = z.enum(['before', 'noLaterThan', 'on'], {
  error: 'due phải là before (trước ngày), noLaterThan (chậm nhất ngày) hoặc on (ngày … hằng tháng)',
});
// Day 29–31 does not exist in every month, so monthly and quarterly rules stop at 28.
const dayInEveryMonth = z
  .number()
  .int()
  .min(1, 'ngày phải từ 1 đến 28')
  .max(28, 'ngày phải từ 1 đến 28 (có trong mọi tháng)');
const dayCount = z.number().int().min(1, 'số ngày phải từ 1 trở lên').max(365, 'số ngày quá lớn');
const eventName = z.string().trim().min(1, 'event phải nêu mốc tính hạn, ví dụ "ngày tiếp nhận"');

const monthlyRuleSchema = z.strictObject({ kind: z.literal('monthly'), due: dueSchema, day: dayInEveryMonth });

const quarterlyRuleSchema = z.strictObject({
  kind: z.literal('quarterly'),
  due: dueSchema,
  day: dayInEveryMonth,
  /** "trước ngày N hằng quý" means the quarter's first month unless the plan says otherwise. */
  monthOfQuarter: z
    .number()
    .int()
    .min(1, 'monthOfQuarter phải là 1, 2 hoặc 3')
    .max(3, 'monthOfQuarter phải là 1, 2 hoặc 3')
    .default(1),
  /** Omitted: every quarter. */
  quarters: z
    .array(z.number().int().min(1, 'quý phải từ 1 đến 4').max(4, 'quý phải từ 1 đến 4'))
    .min(1, 'quarters không được rỗng')
    .refine((list) => new Set(list).size === list.length, 'quarters có quý bị lặp')
    .optional(),
});

const yearlyRuleSchema = z
  .strictObject({
    kind: z.literal('yearly'),
    due: dueSchema,
    month: z.number().int().min(1, 'tháng phải từ 1 đến 12').max(12, 'tháng phải từ 1 đến 12'),
    day: z.number().int().min(1, 'ngày phải từ 1 trở lên'),
  })
  .superRefine((rule, ctx) => {
    const days = DAYS_IN_MONTH[rule.month - 1];
    if (days !== undefined && rule.day > days) {
      ctx.addIssue({
        code: 'custom',
        path: ['day'],
        message: `tháng ${rule.month} không phải năm nào cũng có ngày ${rule.day}`,
      });
    }
  });

const workingDaysAfterSchema = z.strictObject({
  kind: z.literal('workingDaysAfter'),
  days: dayCount,
  event: eventName,
});
const calendarDaysAfterSchema = z.strictObject({
  kind: z.literal('calendarDaysAfter'),
  days: dayCount,
  event: eventName,
});
/** "chậm nhất trước N ngày tính đến ngày E" (a law's entry into force): E − N, or the working day before it. */
const calendarDaysBeforeSchema = z.strictObject({
  kind: z.literal('calendarDaysBefore'),
  days: dayCount,
  event: eventName,
});
const workingDaysBeforeSchema = z.strictObject({
  kind: z.literal('workingDaysBefore'),
  days: dayCount,
  event: eventName,
});

const weeklySchema = weeklyRuleSchema(dueSchema);
const halfYearlySchema = halfYearlyRuleSchema(dueSchema, dayInEveryMonth);
const fixedDatesSchema = fixedDatesRuleSchema(dueSchema);

export const deadlineRuleSchema = z.discriminatedUnion('kind', [
  monthlyRuleSchema,
  quarterlyRuleSchema,
  yearlyRuleSchema,
  weeklySchema,
  halfYearlySchema,
  fixedDatesSchema,
  workingDaysAfterSchema,
  calendarDaysAfterSchema,
  calendarDaysBeforeSchema,
  workingDaysBeforeSchema,
]);

export type DeadlineRule = z.infer<typeof deadlineRuleSchema>;
export type MonthlyRule = z.infer<typeof monthlyRuleSchema>;
export type QuarterlyRule = z.infer<typeof quarterlyRuleSchema>;
export type YearlyRule = z.infer<typeof yearlyRuleSchema>;
export type WeeklyRule = z.infer<typeof weeklySchema>;
export type HalfYearlyRule = z.infer<typeof halfYearlySchema>;
export type FixedDatesRule = z.infer<typeof fixedDatesSchema>;
export type RecurringRule = MonthlyRule | QuarterlyRule | YearlyRule | WeeklyRule | HalfYearlyRule | FixedDatesRule;
export type EventRule = Exclude<DeadlineRule, RecurringRule>;
export type DueMode = z.infer<typeof dueSchema>;

const PERIOD_KINDS: Record<Exclude<RecurringRule['kind'], 'fixedDates'>, PeriodKind> = {
  monthly: 'month',
  quarterly: 'quarter',
  yearly: 'year',
  weekly: 'week',
  halfYearly: 'half',
};

export function isRecurringRule(rule: DeadlineRule): rule is RecurringRule {
  return rule.kind in PERIOD_KINDS || rule.kind === 'fixedDates';
}

export function periodKindOf(rule: RecurringRule): PeriodKind {
  return rule.kind === 'fixedDates' ? fixedDatesPeriodKind(rule) : PERIOD_KINDS[rule.kind];
}

/** False for a period of the wrong kind, or a quarter the rule skips (e.g. Q4 when only Q1–Q3 report). */
export function ruleAppliesToPeriod(rule: RecurringRule, period: Period): boolean {
  if (period.kind !== periodKindOf(rule)) return false;
  if (rule.kind === 'quarterly' && period.kind === 'quarter')
    return !rule.quarters || rule.quarters.includes(period.quarter);
  return true;
}

/** The first period after `period` that the rule applies to. */
export function nextApplicablePeriod(rule: RecurringRule, period: Period): Period {
  if (period.kind !== periodKindOf(rule))
    throw new RangeError(`period ${period.key} does not fit rule kind ${rule.kind}`);
  let next = nextPeriod(period);
  while (!ruleAppliesToPeriod(rule, next)) next = nextPeriod(next);
  return next;
}

/** The dates of a recurring rule for one period; throws when the rule does not apply to it. */
export function deadlineForPeriod(rule: RecurringRule, period: Period, calendar: WorkCalendar): Deadline {
  if (!ruleAppliesToPeriod(rule, period)) {
    throw new RangeError(`rule "${describeRule(rule)}" does not apply to period ${period.key}`);
  }
  return deadlineAtAnchor(rule.due === 'before' ? 'before' : 'noLaterThan', anchorOf(rule, period), calendar);
}

/** Day X of the rule in one period. */
function anchorOf(rule: RecurringRule, period: Period): LocalDate {
  switch (rule.kind) {
    case 'weekly':
      return weeklyAnchor(rule, period);
    case 'halfYearly':
      return halfYearlyAnchor(rule, period);
    case 'fixedDates':
      return fixedDatesAnchor(rule, period);
    default:
      return localDate(period.year, dueMonth(rule, period), rule.day);
  }
}

function dueMonth(rule: MonthlyRule | QuarterlyRule | YearlyRule, period: Period): number {
  if (rule.kind === 'yearly') return rule.month;
  if (rule.kind === 'quarterly' && period.kind === 'quarter') return (period.quarter - 1) * 3 + rule.monthOfQuarter;
  if (period.kind === 'month') return period.month;
  throw new RangeError(`period ${period.key} does not fit rule kind ${rule.kind}`);
}

/** The dates of an event rule, counted from the event's date (receipt, decision, dossier due date). */
export function deadlineFromEvent(rule: EventRule, eventDate: LocalDate, calendar: WorkCalendar): Deadline {
  return singleDate(eventDueDate(rule, eventDate, calendar));
}

function eventDueDate(rule: EventRule, eventDate: LocalDate, calendar: WorkCalendar): LocalDate {
  switch (rule.kind) {
    case 'workingDaysAfter':
      return calendar.addWorkingDays(eventDate, rule.days);
    case 'calendarDaysAfter':
      return calendar.nextWorkingDayOnOrAfter(addDays(eventDate, rule.days));
    case 'calendarDaysBefore':
      return calendar.lastWorkingDayOnOrBefore(addDays(eventDate, -rule.days));
    case 'workingDaysBefore':
      return calendar.addWorkingDays(eventDate, -rule.days);
  }
}

const DUE_WORDS: Record<DueMode, string> = { before: 'trước ngày', noLaterThan: 'chậm nhất ngày', on: 'ngày' };
const WEEKDAY_DUE_WORDS: Record<DueMode, string> = { before: 'trước ', noLaterThan: 'chậm nhất ', on: '' };
const MONTH_OF_QUARTER_WORDS = ['tháng đầu', 'tháng giữa', 'tháng cuối'] as const;

/** The rule in the plans' own words, e.g. "trước ngày 20 hằng tháng". */
export function describeRule(rule: DeadlineRule): string {
  switch (rule.kind) {
    case 'monthly':
      return `${DUE_WORDS[rule.due]} ${rule.day} hằng tháng`;
    case 'quarterly': {
      const month = MONTH_OF_QUARTER_WORDS[rule.monthOfQuarter - 1];
      const quarters =
        rule.quarters && rule.quarters.length < 4
          ? `quý ${[...rule.quarters].sort().map(romanQuarter).join(', ')}`
          : 'mỗi quý';
      return `${DUE_WORDS[rule.due]} ${rule.day} của ${month} ${quarters}`;
    }
    case 'yearly':
      return `${DUE_WORDS[rule.due]} ${rule.day}/${rule.month} hằng năm`;
    case 'weekly':
      return `${WEEKDAY_DUE_WORDS[rule.due]}${weekdayName(rule.weekday)} hằng tuần`;
    case 'halfYearly': {
      const [first, second] = halfYearlyMonths(rule);
      return `${DUE_WORDS[rule.due]} ${rule.day}/${first} và ${rule.day}/${second} hằng năm (6 tháng một lần)`;
    }
    case 'fixedDates':
      return `${DUE_WORDS[rule.due]} ${describeFixedDates(rule)} hằng năm`;
    case 'workingDaysAfter':
      return `${rule.days} ngày làm việc kể từ ${rule.event}`;
    case 'calendarDaysAfter':
      return `${rule.days} ngày kể từ ${rule.event}`;
    case 'calendarDaysBefore':
      return `chậm nhất trước ${rule.days} ngày tính đến ${rule.event}`;
    case 'workingDaysBefore':
      return `${rule.days} ngày làm việc trước ${rule.event}`;
  }
}

const LEGAL_END = 'nếu là ngày nghỉ thì hết ngày làm việc tiếp theo (Điều 148 khoản 5 Bộ luật Dân sự 2015)';

/** How each of a rule's two dates is read, in words (`deadline --json`). */
export function describeDeadlineReading(rule: DeadlineRule): { target: string; due: string } {
  if (!isRecurringRule(rule)) {
    const same = `${describeRule(rule)} (đã tính theo ngày làm việc: hạn khuyến nghị và hạn chót trùng nhau)`;
    return { target: same, due: same };
  }
  const day = anchorWords(rule);
  if (rule.due === 'before')
    return {
      target: `ngày làm việc cuối cùng trước ${day}`,
      due: `hết ngày liền trước ${day}; ${LEGAL_END}`,
    };
  // A list of dates is named once; "ngày đó" then points back to it.
  const again = rule.kind === 'fixedDates' && rule.dates.length > 1 ? 'ngày đó' : day;
  return {
    target: `${day}, hoặc ngày làm việc gần nhất trước đó nếu ${again} là ngày nghỉ`,
    due: `hết ${day}; ${LEGAL_END}`,
  };
}

/** Day X of a recurring rule as the reading names it: "ngày 20", "thứ Sáu", "ngày 22/3 (22/6, …) của kỳ". */
function anchorWords(rule: RecurringRule): string {
  if (rule.kind === 'weekly') return weekdayName(rule.weekday);
  if (rule.kind === 'fixedDates' && rule.dates.length > 1) return `ngày của kỳ (${describeFixedDates(rule)})`;
  if (rule.kind === 'fixedDates') return `ngày ${describeFixedDates(rule)}`;
  return `ngày ${rule.day}`;
}
