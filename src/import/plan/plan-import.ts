// `import plan`: a plan's appendix table → one-off tasks, plus a report of everything else.
//
// Decisions:
// - Only one-off rows ("Trước ngày 20/02/2025", "Quý II/2025") become tasks: they belong to this
//   plan alone. Recurring rows ("Trước ngày 25 hằng tháng") and event rows ("10 ngày kể từ …") are
//   reported with their rule: they belong in the duty catalogue (config/duties.yaml), whose
//   generator and `task add --duty … --from` already make one task per period or event; creating
//   them here too would remind the same duty twice. Rows without a date are reported and kept out.
// - All or nothing: any refused row (unknown deadline, owner unit not found, unit without focal
//   official or head) means nothing is written, unless --skip-bad. The tasks are written in one
//   transaction.
// - Idempotent: each task carries sourceRef `plan:<plan code>:<STT path>` under duty code
//   `ke-hoach`; rows already imported are counted as duplicates and skipped.
// - A one-off row already past its due date is reported and not created, as duty generation does:
//   importing a plan late must not flood officials with overdue reminders.
import { basename, extname } from 'node:path';
import type { Store } from '../../db/store/store.ts';
import { listUnitAssignees } from '../../db/store/duty-assignees.ts';
import { listUnits } from '../../db/store/units.ts';
import type { WorkCalendar } from '../../domain/calendar/work-calendar.ts';
import type { DeadlineRule } from '../../domain/deadlines/rules.ts';
import { vietnamDateOf, type LocalDate } from '../../domain/local-date.ts';
import type { Actor } from '../../domain/model.ts';
import { locateColumns } from '../columns.ts';
import { foldWords } from '../fold-text.ts';
import { ImportFileError } from '../import-file-error.ts';
import { readSource } from '../table-reader.ts';
import { NO_PLAN_HEADER, readPlanTable } from './plan-table.ts';
import { onceDeadline, type RecurringRuleKind } from './deadline-phrase.ts';
import { PLAN_COLUMNS, REQUIRED_PLAN_COLUMNS, parsePlanRows, type PlanDutyRow } from './plan-rows.ts';
import { createTasksAtomically, existingSourceRefs, type ImportedTask } from '../../db/store/plan-tasks.ts';
import { UnitMatcher } from './unit-matcher.ts';

export const PLAN_DUTY_CODE = 'ke-hoach';

export interface PlanImportOptions {
  /** A path, or only the file's name when `content` is given (an upload). */
  file: string;
  /** The file's bytes when they do not come from disk: CSV, XLSX, DOCX or PDF, told apart by their bytes. */
  content?: Uint8Array;
  /** Names the plan in every sourceRef; by default the file name without its extension. */
  planCode?: string;
  dryRun: boolean;
  skipBad: boolean;
}

interface RowRef {
  row: number;
  stt: string;
  title: string;
}

export interface PlanImportReport {
  file: string;
  planCode: string;
  dryRun: boolean;
  /** True when the tasks were written (a real run with no refused row, or with --skip-bad). */
  written: boolean;
  tasks: (RowRef & {
    taskId?: number;
    unitCode: string;
    assigneeUsername: string;
    targetDate: LocalDate;
    dueDate: LocalDate;
    deadline: string;
    sourceRef: string;
  })[];
  duplicates: (RowRef & { sourceRef: string })[];
  pastDue: (RowRef & { dueDate: LocalDate; deadline: string })[];
  recurring: (RowRef & {
    unitCode: string | null;
    rule: string;
    /** The catalogue `rule.kind` to write (halfYearly for "02 lần/năm"); absent for "Định kỳ/đột xuất". */
    ruleKind?: RecurringRuleKind;
    catalogueRule?: DeadlineRule;
  })[];
  eventDuties: (RowRef & { unitCode: string | null; rule: string; catalogueRule: DeadlineRule })[];
  noDeadline: (RowRef & { unitCode: string | null; why: string })[];
  refused: { row: number; stt: string; reason: string }[];
  /** Owner names ("Cơ quan chủ trì") that matched no unit, with the rows naming them. */
  unmatchedUnits: { name: string; rows: number[] }[];
}

export function defaultPlanCode(file: string): string {
  return foldWords(basename(file, extname(file))).replace(/ /g, '-') || 'ke-hoach';
}

