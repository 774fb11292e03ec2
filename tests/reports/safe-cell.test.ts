// Exports cannot attack the reader: text that a spreadsheet would take for a formula is written
// as text, in every CSV and XLSX the office gets.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalDate } from '../../src/domain/local-date.ts';
import { safeCell, safeText } from '../../src/reports/safe-cell.ts';
import { renderTaskCsv } from '../../src/reports/task-export.ts';
import { makeOfficial, makeTask, makeUnit } from '../support/factories.ts';
import { cli } from '../support/run-cli.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-databases.ts';

const AT_END_OF_NOVEMBER = { NHACVIEC_FAKE_NOW: '2026-11-30T09:00:00+07:00' };
const NOTE = '=HYPERLINK("http://x")';

describe('the formula-injection rule', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+84 912', "'+84 912"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r=1"],
    ['Báo cáo = 3', 'Báo cáo = 3'],
    ['', ''],
  ])('writes %j as %j', (text, written) => {
    expect(safeText(text)).toBe(written);
  });

  it('leaves numbers we compute as numbers, negative ones included, and quotes only text', () => {
    expect(safeCell(-3)).toBe(-3);
    expect(safeCell(null)).toBeNull();
    expect(renderTaskCsv([[-3, '-3']]).split('\r\n')[1]).toBe("-3,'-3");
  });
});

describe('exports of text people typed', () => {
  let database: TestDatabase;
  let dir: string;
  let taskId: number;
  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    dir = mkdtempSync(join(tmpdir(), 'nhacviec-safe-cell-'));
    await makeUnit(database.client, { code: 'SO', name: '+Sở thử' });
    await makeOfficial(database.client, { username: 'lan', fullName: 'Nguyễn Thị Lan', unitCode: 'SO' });
    taskId = (
      await makeTask(database.client, {
        title: '@all nộp báo cáo',
        assigneeUsername: 'lan',
        dueDate: '2026-11-20' as LocalDate,
        note: NOTE,
      })
    ).id;
    // Someone whose name was typed with a leading minus: it shows in the report's lateness list.
    await makeOfficial(database.client, { username: 'binh', fullName: '-Trần Văn Bình', unitCode: 'SO' });
    await makeTask(database.client, { assigneeUsername: 'binh', dueDate: '2026-11-25' as LocalDate });
  });
  afterAll(async () => {
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });
  const run = (args: string[]) => cli(database.url, args, AT_END_OF_NOVEMBER);

  it('export tasks --format csv writes a note beginning with = as quoted text, byte for byte', async () => {
    const result = await run(['export', 'tasks', '--format', 'csv']);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\r\n')[1]).toBe(
      `${taskId},'@all nộp báo cáo,,SO,'+Sở thử,lan,Nguyễn Thị Lan,,,20/11/2026,Quá hạn 10 ngày,,,"'=HYPERLINK(""http://x"")",`,
    );
    const file = join(dir, 'viec.csv');
    await run(['export', 'tasks', '--format', 'csv', '--out', file]);
    expect(readFileSync(file).includes(Buffer.from(`,"'=HYPERLINK(""http://x"")",\r\n`, 'utf8'))).toBe(true);
  });

  it('export tasks --format xlsx writes the note as a string cell, never a formula', async () => {
    const file = join(dir, 'viec.xlsx');
    expect((await run(['export', 'tasks', '--format', 'xlsx', '--out', file])).code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.getWorksheet('Danh sách việc')!;
    let row: ExcelJS.Row | undefined;
    sheet.eachRow((candidate) => {
      if (candidate.getCell(1).value === taskId) row = candidate;
    });
    const note = row!.getCell(14);
    expect(note.type).toBe(ExcelJS.ValueType.String);
    expect(note.formula).toBeUndefined();
    expect(note.value).toBe(`'${NOTE}`);
    expect(row!.getCell(1).type).toBe(ExcelJS.ValueType.Number);
    expect(readFileSync(file).includes('<f>')).toBe(false);
  });

  it('report --format csv and xlsx write unit names and task titles as text too', async () => {
    const csv = join(dir, 'bao-cao.csv');
    expect((await run(['report', '--month', '2026-11', '--format', 'csv', '--out', csv])).code).toBe(0);
    const text = readFileSync(csv, 'utf8');
    expect(text).toContain("'+Sở thử");
    expect(text).toContain("'-Trần Văn Bình");
    expect(text).not.toMatch(/(^|,)[=+\-@]/m);

    const xlsx = join(dir, 'bao-cao.xlsx');
    expect((await run(['report', '--month', '2026-11', '--format', 'xlsx', '--out', xlsx])).code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(xlsx);
    const strings: ExcelJS.Cell[] = [];
    for (const sheet of workbook.worksheets) {
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          if (typeof cell.value === 'string' && /^'?[=+\-@]/.test(cell.value)) strings.push(cell);
        }),
      );
    }
    expect(strings.length).toBeGreaterThan(0);
    for (const cell of strings) {
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(String(cell.value).startsWith("'")).toBe(true);
    }
  });
});
