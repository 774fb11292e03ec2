// Loads one month's tasks and dossiers and computes the report (báo cáo tháng).
import type { Store } from '../db/store/store.ts';
import { findApologyTasks, findReportDossiers, findReportTasks, listReportUnits } from '../db/store/report-queries.ts';
import { UserError } from '../domain/errors.ts';
import type { LocalDate } from '../domain/local-date.ts';
import { computeMonthlyReport } from './compute-report.ts';
import { parseReportMonth, type ReportMonth } from './month.ts';
import { dataSpanOf, describeDataSpan } from '../domain/deadlines/data-period.ts';
import { monthPeriod } from '../domain/deadlines/periods.ts';
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
  /** The catalogue's monthly report duty declares its data period (An Giang: 21st → 20th): count that span. */
  dataPeriod?: { dutyCode: string; startDay: number };
}

export async function buildMonthlyReport(db: Store, options: MonthlyReportOptions): Promise<MonthlyReport> {
  const calendarMonth = parseReportMonth(options.month);
  if (!calendarMonth)
    throw new UserError(`Tháng "${options.month}" không hợp lệ (dùng YYYY-MM hoặc MM/yyyy).`, 'BAD_MONTH');
  const { month, dataPeriod } = withDataPeriod(calendarMonth, options.dataPeriod);
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
    ...(dataPeriod ? { dataPeriod } : {}),
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

function withDataPeriod(
  month: ReportMonth,
  declared: MonthlyReportOptions['dataPeriod'],
): { month: ReportMonth; dataPeriod?: string } {
  if (!declared || declared.startDay === 1) return { month };
  const span = dataSpanOf(monthPeriod(month.year, month.month), declared);
  return {
    month: { ...month, first: span.from, last: span.to },
    dataPeriod: `${describeDataSpan(span)} (kỳ số liệu của nhiệm vụ ${declared.dutyCode})`,
  };
}
