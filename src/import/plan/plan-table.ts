// The rows of a plan's duty table, from whatever file the office has: the CSV or XLSX it keeps,
// or the plan itself as a Word document or a PDF. The format is decided here (bytes first, then
// the name) so the CLI and the web upload hand over a file and get the same rows.
//
// A document holds other tables (targets in Phụ lục I, signature blocks): only the tables whose
// header names the plan's columns are read, and they are laid out in one column order under one
// header row, numbered from 1 as a single table, so "dòng N" counts rows from the first header.
import { locateColumns } from '../columns.ts';
import { detectFileFormat } from '../file-format.ts';
import { ImportFileError } from '../import-file-error.ts';
import { readCsv, readXlsx, type ImportSource, type TableRow } from '../table-reader.ts';
import { PLAN_COLUMNS, REQUIRED_PLAN_COLUMNS, type PlanField } from './plan-rows.ts';

const CANONICAL_HEADER: Record<PlanField, string> = {
  stt: 'STT',
  content: 'Nội dung',
  owner: 'Cơ quan chủ trì',
  partners: 'Cơ quan phối hợp',
  result: 'Kết quả',
  deadline: 'Thời gian hoàn thành',
  note: 'Ghi chú',
};
const FIELDS = Object.keys(CANONICAL_HEADER) as PlanField[];

export const NO_PLAN_HEADER =
  'không tìm thấy dòng tiêu đề có các cột "Nội dung", "Cơ quan chủ trì" và "Thời gian hoàn thành"';

export async function readPlanTable(source: ImportSource): Promise<TableRow[]> {
  const format = detectFileFormat(source.name, source.bytes);
  if (typeof format === 'object') throw new ImportFileError(source.name, undefined, format.refused);
  switch (format) {
    case 'csv':
      return readCsv(source);
    case 'xlsx':
      return readXlsx(source);
    case 'docx': {
      // mammoth and pdf.js are large: loaded only when a Word file or a PDF comes in.
      const { readDocxTables } = await import('../document/docx-tables.ts');
      return joinDutyTables(source.name, await readDocxTables(source));
    }
    case 'pdf': {
      const { readPdfTable } = await import('../document/pdf-table.ts');
      const table = await readPdfTable(source, PLAN_COLUMNS, REQUIRED_PLAN_COLUMNS);
      if (!table) throw new ImportFileError(source.name, undefined, `${NO_PLAN_HEADER} trong tệp PDF`);
      return canonicalRows([table]);
    }
  }
}

function joinDutyTables(name: string, tables: TableRow[][]): TableRow[] {
  const dutyTables = tables.flatMap((rows) => {
    const layout = locateColumns(rows, PLAN_COLUMNS, REQUIRED_PLAN_COLUMNS);
    return layout ? [{ columns: layout.columns, rows: rows.slice(layout.dataStart) }] : [];
  });
  if (dutyTables.length === 0)
    throw new ImportFileError(name, undefined, `${NO_PLAN_HEADER} trong các bảng của tệp Word (${tables.length} bảng)`);
  return canonicalRows(dutyTables);
}

/** One header row of every plan column, then each table's data rows in that column order. */
export function canonicalRows(tables: { columns: Partial<Record<PlanField, number>>; rows: TableRow[] }[]): TableRow[] {
  const header: TableRow = { rowNumber: 1, cells: FIELDS.map((field) => CANONICAL_HEADER[field]) };
  const data = tables.flatMap(({ columns, rows }) =>
    rows.map((row) => FIELDS.map((field) => (columns[field] === undefined ? '' : (row.cells[columns[field]] ?? '')))),
  );
  return [header, ...data.map((cells, index) => ({ rowNumber: index + 2, cells }))];
}
