// A table rebuilt from where a PDF's words sit, for PDFs with a text layer (a plan exported from
// Word, or printed to PDF). A PDF has no table, only words at positions (and drawn lines), so:
// 1. The header is the first block of up to five lines whose words, grouped into cells by their
//    horizontal overlap, name the required columns. A label spanning two cells ("Phân công thực
//    hiện" over "Chủ trì | Phối hợp") is set aside so it does not glue them together.
// 2. The border between two header cells is where, between their labels, the fewest words below
//    the header cross: the gap the cell borders leave in every row.
// 3. Each word below goes to the column its left edge falls in.
// 4. Rows: on a page that draws row borders across the content column, each band between two
//    borders is a row, and a cell merged down goes to every row it spans (pdf-ruled-rows.ts) —
//    right whether cells are top-aligned or centred vertically. On a page without borders, a line
//    with a number ("STT"), or after a blank gap (1.75 lines and more), starts a new row and the
//    lines under it belong to that row.
// A header repeated at the top of each page, and a page number alone on its line, are skipped.
// Known limits, borderless tables only: cells centred vertically put the STT below the row's first
// lines, so those lines join the previous row; a cell whose paragraphs are spaced 1.75 lines apart
// or more is split into two rows.
import { locateColumns, type ColumnAliases } from '../columns.ts';
import { foldWords } from '../fold-text.ts';
import type { ImportSource, TableRow } from '../table-reader.ts';
import type { HorizontalRule } from './pdf-rules.ts';
import { lineCells, ruledPageRows, type RowCells, type TableGeometry } from './pdf-ruled-rows.ts';
import { readPdfLines, type TextItem, type TextLine } from './pdf-text.ts';

const MAX_HEADER_LINES = 5;

interface HeaderCell {
  left: number;
  right: number;
  text: string;
}

export async function readPdfTable<F extends string>(
  source: ImportSource,
  aliases: ColumnAliases<F>,
  required: readonly F[],
): Promise<{ columns: Partial<Record<F, number>>; rows: TableRow[] } | undefined> {
  const { lines, rules } = await readPdfLines(source);
  const header = findHeader(lines, aliases, required);
  if (!header) return undefined;
  const headerTexts = new Set(header.lines.map(lineKey));
  const body = lines
    .slice(header.end)
    .filter((line) => !headerTexts.has(lineKey(line)))
    .filter((line, index, all) => !isPageNumber(line, all[index - 1], all[index + 1]));
  const borders = columnBorders(header.cells, body);
  const columnOf = (item: TextItem) => borders.filter((border) => item.left + 0.5 >= border).length;
  const table: TableGeometry = {
    width: header.cells.length,
    columnOf,
    columnMiddles: header.cells.map((cell) => (cell.left + cell.right) / 2),
    contentColumn: header.columns['content' as F] ?? 0,
    sttColumn: header.columns['stt' as F],
    requiredColumns: required
      .filter((field) => field !== 'content')
      .map((field) => header.columns[field])
      .filter((column) => column !== undefined),
  };
  const rows = groupRows(body, rules, table);
  return { columns: header.columns, rows: rows.map((cells, index) => ({ rowNumber: index + 2, cells })) };
}

function lineKey(line: TextLine): string {
  return foldWords(line.items.map((item) => item.text).join(' '));
}

function findHeader<F extends string>(lines: TextLine[], aliases: ColumnAliases<F>, required: readonly F[]) {
  for (let start = 0; start < lines.length; start++) {
    let best: { end: number; cells: HeaderCell[]; columns: Partial<Record<F, number>> } | undefined;
    for (let end = start + 1; end <= Math.min(lines.length, start + MAX_HEADER_LINES); end++) {
      if (lines[end - 1]!.page !== lines[start]!.page) break;
      const cells = headerCells(lines.slice(start, end).flatMap((line) => line.items));
      const layout = locateColumns([{ rowNumber: 1, cells: cells.map((cell) => cell.text) }], aliases, required);
      if (layout && (!best || Object.keys(layout.columns).length > Object.keys(best.columns).length))
        best = { end, cells, columns: layout.columns };
    }
    if (best) return { ...best, lines: lines.slice(start, best.end) };
  }
  return undefined;
}

const overlaps = (a: { left: number; right: number }, b: { left: number; right: number }) =>
  a.left < b.right - 1 && b.left < a.right - 1;

