// Tasks as a spreadsheet (xuất danh sách việc): Vietnamese headers, dates dd/MM/yyyy, the state
// as of today; CSV in UTF-8 with a BOM so Excel shows the diacritics.
import { stringify } from 'csv-stringify/sync';
import { daysBetween, vietnamDateOf, type LocalDate } from '../domain/local-date.ts';
import type { Task } from '../domain/model.ts';
import { awaitsReconciliation, isOneStopTask } from '../domain/one-stop.ts';
import { formatDate } from './report-format.ts';
import { UTF8_BOM } from './render-csv.ts';
import type { Cell, Column, ReportTable } from './report-tables.ts';
import { safeCell, safeText } from './safe-cell.ts';
import { fillSheet } from './xlsx-sheet.ts';

const text = (header: string, width: number): Column => ({ header, kind: 'text', width });

export const TASK_EXPORT_COLUMNS: Column[] = [
  { header: 'Số hiệu', kind: 'count', width: 9 },
  text('Nội dung', 44),
  text('Mã nhiệm vụ', 16),
  text('Mã đơn vị', 11),
  text('Đơn vị', 28),
  text('Tên đăng nhập', 14),
  text('Cán bộ được giao', 24),
  text('Kỳ', 10),
  text('Mã nguồn', 14),
  text('Hạn', 12),
  text('Trạng thái', 20),
  text('Ngày xong', 12),
  text('Kết quả', 16),
  text('Ghi chú', 30),
  text('Đối chiếu một cửa', 16),
];

function state(task: Task, today: LocalDate): string {
  if (task.status === 'done') return 'Đã xong';
  if (task.status === 'cancelled') return 'Đã huỷ';
  const late = daysBetween(task.dueDate, today);
  return late > 0 ? `Quá hạn ${late} ngày` : 'Đang làm';
}

function outcome(task: Task): string {
  if (task.status !== 'done' || !task.doneAt) return '';
  const late = daysBetween(task.dueDate, vietnamDateOf(task.doneAt));
  return late > 0 ? `Trễ ${late} ngày` : 'Đúng hạn';
}

/** PAKN and dossier tasks: whether an import of the one-stop export confirmed them. */
function reconciliation(task: Task): string {
  if (!isOneStopTask(task)) return '';
  return awaitsReconciliation(task) ? 'Chưa đối chiếu' : 'Đã đối chiếu';
}

export function taskExportRows(tasks: Task[], unitNames: Map<string, string>, today: LocalDate): Cell[][] {
  return tasks.map((task) => [
    task.id,
    task.title,
    task.dutyCode ?? '',
    task.unitCode,
    unitNames.get(task.unitCode) ?? '',
    task.assigneeUsername ?? '',
    task.assigneeName ?? '',
    task.periodKey ?? '',
    task.sourceRef ?? '',
    formatDate(task.dueDate),
    state(task, today),
    task.doneAt ? formatDate(vietnamDateOf(task.doneAt)) : '',
    outcome(task),
    task.note ?? '',
    reconciliation(task),
  ]);
}

export function renderTaskCsv(rows: Cell[][]): string {
  return (
    UTF8_BOM +
    stringify(
      [
        TASK_EXPORT_COLUMNS.map((c) => safeText(c.header)),
        ...rows.map((r) => r.map((c) => (c === null ? '' : String(safeCell(c))))),
      ],
      { record_delimiter: '\r\n' },
    )
  );
}

export async function renderTaskXlsx(rows: Cell[][], heading: string): Promise<Buffer> {
  // Loaded here, not at start-up (see render-xlsx.ts).
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'nhacviec';
  const table: ReportTable = { title: `Số việc: ${rows.length}`, columns: TASK_EXPORT_COLUMNS, rows };
  fillSheet(workbook.addWorksheet('Danh sách việc'), {
    title: 'Danh sách việc',
    subtitle: heading,
    notes: [],
    tables: [table],
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
