// Reporting chains: a periodic report climbs levels, each with its own day. An Giang Sở Tư pháp:
// each phòng sends its report to the Văn phòng Sở "trước ngày 14 của tháng cuối quý", and the
// Văn phòng Sở sends the Sở's report to UBND tỉnh "chậm nhất là ngày 19 của tháng cuối quý".
// In the catalogue the duty's `rule` gives the cadence and the office's (last level's) deadline;
// a level may override the rule's day fields (due, day, monthOfQuarter, month):
//   chain:
//     - { from: units, to: office, due: before, day: 14 }
//     - { from: office, to: province }
// Units get a task due by the first level's day; the office gets one compile task due by the last.
import { z } from 'zod';
import type { WorkCalendar } from '../calendar/work-calendar.ts';
import type { Deadline } from '../deadlines/deadline.ts';
import type { Period } from '../deadlines/periods.ts';
import {
  deadlineForPeriod,
  deadlineRuleSchema,
  describeRule,
  isRecurringRule,
  type DeadlineRule,
  type RecurringRule,
} from '../deadlines/rules.ts';

export const CHAIN_RECIPIENTS = {
  office: 'Văn phòng Sở',
  province: 'UBND tỉnh',
  ministry: 'Bộ, ngành Trung ương',
} as const;
export type ChainRecipient = keyof typeof CHAIN_RECIPIENTS;

const chainLevelSchema = z.strictObject({
  from: z.enum(['units', 'office'], { error: 'from phải là units (các phòng) hoặc office (Văn phòng Sở)' }),
  to: z.enum(['office', 'province', 'ministry'], {
    error: 'to phải là office (Văn phòng Sở), province (UBND tỉnh) hoặc ministry (Bộ, ngành)',
  }),
  // Overrides of the rule's day fields for this level; checked once merged with the rule.
  due: z.unknown().optional(),
  day: z.unknown().optional(),
  monthOfQuarter: z.unknown().optional(),
  month: z.unknown().optional(),
});

// Two levels inside one office is the deepest chain the seed plans give (README "Reporting chains"):
// where a plan names a third (UBND tỉnh → Văn phòng Chính phủ), that level is the next office's duty.
export const chainSchema = z
  .array(chainLevelSchema, { error: 'chain phải là danh sách các cấp báo cáo' })
  .superRefine((levels, context) => {
    if (levels.length > 2)
      context.addIssue({
        code: 'custom',
        message:
          `chain có ${levels.length} cấp, nhiều nhất là 2: các phòng → Văn phòng Sở, rồi Văn phòng Sở → UBND tỉnh hoặc Bộ, ngành. ` +
          'Cấp trên gửi tiếp (UBND tỉnh → Văn phòng Chính phủ) là nhiệm vụ của cơ quan đó, không nhắc ở đây',
      });
    else if (levels.length < 2)
      context.addIssue({
        code: 'custom',
        message: `chain có ${levels.length} cấp, cần đủ 2: các phòng → Văn phòng Sở, rồi Văn phòng Sở → cấp trên; báo cáo một cấp thì bỏ chain`,
      });
  });

export type ChainLevelDeclaration = z.infer<typeof chainLevelSchema>;

export interface ChainLevel {
  from: 'units' | 'office';
  to: ChainRecipient;
  rule: RecurringRule;
}

export interface ReportingChain {
  units: ChainLevel;
  office: ChainLevel;
}

type Issue = { path: (string | number)[]; message: string };

