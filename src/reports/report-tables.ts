// The report as titled tables, built once: Markdown, CSV and XLSX all render these, so the three
// formats always show the same figures under the same Vietnamese headings.
import type { DossierFigures, MonthlyReport, TaskFigures, UnitRow } from './report-types.ts';
import {
  APOLOGY_LABELS,
  OUTCOME_LABELS,
  formatDate,
  formatPercent,
  monthLabel,
  targetVerdict,
} from './report-format.ts';

export type CellKind = 'text' | 'count' | 'percent';
export type Cell = string | number | null;

export interface Column {
  header: string;
  kind: CellKind;
  /** xlsx column width, in characters */
  width: number;
}

export interface ReportTable {
  title: string;
  columns: Column[];
  rows: Cell[][];
  /** the "Tổng cộng" row, when adding up makes sense */
  total?: Cell[];
}

export interface ReportSection {
  /** xlsx sheet name (≤ 31 characters) */
  sheet: string;
  heading: string;
  notes: string[];
  tables: ReportTable[];
}

const text = (header: string, width = 14): Column => ({ header, kind: 'text', width });
const count = (header: string, width = 12): Column => ({ header, kind: 'count', width });
const percent = (header: string): Column => ({ header, kind: 'percent', width: 12 });

export function reportTitle(report: MonthlyReport): string {
  return `Báo cáo kết quả thực hiện nhiệm vụ KSTTHC tháng ${monthLabel(report.month)}`;
}

export function reportSubtitle(report: MonthlyReport): string {
  const scope = report.scope
    ? `${report.scope.unitName} (${report.scope.unitCode}) và các đơn vị trực thuộc`
    : 'Tất cả đơn vị';
  const span = report.dataPeriod ? `${report.dataPeriod}; ` : '';
  return `${scope}; ${span}số liệu tính đến ngày ${formatDate(report.asOf)}.`;
}

function unitLabel(row: UnitRow<unknown>): string {
  return row.includesSubUnits ? `${row.unitName} (gồm đơn vị trực thuộc)` : row.unitName;
}

const TASK_COLUMNS = [
  text('Mã đơn vị', 12),
  text('Đơn vị', 36),
  count('Đến hạn trong tháng'),
  count('Đúng hạn'),
  count('Xong quá hạn'),
  count('Quá hạn, chưa xong'),
  count('Chưa đến hạn'),
  percent('Tỷ lệ đúng hạn'),
];

function taskCells(f: TaskFigures): Cell[] {
  return [f.due, f.onTime, f.late, f.overdue, f.pending, f.onTimeRate];
}

function dossierCells(f: DossierFigures): Cell[] {
  return [f.due, f.onTime, f.late, f.openLate, f.pending, f.onTimeRate];
}

function taskTable(title: string, byUnit: UnitRow<TaskFigures>[], total: TaskFigures): ReportTable {
  return {
    title,
    columns: TASK_COLUMNS,
    rows: byUnit.map((row) => [row.unitCode, unitLabel(row), ...taskCells(row.figures)]),
    total: ['', 'Tổng cộng', ...taskCells(total)],
  };
}

function summarySection(report: MonthlyReport): ReportSection {
  const { total } = report.tasks;
  return {
    sheet: 'Tổng hợp',
    heading: 'Tổng hợp việc đến hạn trong tháng',
    notes: [
      `Tỷ lệ việc hoàn thành đúng hạn: ${formatPercent(total.onTimeRate)} (chỉ tiêu ${formatPercent(report.targets.tasks)}): ${targetVerdict(report.tasks.targetMet)}.`,
      'Tỷ lệ đúng hạn = đúng hạn / (đúng hạn + xong quá hạn + quá hạn chưa xong); việc chưa đến hạn và việc đã huỷ không tính.',
    ],
    tables: [taskTable('Việc theo đơn vị', report.tasks.byUnit, total)],
  };
}

function paknSection(report: MonthlyReport): ReportSection {
  const { pakn } = report;
  return {
    sheet: 'PAKN',
    heading: 'Trả lời phản ánh, kiến nghị (PAKN)',
    notes: [
      `Tỷ lệ PAKN trả lời đúng hạn: ${formatPercent(pakn.total.onTimeRate)} (chỉ tiêu ${formatPercent(report.targets.pakn)}): ${targetVerdict(pakn.targetMet)}.`,
    ],
    tables: [
      taskTable('PAKN theo đơn vị', pakn.byUnit, pakn.total),
      {
        title: 'PAKN không trả lời đúng hạn',
        columns: [
          text('Mã PAKN'),
          text('Nội dung', 40),
          text('Đơn vị', 12),
          text('Cán bộ xử lý', 24),
          text('Hạn trả lời', 12),
          text('Ngày trả lời', 12),
          count('Số ngày quá hạn'),
          text('Tình trạng', 20),
        ],
        rows: pakn.notOnTime.map((p) => [
          p.code ?? `#${p.taskId}`,
          p.title,
          p.unitCode,
          p.assigneeName ?? '',
          formatDate(p.dueDate),
          formatDate(p.doneOn),
          p.daysLate,
          OUTCOME_LABELS[p.outcome],
        ]),
      },
    ],
  };
}

