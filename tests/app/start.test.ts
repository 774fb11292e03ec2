import { describe, expect, it } from 'vitest';
import { freshSqliteUrl, migratedSqliteUrl } from '../support/test-databases.ts';
import { spawnProcess } from '../support/spawn-process.ts';
import { chmodSync, existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { openDatabase, sqlitePath } from '../../src/db/database.ts';
import { addUnit } from '../../src/db/store/units.ts';
import { addOfficial, findOfficialByUsername } from '../../src/db/store/officials.ts';

// The real entry points. `npm start` is what a newcomer runs; most tests run what it runs without
// npm (scripts/launch.mjs: the bundled bot, rebuilt when a source changed), so signals go to the
// bot process itself — npm reports its own death by signal rather than the bot's code — and each
// start costs a bundle load instead of compiling the sources with tsx (about twice as long).
const BOT = ['scripts/launch.mjs', 'main'];
const startBot = (env: Record<string, string>) => spawnProcess(process.execPath, BOT, env);
const startBotWithInput = (env: Record<string, string>, args: string[], input: string) =>
  spawnProcess(process.execPath, [...BOT, ...args], env, input);

// Spawned processes transpile on start: on a busy CI machine that alone can take tens of seconds.
describe('npm start', { timeout: 180_000 }, () => {
  it('is wired to the bot entry point', async () => {
    const { url, cleanup } = await migratedSqliteUrl();
    try {
      const bot = spawnProcess('npm', ['start', '--silent'], { DATABASE_URL: url, LOG_LEVEL: 'info' });
      await bot.waitFor('nhacviec started');
      bot.child.kill('SIGTERM');
      await bot.exited;
    } finally {
      cleanup();
    }
  });

  it('brings the bot up on a new SQLite file with no other set-up and stops cleanly on SIGTERM', async () => {
    const { url, cleanup } = freshSqliteUrl();
    try {
      const bot = startBot({ DATABASE_URL: url, LOG_LEVEL: 'info' });
      await bot.waitFor('nhacviec started');
      expect(bot.output()).toContain('database migrated');
      expect(bot.output()).toContain('scheduler started');
      bot.child.kill('SIGTERM');
      expect(await bot.exited).toEqual({ code: 0, signal: null });
      expect(bot.output()).toContain('"msg":"stopped"');
    } finally {
      cleanup();
    }
  });

  it('logs loudly that time is simulated when NHACVIEC_FAKE_NOW is set', async () => {
    const { url, cleanup } = await migratedSqliteUrl();
    try {
      const bot = startBot({ DATABASE_URL: url, NHACVIEC_FAKE_NOW: '2026-02-13T08:00:00+07:00', LOG_LEVEL: 'info' });
      await bot.waitFor('nhacviec started');
      expect(bot.output()).toContain('SIMULATED TIME');
      expect(bot.output()).toMatch(/"now":"2026-02-13T01:0\d:/);
      bot.child.kill('SIGINT');
      expect((await bot.exited).code).toBe(0);
    } finally {
      cleanup();
    }
  });

  it('exits 1 at start, naming the path and why, on a SQLite file or directory it cannot write', async () => {
    const { url, cleanup } = await migratedSqliteUrl();
    const path = sqlitePath(url);
    const dir = dirname(path);
    try {
      // Read-only for the bot's user: under root (which writes anything) the bot runs as nobody.
      const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;
      chmodSync(dir, 0o755);
      chmodSync(path, 0o444);
      const readOnlyFile = spawnProcess(process.execPath, BOT, { ...NO_CHAT, DATABASE_URL: url }, '/giup\n', asUser);
      expect((await readOnlyFile.exited).code).toBe(1);
      expect(readOnlyFile.output()).toContain(`Không ghi được vào cơ sở dữ liệu SQLite ${path}: tệp không cho ghi`);
      chmodSync(path, 0o666);
      chmodSync(dir, 0o555);
      const readOnlyDir = spawnProcess(process.execPath, BOT, { ...NO_CHAT, DATABASE_URL: url }, '/giup\n', asUser);
      expect((await readOnlyDir.exited).code).toBe(1);
      expect(readOnlyDir.output()).toContain(`thư mục ${dir} không cho ghi`);
    } finally {
      chmodSync(dir, 0o755);
      cleanup();
    }
  });

  it('refuses to start on a bad setting, naming it', async () => {
    const bot = startBot({
      WORKING_HOURS: 'all day',
      TELEGRAM_BOT_TOKEN: 'leaked-secret',
      DATABASE_URL: 'mysql://nhacviec:leaked-password@db.example/nv',
    });
    const { code } = await bot.exited;
    expect(code).toBe(2);
    expect(bot.output()).toContain('WORKING_HOURS');
    expect(bot.output()).toContain('TELEGRAM_BOT_TOKEN');
    expect(bot.output()).not.toContain('leaked-secret');
    expect(bot.output()).toContain('mysql://nhacviec:***@db.example/nv');
    expect(bot.output()).not.toContain('leaked-password');
  });
});

// With no chat credentials the bot talks on stdin/stdout, so it can be scripted.
const NO_CHAT = { TELEGRAM_BOT_TOKEN: '', ZALO_CREDENTIALS_FILE: '' };

describe('npm start on the console', { timeout: 180_000 }, () => {
  it("prints the help for `printf '/giup\\n' | npm start` and exits 0, keeping logs off stdout", async () => {
    const { url, cleanup } = await migratedSqliteUrl();
    try {
      const bot = spawnProcess(
        'npm',
        ['start', '--silent'],
        { ...NO_CHAT, DATABASE_URL: url, LOG_LEVEL: 'info' },
        '/giup\n',
      );
      let stdout = '';
      bot.child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      const exit = await bot.exited;
      expect(exit).toEqual({ code: 0, signal: null });
      expect(bot.output()).toContain('"msg":"nhacviec started"');
      expect(stdout).toContain('Bot nhắc việc kiểm soát thủ tục hành chính (KSTTHC)');
      expect(stdout).toContain('/dangnhap <tên đăng nhập>');
      expect(stdout).not.toContain('"level"');
    } finally {
      cleanup();
    }
  });

  it('shows overdue demo tasks for `npm start -- --demo` with /quahan piped in', async () => {
    const { url, cleanup } = freshSqliteUrl();
    try {
      const bot = spawnProcess(
        'npm',
        ['start', '--silent', '--', '--demo', '--demo-db', url],
        { ...NO_CHAT, NHACVIEC_FAKE_NOW: '2026-11-23T08:00:00+07:00' },
        '/quahan\n',
      );
      expect((await bot.exited).code).toBe(0);
      expect(bot.output()).toContain('⚠️ 3 việc quá hạn (PTP và các đơn vị trực thuộc), hôm nay 23/11/2026:');
      expect(bot.output()).toContain('👤 Trần Văn Cường (PTP) — 1 việc:');
    } finally {
      cleanup();
    }
  });

  it('acts as the official given with --as, and refuses with exit code 2 someone who is not there', async () => {
    const { url, cleanup } = freshSqliteUrl();
    try {
      const seed = startBotWithInput(NO_CHAT, ['--demo', '--demo-db', url], '/giup\n');
      expect((await seed.exited).code).toBe(0);
      const bot = startBotWithInput({ ...NO_CHAT, DATABASE_URL: url }, ['--as', 'vuthig'], '/giup\n');
      expect((await bot.exited).code).toBe(0);
      expect(bot.output()).toContain('Bạn đang dùng bot với tư cách Vũ Thị Giang (PHC).');
      const nobody = startBotWithInput({ ...NO_CHAT, DATABASE_URL: url }, ['--as', 'khongco'], '/giup\n');
      expect((await nobody.exited).code).toBe(2);
      expect(nobody.output()).toContain('Không có cán bộ "khongco". Có: ');
      expect(nobody.output()).toContain('lethib');
      expect(nobody.output()).toContain('official add');
    } finally {
      cleanup();
    }
  });

  it('says what to configure on stderr and exits 2 with no chat channel and no input (npm start < /dev/null)', async () => {
    const { url, cleanup } = await migratedSqliteUrl();
    try {
      const bot = startBotWithInput({ ...NO_CHAT, DATABASE_URL: url }, [], '');
      let stderr = '';
      bot.child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      expect((await bot.exited).code).toBe(2);
      expect(stderr).toContain('Bot không có kênh chat nào và không có lệnh nào ở đầu vào');
      expect(stderr).toContain('TELEGRAM_BOT_TOKEN');
      expect(stderr).toContain('ZALO_CREDENTIALS_FILE');
    } finally {
      cleanup();
    }
  });

  it('refuses an unknown option with the usage and exit code 2', async () => {
    const bot = startBotWithInput(NO_CHAT, ['--bogus'], '');
    expect((await bot.exited).code).toBe(2);
    expect(bot.output()).toContain(
      'Cách dùng: npm start -- [--as <tên đăng nhập>] [--demo [--demo-db <url>]] [--help]',
    );
  });

  it('runs --demo on its own database even when DATABASE_URL names the real one', async () => {
    const real = freshSqliteUrl();
    const demo = freshSqliteUrl();
    try {
      const bot = startBotWithInput(
        { ...NO_CHAT, DATABASE_URL: real.url },
        ['--demo', '--demo-db', demo.url, '--as', 'nguyenvana'],
        '/giup\n',
      );
      expect((await bot.exited).code).toBe(0);
      expect(bot.output()).toContain('Nguyễn Văn An');
      // The real database was not even created, let alone filled with the demo's admin.
      expect(existsSync(sqlitePath(real.url))).toBe(false);
    } finally {
      real.cleanup();
      demo.cleanup();
    }
  });

  it('refuses --demo, exit code 2, on a database that holds data other than the demo', async () => {
    const { url, cleanup } = await migratedSqliteUrl();
    try {
      const database = await openDatabase(url);
      await addUnit(database.store, { code: 'STP', name: 'Sở Tư pháp' }, { kind: 'cli' });
      await addOfficial(
        database.store,
        { username: 'thatsu', fullName: 'Cán Bộ Thật', unitCode: 'STP', role: 'admin' },
        { kind: 'cli' },
      );
      await database.close();
      const bot = startBotWithInput(NO_CHAT, ['--demo', '--demo-db', url], '/giup\n');
      expect((await bot.exited).code).toBe(2);
      expect(bot.output()).toContain('--demo không chạy trên cơ sở dữ liệu');
      expect(bot.output()).toContain('đơn vị STP; cán bộ thatsu');
      const reopened = await openDatabase(url);
      try {
        expect(await findOfficialByUsername(reopened.store, 'nguyenvana')).toBeUndefined();
      } finally {
        await reopened.close();
      }
    } finally {
      cleanup();
    }
  });
});

describe('npm run cli', { timeout: 180_000 }, () => {
  it('answers through the real entry point and exits non-zero on bad input', async () => {
    const { url, cleanup } = await migratedSqliteUrl();
    try {
      const add = spawnProcess('npm', ['run', '--silent', 'cli', '--', 'unit', 'add', 'PTP', 'Phòng Tư pháp'], {
        DATABASE_URL: url,
      });
      expect((await add.exited).code).toBe(0);
      expect(add.output().trim()).toBe('Đã thêm đơn vị PTP — Phòng Tư pháp');
      const list = spawnProcess('npm', ['run', '--silent', 'cli', '--', 'unit', 'list', '--json'], {
        DATABASE_URL: url,
      });
      expect((await list.exited).code).toBe(0);
      expect(JSON.parse(list.output())).toEqual([expect.objectContaining({ code: 'PTP', name: 'Phòng Tư pháp' })]);
      const bad = spawnProcess('npm', ['run', '--silent', 'cli', '--', 'unit', 'add', 'PTP', 'Lại'], {
        DATABASE_URL: url,
      });
      expect((await bad.exited).code).toBe(1);
    } finally {
      cleanup();
    }
  });
});
