// The bot's daily backup: once a day after BACKUP_TIME (Vietnam time), verified, old copies pruned
// only after a new one is good; a failure alerts the admins once and is retried an hour later.
import { mkdtempSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { startApp } from '../../src/app/app.ts';
import { parseConfig } from '../../src/config/config.ts';
import { sqlitePath } from '../../src/db/database.ts';
import { createLogger } from '../../src/logging/logger.ts';
import { FakeTelegramServer } from '../channels/fake-telegram-server.ts';
import { describe, expect, it } from 'vitest';
import { dailyBackup } from '../../src/app/daily-backup.ts';
import { ManualClock } from '../../src/domain/clock.ts';
import { silentLogger } from '../../src/domain/log-sink.ts';
import { backupFileName, dailyBackupDue, listBackups } from '../../src/services/backups.ts';
import { freshSqliteUrl, useTestDatabase } from '../support/test-databases.ts';
import { vn } from '../reminders/support.ts';

const DAY = 24 * 60 * 60_000;

describe('daily backup', () => {
  const database = useTestDatabase('sqlite');

  it('is due once the day’s backup time has passed and nothing was taken since', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nhacviec-daily-'));
    expect(dailyBackupDue(dir, vn('2026-11-23', '02:29'), '02:30')).toBe(false);
    expect(dailyBackupDue(dir, vn('2026-11-23', '02:30'), '02:30')).toBe(true);
    writeFileSync(join(dir, backupFileName(vn('2026-11-23', '02:31'))), '');
    expect(dailyBackupDue(dir, vn('2026-11-23', '23:59'), '02:30')).toBe(false);
    expect(dailyBackupDue(dir, vn('2026-11-24', '02:30'), '02:30')).toBe(true);
  });

  it('takes one verified 0600 copy a day and prunes copies older than BACKUP_KEEP days after it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nhacviec-daily-'));
    const url = `file:${(await database().$queryRawUnsafe<{ file: string }[]>('PRAGMA database_list'))[0]!.file}`;
    // Old copies, named 40 and 10 days back (their mtime says nothing: a copied file is "new").
    const old = join(dir, backupFileName(new Date(vn('2026-11-23', '02:30').getTime() - 40 * DAY)));
    const recent = join(dir, backupFileName(new Date(vn('2026-11-23', '02:30').getTime() - 10 * DAY)));
    for (const file of [old, recent]) {
      writeFileSync(file, 'old copy');
      utimesSync(file, new Date(), new Date());
    }
    const clock = new ManualClock(vn('2026-11-23', '02:00'));
    const alerts: string[] = [];
    const run = dailyBackup({
      config: { DATABASE_URL: url, BACKUP_DIR: dir, BACKUP_KEEP: 30, BACKUP_TIME: '02:30' },
      clock,
      logger: silentLogger,
      alert: async (text) => void alerts.push(text),
    })!;

    await run();
    expect(listBackups(dir).map((b) => b.path)).toEqual([old, recent]); // not yet 02:30
    clock.set(vn('2026-11-23', '02:31'));
    await run();
    const after = listBackups(dir).map((b) => b.path);
    expect(after).toEqual([recent, join(dir, backupFileName(vn('2026-11-23', '02:31')))]);
    expect(statSync(after[1]!).mode & 0o777).toBe(0o600);
    clock.set(vn('2026-11-23', '09:00'));
    await run();
    expect(listBackups(dir)).toHaveLength(2); // once a day
    expect(alerts).toEqual([]);
  });

  it('keeps every old copy and alerts the admins once when the new copy fails', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'nhacviec-daily-'));
    const notADirectory = join(parent, 'file');
    writeFileSync(notADirectory, 'x');
    const url = `file:${(await database().$queryRawUnsafe<{ file: string }[]>('PRAGMA database_list'))[0]!.file}`;
    const clock = new ManualClock(vn('2026-11-23', '02:31'));
    const alerts: string[] = [];
    const run = dailyBackup({
      config: { DATABASE_URL: url, BACKUP_DIR: join(notADirectory, 'backups'), BACKUP_KEEP: 1, BACKUP_TIME: '02:30' },
      clock,
      logger: silentLogger,
      alert: async (text) => void alerts.push(text),
    })!;
    await run();
    clock.advance(60_000);
    await run(); // not every minute
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toContain('Sao lưu tự động cơ sở dữ liệu thất bại');
    clock.advance(60 * 60_000);
    await run();
    expect(alerts).toHaveLength(2);
  });

  it('takes one copy when two sweeps ask at once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nhacviec-daily-'));
    const url = `file:${(await database().$queryRawUnsafe<{ file: string }[]>('PRAGMA database_list'))[0]!.file}`;
    const alerts: string[] = [];
    const run = dailyBackup({
      config: { DATABASE_URL: url, BACKUP_DIR: dir, BACKUP_KEEP: 30, BACKUP_TIME: '02:30' },
      clock: new ManualClock(vn('2026-11-23', '03:00')),
      logger: silentLogger,
      alert: async (text) => void alerts.push(text),
    })!;
    await Promise.all([run(), run()]);
    expect(alerts).toEqual([]);
    expect(listBackups(dir)).toHaveLength(1);
  });

  it('does nothing on PostgreSQL (pg_dump is the tool there)', () => {
    const run = dailyBackup({
      config: { DATABASE_URL: 'postgresql://u:p@h/db', BACKUP_DIR: undefined, BACKUP_KEEP: 30, BACKUP_TIME: '02:30' },
      clock: new ManualClock(new Date()),
      logger: silentLogger,
      alert: async () => undefined,
    });
    expect(run).toBeUndefined();
  });
});

describe('the running bot', () => {
  it('takes the daily backup in its sweep, beside the database by default, and serves its age on /metrics', async () => {
    const fake = await FakeTelegramServer.start('123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ_test');
    const { url, cleanup } = freshSqliteUrl();
    const clock = new ManualClock(vn('2026-11-23', '02:29'));
    const app = await startApp({
      config: parseConfig({
        DATABASE_URL: url,
        TELEGRAM_BOT_TOKEN: fake.token,
        TELEGRAM_API_ROOT: fake.apiRoot,
        WEB_PORT: '0',
      }),
      clock,
      logger: createLogger('silent'),
      web: true,
    });
    try {
      const backups = join(dirname(sqlitePath(url)), 'backups');
      await app.sweep();
      expect(listBackups(backups)).toEqual([]);
      clock.set(vn('2026-11-23', '02:30'));
      await app.sweep();
      expect(listBackups(backups).map((b) => b.takenAt)).toEqual([vn('2026-11-23', '02:30')]);
      clock.set(vn('2026-11-23', '03:30'));
      const metrics = await (await fetch(`${app.webUrl}/metrics`)).text();
      expect(metrics).toMatch(/^nhacviec_backup_age_seconds 3600$/m);
    } finally {
      await app.stop();
      await fake.close();
      cleanup();
    }
  });
});
