// The counting rules of the monthly report, as a pure function of rows already loaded.
// Day boundary: a task done on its due date (Vietnam date of doneAt) is on time, the next day
// is late; an open task is overdue from the day after its due date (README: "overdue from 00:00
// (Vietnam) of the day after its due date").
import type {
  ApologyTaskRow,
  ReportDossierRow,
  ReportPerson,
  ReportTaskRow,
  ReportUnit,
} from '../db/store/report-queries.ts';
import { addDays, daysBetween, vietnamDateOf, type LocalDate } from '../domain/local-date.ts';
import type { ReportGroup } from './report-groups.ts';
import { reportMonth, type ReportMonth } from './month.ts';
import type {
  ApologyStatus,
  DossierFigures,
  LateDossier,
  LateOfficial,
  LateUnit,
  MonthlyReport,
  PaknItem,
  ReportTargets,
  TaskFigures,
  TaskOutcome,
  UnitRow,
} from './report-types.ts';

export const PAKN_DUTY_CODE = 'pakn';

export interface ReportInput {
  month: ReportMonth;
  /** Set when the month's figures follow a duty's data period rather than the calendar month. */
  dataPeriod?: string;
  asOf: LocalDate;
  scope: ReportUnit | undefined;
  targets: ReportTargets;
  units: ReportUnit[];
  groups: ReportGroup[];
  tasks: ReportTaskRow[];
  dossiers: ReportDossierRow[];
  apologyTasks: ApologyTaskRow[];
}

type DossierOutcome = 'on-time' | 'late' | 'open-late' | 'pending';

export function taskOutcome(task: Pick<ReportTaskRow, 'status' | 'doneAt' | 'dueDate'>, asOf: LocalDate): TaskOutcome {
  if (task.status === 'done') {
    // A task closed without a recorded instant (imported data) gets the benefit of the doubt.
    return !task.doneAt || vietnamDateOf(task.doneAt) <= task.dueDate ? 'on-time' : 'late';
  }
  return task.dueDate < asOf ? 'overdue' : 'pending';
}

function dossierOutcome(dossier: ReportDossierRow, asOf: LocalDate): DossierOutcome {
  if (dossier.status === 'returned') {
    return !dossier.returnedAt || vietnamDateOf(dossier.returnedAt) <= dossier.dueDate ? 'on-time' : 'late';
  }
  return dossier.dueDate < asOf ? 'open-late' : 'pending';
}

function rate(good: number, decided: number): number | null {
  return decided === 0 ? null : good / decided;
}

function taskFigures(outcomes: TaskOutcome[]): TaskFigures {
  const count = (o: TaskOutcome) => outcomes.filter((x) => x === o).length;
  const [onTime, late, overdue, pending] = [count('on-time'), count('late'), count('overdue'), count('pending')];
  return { due: outcomes.length, onTime, late, overdue, pending, onTimeRate: rate(onTime, onTime + late + overdue) };
}

function dossierFigures(outcomes: DossierOutcome[]): DossierFigures {
  const count = (o: DossierOutcome) => outcomes.filter((x) => x === o).length;
  const [onTime, late, openLate, pending] = [count('on-time'), count('late'), count('open-late'), count('pending')];
  return { due: outcomes.length, onTime, late, openLate, pending, onTimeRate: rate(onTime, onTime + late + openLate) };
}

function byGroup<T, F>(
  groups: ReportGroup[],
  items: T[],
  unitOf: (item: T) => number,
  figures: (items: T[]) => F,
): UnitRow<F>[] {
  return groups.map((group) => {
    const ids = new Set(group.unitIds);
    return {
      unitCode: group.unitCode,
      unitName: group.unitName,
      includesSubUnits: group.includesSubUnits,
      figures: figures(items.filter((i) => ids.has(unitOf(i)))),
    };
  });
}

function met(value: number | null, target: number): boolean | null {
  return value === null ? null : value >= target - 1e-9;
}

function lateDays(due: LocalDate, doneOn: LocalDate | null, asOf: LocalDate): number {
  return Math.max(0, daysBetween(due, doneOn ?? asOf));
}

function apologyOf(
  dossier: ReportDossierRow,
  apologies: Map<string, ApologyTaskRow>,
): Pick<LateDossier, 'apologyTaskId' | 'apologyStatus' | 'apologyDone' | 'apologyDoneOn'> {
  const task = apologies.get(dossier.code);
  const status: ApologyStatus = task ? task.status : 'missing';
  return {
    apologyTaskId: task?.id ?? null,
    apologyStatus: status,
    apologyDone: status === 'done',
    apologyDoneOn: task?.doneAt ? vietnamDateOf(task.doneAt) : null,
  };
}

interface LateCounts {
  lateTasks: number;
  overdueTasks: number;
  lateDossiers: number;
}

