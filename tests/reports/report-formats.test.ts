import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMonthlyReport } from '../../src/reports/build-monthly-report.ts';
import { findChartFont } from '../../src/reports/chart-fonts.ts';
import { renderReportChartPng, renderReportChartSvg } from '../../src/reports/render-chart.ts';
import { renderReportCsv } from '../../src/reports/render-csv.ts';
import { renderReportMarkdown } from '../../src/reports/render-markdown.ts';
import { renderReportText } from '../../src/reports/render-text.ts';
import { renderReportXlsx } from '../../src/reports/render-xlsx.ts';
import type { MonthlyReport } from '../../src/reports/report-types.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-databases.ts';
import { AS_OF, seedNovember } from './support/november-fixture.ts';

/** Width and height from a PNG's IHDR chunk. */
export function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** Row n of the sheet at index n, cell values from column A at index 0 (holes filled). */
function sheetRows(sheet: ExcelJS.Worksheet): unknown[][] {
  return Array.from(sheet.getSheetValues(), (r) => (Array.isArray(r) ? r.slice(1) : []));
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('the monthly report rendered', () => {
  let database: TestDatabase;
  let report: MonthlyReport;
  let scoped: MonthlyReport;
  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    await seedNovember(database.client);
    report = await buildMonthlyReport(database.client, { month: '2026-11', today: AS_OF });
    scoped = await buildMonthlyReport(database.client, { month: '2026-11', unitCode: 'SO', today: AS_OF });
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('as Markdown, with Vietnamese headings and one table row per unit plus the total', () => {
    const md = renderReportMarkdown(scoped);
    expect(md).toContain('# Báo cáo kết quả thực hiện nhiệm vụ KSTTHC tháng 11/2026');
    expect(md).toContain('Sở Tư pháp (SO) và các đơn vị trực thuộc; số liệu tính đến ngày 30/11/2026.');
    for (const heading of [
      '## Tổng hợp việc đến hạn trong tháng',
      '## Trả lời phản ánh, kiến nghị (PAKN)',
      '## Hồ sơ thủ tục hành chính có hẹn trả trong tháng',
      '## Danh sách đơn vị, cá nhân quá hạn (công khai ngày 05/12/2026)',
    ]) {
      expect(md).toContain(heading);
    }
    expect(md).toContain('| PTP | Phòng Hành chính tư pháp (gồm đơn vị trực thuộc) | 8 | 3 | 2 | 3 | 0 | 37,5% |');
    expect(md).toContain('|  | **Tổng cộng** | **14** | **5** | **2** | **6** | **1** | **38,5%** |');
    expect(md).toContain(
      '| HS-02 | Hồ sơ HS-02 | PTP | Lê Thị Bích | 19/11/2026 | 20/11/2026 | 1 | Đã gửi phiếu xin lỗi |',
    );
    expect(md).toContain('Tỷ lệ PAKN trả lời đúng hạn: 33,3% (chỉ tiêu 100%): Chưa đạt.');
  });

  it('as CSV with a BOM that parses back into the same tables', () => {
    const csv = renderReportCsv(report);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const records: string[][] = parse(csv.slice(1), { relax_column_count: true, skip_empty_lines: false });
    const titles = records.filter((r) => r.length === 1 && r[0] !== '').map((r) => r[0]);
    expect(titles).toEqual([
      'Tổng hợp việc đến hạn trong tháng — Việc theo đơn vị',
      'Trả lời phản ánh, kiến nghị (PAKN) — PAKN theo đơn vị',
      'Trả lời phản ánh, kiến nghị (PAKN) — PAKN không trả lời đúng hạn',
      'Hồ sơ thủ tục hành chính có hẹn trả trong tháng — Hồ sơ theo đơn vị',
      'Hồ sơ thủ tục hành chính có hẹn trả trong tháng — Hồ sơ quá hạn và phiếu xin lỗi',
      'Danh sách đơn vị, cá nhân quá hạn (công khai ngày 05/12/2026) — Cá nhân',
      'Danh sách đơn vị, cá nhân quá hạn (công khai ngày 05/12/2026) — Đơn vị',
    ]);
    const start = records.findIndex((r) => r[0] === titles[0]);
    expect(records[start + 1]).toEqual([
      'Mã đơn vị',
      'Đơn vị',
      'Đến hạn trong tháng',
      'Đúng hạn',
      'Xong quá hạn',
      'Quá hạn, chưa xong',
      'Chưa đến hạn',
      'Tỷ lệ đúng hạn',
    ]);
    expect(records[start + 2]).toEqual(['SO', 'Sở Tư pháp', '1', '1', '0', '0', '0', '100%']);
    expect(records[start + 7]).toEqual(['', 'Tổng cộng', '15', '5', '3', '6', '1', '35,7%']);
    expect(records.find((r) => r[0] === 'HS-03')).toEqual([
      'HS-03',
      'Hồ sơ HS-03',
      'TO',
      'Trần Văn Cường',
      '24/11/2026',
      'Chưa trả',
      '6',
      'Chưa gửi phiếu xin lỗi',
    ]);
  });

  it('as a workbook with one print-ready sheet per section and totals rows', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(await renderReportXlsx(report)).buffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Tổng hợp', 'PAKN', 'Hồ sơ', 'Danh sách quá hạn']);
    const summary = workbook.getWorksheet('Tổng hợp')!;
    const rows = sheetRows(summary);
    const header = rows.findIndex((r) => r[0] === 'Mã đơn vị');
    const total = rows.find((r) => r[1] === 'Tổng cộng')!;
    expect(total[2]).toMatchObject({ result: 15 });
    expect((total[2] as { formula: string }).formula).toBe(`SUM(C${header + 1}:C${header + 5})`);
    expect(total.slice(3, 7).map((c) => (c as { result: number }).result)).toEqual([5, 3, 6, 1]);
    expect(total[7]).toBeCloseTo(5 / 14);
    expect(summary.getRow(header).getCell(1).font?.bold).toBe(true);
    expect(summary.getRow(header + 6).getCell(2).font?.bold).toBe(true);
    expect(summary.getRow(header + 1).getCell(1).border?.top?.style).toBe('thin');
    expect(summary.getRow(header + 1).getCell(8).numFmt).toBe('0.0%');
    expect(summary.getColumn(2).width).toBe(36);
    expect(summary.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1 });
    expect(summary.views[0]).toMatchObject({ state: 'frozen', ySplit: header });
    const late = sheetRows(workbook.getWorksheet('Danh sách quá hạn')!);
    expect(late.filter((r) => typeof r[0] === 'number').map((r) => r[1])).toEqual([
      'Phạm Thị Dung',
      'Trần Văn Cường',
      'Lê Thị Bích',
      'Ngô Văn Em',
      'PKS',
      'TO',
      'PTP',
      'YT',
    ]);
  });

  it('as a PNG bar chart of on-time rates per unit against the target line', async () => {
    const png = await renderReportChartPng(scoped);
    expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    const { width, height } = pngSize(png);
    // 3 units + total at 34 px each, at zoom 2: wider than tall, and taller than the bars alone.
    expect(width).toBeGreaterThan(1000);
    expect(height).toBeGreaterThan(2 * 4 * 34);
    expect(width).toBeGreaterThan(height);
    expect(png.length).toBeGreaterThan(10_000);
    // Kept for a human to look at: the Vietnamese labels must show their diacritics.
    const dir = join(tmpdir(), 'nhacviec-report-test');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'bao-cao-2026-11.png'), png);
  });

  it('draws every unit with a decided rate, the total and the target line into the chart', async () => {
    const svg = await renderReportChartSvg(scoped, { target: 0.95, fontFamily: 'DejaVu Sans' });
    for (const label of [
      'Sở Tư pháp',
      'Phòng Kiểm soát thủ tục hành chính',
      'Phòng Hành chính tư pháp',
      'Tổng cộng',
      '37,5%',
      'chỉ tiêu 95%',
      'Đạt chỉ tiêu',
      'Chưa đạt',
    ]) {
      expect(svg).toContain(label);
    }
    expect(svg).toContain('font-family="DejaVu Sans"');
    expect(svg).toContain('stroke-dasharray="6,4"');
  });

  it('finds a font with Vietnamese glyphs for the chart on this machine', () => {
    // Without one, resvg draws the chart without its labels: install fonts-dejavu-core (Debian).
    expect(findChartFont()?.files.length).toBeGreaterThan(0);
  });

  it('as a short chat message for /baocao', () => {
    const text = renderReportText(report);
    expect(text.split('\n')).toEqual([
      'BÁO CÁO KSTTHC THÁNG 11/2026',
      '(số liệu đến ngày 30/11/2026)',
      'Việc: 15 đến hạn; đúng hạn 5, xong quá hạn 3, quá hạn chưa xong 6, chưa đến hạn 1. Đúng hạn 35,7% (chỉ tiêu 100%: Chưa đạt).',
      // One line per unit (the admin's /baocao): the rows add up to the total above.
      'Theo đơn vị:',
      '• SO Sở Tư pháp: 1 việc, đúng hạn 1, xong quá hạn 0, quá hạn chưa xong 0 — 100%',
      '• PKS Phòng Kiểm soát thủ tục hành chính: 5 việc, đúng hạn 1, xong quá hạn 0, quá hạn chưa xong 3 — 25%',
      '• PTP Phòng Hành chính tư pháp: 4 việc, đúng hạn 2, xong quá hạn 2, quá hạn chưa xong 0 — 50%',
      '• TO Tổ tiếp nhận và trả kết quả: 4 việc, đúng hạn 1, xong quá hạn 0, quá hạn chưa xong 3 — 25%',
      '• YT Sở Y tế: 1 việc, đúng hạn 0, xong quá hạn 1, quá hạn chưa xong 0 — 0%',
      'PAKN: 3 đến hạn; đúng hạn 1, xong quá hạn 1, quá hạn chưa xong 1. Đúng hạn 33,3% (chỉ tiêu 100%: Chưa đạt).',
      'Hồ sơ: 6 hẹn trả; đúng hạn 2, trả quá hạn 2, quá hạn chưa trả 1. Đúng hạn 40% (chỉ tiêu 99%: Chưa đạt). Phiếu xin lỗi: 1/3 hồ sơ quá hạn.',
      'Cán bộ quá hạn (công khai ngày 05/12/2026): Phạm Thị Dung (PKS): 4; Trần Văn Cường (TO): 4; Lê Thị Bích (PTP): 3; Ngô Văn Em (YT): 1.',
    ]);
  });
});