function dossierSection(report: MonthlyReport): ReportSection {
  const { dossiers } = report;
  return {
    sheet: 'Hồ sơ',
    heading: 'Hồ sơ thủ tục hành chính có hẹn trả trong tháng',
    notes: [
      `Tỷ lệ hồ sơ trả đúng hạn: ${formatPercent(dossiers.total.onTimeRate)} (chỉ tiêu ${formatPercent(report.targets.dossiers)}): ${targetVerdict(dossiers.targetMet)}.`,
      `Hồ sơ quá hạn: ${dossiers.late.length}; đã gửi phiếu xin lỗi: ${dossiers.late.filter((d) => d.apologyDone).length}.`,
    ],
    tables: [
      {
        title: 'Hồ sơ theo đơn vị',
        columns: [
          text('Mã đơn vị', 12),
          text('Đơn vị', 36),
          count('Hẹn trả trong tháng'),
          count('Trả đúng hạn'),
          count('Trả quá hạn'),
          count('Chưa trả, đã quá hạn'),
          count('Chưa đến hạn'),
          percent('Tỷ lệ đúng hạn'),
        ],
        rows: dossiers.byUnit.map((row) => [row.unitCode, unitLabel(row), ...dossierCells(row.figures)]),
        total: ['', 'Tổng cộng', ...dossierCells(dossiers.total)],
      },
      {
        title: 'Hồ sơ quá hạn và phiếu xin lỗi',
        columns: [
          text('Mã hồ sơ'),
          text('Tên hồ sơ', 32),
          text('Đơn vị', 12),
          text('Cán bộ xử lý', 24),
          text('Hẹn trả', 12),
          text('Ngày trả', 12),
          count('Số ngày quá hạn'),
          text('Phiếu xin lỗi', 26),
        ],
        rows: dossiers.late.map((d) => [
          d.code,
          d.title ?? '',
          d.unitCode,
          d.assigneeName ?? '',
          formatDate(d.dueDate),
          formatDate(d.returnedOn) || 'Chưa trả',
          d.daysLate,
          APOLOGY_LABELS[d.apologyStatus],
        ]),
      },
    ],
  };
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function lateListSection(report: MonthlyReport): ReportSection {
  const { officials, units } = report.lateList;
  const counts = [count('Việc xong quá hạn'), count('Việc quá hạn, chưa xong'), count('Hồ sơ quá hạn'), count('Tổng')];
  const totals = (rows: { lateTasks: number; overdueTasks: number; lateDossiers: number; total: number }[]): Cell[] => [
    sum(rows.map((r) => r.lateTasks)),
    sum(rows.map((r) => r.overdueTasks)),
    sum(rows.map((r) => r.lateDossiers)),
    sum(rows.map((r) => r.total)),
  ];
  return {
    sheet: 'Danh sách quá hạn',
    heading: `Danh sách đơn vị, cá nhân quá hạn (công khai ngày ${formatDate(report.lateList.publishOn)})`,
    notes: officials.length + units.length === 0 ? ['Không có đơn vị, cá nhân quá hạn trong tháng.'] : [],
    tables: [
      {
        title: 'Cá nhân',
        columns: [count('STT', 6), text('Họ và tên', 26), text('Tên đăng nhập', 16), text('Đơn vị', 30), ...counts],
        rows: officials.map((o, i) => [
          i + 1,
          o.fullName,
          o.username,
          o.unitName,
          o.lateTasks,
          o.overdueTasks,
          o.lateDossiers,
          o.total,
        ]),
        total: ['', 'Tổng cộng', '', '', ...totals(officials)],
      },
      {
        title: 'Đơn vị',
        columns: [count('STT', 6), text('Mã đơn vị', 12), text('Đơn vị', 36), ...counts],
        rows: units.map((u, i) => [
          i + 1,
          u.unitCode,
          u.unitName,
          u.lateTasks,
          u.overdueTasks,
          u.lateDossiers,
          u.total,
        ]),
        total: ['', '', 'Tổng cộng', ...totals(units)],
      },
    ],
  };
}

export function reportSections(report: MonthlyReport): ReportSection[] {
  return [summarySection(report), paknSection(report), dossierSection(report), lateListSection(report)];
}

/** A cell as text (Markdown, CSV): percentages with a decimal comma. */
export function cellText(cell: Cell, kind: CellKind): string {
  if (cell === null) return kind === 'percent' ? formatPercent(null) : '';
  if (kind === 'percent' && typeof cell === 'number') return formatPercent(cell);
  return String(cell);
}