function lateLists(
  input: ReportInput,
  taskOutcomes: Map<number, TaskOutcome>,
  dossierOutcomes: Map<string, DossierOutcome>,
) {
  const unitById = new Map(input.units.map((u) => [u.id, u]));
  const officials = new Map<string, { person: ReportPerson; counts: LateCounts }>();
  const units = new Map<number, LateCounts>();
  const bump = (unitId: number, person: ReportPerson | null, field: keyof LateCounts) => {
    const unit = units.get(unitId) ?? { lateTasks: 0, overdueTasks: 0, lateDossiers: 0 };
    unit[field] += 1;
    units.set(unitId, unit);
    if (!person) return;
    const entry = officials.get(person.username) ?? {
      person,
      counts: { lateTasks: 0, overdueTasks: 0, lateDossiers: 0 },
    };
    entry.counts[field] += 1;
    officials.set(person.username, entry);
  };
  for (const task of input.tasks) {
    const outcome = taskOutcomes.get(task.id);
    if (outcome === 'late') bump(task.unitId, task.assignee, 'lateTasks');
    if (outcome === 'overdue') bump(task.unitId, task.assignee, 'overdueTasks');
  }
  for (const dossier of input.dossiers) {
    const outcome = dossierOutcomes.get(dossier.code);
    if (outcome === 'late' || outcome === 'open-late') bump(dossier.unitId, dossier.assignee, 'lateDossiers');
  }
  const total = (c: LateCounts) => c.lateTasks + c.overdueTasks + c.lateDossiers;
  const byWorst = <T extends LateCounts & { total: number }>(a: T, b: T) =>
    b.total - a.total || b.overdueTasks - a.overdueTasks;
  const officialList: LateOfficial[] = [...officials.values()]
    .map(({ person, counts }) => {
      const unit = unitById.get(person.unitId);
      return {
        username: person.username,
        fullName: person.fullName,
        unitCode: unit?.code ?? '',
        unitName: unit?.name ?? '',
        ...counts,
        total: total(counts),
      };
    })
    .sort((a, b) => byWorst(a, b) || a.username.localeCompare(b.username));
  const unitList: LateUnit[] = [...units.entries()]
    .map(([id, counts]) => ({
      unitCode: unitById.get(id)?.code ?? '',
      unitName: unitById.get(id)?.name ?? '',
      ...counts,
      total: total(counts),
    }))
    .sort((a, b) => byWorst(a, b) || a.unitCode.localeCompare(b.unitCode));
  return { officials: officialList, units: unitList };
}

export function computeMonthlyReport(input: ReportInput): MonthlyReport {
  const { asOf, groups, targets } = input;
  const unitCode = new Map(input.units.map((u) => [u.id, u.code]));
  const taskOutcomes = new Map(input.tasks.map((t) => [t.id, taskOutcome(t, asOf)]));
  const dossierOutcomes = new Map(input.dossiers.map((d) => [d.code, dossierOutcome(d, asOf)]));
  const tasksOf = (rows: ReportTaskRow[]) => taskFigures(rows.map((t) => taskOutcomes.get(t.id)!));
  const dossiersOf = (rows: ReportDossierRow[]) => dossierFigures(rows.map((d) => dossierOutcomes.get(d.code)!));

  const petitions = input.tasks.filter((t) => t.dutyCode === PAKN_DUTY_CODE);
  const paknTotal = tasksOf(petitions);
  const notOnTime: PaknItem[] = petitions
    .filter((t) => ['late', 'overdue'].includes(taskOutcomes.get(t.id)!))
    .map((t) => {
      const doneOn = t.status === 'done' && t.doneAt ? vietnamDateOf(t.doneAt) : null;
      return {
        taskId: t.id,
        code: t.sourceRef,
        title: t.title,
        unitCode: unitCode.get(t.unitId) ?? '',
        assigneeUsername: t.assignee?.username ?? null,
        assigneeName: t.assignee?.fullName ?? null,
        dueDate: t.dueDate,
        doneOn,
        outcome: taskOutcomes.get(t.id)!,
        daysLate: lateDays(t.dueDate, doneOn, asOf),
      };
    });

  const apologies = new Map(input.apologyTasks.map((a) => [a.dossierCode, a]));
  const dossierTotal = dossiersOf(input.dossiers);
  const late: LateDossier[] = input.dossiers
    .filter((d) => ['late', 'open-late'].includes(dossierOutcomes.get(d.code)!))
    .map((d) => {
      const returnedOn = d.returnedAt ? vietnamDateOf(d.returnedAt) : null;
      return {
        code: d.code,
        title: d.title,
        unitCode: unitCode.get(d.unitId) ?? '',
        assigneeUsername: d.assignee?.username ?? null,
        assigneeName: d.assignee?.fullName ?? null,
        dueDate: d.dueDate,
        returnedOn,
        daysLate: lateDays(d.dueDate, returnedOn, asOf),
        ...apologyOf(d, apologies),
      };
    });

  const taskTotal = tasksOf(input.tasks);
  return {
    month: input.month.key,
    from: input.month.first,
    to: input.month.last,
    dataPeriod: input.dataPeriod ?? null,
    asOf,
    scope: input.scope ? { unitCode: input.scope.code, unitName: input.scope.name } : null,
    targets,
    tasks: {
      byUnit: byGroup(groups, input.tasks, (t) => t.unitId, tasksOf),
      total: taskTotal,
      targetMet: met(taskTotal.onTimeRate, targets.tasks),
    },
    pakn: {
      byUnit: byGroup(groups, petitions, (t) => t.unitId, tasksOf),
      total: paknTotal,
      targetMet: met(paknTotal.onTimeRate, targets.pakn),
      notOnTime,
    },
    dossiers: {
      byUnit: byGroup(groups, input.dossiers, (d) => d.unitId, dossiersOf),
      total: dossierTotal,
      targetMet: met(dossierTotal.onTimeRate, targets.dossiers),
      late,
    },
    lateList: {
      publishOn: addDays(reportMonth(input.month.year, input.month.month).last, 5),
      ...lateLists(input, taskOutcomes, dossierOutcomes),
    },
  };
}
