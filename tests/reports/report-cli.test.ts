import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markTaskDone } from '../../src/db/store/tasks.ts';
import { findOfficialByUsername } from '../../src/db/store/officials.ts';
import { cli } from '../support/run-cli.ts';
import { openDatabase } from '../../src/db/database.ts';
import { addDays, vietnamDateOf } from '../../src/domain/local-date.ts';
import { asTestStore, createTestDatabase, freshSqliteUrl, type TestDatabase } from '../support/test-databases.ts';
import { seedNovember } from './support/november-fixture.ts';

const AT_END_OF_NOVEMBER = { NHACVIEC_FAKE_NOW: '2026-11-30T09:00:00+07:00' };

describe('the report, audit and export commands', () => {
  let database: TestDatabase;
  let ids: Record<string, number>;
  let dir: string;
  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    ({ ids } = await seedNovember(database.client));
    dir = mkdtempSync(join(tmpdir(), 'nhacviec-report-cli-'));
  });
  afterAll(async () => {
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });
  const run = (args: string[]) => cli(database.url, args, AT_END_OF_NOVEMBER);

  it('prints the month’s report as Markdown, judged as of the clock’s Vietnam date', async () => {
    const result = await run(['report', '--month', '2026-11', '--unit', 'SO']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain('# Báo cáo kết quả thực hiện nhiệm vụ KSTTHC tháng 11/2026');
    expect(result.stdout).toContain('| PKS | Phòng Kiểm soát thủ tục hành chính | 5 | 1 | 0 | 3 | 1 | 25% |');
  });

  it('prints the report figures as JSON', async () => {
    const result = await run(['report', '--month', '2026-11', '--json']);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({
      month: '2026-11',
      asOf: '2026-11-30',
      tasks: { total: { due: 15, onTime: 5, late: 3, overdue: 6, pending: 1 } },
    });
  });

  it('writes the workbook and the chart to the files named by --out', async () => {
    const xlsx = join(dir, 'bao-cao.xlsx');
    const written = await run(['report', '--month', '2026-11', '--format', 'xlsx', '--out', xlsx]);
    expect(written).toMatchObject({ code: 0, stdout: `Đã ghi báo cáo tháng 2026-11 (xlsx) vào ${xlsx}` });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(xlsx);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Tổng hợp', 'PAKN', 'Hồ sơ', 'Danh sách quá hạn']);

    const png = join(dir, 'bao-cao.png');
    expect((await run(['report', '--month', '11/2026', '--format', 'png', '--target', '95', '--out', png])).code).toBe(
      0,
    );
    expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG');
  });

  it.each([
    ['an xlsx report without --out', ['report', '--month', '2026-11', '--format', 'xlsx'], 'cần --out'],
    ['a png report without --out', ['report', '--month', '2026-11', '--format', 'png'], 'cần --out'],
    ['a month that does not exist', ['report', '--month', '2026-13'], 'không hợp lệ'],
    ['an unknown format', ['report', '--month', '2026-11', '--format', 'pdf'], 'md | csv | xlsx | png'],
    ['an unknown unit', ['report', '--month', '2026-11', '--unit', 'KHONGCO'], 'Không có đơn vị'],
    ['an xlsx export without --out', ['export', 'tasks', '--format', 'xlsx'], 'cần --out'],
    ['a bad export status', ['export', 'tasks', '--status', 'late'], 'open | done | overdue | cancelled'],
  ])('refuses %s with a clear message and exit code 1', async (_case, args, message) => {
    const result = await run(args);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(message);
  });

  it('lists a change made through the CLI and one made in a chat, with who and through which channel, oldest first', async () => {
    // A database of its own: the real CLI migrates it first, which needs no other connection open.
    const { url, cleanup } = freshSqliteUrl();
    try {
      for (const args of [
        ['unit', 'add', 'PTP', 'Phòng Tư pháp'],
        ['official', 'add', 'lethib', 'Lê Thị Bích', '--unit', 'PTP'],
      ]) {
        expect((await cli(url, args)).code).toBe(0);
      }
      const idOf = async (args: string[]) => String(JSON.parse((await cli(url, [...args, '--json'])).stdout).id);
      const first = await idOf([
        'task',
        'add',
        '--title',
        'Báo cáo tháng 11',
        '--assignee',
        'lethib',
        '--due',
        '20/11/2026',
      ]);
      const second = await idOf([
        'task',
        'add',
        '--title',
        'Trả lời PAKN',
        '--assignee',
        'lethib',
        '--due',
        '25/11/2026',
      ]);
      expect((await cli(url, ['task', 'done', first, '--note', 'Đã gửi báo cáo'], AT_END_OF_NOVEMBER)).code).toBe(0);
      const database = await openDatabase(url);
      const db = asTestStore(database.store);
      try {
        const official = (await findOfficialByUsername(db, 'lethib'))!;
        await markTaskDone(
          db,
          Number(second),
          { kind: 'official', officialId: official.id, channel: 'telegram', chatId: '98765' },
          new Date('2026-11-30T16:45:00Z'),
        );
      } finally {
        await database.close();
      }

      const cliTrail = JSON.parse((await cli(url, ['audit', '--task', first, '--json'])).stdout);
      expect(cliTrail.map((e: { action: string }) => e.action)).toEqual(['task.add', 'task.done']);
      expect(cliTrail[1]).toMatchObject({
        actorKind: 'cli',
        actor: 'dòng lệnh (CLI)',
        channel: 'cli',
        taskId: Number(first),
        payload: {
          before: { status: 'open', note: null, pendingReminderIds: [] },
          after: { status: 'done', note: 'Đã gửi báo cáo', pendingReminderIds: [] },
        },
      });
      expect(cliTrail[1].at).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);

      const chatTrail = (await cli(url, ['audit', '--task', second])).stdout.split('\n');
      expect(chatTrail).toHaveLength(2);
      expect(chatTrail[0]).toMatch(/\tdòng lệnh \(CLI\)\tcli\tgiao việc \(task\.add\)\t#\d+\t.*title=Trả lời PAKN/);
      expect(chatTrail[1]).toMatch(
        new RegExp(
          `^\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}\\tlethib \\(Lê Thị Bích\\)\\ttelegram:98765\\tbáo xong việc \\(task\\.done\\)\\t#${second}(\\t.*)?$`,
        ),
      );

      const everything = JSON.parse((await cli(url, ['audit', '--json'])).stdout) as { action: string; id: number }[];
      expect(everything.map((e) => e.action)).toEqual([
        'unit.add',
        'official.add',
        'task.add',
        'task.add',
        'task.done',
        'task.done',
      ]);
    } finally {
      cleanup();
    }
  });

  it('lists only changes from the --since day on, that day starting at 00:00 in Vietnam', async () => {
    const all = JSON.parse((await run(['audit', '--json'])).stdout) as { atIso: string; id: number }[];
    expect(all.length).toBeGreaterThan(40);
    expect(all.map((e) => e.atIso)).toEqual([...all.map((e) => e.atIso)].sort());
    const future = await run(['audit', '--since', '01/01/2100']);
    expect(future).toMatchObject({ code: 0, stdout: 'Không có thay đổi nào.' });
    // Events carry the database's real clock: all of them happened "today" in Vietnam.
    const today = vietnamDateOf(new Date());
    expect(JSON.parse((await run(['audit', '--since', today, '--json'])).stdout)).toHaveLength(all.length);
    expect(JSON.parse((await run(['audit', '--since', addDays(today, 1), '--json'])).stdout)).toHaveLength(0);
  });

  it('exports the overdue tasks of a unit and its sub-units as CSV with a BOM and Vietnamese headers', async () => {
    const result = await run(['export', 'tasks', '--status', 'overdue', '--unit', 'PTP']);
    expect(result.code).toBe(0);
    expect(result.stdout.startsWith('\uFEFF')).toBe(true);
    const [header, ...rows] = parse(result.stdout.slice(1)) as string[][];
    expect(header).toEqual([
      'Số hiệu',
      'Nội dung',
      'Mã nhiệm vụ',
      'Mã đơn vị',
      'Đơn vị',
      'Tên đăng nhập',
      'Cán bộ được giao',
      'Kỳ',
      'Mã nguồn',
      'Hạn',
      'Trạng thái',
      'Ngày xong',
      'Kết quả',
      'Ghi chú',
      'Đối chiếu một cửa',
    ]);
    // PTP and TO, open and due before 30/11, by due date; T9b (due 01/12) is not overdue yet.
    expect(rows.map((r) => Number(r[0]))).toEqual([ids.T9a, ids.H3a, ids.T3, ids.P3]);
    expect(rows.find((r) => r[0] === String(ids.P3))).toEqual([
      String(ids.P3),
      'Trả lời PAKN-03',
      'pakn',
      'TO',
      'Tổ tiếp nhận và trả kết quả',
      'tranc',
      'Trần Văn Cường',
      '',
      'PAKN-03',
      '26/11/2026',
      'Quá hạn 4 ngày',
      '',
      '',
      '',
      'Chưa đối chiếu', // seeded straight into the store: no import has confirmed it
    ]);
  });

  it('exports done tasks with the Vietnam date they were done and whether on time, to CSV and XLSX files', async () => {
    const csvPath = join(dir, 'viec.csv');
    expect((await run(['export', 'tasks', '--status', 'done', '--unit', 'PTP', '--out', csvPath])).stdout).toContain(
      'Đã xuất',
    );
    const rows = parse(readFileSync(csvPath, 'utf8').slice(1)) as string[][];
    const byId = new Map(rows.slice(1).map((r) => [r[0], r]));
    expect(byId.get(String(ids.T1))?.slice(10, 13)).toEqual(['Đã xong', '20/11/2026', 'Đúng hạn']);
    expect(byId.get(String(ids.T2))?.slice(10, 13)).toEqual(['Đã xong', '21/11/2026', 'Trễ 1 ngày']);
    expect(byId.has(String(ids.T5))).toBe(false); // SO is above PTP, not under it

    const xlsxPath = join(dir, 'viec.xlsx');
    expect((await run(['export', 'tasks', '--status', 'cancelled', '--format', 'xlsx', '--out', xlsxPath])).code).toBe(
      0,
    );
    expect(existsSync(xlsxPath)).toBe(true);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(xlsxPath);
    const sheet = workbook.getWorksheet('Danh sách việc')!;
    const values = Array.from(sheet.getSheetValues(), (r) => (Array.isArray(r) ? r.slice(1) : []));
    // The cancelled tasks, by due date: T8 (15/11), the apology letters of HS-01 (17/11) and HS-06 (19/11).
    expect(values.filter((r) => typeof r[0] === 'number').map((r) => r[0])).toEqual([ids.T8, ids.H1a, ids.H6a]);
    expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9 });
  });
});
