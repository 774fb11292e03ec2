import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { vietnamDateOf } from '../../src/domain/local-date.ts';
import type { RegisterImportReport } from '../../src/import/one-stop/register-import.ts';
import type { TestDatabase } from '../support/test-databases.ts';
import { cli } from '../support/run-cli.ts';
import { fixture, officeDatabase, snapshot } from './support/office.ts';

const FEB_10 = { NHACVIEC_FAKE_NOW: '2026-02-10T09:00:00+07:00' };
const FEB_13 = { NHACVIEC_FAKE_NOW: '2026-02-13T09:00:00+07:00' };

function tempCsv(name: string, text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'nhacviec-import-')), name);
  writeFileSync(file, text);
  return file;
}

async function petitionTasks(database: TestDatabase) {
  const tasks = await database.client.task.findMany({
    where: { dutyCode: 'pakn' },
    include: { assignee: true },
    orderBy: { sourceRef: 'asc' },
  });
  return tasks.map((task) => ({
    code: task.sourceRef,
    assignee: task.assignee?.username,
    dueDate: task.dueDate,
    status: task.status,
    doneOn: task.doneAt ? vietnamDateOf(task.doneAt) : null,
  }));
}

describe('importing petitions (PAKN) from the one-stop export', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await officeDatabase();
  });
  afterEach(async () => {
    await database.drop();
  });

  it('refuses the file while a row is not understood, naming each row and reason, and writes nothing', async () => {
    const before = await snapshot(database);
    const result = await cli(database.url, ['import', 'pakn', fixture('pakn-mot-cua.csv'), '--json'], FEB_10);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as RegisterImportReport;
    expect(report.refused).toEqual([
      {
        row: 6,
        code: 'PAKN-0046',
        reason: 'cán bộ xử lý "Nguyễn Văn Không Có" không khớp tên đăng nhập hay họ tên nào',
      },
      { row: 7, code: 'PAKN-0047', reason: 'ngày "31/02/2026" không hợp lệ (dùng dd/MM/yyyy)' },
      { row: 8, code: 'PAKN-0048', reason: 'không hiểu trạng thái "Đã chuyển Bộ"' },
    ]);
    expect(report.written).toBe(false);
    expect(await snapshot(database)).toEqual(before);
  });

  it('creates answer tasks with --skip-bad, matching officials by username, full name or unit, closing answered ones', async () => {
    const result = await cli(database.url, ['import', 'pakn', fixture('pakn-mot-cua.csv'), '--skip-bad'], FEB_10);
    expect(result.code).toBe(1);
    expect(await petitionTasks(database)).toEqual([
      { code: 'PAKN-0042', assignee: 'lan.nt', dueDate: '2026-03-03', status: 'open', doneOn: null }, // 10 working days, Tết Bính Ngọ between
      { code: 'PAKN-0043', assignee: 'bich.lt', dueDate: '2026-02-26', status: 'done', doneOn: '2026-02-09' },
      { code: 'PAKN-0044', assignee: 'bich.lt', dueDate: '2026-02-27', status: 'open', doneOn: null }, // "le thi  bich"
      { code: 'PAKN-0045', assignee: 'bich.lt', dueDate: '2026-02-27', status: 'open', doneOn: null }, // unit's head
    ]);
  });

  it('counts known codes as duplicates and closes a petition the export now shows answered', async () => {
    await cli(database.url, ['import', 'pakn', fixture('pakn-mot-cua.csv'), '--skip-bad'], FEB_10);
    const later = tempCsv(
      'pakn.csv',
      [
        'Mã hồ sơ,Ngày tiếp nhận,Cán bộ xử lý,Trạng thái,Ngày trả lời',
        'PAKN-0042,10/02/2026,lan.nt,Đã trả lời,12/02/2026',
        'PAKN-0043,05/02/2026,bich.lt,Đã trả lời,09/02/2026',
        'PAKN-0044,06/02/2026,bich.lt,Đang xử lý,',
      ].join('\n'),
    );
    const result = await cli(database.url, ['import', 'pakn', later, '--json'], FEB_13);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as RegisterImportReport;
    expect(report.created).toEqual([]);
    expect(report.updated).toEqual([
      { row: 2, code: 'PAKN-0042', change: expect.stringContaining('đã trả lời ngày 12/02/2026') },
    ]);
    expect(report.duplicates.map((row) => row.code)).toEqual(['PAKN-0043', 'PAKN-0044']);
    expect((await petitionTasks(database))[0]).toMatchObject({
      code: 'PAKN-0042',
      status: 'done',
      doneOn: '2026-02-12',
    });

    const before = await snapshot(database);
    const third = await cli(database.url, ['import', 'pakn', later, '--json'], FEB_13);
    expect(JSON.parse(third.stdout).duplicates).toHaveLength(3);
    expect(await snapshot(database)).toEqual(before);
  });

  it('refuses codes carrying control or bidi characters, naming them, and strips them from summaries', async () => {
    const file = tempCsv(
      'pakn.csv',
      [
        'Mã hồ sơ,Ngày tiếp nhận,Nội dung,Người xử lý',
        'PAKN-\u202E1000,10/02/2026,Kiến nghị,lan.nt',
        'PAKN-\u00072,10/02/2026,Kiến nghị,lan.nt',
        'PAKN-3,10/02/2026,"Phản ánh\u202E chậm\u0000 trả\u009B kết quả\u2066",lan.nt',
      ].join('\n'),
    );
    const result = await cli(database.url, ['import', 'pakn', file, '--skip-bad', '--json'], FEB_10);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as RegisterImportReport;
    expect(report.refused).toEqual([
      {
        row: 2,
        code: 'PAKN-<U+202E>1000',
        reason: 'mã "PAKN-<U+202E>1000" chứa ký tự điều khiển hoặc ký tự đổi chiều chữ (U+202E): sửa ô mã trong tệp',
      },
      {
        row: 3,
        code: 'PAKN-<U+0007>2',
        reason: 'mã "PAKN-<U+0007>2" chứa ký tự điều khiển hoặc ký tự đổi chiều chữ (U+0007): sửa ô mã trong tệp',
      },
    ]);
    const task = await database.client.task.findFirstOrThrow({ where: { sourceRef: 'PAKN-3' } });
    expect(task.title).toBe('Trả lời PAKN PAKN-3: Phản ánh chậm trả kết quả');
    expect(task.note).toBe('Phản ánh chậm trả kết quả');
    expect(await database.client.task.count({ where: { dutyCode: 'pakn' } })).toBe(1);
  });

  it('changes nothing on a dry run', async () => {
    const good = tempCsv('pakn.csv', 'Mã hồ sơ,Ngày tiếp nhận,Người xử lý\nPAKN-1,10/02/2026,lan.nt\n');
    const before = await snapshot(database);
    const result = await cli(database.url, ['import', 'pakn', good, '--dry-run'], FEB_10);
    expect(result).toMatchObject({ code: 0 });
    expect(result.stdout).toContain('Sẽ thêm (1):\n  dòng 2: PAKN-1 — lan.nt, hạn trả lời 03/03/2026');
    expect(await snapshot(database)).toEqual(before);
  });
});

