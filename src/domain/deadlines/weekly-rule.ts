// "… thứ Sáu hằng tuần": one deadline per ISO week (Monday to Sunday), on a weekday of that week.
import { z } from 'zod';
import { addDays, type LocalDate } from '../local-date.ts';
import { firstDayOfPeriod, type Period } from './periods.ts';

/** Vietnamese weekday numbers as officials write them: 2 = thứ Hai … 7 = thứ Bảy, 8 = Chủ nhật. */
const WEEKDAY_NAMES = ['thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy', 'Chủ nhật'] as const;

export function weeklyRuleSchema<Due extends z.ZodType>(due: Due) {
  return z.strictObject({
    kind: z.literal('weekly'),
    due,
    weekday: z
      .number()
      .int()
      .min(2, 'weekday: 2 = thứ Hai … 7 = thứ Bảy, 8 = Chủ nhật')
      .max(8, 'weekday: 2 = thứ Hai … 7 = thứ Bảy, 8 = Chủ nhật'),
  });
}

export function weekdayName(weekday: number): string {
  return WEEKDAY_NAMES[weekday - 2] ?? `thứ ${weekday}`;
}

/** The weekday's date inside a week period. */
export function weeklyAnchor(rule: { weekday: number }, period: Period): LocalDate {
  if (period.kind !== 'week') throw new RangeError(`period ${period.key} is not a week`);
  return addDays(firstDayOfPeriod(period), rule.weekday - 2);
}
