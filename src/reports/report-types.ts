// The monthly report as plain data: what `report --json` prints and every renderer reads.
// Rates are fractions (0…1), null when nothing was decided yet (nothing due, or all not yet due).
import type { LocalDate } from '../domain/local-date.ts';

/** Tasks due in the month, as of the report's `asOf` date. */
export interface TaskFigures {
  due: number;
  /** done on or before the due date (Vietnam date of doneAt) */
  onTime: number;
  /** done after the due date */
  late: number;
  /** still open, due date before asOf */
  overdue: number;
  /** still open, not yet due (due date on or after asOf) */
  pending: number;
  /** onTime / (onTime + late + overdue) */
  onTimeRate: number | null;
}

/** Dossiers (hồ sơ) whose promised date falls in the month. */
export interface DossierFigures {
  due: number;
  onTime: number;
  late: number;
  /** still processing, promised date before asOf */
  openLate: number;
  /** still processing, not yet due */
  pending: number;
  /** onTime / (onTime + late + openLate) */
  onTimeRate: number | null;
}

export interface UnitRow<F> {
  unitCode: string;
  unitName: string;
  /** true when the row adds up the unit's sub-units too (report for one --unit) */
  includesSubUnits: boolean;
  figures: F;
}

export type TaskOutcome = 'on-time' | 'late' | 'overdue' | 'pending';

export interface PaknItem {
  taskId: number;
  code: string | null;
  title: string;
  unitCode: string;
  assigneeUsername: string | null;
  assigneeName: string | null;
  dueDate: LocalDate;
  doneOn: LocalDate | null;
  outcome: TaskOutcome;
  /** days after the due date it was answered, or has been open (as of asOf); 0 on time */
  daysLate: number;
}

export type ApologyStatus = 'done' | 'open' | 'cancelled' | 'missing';

export interface LateDossier {
  code: string;
  title: string | null;
  unitCode: string;
  assigneeUsername: string | null;
  assigneeName: string | null;
  dueDate: LocalDate;
  /** Vietnam date it was returned; null while still processing */
  returnedOn: LocalDate | null;
  daysLate: number;
  apologyTaskId: number | null;
  apologyStatus: ApologyStatus;
  /** true only when the apology-letter task was done (thư xin lỗi đã gửi) */
  apologyDone: boolean;
  apologyDoneOn: LocalDate | null;
}

export interface LateOfficial {
  username: string;
  fullName: string;
  unitCode: string;
  unitName: string;
  /** tasks due in the month done after their due date */
  lateTasks: number;
  /** tasks due in the month still open past their due date */
  overdueTasks: number;
  /** dossiers due in the month returned late or still processing past their date */
  lateDossiers: number;
  total: number;
}

export interface LateUnit {
  unitCode: string;
  unitName: string;
  lateTasks: number;
  overdueTasks: number;
  lateDossiers: number;
  total: number;
}

export interface ReportTargets {
  /** on-time rate of all tasks; the chart's target line */
  tasks: number;
  /** PAKN answered on time: 100 % */
  pakn: number;
  /** dossiers returned on time: ≥ 99 % */
  dossiers: number;
}

export interface MonthlyReport {
  /** `YYYY-MM` */
  month: string;
  from: LocalDate;
  to: LocalDate;
  /** "số liệu từ 21/11 đến 20/12/2026 (kỳ số liệu của nhiệm vụ bao-cao-thang)"; null = the calendar month */
  dataPeriod: string | null;
  /** the Vietnam date "overdue" is judged against */
  asOf: LocalDate;
  /** null = every unit */
  scope: { unitCode: string; unitName: string } | null;
  targets: ReportTargets;
  tasks: { byUnit: UnitRow<TaskFigures>[]; total: TaskFigures; targetMet: boolean | null };
  pakn: { byUnit: UnitRow<TaskFigures>[]; total: TaskFigures; targetMet: boolean | null; notOnTime: PaknItem[] };
  dossiers: {
    byUnit: UnitRow<DossierFigures>[];
    total: DossierFigures;
    targetMet: boolean | null;
    late: LateDossier[];
  };
  /** for the public list of the 5th of the next month (công khai danh sách trễ hạn) */
  lateList: { publishOn: LocalDate; officials: LateOfficial[]; units: LateUnit[] };
}

export const DEFAULT_TARGETS: ReportTargets = { tasks: 1, pakn: 1, dossiers: 0.99 };
