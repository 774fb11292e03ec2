// Writes titled tables into an exceljs worksheet, formatted to print: bold header and totals
// rows, thin borders, column widths, A4 landscape fitted to the page width, the first table's
// header frozen and repeated on every printed page.
import type ExcelJS from 'exceljs';
import type { Cell, Column, ReportTable } from './report-tables.ts';
import { safeCell, safeText } from './safe-cell.ts';

const THIN = { style: 'thin' } as const;
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEADER_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } } as const;

export interface SheetContent {
  title: string;
  subtitle?: string;
  heading?: string;
  notes: string[];
  tables: ReportTable[];
}

function columnLetter(index: number): string {
  let n = index;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

function styleRow(row: ExcelJS.Row, columns: Column[], bold: boolean): void {
  columns.forEach((column, i) => {
    const cell = row.getCell(i + 1);
    cell.border = BORDER;
    cell.font = { name: 'Times New Roman', size: 12, bold };
    cell.alignment = {
      vertical: 'middle',
      wrapText: column.kind === 'text',
      horizontal: column.kind === 'text' ? 'left' : 'right',
    };
    if (column.kind === 'percent') cell.numFmt = '0.0%';
  });
}

function writeTable(sheet: ExcelJS.Worksheet, table: ReportTable): number {
  sheet.addRow([safeText(table.title)]).font = { name: 'Times New Roman', size: 12, bold: true };
  const header = sheet.addRow(table.columns.map((c) => safeText(c.header)));
  styleRow(header, table.columns, true);
  header.eachCell((cell) => {
    cell.fill = HEADER_FILL;
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  });
  const firstData = header.number + 1;
  for (const values of table.rows) styleRow(sheet.addRow(values.map(safeCell)), table.columns, false);
  const lastData = header.number + table.rows.length;
  if (table.total) {
    // Counts are written as SUM formulas (with their computed result) so the sheet stays right
    // if someone edits a figure; rates stay values, a ratio of sums is not a sum of ratios.
    const values = table.total.map((cell, i) => {
      const column = table.columns[i]!;
      if (column.kind === 'count' && typeof cell === 'number' && table.rows.length > 0) {
        const letter = columnLetter(i + 1);
        return { formula: `SUM(${letter}${firstData}:${letter}${lastData})`, result: cell };
      }
      return safeCell(cell);
    });
    styleRow(sheet.addRow(values), table.columns, true);
  }
  sheet.addRow([]);
  return header.number;
}

export function fillSheet(sheet: ExcelJS.Worksheet, content: SheetContent): void {
  const widths: number[] = [];
  for (const table of content.tables) table.columns.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 8, c.width)));
  sheet.columns = widths.map((width) => ({ width }));

  // Titles carry unit names and other text people typed: made safe like every cell.
  const line = (text: string): Cell[] => [safeText(text)];
  sheet.addRow(line(content.title)).font = { name: 'Times New Roman', size: 14, bold: true };
  if (content.subtitle) sheet.addRow(line(content.subtitle)).font = { name: 'Times New Roman', size: 12, italic: true };
  if (content.heading) sheet.addRow(line(content.heading)).font = { name: 'Times New Roman', size: 13, bold: true };
  for (const note of content.notes) sheet.addRow(line(note)).font = { name: 'Times New Roman', size: 12 };
  sheet.addRow([]);
  const headerRows = content.tables.map((table) => writeTable(sheet, table));

  const firstHeader = headerRows[0];
  if (firstHeader !== undefined) {
    sheet.views = [{ state: 'frozen', xSplit: 0, ySplit: firstHeader }];
    sheet.pageSetup.printTitlesRow = `${firstHeader}:${firstHeader}`;
  }
  Object.assign(sheet.pageSetup, {
    paperSize: 9, // A4
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  });
  sheet.headerFooter.oddFooter = 'Trang &P / &N';
}