/** Header words grouped into cells by horizontal overlap, labels spanning two cells set aside. */
function headerCells(items: TextItem[]): HeaderCell[] {
  const spanning = (item: TextItem) => {
    const below = items.filter((other) => other !== item && other.top > item.top && overlaps(item, other));
    return below.some((a) => below.some((b) => a !== b && !overlaps(a, b)));
  };
  const cells: { left: number; right: number; items: TextItem[] }[] = [];
  for (const item of items.filter((item) => !spanning(item))) {
    const touching = cells.filter((cell) => overlaps(cell, item));
    const merged = {
      left: Math.min(item.left, ...touching.map((cell) => cell.left)),
      right: Math.max(item.right, ...touching.map((cell) => cell.right)),
      items: [item, ...touching.flatMap((cell) => cell.items)],
    };
    for (const cell of touching) cells.splice(cells.indexOf(cell), 1);
    cells.push(merged);
  }
  return cells
    .sort((a, b) => a.left - b.left)
    .map((cell) => ({
      left: cell.left,
      right: cell.right,
      text: cell.items
        .sort((a, b) => a.top - b.top || a.left - b.left)
        .map((item) => item.text.trim())
        .join(' '),
    }));
}

/** Between each pair of neighbouring header cells, the x crossed by the fewest words below. */
function columnBorders(cells: HeaderCell[], body: TextLine[]): number[] {
  const items = body.flatMap((line) => line.items);
  return cells.slice(1).map((cell, index) => {
    const from = cells[index]!.right;
    const to = cell.left;
    if (to <= from) return (from + to) / 2;
    let best = { count: Infinity, start: from, end: from };
    for (let x = from; x <= to; x += 0.5) {
      const count = items.filter((item) => item.left + 0.5 < x && item.right - 0.5 > x).length;
      if (count < best.count) best = { count, start: x, end: x };
      else if (count === best.count && best.end === x - 0.5) best.end = x;
    }
    return (best.start + best.end) / 2;
  });
}

/** A number alone on the first or last line of a page, away from the lines next to it. */
function isPageNumber(line: TextLine, previous: TextLine | undefined, next: TextLine | undefined): boolean {
  if (line.items.length !== 1 || !/^\s*-?\s*\d{1,3}\s*-?\s*$/.test(line.items[0]!.text)) return false;
  return !previous || previous.page !== line.page || !next || next.page !== line.page;
}

/** Page by page: from the drawn row borders when the page has them, else from word positions. */
function groupRows(body: TextLine[], rules: HorizontalRule[], table: TableGeometry): string[][] {
  const rows: RowCells[] = [];
  const lineGap = medianGap(body);
  for (const page of [...new Set(body.map((line) => line.page))]) {
    const lines = body.filter((line) => line.page === page);
    const pageRules = rules.filter((rule) => rule.page === page);
    const ruled = ruledPageRows(lines, pageRules, table, rows.at(-1));
    if (ruled) rows.push(...ruled);
    else groupRowsByWords(lines, rows, table, lineGap);
  }
  return rows.map((row) => row.map((lines) => joinWrapped(lines.filter(Boolean))));
}

/** A line with an STT, or after the blank gap between rows, starts a row; other lines continue it. */
function groupRowsByWords(lines: TextLine[], rows: RowCells[], table: TableGeometry, lineGap: number): void {
  const { sttColumn } = table;
  lines.forEach((line, index) => {
    const cells = lineCells(line, table);
    const previous = lines[index - 1];
    const afterGap = previous !== undefined && line.top - previous.top > lineGap * 1.75;
    const startsRow = rows.length === 0 || (sttColumn !== undefined && cells[sttColumn] !== '') || afterGap;
    if (startsRow) rows.push(cells.map((cell) => [cell]));
    else rows.at(-1)!.forEach((cellLines, column) => cellLines.push(cells[column]!));
  });
}

/** A line wrapped after "/" or "-" ("1085/" + "QĐ-TTg") continues the word; other lines are kept apart. */
function joinWrapped(lines: string[]): string {
  return lines.reduce((text, line) => {
    if (!text) return line;
    return /\S[/-]$/.test(text) ? text + line : `${text}\n${line}`;
  }, '');
}

function medianGap(lines: TextLine[]): number {
  const gaps = lines
    .slice(1)
    .map((line, index) => (line.page === lines[index]!.page ? line.top - lines[index]!.top : 0))
    .filter((gap) => gap > 0)
    .sort((a, b) => a - b);
  return gaps[Math.floor(gaps.length / 2)] ?? 12;
}
