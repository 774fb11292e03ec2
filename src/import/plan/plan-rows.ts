// The rows of a plan's appendix table, classified: section headings ("I. CÔNG TÁC CHỈ ĐẠO…",
// "1 Thực hiện công bố…"), duties with their deadline phrase, and rows that make no sense alone
// (a cell split across a page break), each refused with the reason.
import { createHash } from 'node:crypto';
import { cellOf, type ColumnAliases } from '../columns.ts';
import { foldWords, tidyText } from '../fold-text.ts';
import type { TableRow } from '../table-reader.ts';
import { parseDeadlinePhrase, type DeadlinePhrase } from './deadline-phrase.ts';

export type PlanField = 'stt' | 'content' | 'owner' | 'partners' | 'result' | 'deadline' | 'note';

export const PLAN_COLUMNS: ColumnAliases<PlanField> = [
  ['stt', ['stt', 'so tt', 'so thu tu', 'tt']],
  ['owner', ['chu tri']],
  ['partners', ['phoi hop']],
  ['deadline', ['thoi gian', 'thoi han', 'han hoan thanh', 'tien do', 'thoi diem']],
  ['result', ['ket qua', 'san pham']],
  ['note', ['ghi chu']],
  ['content', ['noi dung', 'nhiem vu', 'cong viec', 'ten']],
];

export const REQUIRED_PLAN_COLUMNS: readonly PlanField[] = ['content', 'owner', 'deadline'];

export interface PlanDutyRow {
  kind: 'duty';
  rowNumber: number;
  /** "II.1.a": section, item and sub-item, as the plan numbers them; '' when the row has no STT. */
  path: string;
  /** Stable within the plan: the path, or a content hash when the path is missing or repeated. */
  key: string;
  section: string;
  title: string;
  owner: string;
  partners: string;
  result: string;
  note: string;
  deadlineText: string;
  phrase: DeadlinePhrase;
}

export type PlanRow =
  | { kind: 'heading'; rowNumber: number; text: string }
  | PlanDutyRow
  | { kind: 'refused'; rowNumber: number; path: string; reason: string };

const ROMAN = /^[IVX]+\.?$/;
const NUMBER = /^\d+(?:\.\d+)*\.?$/;
const LETTER = /^[a-zđ]\)?\.?$/;

/** Cells up to the last one with text: trailing empty cells are not columns. */
function widthOf(cells: readonly string[]): number {
  let width = cells.length;
  while (width > 0 && !cells[width - 1]!.trim()) width--;
  return width;
}

/**
 * `header`: the header row's cells. A row with text beyond the header's last column was shifted
 * (in a CSV, usually a comma in a cell without quotes): refused, saying so, never read askew.
 */
export function parsePlanRows(
  rows: TableRow[],
  columns: Partial<Record<PlanField, number>>,
  header: readonly string[] = [],
): PlanRow[] {
  const numbering = { section: '', item: '', sub: '', sectionTitle: '' };
  const result: PlanRow[] = [];
  const headerWidth = widthOf(header);
  const headerNames = header
    .slice(0, headerWidth)
    .map((name) => name.replace(/\s+/g, ' ').trim())
    .join(' | ');
  for (const row of rows) {
    const cell = (field: PlanField) => cellOf(row, columns, field);
    if (row.cells.every((text) => !text.trim())) continue;
    if (headerWidth > 0 && widthOf(row.cells) > headerWidth) {
      result.push({
        kind: 'refused',
        rowNumber: row.rowNumber,
        path: cell('stt').replace(/\s+/g, ''),
        reason:
          `dòng có ${widthOf(row.cells)} cột, dòng tiêu đề có ${headerWidth} cột (${headerNames}): các ô bị lệch cột — ` +
          'thường do dấu phẩy trong một ô không đặt trong ngoặc kép; sửa tệp rồi nhập lại',
      });
      continue;
    }
    const stt = cell('stt').replace(/\s+/g, '');
    const content = tidyText(cell('content'));
    const owner = cell('owner');
    const deadlineText = tidyText(cell('deadline'));
    const partners = tidyText(cell('partners'));
    const resultText = tidyText(cell('result'));

    if (ROMAN.test(stt))
      Object.assign(numbering, { section: stt.replace('.', ''), item: '', sub: '', sectionTitle: content });
    else if (NUMBER.test(stt)) Object.assign(numbering, { item: stt.replace(/\.$/, ''), sub: '' });
    else if (LETTER.test(stt)) numbering.sub = stt.replace(/[.)]/g, '');
    const path = pathOf(stt, numbering);

    if (!owner && !deadlineText) {
      if (!partners && !resultText) {
        result.push({ kind: 'heading', rowNumber: row.rowNumber, text: content || stt });
        continue;
      }
      result.push({
        kind: 'refused',
        rowNumber: row.rowNumber,
        path,
        reason: 'thiếu cơ quan chủ trì và thời hạn (có thể là phần tiếp của dòng trên bị tách trang)',
      });
      continue;
    }
    if (!content) {
      result.push({ kind: 'refused', rowNumber: row.rowNumber, path, reason: 'không có nội dung công việc' });
      continue;
    }
    result.push({
      kind: 'duty',
      rowNumber: row.rowNumber,
      path,
      key: path,
      section: numbering.sectionTitle,
      title: content,
      owner,
      partners,
      result: resultText,
      note: tidyText(cell('note')),
      deadlineText,
      phrase: parseDeadlinePhrase(cell('deadline')),
    });
  }
  return withStableKeys(result);
}

/** "I" for a section row, "I.2.a" below it, "" for a row without a number. */
function pathOf(stt: string, numbering: { section: string; item: string; sub: string }): string {
  if (ROMAN.test(stt)) return numbering.section;
  if (!stt) return '';
  return [numbering.section, numbering.item, numbering.sub].filter(Boolean).join('.');
}

/** A missing or repeated STT would give two rows one key: those rows are keyed by their content. */
function withStableKeys(rows: PlanRow[]): PlanRow[] {
  const counts = new Map<string, number>();
  for (const row of rows) if (row.kind === 'duty') counts.set(row.path, (counts.get(row.path) ?? 0) + 1);
  return rows.map((row) => {
    if (row.kind !== 'duty' || (row.path && counts.get(row.path) === 1)) return row;
    const digest = createHash('sha256')
      .update(foldWords(`${row.title}|${row.owner}|${row.deadlineText}`))
      .digest('hex')
      .slice(0, 10);
    return { ...row, key: `${row.path || 'h'}~${digest}` };
  });
}
