// Loads one month's tasks and dossiers and computes the report (báo cáo tháng).
import type { Store } from '../db/store/store.ts';
import { findApologyTasks, findReportDossiers, findReportTasks, listReportUnits } from '../db/store/report-queries.ts';
import { UserError } from '../domain/errors.ts';
import type { LocalDate } from '../domain/local-date.ts';
import { computeMonthlyReport } from './compute-report.ts';
import { parseReportMonth } from './month.ts';
import { reportGroups, subtreeOf } from './report-groups.ts';
import { DEFAULT_TARGETS, type MonthlyReport, type ReportTargets } from './report-types.ts';

export interface MonthlyReportOptions {
  /** `YYYY-MM` or `MM/yyyy` */
  month: string;
  /** limit to this unit and its sub-units (rolled up per direct sub-unit) */
  unitCode?: string;
  /** the Vietnam date open tasks are judged against (overdue when due before it) */
  today: LocalDate;
  targets?: Partial<ReportTargets>;
}

export async function buildMonthlyReport(db: Store, options: MonthlyReportOptions): Promise<MonthlyReport> {
  const month = parseReportMonth(options.month);
  if (!month) throw new UserError(`Tháng "${options.month}" không hợp lệ (dùng YYYY-MM hoặc MM/yyyy).`, 'BAD_MONTH');
  const units = await listReportUnits(db);
  const scope = options.unitCode === undefined ? undefined : units.find((u) => u.code === options.unitCode);
  if (options.unitCode !== undefined && !scope)
    throw new UserError(`Không có đơn vị mã "${options.unitCode}".`, 'UNIT_NOT_FOUND');
  const unitIds = (scope ? subtreeOf(units, scope) : units).map((u) => u.id);
  const range = { from: month.first, to: month.last, unitIds };
  const [tasks, dossiers] = await Promise.all([findReportTasks(db, range), findReportDossiers(db, range)]);
  const apologyTasks = await findApologyTasks(
    db,
    dossiers.map((d) => d.code),
  );
  return computeMonthlyReport({
    month,
    asOf: options.today,
    scope,
    targets: { ...DEFAULT_TARGETS, ...options.targets },
    units,
    groups: reportGroups(units, scope),
    tasks,
    dossiers,
    apologyTasks,
  });
}
