// The report as CSV for Excel. One file, one table per section table, in order: a title row
// (one cell: "<section> — <table>"), the header row, the data rows, the "Tổng cộng" row when the
// table has one, then an empty row before the next table. UTF-8 with a BOM so Excel shows the
// diacritics; percentages as text with a decimal comma ("66,7%").
import { stringify } from 'csv-stringify/sync';
import type { MonthlyReport } from './report-types.ts';
import { cellText, reportSections } from './report-tables.ts';
import { safeCell, safeText } from './safe-cell.ts';

export const UTF8_BOM = '\uFEFF';

export function renderReportCsv(report: MonthlyReport): string {
  const records: string[][] = [];
  for (const section of reportSections(report)) {
    for (const table of section.tables) {
      records.push([safeText(`${section.heading} — ${table.title}`)]);
      records.push(table.columns.map((c) => safeText(c.header)));
      for (const row of [...table.rows, ...(table.total ? [table.total] : [])]) {
        records.push(row.map((cell, i) => cellText(safeCell(cell), table.columns[i]!.kind)));
      }
      records.push([]);
    }
  }
  return UTF8_BOM + stringify(records, { record_delimiter: '\r\n' });
}
