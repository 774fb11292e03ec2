// The bot's daily SQLite backup, run by the sweep: once the day's BACKUP_TIME (Vietnam time) has
// passed and no backup was taken since, a verified copy goes to BACKUP_DIR, and only then are
// copies older than BACKUP_KEEP days removed. A failure is logged, told to the office admins, and
// tried again an hour later (not every minute).
import type { Config } from '../config/config.ts';
import { sqlitePath, providerOf } from '../db/database.ts';
import type { Clock } from '../domain/clock.ts';
import type { LogSink } from '../domain/log-sink.ts';
import { backupDirFor, dailyBackupDue, pruneBackups, takeBackup } from '../services/backups.ts';

const RETRY_AFTER_FAILURE_MS = 60 * 60_000;

export interface DailyBackupDeps {
  config: Pick<Config, 'DATABASE_URL' | 'BACKUP_DIR' | 'BACKUP_KEEP' | 'BACKUP_TIME'>;
  clock: Clock;
  logger: LogSink;
  alert: (text: string) => Promise<void>;
}

/** Undefined on PostgreSQL (pg_dump is the database's own tool, run by the server's owner). */
export function dailyBackup({ config, clock, logger, alert }: DailyBackupDeps): (() => Promise<void>) | undefined {
  if (providerOf(config.DATABASE_URL) !== 'sqlite') return undefined;
  const databasePath = sqlitePath(config.DATABASE_URL);
  const dir = backupDirFor(databasePath, config.BACKUP_DIR);
  let failedAt: number | undefined;
  let running = false;
  return async () => {
    const now = clock.now();
    if (running || !dailyBackupDue(dir, now, config.BACKUP_TIME)) return;
    if (failedAt !== undefined && now.getTime() - failedAt < RETRY_AFTER_FAILURE_MS) return;
    running = true;
    try {
      const backup = await takeBackup(databasePath, dir, now);
      failedAt = undefined;
      const removed = pruneBackups(dir, now, config.BACKUP_KEEP);
      logger.info({ backup: backup.path, bytes: backup.bytes, removed }, 'daily backup written and verified');
    } catch (error) {
      failedAt = now.getTime();
      const reason = error instanceof Error ? error.message : String(error);
      logger.error({ err: error, dir }, 'daily backup failed');
      await alert(`Sao lưu tự động cơ sở dữ liệu thất bại (${dir}): ${reason}`).catch(() => undefined);
    } finally {
      running = false;
    }
  };
}
