// The statutory holidays as data (the `holidays` section of config/calendar.yaml): a new holiday
// in the Labour Code is a line in that file, not a code change.
import { z } from 'zod';
import { requiredText } from '../yaml-file.ts';

export interface HolidayRule {
  /** Vietnamese; a rule spanning several days names each day after it ("… (mùng 1 tháng Giêng)"). */
  name: string;
  calendar: 'solar' | 'lunar';
  month: number;
  day: number;
  /** Days before (negative) and after the date that are also holidays: Tết is { from: -1, to: 3 }. */
  from: number;
  to: number;
  /** Tết Nguyên đán: its days off are placed by precedent (see holidays.ts). */
  tet: boolean;
  /** A second day next to the holiday, on the side given by the holiday's weekday (2/9). */
  adjacentDay?: { name: string; offsetByWeekday: readonly number[] };
}

const WEEKDAY_KEYS = ['CN', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7'] as const;

const monthDaySchema = z
  .string({ error: 'phải là ngày dạng MM-DD' })
  .regex(/^\d{2}-\d{2}$/, 'phải là ngày dạng MM-DD')
  .transform((text, ctx) => {
    const [month, day] = text.split('-').map(Number) as [number, number];
    if (month < 1 || month > 12 || day < 1 || day > 31) {
      ctx.addIssue({ code: 'custom', message: `ngày "${text}" không có thật` });
      return z.NEVER;
    }
    return { month, day };
  });

const sideSchema = z.union([z.literal(-1), z.literal(1)], { error: 'phải là -1 (ngày trước) hoặc 1 (ngày sau)' });

const adjacentDaySchema = z.strictObject({
  name: requiredText('tên (name)'),
  byWeekday: z.strictObject(
    Object.fromEntries(WEEKDAY_KEYS.map((key) => [key, sideSchema])) as Record<
      (typeof WEEKDAY_KEYS)[number],
      typeof sideSchema
    >,
  ),
});

export const holidayRuleSchema = z
  .strictObject({
    name: requiredText('tên (name)'),
    solar: monthDaySchema.optional(),
    lunar: monthDaySchema.optional(),
    from: z.int().min(-5).max(0).default(0),
    to: z.int().min(0).max(10).default(0),
    tet: z.boolean().default(false),
    adjacentDay: adjacentDaySchema.optional(),
  })
  .transform((rule, ctx): HolidayRule => {
    const date = rule.solar ?? rule.lunar;
    if (!date || (rule.solar && rule.lunar)) {
      ctx.addIssue({ code: 'custom', message: 'cần đúng một trong hai khóa solar (dương lịch) hoặc lunar (âm lịch)' });
      return z.NEVER;
    }
    if (rule.lunar && rule.lunar.day > 30) {
      ctx.addIssue({ code: 'custom', path: ['lunar'], message: 'tháng âm lịch có nhiều nhất 30 ngày' });
      return z.NEVER;
    }
    return {
      name: rule.name,
      calendar: rule.solar ? 'solar' : 'lunar',
      ...date,
      from: rule.from,
      to: rule.to,
      tet: rule.tet,
      ...(rule.adjacentDay
        ? {
            adjacentDay: {
              name: rule.adjacentDay.name,
              offsetByWeekday: WEEKDAY_KEYS.map((key) => rule.adjacentDay!.byWeekday[key]),
            },
          }
        : {}),
    };
  });

export const holidaysSectionSchema = z.array(holidayRuleSchema).superRefine((rules, ctx) => {
  const tets = rules.flatMap((rule, index) => (rule.tet ? [index] : []));
  if (tets.length > 1)
    ctx.addIssue({ code: 'custom', path: [tets[1]!, 'tet'], message: 'chỉ một ngày lễ được đánh dấu tet: true' });
});