describe('importing dossiers from the one-stop export', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await officeDatabase();
  });
  afterEach(async () => {
    await database.drop();
  });

  async function dossiers() {
    const rows = await database.client.dossier.findMany({ orderBy: { code: 'asc' }, include: { assignee: true } });
    const apologies = await database.client.task.findMany({ where: { dutyCode: 'thu-xin-loi' } });
    return rows.map((row) => ({
      code: row.code,
      assignee: row.assignee?.username,
      dueDate: row.dueDate,
      status: row.status,
      returnedOn: row.returnedAt ? vietnamDateOf(row.returnedAt) : null,
      apology: apologies
        .filter((task) => task.sourceRef === row.code)
        .map((task) => `${task.dueDate} ${task.status}`)[0],
    }));
  }

  it('registers each dossier with its apology task and marks returned ones, cancelling the apology when on time', async () => {
    const result = await cli(database.url, ['import', 'dossiers', fixture('ho-so-mot-cua.csv')], FEB_10);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(await dossiers()).toEqual([
      {
        code: '000.00.25.H34-260202-0001',
        assignee: 'bich.lt',
        dueDate: '2026-02-23',
        status: 'processing',
        returnedOn: null,
        apology: '2026-02-13 open',
      },
      {
        code: '000.00.25.H34-260203-0002',
        assignee: 'lan.nt',
        dueDate: '2026-02-09',
        status: 'returned',
        returnedOn: '2026-02-06',
        apology: '2026-02-06 cancelled',
      },
      {
        code: '000.00.25.H34-260203-0003',
        assignee: 'lan.nt',
        dueDate: '2026-02-05',
        status: 'returned',
        returnedOn: '2026-02-09',
        apology: '2026-02-04 open',
      },
    ]);
  });

  it('updates a dossier the export now shows returned, and creates nothing twice', async () => {
    await cli(database.url, ['import', 'dossiers', fixture('ho-so-mot-cua.csv')], FEB_10);
    const later = tempCsv(
      'ho-so.csv',
      [
        'Mã hồ sơ;Ngày hẹn trả;Cán bộ xử lý;Trạng thái;Ngày trả kết quả',
        '000.00.25.H34-260202-0001;23/02/2026;bich.lt;Đã trả kết quả;12/02/2026',
        '000.00.25.H34-260203-0002;09/02/2026;lan.nt;Đã trả kết quả;06/02/2026',
      ].join('\n'),
    );
    const result = await cli(database.url, ['import', 'dossiers', later, '--json'], FEB_13);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as RegisterImportReport;
    expect(report.updated).toEqual([
      { row: 2, code: '000.00.25.H34-260202-0001', change: 'đã trả kết quả ngày 12/02/2026 (đúng hạn)' },
    ]);
    expect(report.duplicates.map((row) => row.code)).toEqual(['000.00.25.H34-260203-0002']);
    expect((await dossiers())[0]).toMatchObject({
      status: 'returned',
      returnedOn: '2026-02-12',
      apology: '2026-02-13 cancelled',
    });
    expect(await database.client.dossier.count()).toBe(3);
  });

  it('reads the same export from XLSX, with real Excel dates', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Hồ sơ');
    sheet.addRow(['DANH SÁCH HỒ SƠ']);
    sheet.addRow(['Mã hồ sơ', 'Ngày hẹn trả', 'Người xử lý', 'Trạng thái']);
    sheet.addRow(['HS-X1', new Date(Date.UTC(2026, 1, 23)), 'Nguyễn Thị Lan', 'Đang xử lý']);
    const file = join(mkdtempSync(join(tmpdir(), 'nhacviec-import-')), 'ho-so.xlsx');
    await workbook.xlsx.writeFile(file);
    const result = await cli(database.url, ['import', 'dossiers', file], FEB_10);
    expect(result.code).toBe(0);
    expect(await dossiers()).toEqual([
      expect.objectContaining({ code: 'HS-X1', assignee: 'lan.nt', dueDate: '2026-02-23', apology: '2026-02-13 open' }),
    ]);
  });

  it('refuses a dossier without a promised date and one whose code repeats', async () => {
    const file = tempCsv(
      'ho-so.csv',
      'Mã hồ sơ,Ngày hẹn trả,Cán bộ xử lý\nHS-1,,lan.nt\nHS-2,23/02/2026,lan.nt\nHS-2,24/02/2026,lan.nt\n',
    );
    const result = await cli(database.url, ['import', 'dossiers', file, '--json'], FEB_10);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).refused).toEqual([
      { row: 2, code: 'HS-1', reason: 'thiếu ngày hẹn trả' },
      { row: 4, code: 'HS-2', reason: 'mã HS-2 đã có ở dòng 3' },
    ]);
    expect(await database.client.dossier.count()).toBe(0);
  });
});
