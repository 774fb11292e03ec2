// `import plan` on the plan itself: a Word file and a PDF made from a seed plan's appendix rows
// give the same dry run as the same rows in CSV; a scan is refused with nothing written.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadCalendarFile } from '../../src/domain/calendar/announcements.ts';
import { WorkCalendar } from '../../src/domain/calendar/work-calendar.ts';
import { importPlan, type PlanImportReport } from '../../src/import/plan/plan-import.ts';
import { cli as cliActor } from '../support/factories.ts';
import { cli } from '../support/run-cli.ts';
import type { TestDatabase } from '../support/test-databases.ts';
import { fixture, officeDatabase, snapshot } from './support/office.ts';
import { writePlanDocx, writePlanPdf, writeScannedPdf } from './support/plan-documents.ts';

const JANUARY = { NHACVIEC_FAKE_NOW: '2025-01-15T09:00:00+07:00' };
const PLAN_DATE = { NHACVIEC_FAKE_NOW: '2025-02-14T09:00:00+07:00' };
const dir = mkdtempSync(join(tmpdir(), 'nhacviec-plan-documents-'));

/** The seed appendix (Kon Tum, Kế hoạch 15/KH-STP, Phụ lục II) and the office's plan, each as CSV, DOCX and PDF. */
const plans = {
  konTum: join(dir, 'ke-hoach-15-stp'),
  office: join(dir, 'ke-hoach-2025'),
};

/** The same plan's PDF with every cell centred vertically: same file name (so same plan code), own folder. */
const centred = (base: string) => join(dir, 'giua', `${basename(base)}.pdf`);

/** …and without any cell border drawn, top-aligned. */
const borderless = (base: string) => join(dir, 'khong-ke', `${basename(base)}.pdf`);

/** …and with borders around the header only. */
const headerRuled = (base: string) => join(dir, 'ke-tieu-de', `${basename(base)}.pdf`);

beforeAll(async () => {
  mkdirSync(join(dir, 'ke-tieu-de'));
  mkdirSync(join(dir, 'giua'));
  mkdirSync(join(dir, 'khong-ke'));
  for (const [base, source] of [
    [plans.konTum, fixture('ke-hoach-15-stp-phu-luc-2.csv')],
    [plans.office, fixture('ke-hoach-2025-van-phong-so.csv')],
  ] as const) {
    copyFileSync(source, `${base}.csv`);
    await writePlanDocx(source, `${base}.docx`);
    await writePlanPdf(source, `${base}.pdf`);
    await writePlanPdf(source, centred(base), { alignment: 'middle' });
    await writePlanPdf(source, borderless(base), { borders: false });
    await writePlanPdf(source, headerRuled(base), { borders: 'header' });
  }
  await writeScannedPdf(join(dir, 'ke-hoach-scan.pdf'));
});

async function dryRun(database: TestDatabase, file: string, env: Record<string, string>) {
  const result = await cli(database.url, ['import', 'plan', file, '--dry-run', '--json'], env);
  const { file: _file, ...report } = JSON.parse(result.stdout) as PlanImportReport;
  return { code: result.code, report };
}

