// The duty catalogue (config/duties.yaml): what each unit must do and by when, each duty citing
// the plan clause it comes from so officials can check the bot against the document.
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { LocalDate } from '../local-date.ts';
import type { WorkCalendar } from '../calendar/work-calendar.ts';
import type { Deadline } from '../deadlines/deadline.ts';
import { parsePeriod, type Period } from '../deadlines/periods.ts';
import {
  deadlineRuleSchema,
  deadlineForPeriod,
  deadlineFromEvent,
  isRecurringRule,
  periodKindOf,
} from '../deadlines/rules.ts';
import { dataPeriodSchema } from '../deadlines/data-period.ts';
import { chainDeadline, chainSchema, resolveChain, type ChainRole, type ReportingChain } from './reporting-chain.ts';
import { parseYamlWithSchema, readYamlFileWithSchema, requiredText, YamlFileError } from '../yaml-file.ts';

export class DutyCatalogueError extends YamlFileError {}

export const SHIPPED_DUTIES_FILE = fileURLToPath(new URL('../../../config/duties.yaml', import.meta.url));

/** Văn phòng Sở: tracks everyone, so duties name it when they say nothing else. */
export const OFFICE_UNIT_CODE = 'VP';

const sourceSchema = z.strictObject({
  /** e.g. "Kế hoạch 16/KH-SKHCN ngày 05/03/2025 của Sở Khoa học và Công nghệ An Giang" */
  document: requiredText('source.document'),
  /** Where in the document: "Phụ lục, mục 3.I, stt 4" */
  clause: requiredText('source.clause'),
  /** The deadline wording, verbatim. */
  quote: requiredText('source.quote'),
  /** The extracted text it was read from (shared/seeds). */
  seed: requiredText('source.seed').optional(),
});

const remindersSchema = z.strictObject({
  beforeWorkingDays: z
    .array(z.number().int().min(1, 'phải từ 1 ngày làm việc trở lên').max(60, 'quá xa hạn'))
    .optional(),
  onDueDay: z.boolean().optional(),
  overdueEveryWorkingDay: z.boolean().optional(),
  escalateToHead: z.boolean().optional(),
});

const unitCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]+$/, 'mã đơn vị chỉ gồm chữ không dấu, số, "-" và "_"');

const dutySchema = z
  .strictObject({
    code: z
      .string({ error: 'code phải là chuỗi' })
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'code chỉ gồm chữ thường không dấu, số và dấu "-", ví dụ bao-cao-thang'),
    title: requiredText('title'),
    rule: deadlineRuleSchema,
    appliesTo: z
      .union([z.literal('all'), z.array(unitCode).min(1)], {
        error: 'appliesTo phải là all hoặc danh sách mã đơn vị, ví dụ [VP]',
      })
      .default([OFFICE_UNIT_CODE]),
    source: sourceSchema,
    reminders: remindersSchema.optional(),
    /** Levels of a periodic report: the phòng → Văn phòng Sở day, then Văn phòng Sở → cấp trên. */
    chain: chainSchema.optional(),
    /** The span of data the report covers; omitted = the calendar period. */
    dataPeriod: dataPeriodSchema.optional(),
    /** "(nếu có)": only when the admin or an event says so (`task add --duty`); never by `duties generate`. */
    conditional: z.boolean({ error: 'conditional phải là true hoặc false' }).optional(),
    /** A recurring task's title with {kỳ} / {kỳ trước}; see task-title.ts. */
    taskTitle: requiredText('taskTitle')
      .refine((text) => text.includes('{kỳ}') || text.includes('{kỳ trước}'), 'taskTitle phải có {kỳ} hoặc {kỳ trước}')
      .optional(),
  })
  .superRefine((duty, ctx) => {
    if (duty.chain) {
      const resolved = resolveChain(duty.rule, duty.chain);
      if ('issues' in resolved)
        for (const issue of resolved.issues)
          ctx.addIssue({ code: 'custom', path: ['chain', ...issue.path], message: issue.message });
    }
    if (duty.dataPeriod && !isRecurringRule(duty.rule))
      ctx.addIssue({ code: 'custom', path: ['dataPeriod'], message: 'dataPeriod chỉ dùng cho nhiệm vụ định kỳ' });
  });

/** Which plan a catalogue preset (config/duties/*.yaml) was read from; `duties presets` lists it. */
const presetSchema = z.strictObject({
  /** e.g. "Sở Tư pháp An Giang 2024" */
  name: requiredText('preset.name'),
  province: requiredText('preset.province'),
  /** e.g. "Kế hoạch 56/KH-STP ngày 19/03/2024" */
  plan: requiredText('preset.plan'),
  seed: requiredText('preset.seed').optional(),
  note: requiredText('preset.note').optional(),
});

