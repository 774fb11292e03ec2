// "… 6 tháng một lần" (twice a year): like a quarterly rule, a day of a chosen month of each half-year.
import { z } from 'zod';
import { localDate, type LocalDate } from '../local-date.ts';
import type { Period } from './periods.ts';

export function halfYearlyRuleSchema<Due extends z.ZodType, Day extends z.ZodType>(due: Due, day: Day) {
  return z.strictObject({
    kind: z.literal('halfYearly'),
    due,
    day,
    /** 1–6: the month of each half-year the day falls in (6 = June and December). */
    monthOfHalf: z.number().int().min(1, 'monthOfHalf phải từ 1 đến 6').max(6, 'monthOfHalf phải từ 1 đến 6'),
  });
}

export function halfYearlyMonths(rule: { monthOfHalf: number }): [number, number] {
  return [rule.monthOfHalf, rule.monthOfHalf + 6];
}

export function halfYearlyAnchor(rule: { monthOfHalf: number; day: number }, period: Period): LocalDate {
  if (period.kind !== 'half') throw new RangeError(`period ${period.key} is not a half-year`);
  return localDate(period.year, (period.half - 1) * 6 + rule.monthOfHalf, rule.day);
}
