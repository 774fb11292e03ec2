// A PDF table's rows from its drawn row borders, when the page has them (Word, LibreOffice and
// printed plans draw cell borders). Word positions alone cannot tell where a row starts when cells
// are centred vertically: the STT then sits below the row's first lines. The borders can:
// - the horizontal lines crossing the content column cut the page into bands, one per table row;
// - a word belongs to the band its line sits in; lines above or below the table are not rows;
// - a cell merged down (one "Cơ quan chủ trì" for three duties) has no border across its own
//   column between those rows: its text goes to every row it spans, as the Word reader does;
// - at a page break: a first row without an STT is the rest of the previous page's last row, and
//   an empty cell merged down from the top of the page continues the cell above the break (Word
//   and LibreOffice print a merged cell's text once, on the page where it starts). A merged cell
//   ending on the page's first row looks like an empty cell, so it is carried over only in a
//   required column ("Cơ quan chủ trì") of a row that fills another required column — a row that
//   would otherwise be refused for the missing cell.
import type { HorizontalRule } from './pdf-rules.ts';
import type { TextItem, TextLine } from './pdf-text.ts';

/** Row → column → the lines of text in that cell. */
export type RowCells = string[][];

export interface TableGeometry {
  width: number;
  columnOf: (item: TextItem) => number;
  /** An x inside each column (the middle of its header label). */
  columnMiddles: number[];
  contentColumn: number;
  sttColumn: number | undefined;
  /** Columns every duty row fills, besides the content (the owner, the deadline). */
  requiredColumns: number[];
}

/** Borders closer than this are one (a thin filled rectangle has two edges; cells share borders). */
const SAME_BORDER = 1.5;

/** The tops of the borders crossing x, in order, near duplicates merged. */
function bordersAt(rules: HorizontalRule[], x: number): number[] {
  const tops = rules
    .filter((rule) => rule.left - 1 <= x && x <= rule.right + 1)
    .map((rule) => rule.top)
    .sort((a, b) => a - b);
  return tops.filter((top, index) => index === 0 || top - tops[index - 1]! > SAME_BORDER);
}

/** Index of the band [borders[i], borders[i+1]] holding y, or -1 outside them. */
function bandOf(borders: number[], y: number): number {
  for (let i = 0; i + 1 < borders.length; i++) if (borders[i]! < y && y < borders[i + 1]!) return i;
  return -1;
}

/** Where a line's text sits vertically: a little above its baseline. */
const middleOf = (line: TextLine) => line.top - Math.max(...line.items.map((item) => item.height)) * 0.3;

/**
 * One page's rows from its row borders, or undefined when the page draws none across the
 * content column around most of its lines (then rows are rebuilt from word positions). `previous`: the row the previous
 * page ended with; a continuation of it is added to it, not returned.
 */
export function ruledPageRows(
  lines: TextLine[],
  rules: HorizontalRule[],
  table: TableGeometry,
  previous: RowCells | undefined,
): RowCells[] | undefined {
  const rowBorders = bordersAt(rules, table.columnMiddles[table.contentColumn]!);
  if (rowBorders.length < 2) return undefined;
  const placed = lines
    .map((line) => ({ line, y: middleOf(line), band: bandOf(rowBorders, middleOf(line)) }))
    .filter((entry) => entry.band >= 0);
  // Borders around the header only (a body drawn without lines): the words decide.
  if (placed.length * 2 <= lines.length) return undefined;
  const bands = [...new Set(placed.map((entry) => entry.band))].sort((a, b) => a - b);
  const rows: RowCells[] = bands.map(() => Array.from({ length: table.width }, () => []));
  const columnBorders = table.columnMiddles.map((x) => bordersAt(rules, x));
  const spans = (column: number, y: number, band: number) =>
    rowsSpanned(columnBorders[column]!, y, band, rowBorders, bands);
  for (const { line, y, band } of placed) {
    lineCells(line, table).forEach((text, column) => {
      if (text) for (const row of spans(column, y, band)) rows[row]![column]!.push(text);
    });
  }
  if (!previous || rows.length === 0) return rows;
  const continues = table.sttColumn !== undefined && rows[0]![table.sttColumn]!.length === 0;
  const topMiddle = (rowBorders[bands[0]!]! + rowBorders[bands[0]! + 1]!) / 2;
  for (let column = 0; column < table.width; column++) {
    const covered = spans(column, topMiddle, bands[0]!);
    const empty = covered.every((row) => rows[row]![column]!.length === 0);
    if (empty && covered.length > 1)
      for (const row of covered) if (row > 0 || !continues) rows[row]![column]!.push(...previous[column]!);
  }
  const first = rows[0]!;
  const missing = table.requiredColumns.filter((column) => first[column]!.length === 0);
  if (!continues && missing.length > 0 && missing.length < table.requiredColumns.length)
    for (const column of missing) first[column]!.push(...previous[column]!);
  if (!continues) return rows;
  previous.forEach((cell, column) => cell.push(...rows[0]![column]!));
  return rows.slice(1);
}

/** The rows (indices into `bands`) covered by the cell of a column that holds y. */
function rowsSpanned(
  columnBorders: number[],
  y: number,
  band: number,
  rowBorders: number[],
  bands: number[],
): number[] {
  const cell = bandOf(columnBorders, y);
  if (cell < 0) return [bands.indexOf(band)];
  const [top, bottom] = [columnBorders[cell]!, columnBorders[cell + 1]!];
  const covered = bands
    .map((candidate, index) => ({ index, middle: (rowBorders[candidate]! + rowBorders[candidate + 1]!) / 2 }))
    .filter(({ middle }) => top < middle && middle < bottom)
    .map(({ index }) => index);
  return covered.length > 0 ? covered : [bands.indexOf(band)];
}

/** A line's words joined per column. */
export function lineCells(line: TextLine, table: Pick<TableGeometry, 'width' | 'columnOf'>): string[] {
  const cells: string[] = Array.from({ length: table.width }, () => '');
  for (const item of line.items) {
    const column = Math.min(table.columnOf(item), table.width - 1);
    cells[column] = cells[column] ? `${cells[column]} ${item.text.trim()}` : item.text.trim();
  }
  return cells;
}
