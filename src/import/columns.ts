// Finds the header row of an exported table and which column holds what, loosely: headers are
// compared folded (no diacritics, any case or spacing), by the words they contain, because every
// province words them a little differently ("Thời gian hoàn thành", "Thời hạn", "Tien do").
// A two-row header ("Phân công thực hiện" over "Cơ quan chủ trì | Cơ quan phối hợp") is merged.
import { foldWords } from './fold-text.ts';
import type { TableRow } from './table-reader.ts';

/** In priority order: a header cell belongs to the first field with an alias it contains. */
export type ColumnAliases<F extends string> = readonly (readonly [F, readonly string[]])[];

export interface ColumnLayout<F extends string> {
  columns: Partial<Record<F, number>>;
  /** Index (in the rows array) of the first data row. */
  dataStart: number;
  headerRowNumber: number;
}

const HEADER_SEARCH_ROWS = 20;
const SUBHEADER_MAX_LENGTH = 40;

function containsWords(cell: string, alias: string): boolean {
  return ` ${cell} `.includes(` ${alias} `);
}

function matchRow<F extends string>(
  cells: string[],
  aliases: ColumnAliases<F>,
  taken: Partial<Record<F, number>>,
): Partial<Record<F, number>> {
  const found: Partial<Record<F, number>> = {};
  const usedColumns = new Set(Object.values(taken) as number[]);
  cells.forEach((raw, column) => {
    const cell = foldWords(raw);
    if (!cell || usedColumns.has(column)) return;
    for (const [field, words] of aliases) {
      if (taken[field] !== undefined || found[field] !== undefined) continue;
      if (words.some((alias) => containsWords(cell, alias))) {
        found[field] = column;
        break;
      }
    }
  });
  return found;
}

export function locateColumns<F extends string>(
  rows: TableRow[],
  aliases: ColumnAliases<F>,
  required: readonly F[],
): ColumnLayout<F> | undefined {
  for (let index = 0; index < Math.min(rows.length, HEADER_SEARCH_ROWS); index++) {
    const header = matchRow(rows[index]!.cells, aliases, {});
    if (Object.keys(header).length < 2) continue;
    const next = rows[index + 1];
    const subheaderCells = next?.cells.map((cell) => (cell.length <= SUBHEADER_MAX_LENGTH ? cell : '')) ?? [];
    const sub = matchRow(subheaderCells, aliases, header);
    const columns = { ...header, ...sub };
    if (required.every((field) => columns[field] !== undefined)) {
      return {
        columns,
        dataStart: index + (Object.keys(sub).length > 0 ? 2 : 1),
        headerRowNumber: rows[index]!.rowNumber,
      };
    }
  }
  return undefined;
}

/** The trimmed text of a field in a row ('' when the column is absent or the row is short). */
export function cellOf<F extends string>(row: TableRow, columns: Partial<Record<F, number>>, field: F): string {
  const column = columns[field];
  return column === undefined ? '' : (row.cells[column] ?? '').trim();
}
