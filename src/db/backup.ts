// Backups of the SQLite database: SQLite's online backup API (a consistent copy while the bot
// writes, the WAL included), checked with `PRAGMA integrity_check` before it counts, private to
// the bot's user (0600). Restore copies a verified file back the same way, after keeping the
// current database aside, so nothing is ever overwritten without a copy.
import { randomUUID } from 'node:crypto';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import Sqlite from 'better-sqlite3';

/** Tables every nhacviec database has: a file without them is not one of ours. */
const REQUIRED_TABLES = ['_prisma_migrations', 'Task', 'Official', 'AuditEvent'];

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

export interface VerifiedBackup {
  path: string;
  tables: number;
  bytes: number;
}

/** `PRAGMA integrity_check` and the tables of a nhacviec database; throws BackupError naming the problem. */
export function verifyBackupFile(path: string): VerifiedBackup {
  if (!existsSync(path)) throw new BackupError(`Không có tệp ${path}.`);
  let db: Sqlite.Database | undefined;
  try {
    db = new Sqlite(path, { readonly: true, fileMustExist: true });
    const problems = db.pragma('integrity_check', { simple: false }) as { integrity_check: string }[];
    const messages = problems.map((row) => row.integrity_check);
    if (messages.length !== 1 || messages[0] !== 'ok')
      throw new BackupError(`Tệp ${path} bị hỏng (integrity_check): ${messages.slice(0, 3).join('; ')}`);
    const names = new Set(
      (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map(
        (row) => row.name,
      ),
    );
    const missing = REQUIRED_TABLES.filter((name) => !names.has(name));
    if (missing.length > 0)
      throw new BackupError(`Tệp ${path} không phải cơ sở dữ liệu nhacviec (thiếu bảng ${missing.join(', ')}).`);
    const { bytes } = db
      .prepare('SELECT page_count * page_size AS bytes FROM pragma_page_count, pragma_page_size')
      .get() as {
      bytes: number;
    };
    return { path, tables: names.size, bytes };
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`Tệp ${path} không đọc được như cơ sở dữ liệu SQLite: ${(error as Error).message}`);
  } finally {
    db?.close();
  }
}

/**
 * Copies the live database at `databasePath` to `outFile` (which must not exist), verified and
 * 0600. Written under a temporary name first, so a half-written or bad copy never carries the
 * final name (the daily pruning trusts the names it finds).
 */
export async function backupSqlite(databasePath: string, outFile: string): Promise<VerifiedBackup> {
  if (!existsSync(databasePath)) throw new BackupError(`Không có cơ sở dữ liệu ${databasePath}.`);
  if (existsSync(outFile)) throw new BackupError(`Tệp ${outFile} đã có; chọn tên khác (không ghi đè).`);
  const dir = dirname(outFile);
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
  // Its own temporary name: a second backup at the same second must not touch this one's file.
  const partial = `${outFile}.${randomUUID().slice(0, 8)}.partial`;
  closeSync(openSync(partial, 'wx', 0o600));
  try {
    await copyDatabase(databasePath, partial);
    // A self-contained file: no -wal beside it to lose when it is copied elsewhere.
    const copy = new Sqlite(partial, { fileMustExist: true });
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    chmodSync(partial, 0o600);
    const verified = verifyBackupFile(partial);
    if (existsSync(outFile)) throw new BackupError(`Tệp ${outFile} đã có; chọn tên khác (không ghi đè).`);
    renameSync(partial, outFile);
    return { ...verified, path: outFile };
  } catch (error) {
    rmSync(partial, { force: true });
    throw error instanceof BackupError ? error : new BackupError(`Sao lưu thất bại: ${(error as Error).message}`);
  }
}

/**
 * Restores `backupFile` into `databasePath`: verifies the file, keeps the current database as
 * `asideFile` (itself a verified backup), then copies the file in with the backup API, which
 * writes through SQLite's own locking and WAL (no stale -wal can be replayed over the new data).
 * The caller makes sure no bot holds the database.
 */
export async function restoreSqlite(backupFile: string, databasePath: string, asideFile: string): Promise<void> {
  verifyBackupFile(backupFile);
  if (existsSync(databasePath)) await backupSqlite(databasePath, asideFile);
  await copyDatabase(backupFile, databasePath);
  chmodSync(databasePath, 0o600);
  verifyBackupFile(databasePath);
}

async function copyDatabase(from: string, to: string): Promise<void> {
  const source = new Sqlite(from, { readonly: true, fileMustExist: true, timeout: 10_000 });
  try {
    await source.backup(to);
  } finally {
    source.close();
  }
}