/** The levels with their full rules, or the reasons (in Vietnamese, with the path) they are wrong. */
export function resolveChain(
  rule: DeadlineRule,
  levels: readonly ChainLevelDeclaration[],
): { chain: ReportingChain } | { issues: Issue[] } {
  if (!isRecurringRule(rule))
    return { issues: [{ path: [], message: 'chain chỉ dùng cho nhiệm vụ định kỳ (monthly, quarterly, yearly)' }] };
  const [first, second] = levels;
  if (!first || !second) return { issues: [{ path: [], message: 'chain có đúng 2 cấp' }] };
  const issues: Issue[] = [];
  if (first.from !== 'units' || first.to !== 'office')
    issues.push({ path: [0], message: 'cấp đầu phải là { from: units, to: office }: các phòng gửi Văn phòng Sở' });
  if (second.from !== 'office' || second.to === 'office')
    issues.push({
      path: [1],
      message: 'cấp sau phải là { from: office, to: province | ministry }: Văn phòng Sở gửi cấp trên',
    });
  const rules = levels.map((level, index) => {
    const { from: _from, to: _to, ...overrides } = level;
    const defined = Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined));
    const parsed = deadlineRuleSchema.safeParse({ ...rule, ...defined });
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        issues.push({ path: [index, ...issue.path.map(String)], message: issue.message });
      return undefined;
    }
    return parsed.data as RecurringRule;
  });
  const [unitsRule, officeRule] = rules;
  if (issues.length || !unitsRule || !officeRule) return { issues };
  if (nominalOrder(unitsRule) >= nominalOrder(officeRule))
    issues.push({
      path: [0],
      message: `hạn các phòng gửi Văn phòng Sở (${describeRule(unitsRule)}) phải trước hạn Văn phòng Sở gửi ${CHAIN_RECIPIENTS[second.to]} (${describeRule(officeRule)}) để Văn phòng Sở có thời gian tổng hợp`,
    });
  if (issues.length) return { issues };
  return {
    chain: {
      units: { from: 'units', to: 'office', rule: unitsRule },
      office: { from: 'office', to: second.to, rule: officeRule },
    },
  };
}

/** The last day of the limit as month-in-period × 100 + day, comparable across the two levels. */
function nominalOrder(rule: RecurringRule): number {
  const shift = rule.due === 'before' ? 1 : 0;
  switch (rule.kind) {
    case 'weekly':
      return rule.weekday - shift;
    case 'fixedDates': {
      // The period's month × 100 + day of its first date: the dates of one rule share a place in each period.
      const monthsPerPeriod = 12 / rule.dates.length;
      const first = [...rule.dates].sort((a, b) => a.month - b.month || a.day - b.day)[0]!;
      return (((first.month - 1) % monthsPerPeriod) + 1) * 100 + first.day - shift;
    }
    case 'quarterly':
      return rule.monthOfQuarter * 100 + rule.day - shift;
    case 'halfYearly':
      return rule.monthOfHalf * 100 + rule.day - shift;
    case 'yearly':
      return rule.month * 100 + rule.day - shift;
    default:
      return rule.day - shift;
  }
}

export type ChainRole = 'contribution' | 'compilation';

/**
 * The dates of one level of the chain for a period. A phòng aims at least one working day before
 * the office: when days off fold both days onto the same working day (Tết 2026: 21/2 and 22/2 both
 * fall back to 13/2), the phòng's target moves to the working day before the office's.
 */
export function chainDeadline(
  chain: ReportingChain,
  role: ChainRole,
  period: Period,
  calendar: WorkCalendar,
): Deadline {
  const office = deadlineForPeriod(chain.office.rule, period, calendar);
  if (role === 'compilation') return office;
  const units = deadlineForPeriod(chain.units.rule, period, calendar);
  if (units.targetDate < office.targetDate) return units;
  const targetDate = calendar.addWorkingDays(office.targetDate, -1);
  return { targetDate, dueDate: units.dueDate < targetDate ? targetDate : units.dueDate };
}

/** "các phòng gửi Văn phòng Sở trước ngày 14 …; Văn phòng Sở tổng hợp gửi UBND tỉnh chậm nhất ngày 19 …" */
export function describeChain(chain: ReportingChain): string {
  return (
    `các phòng gửi Văn phòng Sở ${describeRule(chain.units.rule)}; ` +
    `Văn phòng Sở tổng hợp gửi ${CHAIN_RECIPIENTS[chain.office.to]} ${describeRule(chain.office.rule)}`
  );
}