export async function importPlan(
  db: Store,
  options: PlanImportOptions,
  context: { calendar: WorkCalendar; now: Date; actor: Actor },
): Promise<PlanImportReport> {
  const source = options.content ? { name: basename(options.file), bytes: options.content } : readSource(options.file);
  const rows = await readPlanTable(source);
  const layout = locateColumns(rows, PLAN_COLUMNS, REQUIRED_PLAN_COLUMNS);
  if (!layout) throw new ImportFileError(source.name, undefined, NO_PLAN_HEADER);
  const planCode = options.planCode ?? defaultPlanCode(options.file);
  const report: PlanImportReport = {
    file: basename(options.file),
    planCode,
    dryRun: options.dryRun,
    written: false,
    tasks: [],
    duplicates: [],
    pastDue: [],
    recurring: [],
    eventDuties: [],
    noDeadline: [],
    refused: [],
    unmatchedUnits: [],
  };
  const matcher = new UnitMatcher(await listUnits(db));
  const assignees = new Map((await listUnitAssignees(db)).map((unit) => [unit.unitCode, unit.assigneeUsername]));
  const today = vietnamDateOf(context.now);
  const candidates: (ImportedTask & RowRef & { deadline: string })[] = [];
  const unmatched = new Map<string, number[]>();

  const header = rows.find((row) => row.rowNumber === layout.headerRowNumber)?.cells ?? [];
  for (const row of parsePlanRows(rows.slice(layout.dataStart), layout.columns, header)) {
    if (row.kind === 'heading') continue;
    if (row.kind === 'refused') {
      report.refused.push({ row: row.rowNumber, stt: row.path, reason: row.reason });
      continue;
    }
    const ref: RowRef = { row: row.rowNumber, stt: row.path, title: row.title };
    const owners = matcher.owners(row.owner);
    if (owners.units.length === 0 && owners.named)
      unmatched.set(owners.named, [...(unmatched.get(owners.named) ?? []), row.rowNumber]);
    const unitCode = owners.units[0]?.code ?? null;
    const phrase = row.phrase;
    switch (phrase.kind) {
      case 'unknown':
        report.refused.push({ row: row.rowNumber, stt: row.path, reason: phrase.reason });
        break;
      case 'none':
        report.noDeadline.push({ ...ref, unitCode, why: phrase.label });
        break;
      case 'recurring':
        report.recurring.push({
          ...ref,
          unitCode,
          rule: phrase.label,
          ...(phrase.ruleKind ? { ruleKind: phrase.ruleKind } : {}),
          ...(phrase.rule ? { catalogueRule: phrase.rule } : {}),
        });
        break;
      case 'event':
        report.eventDuties.push({ ...ref, unitCode, rule: phrase.label, catalogueRule: phrase.rule });
        break;
      case 'once': {
        const refusal = ownersProblem(owners, assignees);
        if (refusal) {
          report.refused.push({ row: row.rowNumber, stt: row.path, reason: refusal });
          break;
        }
        // A group owner ("Các phòng, đơn vị thuộc Sở"): one task per unit, each its own source.
        for (const unit of owners.units)
          candidates.push({
            ...ref,
            deadline: phrase.label,
            unitCode: unit.code,
            assigneeUsername: assignees.get(unit.code)!,
            ...onceDeadline(phrase, context.calendar),
            dutyCode: PLAN_DUTY_CODE,
            sourceRef: owners.group ? `plan:${planCode}:${row.key}:${unit.code}` : `plan:${planCode}:${row.key}`,
            note: noteFor(planCode, row),
          });
      }
    }
  }
  report.unmatchedUnits = [...unmatched].map(([name, rowNumbers]) => ({ name, rows: rowNumbers }));

  const existing = await existingSourceRefs(
    db,
    PLAN_DUTY_CODE,
    candidates.map((task) => task.sourceRef),
  );
  const toCreate: typeof candidates = [];
  for (const task of candidates) {
    if (existing.has(task.sourceRef))
      report.duplicates.push({ row: task.row, stt: task.stt, title: task.title, sourceRef: task.sourceRef });
    else if (task.dueDate < today)
      report.pastDue.push({
        row: task.row,
        stt: task.stt,
        title: task.title,
        dueDate: task.dueDate,
        deadline: task.deadline,
      });
    else toCreate.push(task);
  }
  report.tasks = toCreate.map((task) => ({
    row: task.row,
    stt: task.stt,
    title: task.title,
    unitCode: task.unitCode,
    assigneeUsername: task.assigneeUsername,
    targetDate: task.targetDate,
    dueDate: task.dueDate,
    deadline: task.deadline,
    sourceRef: task.sourceRef,
  }));

  const mayWrite = !options.dryRun && (report.refused.length === 0 || options.skipBad);
  if (mayWrite && toCreate.length > 0) {
    const ids = await createTasksAtomically(
      db,
      toCreate.map(({ row: _row, stt: _stt, deadline: _deadline, ...task }) => task),
      context.actor,
      `import plan ${report.file}`,
    );
    report.tasks.forEach((task, index) => (task.taskId = ids[index]));
  }
  report.written = mayWrite;
  return report;
}

function ownersProblem(
  owners: { units: { code: string }[]; named: string; group?: string },
  assignees: Map<string, string | undefined>,
): string | undefined {
  if (!owners.named) return 'không ghi cơ quan chủ trì';
  if (owners.units.length === 0)
    return owners.group
      ? `cơ quan chủ trì "${owners.named}" là ${owners.group} nhưng chưa có đơn vị nào như vậy (xem unit list)`
      : `cơ quan chủ trì "${owners.named}" không khớp đơn vị nào (xem unit list)`;
  const without = owners.units.filter((unit) => !assignees.get(unit.code)).map((unit) => unit.code);
  if (without.length === 1)
    return `đơn vị ${without[0]} chưa có cán bộ đầu mối, trưởng đơn vị hay quản trị viên để giao việc (đặt bằng unit focal ${without[0]} <tên đăng nhập>)`;
  if (without.length > 1)
    return `các đơn vị ${without.join(', ')} chưa có cán bộ đầu mối, trưởng đơn vị hay quản trị viên để giao việc (đặt bằng unit focal <mã> <tên đăng nhập>)`;
  return undefined;
}

function noteFor(planCode: string, row: PlanDutyRow): string {
  const parts = [
    `Kế hoạch ${planCode}${row.path ? `, mục ${row.path}` : ''}`,
    `thời gian: "${row.deadlineText}"`,
    row.result ? `kết quả: ${row.result}` : '',
    row.partners ? `phối hợp: ${row.partners}` : '',
    row.note ? `ghi chú: ${row.note}` : '',
  ];
  return parts.filter(Boolean).join('; ');
}
