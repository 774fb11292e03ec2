// The rows of a one-stop system export (petitions or dossiers), validated before anything is
// written: each row becomes a RegisterRow or a refusal with its row number and reason.
import { basename } from 'node:path';
import { cellOf, locateColumns, type ColumnAliases } from '../columns.ts';
import { controlCharacters, showControlCharacters } from '../control-characters.ts';
import { tidyText } from '../fold-text.ts';
import { ImportFileError } from '../import-file-error.ts';
import type { TableRow } from '../table-reader.ts';
import { dateRangeMessage, parseLocalDate, type LocalDate } from '../../domain/local-date.ts';
import type { AssigneeResolver } from './assignee-resolver.ts';
import { classifyProgress, type Progress } from './progress-status.ts';

type Field = 'code' | 'received' | 'due' | 'finishedOn' | 'assignee' | 'unit' | 'status' | 'title';

const COLUMNS: ColumnAliases<Field> = [
  ['code', ['ma ho so', 'ma pakn', 'ma phan anh', 'so ho so', 'ma so', 'ma']],
  [
    'finishedOn',
    ['ngay tra ket qua', 'ngay tra loi', 'ngay tra', 'ngay hoan thanh', 'ngay xu ly xong', 'ngay ket thuc'],
  ],
  ['due', ['ngay hen tra', 'han xu ly', 'han giai quyet', 'han tra loi', 'ngay hen', 'han']],
  ['received', ['ngay tiep nhan', 'ngay nhan', 'ngay gui', 'ngay nop']],
  ['assignee', ['can bo xu ly', 'nguoi xu ly', 'can bo', 'chuyen vien', 'nguoi thu ly', 'nguoi phu trach']],
  ['unit', ['don vi', 'phong ban', 'co quan xu ly']],
  ['status', ['trang thai', 'tinh trang']],
  ['title', ['ten ho so', 'thu tuc', 'noi dung', 'trich yeu', 'tom tat', 'ten']],
];

const CODE = /^\S{1,64}$/;

export interface RegisterRow {
  rowNumber: number;
  code: string;
  received?: LocalDate;
  due?: LocalDate;
  progress: Progress;
  finishedOn?: LocalDate;
  assigneeUsername: string;
  title?: string;
}

export interface RegisterRefusal {
  row: number;
  code: string;
  reason: string;
}

/** The status column when filled in; left empty, a return/answer date still says it is finished. */
function progressOf(status: string, hasFinishedDate: boolean): Progress | undefined {
  if (status) return classifyProgress(status);
  return hasFinishedDate ? 'finished' : 'pending';
}

/** A date cell: "14/02/2025", "14/02/2025 08:30", "2025-02-14" (Excel dates arrive as the latter). */
function dateCell(text: string): LocalDate | undefined | { bad: string } {
  if (!text) return undefined;
  const token = /\d{4}-\d{2}-\d{2}|\d{1,2}\/\d{1,2}\/\d{4}/.exec(text)?.[0];
  const date = token && parseLocalDate(token);
  if (date) return date;
  return { bad: (token && dateRangeMessage(token)) || `ngày "${text}" không hợp lệ (dùng dd/MM/yyyy)` };
}

export function parseRegisterRows(
  file: string,
  rows: TableRow[],
  requiredDate: 'received' | 'due',
  resolver: AssigneeResolver,
): { rows: RegisterRow[]; refused: RegisterRefusal[] } {
  const layout = locateColumns(rows, COLUMNS, ['code', requiredDate]);
  if (!layout) {
    const wanted = requiredDate === 'received' ? '"Ngày tiếp nhận"' : '"Ngày hẹn trả"';
    throw new ImportFileError(basename(file), undefined, `không tìm thấy dòng tiêu đề có cột "Mã hồ sơ" và ${wanted}`);
  }
  const result: RegisterRow[] = [];
  const refused: RegisterRefusal[] = [];
  const seen = new Map<string, number>();
  for (const row of rows.slice(layout.dataStart)) {
    if (row.cells.every((cell) => !cell.trim())) continue;
    const cell = (field: Field) => cellOf(row, layout.columns, field);
    const code = cell('code');
    const refuse = (reason: string) => refused.push({ row: row.rowNumber, code: showControlCharacters(code), reason });
    const controls = controlCharacters(code);
    if (controls.length > 0) {
      refuse(
        `mã "${showControlCharacters(code)}" chứa ký tự điều khiển hoặc ký tự đổi chiều chữ (${controls.join(', ')}): sửa ô mã trong tệp`,
      );
      continue;
    }
    if (!CODE.test(code)) {
      refuse(code ? `mã "${code}" có khoảng trắng hoặc dài quá 64 ký tự` : 'không có mã');
      continue;
    }
    if (seen.has(code)) {
      refuse(`mã ${code} đã có ở dòng ${seen.get(code)}`);
      continue;
    }
    seen.set(code, row.rowNumber);
    const dates = {
      received: dateCell(cell('received')),
      due: dateCell(cell('due')),
      finishedOn: dateCell(cell('finishedOn')),
    };
    const badDate = Object.values(dates).find((value) => typeof value === 'object');
    if (badDate) {
      refuse(badDate.bad);
      continue;
    }
    if (!dates[requiredDate]) {
      refuse(requiredDate === 'received' ? 'thiếu ngày tiếp nhận' : 'thiếu ngày hẹn trả');
      continue;
    }
    const progress = progressOf(cell('status'), dates.finishedOn !== undefined);
    if (!progress) {
      refuse(`không hiểu trạng thái "${cell('status')}"`);
      continue;
    }
    const assignee = resolver.resolve(cell('assignee'), cell('unit'));
    if ('problem' in assignee) {
      refuse(assignee.problem);
      continue;
    }
    const title = tidyText(cell('title'));
    result.push({
      rowNumber: row.rowNumber,
      code,
      received: dates.received as LocalDate | undefined,
      due: dates.due as LocalDate | undefined,
      finishedOn: dates.finishedOn as LocalDate | undefined,
      progress,
      assigneeUsername: assignee.username,
      ...(title ? { title } : {}),
    });
  }
  return { rows: result, refused };
}
