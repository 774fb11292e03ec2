// `backup [--out <file>]` and `restore <file>` for the SQLite database. On PostgreSQL both say
// which pg_dump / pg_restore command to run for the configured URL (password masked).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { maskDatabaseUrl } from '../../config/mask-url.ts';
import { BackupError, backupSqlite, restoreSqlite } from '../../db/backup.ts';
import { providerOf, sqlitePath } from '../../db/database.ts';
import { findLease } from '../../db/store/leases.ts';
import { systemClock } from '../../domain/clock.ts';
import { UserError } from '../../domain/errors.ts';
import { formatVietnamTime } from '../../domain/local-date.ts';
import { holderIsDeadHere, SCHEDULER_LEASE } from '../../reminders/engine.ts';
import { backupDirFor, backupFileName, takeBackup } from '../../services/backups.ts';
import { emit, type CliContext, type JsonOption } from '../context.ts';

function postgresAdvice(url: string, command: 'backup' | 'restore', file: string | undefined): UserError {
  const masked = maskDatabaseUrl(url);
  const shell =
    command === 'backup'
      ? `pg_dump --format=custom --file='${file ?? 'nhacviec.dump'}' --dbname='${masked}'`
      : `pg_restore --clean --if-exists --no-owner --dbname='${masked}' '${file ?? 'nhacviec.dump'}'`;
  return new UserError(
    `Cơ sở dữ liệu là PostgreSQL: lệnh này chỉ dùng cho SQLite. Hãy dùng ${command === 'backup' ? 'pg_dump' : 'pg_restore'} ` +
      `(thay *** bằng mật khẩu, hoặc đặt PGPASSWORD):\n  ${shell}`,
    'use-pg-dump',
  );
}

/** Refuses while a live bot holds the scheduler lease (it would keep writing the old data). */
async function refuseWhileBotRuns(databaseUrl: string): Promise<void> {
  if (!existsSync(sqlitePath(databaseUrl))) return;
  const { openDatabase } = await import('../../db/database.ts');
  const database = await openDatabase(databaseUrl);
  try {
    const lease = await findLease(database.store, SCHEDULER_LEASE).catch(() => undefined);
    if (!lease || lease.expiresAt <= systemClock.now() || holderIsDeadHere(lease.holder)) return;
    throw new UserError(
      `Bot đang chạy trên cơ sở dữ liệu này (tiến trình ${lease.holder}, giữ quyền lập lịch đến ` +
        `${formatVietnamTime(lease.expiresAt)}). Hãy dừng bot (systemctl stop nhacviec) rồi khôi phục lại.`,
      'bot-running',
    );
  } finally {
    await database.close();
  }
}

export function registerBackupCommands(program: Command, context: () => CliContext): void {
  program
    .command('backup')
    .description('sao lưu cơ sở dữ liệu SQLite (được cả khi bot đang chạy), kiểm tra bản sao, quyền 0600')
    .option(
      '--out <tệp>',
      'tệp sao lưu (mặc định: BACKUP_DIR, hoặc thư mục backups cạnh cơ sở dữ liệu, /nhacviec-<ngày>_<giờ>.db)',
    )
    .option('--json', 'in JSON')
    .action(async (options: JsonOption & { out?: string }) => {
      const { config, clock } = context();
      const url = config.DATABASE_URL;
      if (providerOf(url) === 'postgresql') throw postgresAdvice(url, 'backup', options.out);
      const now = clock.now();
      try {
        const result = options.out
          ? await backupSqlite(sqlitePath(url), resolve(options.out))
          : await takeBackup(sqlitePath(url), backupDirFor(sqlitePath(url), config.BACKUP_DIR), now);
        emit(
          context(),
          options,
          result,
          () => `Đã sao lưu vào ${result.path} (${result.bytes} byte, ${result.tables} bảng, integrity_check: ok).`,
        );
      } catch (error) {
        if (error instanceof BackupError) throw new UserError(error.message, 'backup-failed');
        throw error;
      }
    });

  program
    .command('restore <tệp>')
    .description('khôi phục cơ sở dữ liệu SQLite từ một bản sao lưu (bot phải dừng; bản hiện tại được giữ lại)')
    .option('--json', 'in JSON')
    .action(async (file: string, options: JsonOption) => {
      const { config, clock } = context();
      const url = config.DATABASE_URL;
      if (providerOf(url) === 'postgresql') throw postgresAdvice(url, 'restore', file);
      const databasePath = sqlitePath(url);
      const backupPath = resolve(file);
      if (backupPath === databasePath)
        throw new UserError('Tệp sao lưu chính là cơ sở dữ liệu đang dùng.', 'same-file');
      await refuseWhileBotRuns(url);
      const aside = `${databasePath}.before-restore-${backupFileName(clock.now()).slice('nhacviec-'.length)}`;
      try {
        await restoreSqlite(backupPath, databasePath, aside);
      } catch (error) {
        if (error instanceof BackupError)
          throw new UserError(`${error.message} Cơ sở dữ liệu hiện tại không đổi.`, 'restore-failed');
        throw error;
      }
      emit(
        context(),
        options,
        { restored: backupPath, database: databasePath, previous: aside },
        () => `Đã khôi phục ${databasePath} từ ${backupPath}.\nBản trước khi khôi phục được giữ ở ${aside}.`,
      );
    });
}
