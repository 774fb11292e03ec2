import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../support/run-cli.ts';
import { asTestStore, freshPostgresUrl, freshSqliteUrl, testProviders } from '../support/test-databases.ts';

const providers = await testProviders();
const NOW = { NHACVIEC_FAKE_NOW: '2026-11-23T09:00:00+07:00' };

/** The task number in `task add`'s answer ("Đã giao việc #12 …"). */
function idOf(result: { stdout: string }): string {
  const match = /^Đã giao việc #(\d+) /.exec(result.stdout);
  if (!match) throw new Error(`not a task add answer: ${result.stdout}`);
  return match[1]!;
}

describe.each(providers)('the admin command line on %s', (provider) => {
  let url: string;
  let cleanup: () => unknown;
  beforeAll(async () => {
    ({ url, cleanup } = provider === 'sqlite' ? freshSqliteUrl() : await freshPostgresUrl());
    expect((await cli(url, ['unit', 'add', 'SO', 'Sở Tư pháp'])).code).toBe(0);
    expect((await cli(url, ['unit', 'add', 'PTP', 'Phòng Tư pháp', '--parent', 'SO'])).code).toBe(0);
    expect((await cli(url, ['official', 'add', 'lethib', 'Lê Thị Bích', '--unit', 'PTP', '--role', 'head'])).code).toBe(
      0,
    );
  });
  afterAll(async () => {
    await cleanup?.();
  });

  it('round-trips unit, official and task through the database as JSON', async () => {
    const units = JSON.parse((await cli(url, ['unit', 'list', '--json'])).stdout);
    expect(units).toContainEqual(expect.objectContaining({ code: 'PTP', name: 'Phòng Tư pháp', parentCode: 'SO' }));
    const officials = JSON.parse((await cli(url, ['official', 'list', '--unit', 'PTP', '--json'])).stdout);
    expect(officials).toEqual([
      expect.objectContaining({ username: 'lethib', fullName: 'Lê Thị Bích', role: 'head', unitCode: 'PTP' }),
    ]);

    const added = await cli(url, [
      'task',
      'add',
      '--title',
      'Báo cáo tình hình KSTTHC tháng 11',
      '--assignee',
      'lethib',
      '--due',
      '19/11/2026',
      '--duty',
      'bao-cao-thang',
    ]);
    expect(added.code).toBe(0);
    const [, shown] =
      /^Đã giao việc #(\d+) «Báo cáo tình hình KSTTHC tháng 11» cho lethib \(PTP\), hạn 19\/11\/2026\.$/.exec(
        added.stdout,
      )!;
    const id = Number(shown);
    expect(id).toBeGreaterThan(0);

    const tasks = JSON.parse((await cli(url, ['task', 'list', '--json'], NOW)).stdout);
    expect(tasks).toContainEqual(
      expect.objectContaining({
        id,
        title: 'Báo cáo tình hình KSTTHC tháng 11',
        dueDate: '2026-11-19',
        status: 'open',
        dutyCode: 'bao-cao-thang',
      }),
    );
  });

  it('warns, but accepts, a due date already past or on a day off, naming the next working day', async () => {
    const past = await cli(
      url,
      ['task', 'add', '--title', 'Quá hạn', '--assignee', 'lethib', '--due', '20/11/2026'],
      NOW,
    );
    expect(past.code).toBe(0);
    expect(past.stderr).toBe(
      'Lưu ý: Hạn 20/11/2026 đã qua (hôm nay 23/11/2026): việc được tính là quá hạn ngay từ bây giờ.',
    );
    const sunday = await cli(
      url,
      ['task', 'add', '--title', 'Chủ nhật', '--assignee', 'lethib', '--due', '29/11/2026', '--json'],
      NOW,
    );
    expect(sunday.code).toBe(0);
    expect(JSON.parse(sunday.stdout)).toMatchObject({ title: 'Chủ nhật', dueDate: '2026-11-29' });
    expect(sunday.stderr).toMatch(
      /^Lưu ý: Hạn 29\/11\/2026 là ngày nghỉ \(.+\); ngày làm việc kế tiếp là 30\/11\/2026\.$/,
    );
    const fine = await cli(
      url,
      ['task', 'add', '--title', 'Bình thường', '--assignee', 'lethib', '--due', '01/12/2026'],
      NOW,
    );
    expect(fine).toMatchObject({ code: 0, stderr: '' });
  });

  it('lists tasks in Vietnamese under a header', async () => {
    const list = (await cli(url, ['task', 'list'], NOW)).stdout.split('\n');
    expect(list[0]).toBe('Số\tHạn\tĐơn vị\tNgười làm\tTình trạng\tViệc');
    expect(list.slice(1).every((line) => /\t(đang làm|đã xong|đã huỷ|quá hạn \d+ ngày làm việc)\t/.test(line))).toBe(
      true,
    );
    expect(list.join('\n')).not.toMatch(/\t(open|done|cancelled)\t/);
  });

  it('accepts ISO and Vietnamese dates alike', async () => {
    const a = await cli(url, ['task', 'add', '--title', 'A', '--assignee', 'lethib', '--due', '2026-12-05', '--json']);
    const b = await cli(url, ['task', 'add', '--title', 'B', '--assignee', 'lethib', '--due', '5/12/2026', '--json']);
    expect(JSON.parse(a.stdout).dueDate).toBe('2026-12-05');
    expect(JSON.parse(b.stdout).dueDate).toBe('2026-12-05');
  });

  it('lists overdue tasks by Vietnam date and closes them, saying how late', async () => {
    const id = idOf(await cli(url, ['task', 'add', '--title', 'Trễ', '--assignee', 'lethib', '--due', '20/11/2026']));
    const overdue = JSON.parse(
      (await cli(url, ['task', 'list', '--unit', 'SO', '--status', 'overdue', '--json'], NOW)).stdout,
    );
    expect(overdue.map((t: { id: number }) => t.id)).toContain(Number(id));
    const done = await cli(url, ['task', 'done', id], NOW);
    expect(done).toMatchObject({ code: 0, stdout: `Đã xong việc #${id}, quá hạn 1 ngày làm việc.` });
    const again = await cli(url, ['task', 'done', id], NOW);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('đã được báo xong');
  });

  it('reopens a closed task (--reason, --json), audits it, and refuses a task that is open', async () => {
    const id = idOf(
      await cli(url, ['task', 'add', '--title', 'Mở lại', '--assignee', 'lethib', '--due', '20/11/2026']),
    );
    expect((await cli(url, ['task', 'done', id], NOW)).code).toBe(0);
    const reopened = await cli(url, ['task', 'reopen', id, '--reason', 'báo xong nhầm', '--json'], NOW);
    expect(reopened.code).toBe(0);
    expect(JSON.parse(reopened.stdout)).toMatchObject({ id: Number(id), status: 'open', doneAt: null });
    const trail = JSON.parse((await cli(url, ['audit', '--task', id, '--json'])).stdout);
    const reopen = trail.find((entry: { action: string }) => entry.action === 'task.reopen');
    expect(reopen.payload).toMatchObject({
      before: { status: 'done', doneBy: null },
      after: { status: 'open', doneAt: null, doneBy: null },
      reason: 'báo xong nhầm',
    });
    const again = await cli(url, ['task', 'reopen', id], NOW);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('đang mở, chưa được báo xong');
  });

  it('prints a fresh one-time link code', async () => {
    const first = await cli(url, ['link-code', 'lethib'], NOW);
    const second = await cli(url, ['link-code', 'lethib', '--json'], NOW);
    const [, code] = /^Mã liên kết của lethib: ([A-Z2-9]{10}) \(dùng một lần, hết hạn 24\/11\/2026 09:00\)\.\n/.exec(
      first.stdout,
    )!;
    expect(first.stdout).toContain(`gõ: /lienket ${code}`);
    expect(JSON.parse(second.stdout).code).not.toBe(code);
  });

  it.each([
    ['an unknown unit', ['official', 'add', 'ai', 'Ai Đó', '--unit', 'KHONGCO'], 'Không có đơn vị'],
    ['a duplicate unit', ['unit', 'add', 'PTP', 'Lần hai'], 'đã có'],
    [
      'an unknown assignee',
      ['task', 'add', '--title', 'X', '--assignee', 'khongai', '--due', '01/12/2026'],
      'Không có cán bộ',
    ],
    [
      'an impossible date',
      ['task', 'add', '--title', 'X', '--assignee', 'lethib', '--due', '31/02/2026'],
      'không hợp lệ',
    ],
    ['a missing title', ['task', 'add', '--assignee', 'lethib', '--due', '01/12/2026'], 'Thiếu nội dung việc'],
    ['a bad role', ['official', 'add', 'ai', 'Ai Đó', '--unit', 'PTP', '--role', 'boss'], 'member | head | admin'],
    ['an unknown task id', ['task', 'done', '99999'], 'Không có việc số 99999'],
    ['a non-numeric task id', ['task', 'done', 'abc'], 'không phải số hiệu việc'],
    ['a hexadecimal task id (read as #16 before)', ['task', 'done', '0x10'], 'không phải số hiệu việc'],
    ['a task id in exponent form (read as #1000 before)', ['task', 'done', '1e3'], 'không phải số hiệu việc'],
    ['a task id with a sign', ['task', 'done', '+12'], 'không phải số hiệu việc'],
    ['a bad status', ['task', 'list', '--status', 'late'], 'open | done | overdue'],
    ['a name with a newline', ['official', 'add', 'ai', 'Lê Thị\nBích', '--unit', 'PTP'], 'xuống dòng (U+000A)'],
    ['a unit name with a bidi override', ['unit', 'add', 'XX', 'Phòng \u202Eabc'], 'đảo chiều chữ (U+202E)'],
    [
      'a title with a zero-width space',
      ['task', 'add', '--title', 'Báo\u200Bcáo', '--assignee', 'lethib', '--due', '01/12/2026'],
      'ký tự vô hình (U+200B)',
    ],
  ])('refuses %s with a clear message, a non-zero exit and no change', async (_case, args, message) => {
    const before =
      (await cli(url, ['task', 'list', '--json'])).stdout +
      (await cli(url, ['official', 'list', '--json'])).stdout +
      (await cli(url, ['unit', 'list', '--json'])).stdout;
    const result = await cli(url, args);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(message);
    const after =
      (await cli(url, ['task', 'list', '--json'])).stdout +
      (await cli(url, ['official', 'list', '--json'])).stdout +
      (await cli(url, ['unit', 'list', '--json'])).stdout;
    expect(after).toBe(before);
  });

  it('stops with exit code 2 naming the bad setting', async () => {
    const result = await cli(url, ['unit', 'list'], { REMINDER_SEND_TIMES: '25:00' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('REMINDER_SEND_TIMES');
  });
});

describe('the admin command line beside a running bot', () => {
  it('answers at once while another process holds the SQLite database open', async () => {
    const { url, cleanup } = freshSqliteUrl();
    const { applyMigrations, pendingMigrationNames } = await import('../../src/db/migrate/migrations.ts');
    const { openDatabase } = await import('../../src/db/database.ts');
    try {
      expect((await pendingMigrationNames(url)).length).toBeGreaterThan(0);
      await applyMigrations(url);
      expect(await pendingMigrationNames(url)).toEqual([]);
      const bot = await openDatabase(url);
      try {
        await asTestStore(bot.store).unit.count();
        // Before: the schema engine ran on every command and timed out on the bot's open connection.
        const result = await cli(url, ['unit', 'add', 'BENCANH', 'Đơn vị bên cạnh']);
        expect(result).toMatchObject({ code: 0 });
      } finally {
        await bot.close();
      }
    } finally {
      cleanup();
    }
  });
});
