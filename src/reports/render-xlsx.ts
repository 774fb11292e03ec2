// The report as an Excel workbook, one sheet per section: Tổng hợp, PAKN, Hồ sơ, Danh sách trễ hạn.
import type { MonthlyReport } from './report-types.ts';
import { reportSections, reportSubtitle, reportTitle } from './report-tables.ts';
import { fillSheet } from './xlsx-sheet.ts';

export async function renderReportXlsx(report: MonthlyReport): Promise<Buffer> {
  // exceljs takes ~0.3 s to load: paid by whoever asks for a workbook, not by every start.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'nhacviec';
  for (const section of reportSections(report)) {
    const sheet = workbook.addWorksheet(section.sheet);
    fillSheet(sheet, {
      title: reportTitle(report),
      subtitle: reportSubtitle(report),
      heading: section.heading,
      notes: section.notes,
      tables: section.tables,
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
