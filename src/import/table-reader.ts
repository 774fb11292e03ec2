// Reads a CSV or XLSX export into plain rows of text cells, numbered as a spreadsheet shows them,
// so every problem can be reported as "dòng N". Parsing is left to csv-parse and exceljs.
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type { Cell } from 'exceljs';
import { parse } from 'csv-parse/sync';
import { detectFileFormat } from './file-format.ts';
import { ImportFileError } from './import-file-error.ts';

export interface TableRow {
  /** 1-based, as Excel shows it (for CSV: the record number, header included). */
  rowNumber: number;
  cells: string[];
}

/** A file to import: its name (for messages and the format) and its bytes. */
export interface ImportSource {
  name: string;
  bytes: Uint8Array;
}

/**
 * CSV or XLSX only: the one-stop and staff-list exports are never Word or PDF documents. With
 * `content` (an upload kept by the web console) `path` is only the file's name.
 */
export async function readTable(path: string, content?: Uint8Array): Promise<TableRow[]> {
  const source = content ? { name: basename(path), bytes: content } : readSource(path);
  const format = detectFileFormat(source.name, source.bytes);
  if (format === 'csv') return readCsv(source);
  if (format === 'xlsx') return readXlsx(source);
  const extension = extname(source.name).toLowerCase() || 'không có đuôi';
  throw new ImportFileError(source.name, undefined, `chỉ đọc được tệp .csv hoặc .xlsx (tệp này là "${extension}")`);
}

export function readSource(path: string): ImportSource {
  try {
    return { name: basename(path), bytes: readFileSync(path) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ImportFileError(
      basename(path),
      undefined,
      code === 'ENOENT' ? 'không có tệp này' : `không đọc được tệp (${code ?? String(error)})`,
    );
  }
}

/** Excel in Vietnam saves CSV with ";" as often as ","; the header line says which. */
function sniffDelimiter(text: string): string {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const unquoted = firstLine.replace(/"[^"]*"/g, '');
  const counts = [',', ';', '\t'].map((d) => ({ d, n: unquoted.split(d).length - 1 }));
  return counts.sort((a, b) => b.n - a.n)[0]!.d;
}

export function readCsv({ name, bytes }: ImportSource): TableRow[] {
  const text = Buffer.from(bytes).toString('utf8');
  // Windows-1258 and other legacy encodings decode to replacement characters: refuse, never guess.
  if (text.includes('\uFFFD'))
    throw new ImportFileError(name, undefined, 'tệp không phải UTF-8 (lưu lại dạng "CSV UTF-8")');
  try {
    const records: string[][] = parse(text, {
      bom: true,
      delimiter: sniffDelimiter(text.replace(/^\uFEFF/, '')),
      relax_column_count: true,
      skip_empty_lines: false,
    });
    return records.map((cells, index) => ({ rowNumber: index + 1, cells: cells.map((cell) => cell.trim()) }));
  } catch (error) {
    const lines = (error as { lines?: number }).lines;
    throw new ImportFileError(name, lines, `CSV hỏng: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export async function readXlsx({ name, bytes }: ImportSource): Promise<TableRow[]> {
  // Loaded at the first workbook read, not by every process that can import (see render-xlsx.ts).
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch (error) {
    throw new ImportFileError(
      name,
      undefined,
      `không mở được tệp Excel: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new ImportFileError(name, undefined, 'tệp Excel không có trang tính nào');
  const rows: TableRow[] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cells[column - 1] = cellText(cell);
    });
    rows.push({ rowNumber, cells: Array.from(cells, (cell) => cell ?? '') });
  });
  return rows;
}

function cellText(cell: Cell): string {
  // A merged range holds its value in the top-left cell only; the others would repeat a section
  // title into the deadline column.
  if (cell.isMerged && cell.master.address !== cell.address) return '';
  const value = cell.value;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (value && typeof value === 'object' && 'result' in value && value.result instanceof Date)
    return value.result.toISOString().slice(0, 10);
  return (cell.text ?? '').trim();
}
