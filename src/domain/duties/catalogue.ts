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

const dutySchema = z.strictObject({
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
  /** "(nếu có)": only when the admin or an event says so (`task add --duty`); never by `duties generate`. */
  conditional: z.boolean({ error: 'conditional phải là true hoặc false' }).optional(),
  /** A recurring task's title with {kỳ} / {kỳ trước}; see task-title.ts. */
  taskTitle: requiredText('taskTitle')
    .refine((text) => text.includes('{kỳ}') || text.includes('{kỳ trước}'), 'taskTitle phải có {kỳ} hoặc {kỳ trước}')
    .optional(),
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

export function deadlineFor(duty: Duty, basis: DueBasis, calendar: WorkCalendar): Deadline {
  const rule = duty.rule;
  if (isRecurringRule(rule)) {
    if (!('period' in basis)) throw new TypeError(`duty ${duty.code} is periodic: give a period, not an event date`);
    const kind = periodKindOf(rule);
    const period = typeof basis.period === 'string' ? parsePeriod(basis.period, kind) : basis.period;
    if (!period || period.kind !== kind)
      throw new RangeError(`duty ${duty.code} needs a ${kind} period, got ${JSON.stringify(basis.period)}`);
    return deadlineForPeriod(rule, period, calendar);
  }
  if (!('from' in basis))
    throw new TypeError(`duty ${duty.code} is counted from an event: give its date, not a period`);
  return deadlineFromEvent(rule, basis.from, calendar);
}

export { describeRule } from '../deadlines/rules.ts';
