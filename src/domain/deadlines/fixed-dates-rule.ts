// Fixed dates of every year as one rule: "chậm nhất ngày 22/3, 22/6, 22/9, 22/12". The number of
// dates says the period (2 → half-year, 4 → quarter, 12 → month, 1 → year) and each period must hold
// exactly one of them, so a task per period is dated by the one date that falls in it.
import { z } from 'zod';
import { localDate, type LocalDate } from '../local-date.ts';
import type { Period, PeriodKind } from './periods.ts';

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;
const PERIOD_BY_COUNT: Record<number, PeriodKind> = { 1: 'year', 2: 'half', 4: 'quarter', 12: 'month' };
const DAY_MONTH = /^(\d{1,2})\/(\d{1,2})$/;

export interface DayOfYear {
  month: number;
  day: number;
}

const dayOfYear = z.string({ error: 'mỗi ngày viết dạng "dd/MM", ví dụ "22/03"' }).transform((text, ctx) => {
  const match = DAY_MONTH.exec(text.trim());
  const [day, month] = match ? [Number(match[1]), Number(match[2])] : [0, 0];
  const days = DAYS_IN_MONTH[month - 1];
  if (!match || days === undefined || day < 1 || day > days) {
    ctx.addIssue({ code: 'custom', message: `"${text}" không phải ngày dd/MM có trong mọi năm` });
    return z.NEVER;
  }
  return { month, day };
});

export function fixedDatesRuleSchema<Due extends z.ZodType>(due: Due) {
  return z
    .strictObject({ kind: z.literal('fixedDates'), due, dates: z.array(dayOfYear).min(1, 'dates không được rỗng') })
    .superRefine((rule, ctx) => {
      const kind = PERIOD_BY_COUNT[rule.dates.length];
      const slots = kind ? rule.dates.map((date) => slotOf(kind, date)) : [];
      if (!kind || new Set(slots).size !== slots.length)
        ctx.addIssue({
          code: 'custom',
          path: ['dates'],
          message:
            'mỗi kỳ đúng một ngày: 1 ngày (năm), 2 ngày (mỗi nửa năm), 4 ngày (mỗi quý) hoặc 12 ngày (mỗi tháng)',
        });
    });
}

function slotOf(kind: PeriodKind, date: DayOfYear): number {
  if (kind === 'half') return Math.ceil(date.month / 6);
  if (kind === 'quarter') return Math.ceil(date.month / 3);
  if (kind === 'month') return date.month;
  return 1;
}

export function fixedDatesPeriodKind(rule: { dates: readonly DayOfYear[] }): PeriodKind {
  const kind = PERIOD_BY_COUNT[rule.dates.length];
  if (!kind) throw new RangeError(`a fixed-dates rule cannot have ${rule.dates.length} dates`);
  return kind;
}

function slotOfPeriod(period: Period): number {
  if (period.kind === 'half') return period.half;
  if (period.kind === 'quarter') return period.quarter;
  if (period.kind === 'month') return period.month;
  return 1;
}

export function fixedDatesAnchor(rule: { dates: readonly DayOfYear[] }, period: Period): LocalDate {
  const kind = fixedDatesPeriodKind(rule);
  const date = rule.dates.find((candidate) => slotOf(kind, candidate) === slotOfPeriod(period));
  if (period.kind !== kind || !date) throw new RangeError(`no fixed date in period ${period.key}`);
  return localDate(period.year, date.month, date.day);
}

/** "22/3, 22/6, 22/9, 22/12" in calendar order. */
export function describeFixedDates(rule: { dates: readonly DayOfYear[] }): string {
  return [...rule.dates]
    .sort((a, b) => a.month - b.month || a.day - b.day)
    .map((date) => `${date.day}/${date.month}`)
    .join(', ');
}