const catalogueSchema = z
  .strictObject({
    preset: presetSchema.optional(),
    duties: z.array(dutySchema, { error: 'duties phải là danh sách' }).min(1, 'duties không được rỗng'),
  })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.duties.forEach((duty, index) => {
      if (seen.has(duty.code))
        ctx.addIssue({ code: 'custom', path: ['duties', index, 'code'], message: `code "${duty.code}" bị trùng` });
      seen.add(duty.code);
    });
  });

export type Duty = z.infer<typeof dutySchema>;
export type ReminderPolicy = z.infer<typeof remindersSchema>;
export type DutySource = z.infer<typeof sourceSchema>;
export type CataloguePreset = z.infer<typeof presetSchema>;

export class DutyCatalogue {
  private readonly byCode: Map<string, Duty>;
  constructor(
    readonly duties: readonly Duty[],
    readonly preset?: CataloguePreset,
  ) {
    this.byCode = new Map(duties.map((duty) => [duty.code, duty]));
  }

  find(code: string): Duty | undefined {
    return this.byCode.get(code);
  }

  get(code: string): Duty {
    const duty = this.byCode.get(code);
    if (!duty) throw new RangeError(`no duty with code "${code}"`);
    return duty;
  }

  /** The duties a unit is responsible for. */
  forUnit(unitCode: string): Duty[] {
    return this.duties.filter((duty) => appliesToUnit(duty, unitCode));
  }
}

const resolvedChains = new WeakMap<Duty, ReportingChain>();

/** The duty's reporting chain with each level's full rule; undefined for a duty without one. */
export function chainOf(duty: Duty): ReportingChain | undefined {
  if (!duty.chain) return undefined;
  let chain = resolvedChains.get(duty);
  if (!chain) {
    const resolved = resolveChain(duty.rule, duty.chain);
    if ('issues' in resolved) throw new RangeError(`duty ${duty.code}: ${resolved.issues[0]?.message}`);
    chain = resolved.chain;
    resolvedChains.set(duty, chain);
  }
  return chain;
}

/** In a chain the office compiles and the other units contribute; without one everybody just reports. */
export function chainRoleOf(duty: Duty, unitCode: string): ChainRole | undefined {
  if (!duty.chain) return undefined;
  return unitCode === OFFICE_UNIT_CODE ? 'compilation' : 'contribution';
}

/** The data period of the catalogue's monthly report, for the monthly report; undefined = calendar month. */
export function monthlyReportDataPeriod(catalogue: DutyCatalogue): { dutyCode: string; startDay: number } | undefined {
  const duty = catalogue.duties.find((each) => each.rule.kind === 'monthly' && each.dataPeriod);
  return duty?.dataPeriod ? { dutyCode: duty.code, startDay: duty.dataPeriod.startDay } : undefined;
}

export function appliesToUnit(duty: Duty, unitCode: string): boolean {
  return duty.appliesTo === 'all' || duty.appliesTo.includes(unitCode);
}

/** One line for a task's source reference: document, clause and the quoted deadline. */
export function describeSource(source: DutySource): string {
  return `${source.document}, ${source.clause}: "${source.quote}"`;
}

export function parseDutyCatalogue(text: string, file: string): DutyCatalogue {
  const parsed = parseYamlWithSchema(text, file, catalogueSchema, DutyCatalogueError);
  return new DutyCatalogue(parsed.duties, parsed.preset);
}

/** Reads and validates a duty catalogue; throws DutyCatalogueError naming file, line and reason. */
export function loadDutyCatalogue(path: string = SHIPPED_DUTIES_FILE): DutyCatalogue {
  const parsed = readYamlFileWithSchema(path, catalogueSchema, DutyCatalogueError);
  return new DutyCatalogue(parsed.duties, parsed.preset);
}

/** What the due date is counted from: a reporting period (recurring duty) or an event's date. */
export type DueBasis = { period: Period | string } | { from: LocalDate };

/** `unitCode` picks the level of a chained duty (a phòng's day or the office's); default the duty's rule. */
export function deadlineFor(duty: Duty, basis: DueBasis, calendar: WorkCalendar, unitCode?: string): Deadline {
  const rule = duty.rule;
  if (isRecurringRule(rule)) {
    if (!('period' in basis)) throw new TypeError(`duty ${duty.code} is periodic: give a period, not an event date`);
    const kind = periodKindOf(rule);
    const period = typeof basis.period === 'string' ? parsePeriod(basis.period, kind) : basis.period;
    if (!period || period.kind !== kind)
      throw new RangeError(`duty ${duty.code} needs a ${kind} period, got ${JSON.stringify(basis.period)}`);
    const chain = chainOf(duty);
    if (!chain) return deadlineForPeriod(rule, period, calendar);
    const role = (unitCode === undefined ? undefined : chainRoleOf(duty, unitCode)) ?? 'compilation';
    return chainDeadline(chain, role, period, calendar);
  }
  if (!('from' in basis))
    throw new TypeError(`duty ${duty.code} is counted from an event: give its date, not a period`);
  return deadlineFromEvent(rule, basis.from, calendar);
}

export { describeRule } from '../deadlines/rules.ts';
