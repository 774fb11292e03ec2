// Writes a plan CSV fixture as the XLSX an office would keep: a title row, a two-row header with
// "Phân công thực hiện" merged over the owner and partner columns, and section titles merged
// across the row, so the reader must cope with merged cells.
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';

export async function writePlanXlsx(csvPath: string, xlsxPath: string): Promise<void> {
  const [header, ...rows] = parse(readFileSync(csvPath, 'utf8'), {
    bom: true,
    delimiter: ';',
    relax_column_count: true,
  }) as string[][];
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Phụ lục');
  sheet.addRow(['CÁC NHIỆM VỤ KIỂM SOÁT THỦ TỤC HÀNH CHÍNH NĂM 2025']);
  sheet.mergeCells('A1:G1');
  const [stt, content, owner, partners, result, deadline, note] = header!;
  sheet.addRow([stt, content, 'Phân công thực hiện', '', result, deadline, note]);
  sheet.addRow(['', '', owner, partners, '', '', '']);
  sheet.mergeCells('C2:D2');
  for (const column of ['A', 'B', 'E', 'F', 'G']) sheet.mergeCells(`${column}2:${column}3`);
  for (const row of rows) {
    const added = sheet.addRow(row);
    if (/^[IVX]+\.?$/.test(row[0] ?? '')) sheet.mergeCells(`B${added.number}:G${added.number}`);
  }
  await workbook.xlsx.writeFile(xlsxPath);
}