describe('importing the plan document itself', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await officeDatabase();
  });
  afterEach(async () => {
    await database.drop();
  });

  it('gives the same dry run from the seed appendix as Word, as PDF and as CSV', async () => {
    const fromCsv = await dryRun(database, `${plans.konTum}.csv`, PLAN_DATE);
    // The seed appendix has rows the importer refuses (a page-break tail, unknown owners): exit 1 for all three.
    expect(fromCsv.code).toBe(1);
    expect(fromCsv.report.refused.length).toBeGreaterThan(0);
    expect(fromCsv.report.recurring.length + fromCsv.report.eventDuties.length).toBeGreaterThan(0);
    expect(await dryRun(database, `${plans.konTum}.docx`, PLAN_DATE)).toEqual(fromCsv);
    expect(await dryRun(database, `${plans.konTum}.pdf`, PLAN_DATE)).toEqual(fromCsv);
  });

  it('gives the same tasks, due dates and row numbers from the office plan as Word, as PDF and as CSV', async () => {
    const fromCsv = await dryRun(database, `${plans.office}.csv`, JANUARY);
    expect(fromCsv.code).toBe(0);
    expect(fromCsv.report.tasks).toHaveLength(10);
    expect(await dryRun(database, `${plans.office}.docx`, JANUARY)).toEqual(fromCsv);
    expect(await dryRun(database, `${plans.office}.pdf`, JANUARY)).toEqual(fromCsv);
  });

  it('reads a PDF whose cells are centred vertically (the STT below a row’s first lines) as the CSV', async () => {
    expect(await dryRun(database, centred(plans.konTum), PLAN_DATE)).toEqual(
      await dryRun(database, `${plans.konTum}.csv`, PLAN_DATE),
    );
    expect(await dryRun(database, centred(plans.office), JANUARY)).toEqual(
      await dryRun(database, `${plans.office}.csv`, JANUARY),
    );
  });

  it('reads a PDF table drawn without borders (top-aligned) from word positions, as the CSV', async () => {
    expect(await dryRun(database, borderless(plans.konTum), PLAN_DATE)).toEqual(
      await dryRun(database, `${plans.konTum}.csv`, PLAN_DATE),
    );
    expect(await dryRun(database, borderless(plans.office), JANUARY)).toEqual(
      await dryRun(database, `${plans.office}.csv`, JANUARY),
    );
  });

  it('reads rows from word positions when only the header has borders', async () => {
    expect(await dryRun(database, headerRuled(plans.konTum), PLAN_DATE)).toEqual(
      await dryRun(database, `${plans.konTum}.csv`, PLAN_DATE),
    );
  });

  it('reads the PDF LibreOffice exports from the Word file (centred cells, owner merged down) as the CSV', async () => {
    // Committed fixtures made once by support/make-libreoffice-pdf.ts; copied under the CSV's name for the same plan code.
    const folder = mkdtempSync(join(dir, 'libreoffice-'));
    for (const [base, made] of [
      [plans.konTum, 'ke-hoach-15-stp-libreoffice.pdf'],
      [plans.office, 'ke-hoach-2025-libreoffice.pdf'],
    ] as const)
      copyFileSync(fixture(made), join(folder, `${basename(base)}.pdf`));
    expect(await dryRun(database, join(folder, 'ke-hoach-15-stp.pdf'), PLAN_DATE)).toEqual(
      await dryRun(database, `${plans.konTum}.csv`, PLAN_DATE),
    );
    expect(await dryRun(database, join(folder, 'ke-hoach-2025.pdf'), JANUARY)).toEqual(
      await dryRun(database, `${plans.office}.csv`, JANUARY),
    );
  });

  it('writes the tasks from the PDF, and knows the Word file of the same plan as already imported', async () => {
    const imported = await cli(database.url, ['import', 'plan', `${plans.office}.pdf`, '--json'], JANUARY);
    expect(imported).toMatchObject({ code: 0, stderr: '' });
    const written = JSON.parse(imported.stdout) as PlanImportReport;
    expect(written.written).toBe(true);
    expect(await database.client.task.count({ where: { dutyCode: 'ke-hoach' } })).toBe(10);

    const again = JSON.parse(
      (await cli(database.url, ['import', 'plan', `${plans.office}.docx`, '--json'], JANUARY)).stdout,
    ) as PlanImportReport;
    expect(again.tasks).toEqual([]);
    expect(again.duplicates.map((row) => row.sourceRef)).toEqual(written.tasks.map((task) => task.sourceRef));
  });

  it('reads an uploaded file from its bytes, as the web console hands it over', async () => {
    const context = {
      calendar: new WorkCalendar(loadCalendarFile()),
      now: new Date(JANUARY.NHACVIEC_FAKE_NOW),
      actor: cliActor,
    };
    const upload = await importPlan(
      database.client,
      {
        file: 'ke-hoach-2025.docx',
        content: readFileSync(`${plans.office}.docx`),
        dryRun: true,
        skipBad: false,
      },
      context,
    );
    const fromDisk = await importPlan(
      database.client,
      { file: `${plans.office}.csv`, dryRun: true, skipBad: false },
      context,
    );
    expect({ ...upload, file: '' }).toEqual({ ...fromDisk, file: '' });
  });

  it('refuses a scanned PDF, saying OCR is needed, and writes nothing', async () => {
    const before = await snapshot(database);
    const result = await cli(database.url, ['import', 'plan', join(dir, 'ke-hoach-scan.pdf')], JANUARY);
    expect(result).toMatchObject({
      code: 2,
      stderr:
        'ke-hoach-scan.pdf: Tệp PDF không có lớp chữ (bản scan) — cần OCR trước; hãy dùng tệp Word/Excel của kế hoạch.',
    });
    expect(await snapshot(database)).toEqual(before);
  });

  it('tells the format by the bytes: a PDF saved under a .docx name is read as a PDF', async () => {
    const renamed = join(mkdtempSync(join(dir, 'renamed-')), 'ke-hoach-2025.docx');
    copyFileSync(`${plans.office}.pdf`, renamed);
    const fromPdf = await dryRun(database, `${plans.office}.pdf`, JANUARY);
    const fromRenamed = await dryRun(database, renamed, JANUARY);
    expect(fromRenamed).toEqual(fromPdf);
  });

  it('refuses a Word 97–2003 file, a corrupt PDF and a Word file without the duty table, each saying why', async () => {
    const doc = join(dir, 'ke-hoach.doc');
    writeFileSync(doc, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
    const brokenPdf = join(dir, 'hong.pdf');
    writeFileSync(brokenPdf, '%PDF-1.7\nnot really a pdf');
    const targetsOnly = join(dir, 'chi-tieu.docx');
    const targets = join(dir, 'chi-tieu.csv');
    writeFileSync(targets, 'Số TT,Tên nhiệm vụ,Đơn vị tính,Giao chỉ tiêu\n1,Tỷ lệ thanh toán trực tuyến,%,45\n');
    await writePlanDocx(targets, targetsOnly);

    const results = [];
    for (const file of [doc, brokenPdf, targetsOnly])
      results.push(await cli(database.url, ['import', 'plan', file], JANUARY));
    expect(results.map((result) => result.code)).toEqual([2, 2, 2]);
    expect(results[0]!.stderr).toBe(
      'ke-hoach.doc: tệp Word/Excel 97–2003 (.doc/.xls) — hãy mở và lưu lại dạng .docx hoặc .xlsx',
    );
    expect(results[1]!.stderr).toContain('hong.pdf: không mở được tệp PDF');
    expect(results[2]!.stderr).toBe(
      'chi-tieu.docx: không tìm thấy dòng tiêu đề có các cột "Nội dung", "Cơ quan chủ trì" và "Thời gian hoàn thành" trong các bảng của tệp Word (2 bảng)',
    );
  });
});
