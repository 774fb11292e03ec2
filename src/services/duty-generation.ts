// Recurring duties become one task per unit and period (current and next, or up to --until).
// Idempotent: the (duty, unit, period) key is checked first and enforced by a unique index.
import type { Store } from '../db/store/store.ts';
import { existingPeriodKeys, listUnitAssignees } from '../db/store/duty-assignees.ts';
import { addTask } from '../db/store/tasks.ts';
import { UserError } from '../domain/errors.ts';
import { appliesToUnit, deadlineFor, OFFICE_UNIT_CODE, type Duty } from '../domain/duties/catalogue.ts';
import { periodicTaskTitle } from '../domain/duties/periodic-task-title.ts';
import { linkContributions } from '../db/store/report-chains.ts';
import { periodContaining, type Period } from '../domain/deadlines/periods.ts';
import {
  isRecurringRule,
  nextApplicablePeriod,
  periodKindOf,
  ruleAppliesToPeriod,
  type RecurringRule,
} from '../domain/deadlines/rules.ts';
import type { Deadline } from '../domain/deadlines/deadline.ts';
import type { LocalDate } from '../domain/local-date.ts';
import type { Actor } from '../domain/model.ts';
import type { ReferenceData } from '../domain/reference-data.ts';

export interface GenerationResult {
  created: {
    taskId: number;
    dutyCode: string;
    unitCode: string;
    periodKey: string;
    targetDate: LocalDate;
    dueDate: LocalDate;
  }[];
  skipped: { dutyCode: string; unitCode: string; periodKey: string; reason: string }[];
  /** Units that got none of their duties because nobody can receive them, once each, with the fix. */
  unitsWithoutAssignee: { unitCode: string; tasks: number; fix: string }[];
  /** Recurring "(nếu có)" duties, left to the office (`task add --duty <code> --period <kỳ>`). */
  conditionalDuties: string[];
}

export const NO_ASSIGNEE_REASON = 'đơn vị chưa có cán bộ đầu mối, trưởng đơn vị hay quản trị viên';

/** The exact command that gives `unit` someone to receive its duties. */
export function assigneeFix(unit: { unitCode: string; candidateUsername: string | undefined }): string {
  return unit.candidateUsername
    ? `unit focal ${unit.unitCode} ${unit.candidateUsername}`
    : `official add <tên đăng nhập> "<Họ và tên>" --unit ${unit.unitCode} --role head`;
}

/** The periods to materialise: the current and the next applicable one, or every one up to `until`. */
export function periodsToGenerate(rule: RecurringRule, today: LocalDate, until?: LocalDate): Period[] {
  const current = periodContaining(periodKindOf(rule), today);
  const first = ruleAppliesToPeriod(rule, current) ? current : nextApplicablePeriod(rule, current);
  const periods = [first];
  if (!until) return [first, nextApplicablePeriod(rule, first)];
  let period = nextApplicablePeriod(rule, first);
  while (periodContaining(period.kind, until).key >= period.key && periods.length < 500) {
    periods.push(period);
    period = nextApplicablePeriod(rule, period);
  }
  return periods;
}

export async function generateRecurringTasks(
  db: Store,
  options: ReferenceData & { today: LocalDate; until?: LocalDate },
  actor: Actor,
): Promise<GenerationResult> {
  const result: GenerationResult = { created: [], skipped: [], unitsWithoutAssignee: [], conditionalDuties: [] };
  const withoutAssignee = new Map<string, { unitCode: string; tasks: number; fix: string }>();
  const units = await listUnitAssignees(db);
  for (const duty of options.catalogue.duties) {
    if (!isRecurringRule(duty.rule)) continue;
    // "(nếu có)" duties wait for the admin or an event (`task add --duty`).
    if (duty.conditional) {
      result.conditionalDuties.push(duty.code);
      continue;
    }
    const rule = duty.rule;
    const existing = await existingPeriodKeys(db, duty.code);
    // A chained report: the office compiles (one task, its own later day) and never sends to itself.
    const receivers = units.filter((u) =>
      duty.chain ? u.unitCode === OFFICE_UNIT_CODE || appliesToUnit(duty, u.unitCode) : appliesToUnit(duty, u.unitCode),
    );
    for (const period of periodsToGenerate(rule, options.today, options.until)) {
      for (const unit of receivers) {
        if (existing.has(`${unit.unitId}/${period.key}`)) continue;
        const deadline = deadlineFor(duty, { period }, options.calendar, unit.unitCode);
        const skip = (reason: string) =>
          result.skipped.push({ dutyCode: duty.code, unitCode: unit.unitCode, periodKey: period.key, reason });
        if (deadline.dueDate < options.today) {
          skip('đã qua hạn trước khi tạo việc — không tạo để tránh báo quá hạn oan');
          continue;
        }
        if (!unit.assigneeUsername) {
          skip(NO_ASSIGNEE_REASON);
          const entry = withoutAssignee.get(unit.unitCode) ?? {
            unitCode: unit.unitCode,
            tasks: 0,
            fix: assigneeFix(unit),
          };
          entry.tasks++;
          withoutAssignee.set(unit.unitCode, entry);
          continue;
        }
        const title = periodicTaskTitle(duty, period, unit.unitCode);
        const assignee = { unitCode: unit.unitCode, assigneeUsername: unit.assigneeUsername };
        const created = await createOnce(db, duty, period, title, assignee, deadline, actor);
        if (created)
          result.created.push({
            taskId: created,
            dutyCode: duty.code,
            unitCode: unit.unitCode,
            periodKey: period.key,
            ...deadline,
          });
      }
      if (duty.chain)
        await linkContributions(db, { dutyCode: duty.code, periodKey: period.key, officeUnitCode: OFFICE_UNIT_CODE });
    }
  }
  result.unitsWithoutAssignee = [...withoutAssignee.values()].sort((a, b) => a.unitCode.localeCompare(b.unitCode));
  return result;
}

/** Creates the task unless another process just did (unique key); returns its id when created. */
async function createOnce(
  db: Store,
  duty: Duty,
  period: Period,
  title: string,
  { unitCode, assigneeUsername }: { unitCode: string; assigneeUsername: string },
  deadline: Deadline,
  actor: Actor,
): Promise<number | undefined> {
  try {
    const task = await addTask(
      db,
      {
        title,
        assigneeUsername,
        unitCode,
        ...deadline,
        deadlineBasis: { kind: 'duty' },
        dutyCode: duty.code,
        periodKey: period.key,
      },
      actor,
    );
    return task.id;
  } catch (error) {
    if (error instanceof UserError && error.code === 'TASK_EXISTS') return undefined;
    throw error;
  }
}
