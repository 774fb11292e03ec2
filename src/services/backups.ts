// Backup files in BACKUP_DIR: named by the Vietnam time they were taken
// (`nhacviec-2026-11-23_023000.db`), so the daily job and the pruning read the age from the name
// (a copied or touched file keeps its age). Old copies go only after a new one is verified.
import { readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { backupSqlite, type VerifiedBackup } from '../db/backup.ts';
import { vietnamDateOf, vietnamInstant, type LocalDate } from '../domain/local-date.ts';

const DAY_MS = 24 * 60 * 60_000;
const VIETNAM_OFFSET_MS = 7 * 60 * 60_000;
const BACKUP_NAME = /^nhacviec-(\d{4}-\d{2}-\d{2})_(\d{2})(\d{2})(\d{2})\.db$/;

/** BACKUP_DIR, or `backups/` beside the SQLite file. */
export function backupDirFor(databasePath: string, configured: string | undefined): string {
  return configured ? resolve(configured) : join(dirname(databasePath), 'backups');
}

export interface BackupFile {
  path: string;
  takenAt: Date;
}

export function backupFileName(now: Date): string {
  const local = new Date(now.getTime() + VIETNAM_OFFSET_MS).toISOString();
  return `nhacviec-${local.slice(0, 10)}_${local.slice(11, 19).replaceAll(':', '')}.db`;
}

/** The backups in `dir`, oldest first (a missing directory has none). */
export function listBackups(dir: string): BackupFile[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .flatMap((name) => {
      const match = BACKUP_NAME.exec(name);
      if (!match) return [];
      const [, date, hh, mm, ss] = match;
      const takenAt = new Date(vietnamInstant(date as LocalDate, `${hh}:${mm}`).getTime() + Number(ss) * 1000);
      return [{ path: join(dir, name), takenAt }];
    })
    .sort((a, b) => a.takenAt.getTime() - b.takenAt.getTime());
}

export function newestBackup(dir: string): BackupFile | undefined {
  return listBackups(dir).at(-1);
}

/** A verified copy of the SQLite database at `databasePath` in `dir`, named by `now`. */
export function takeBackup(databasePath: string, dir: string, now: Date): Promise<VerifiedBackup> {
  return backupSqlite(databasePath, join(dir, backupFileName(now)));
}

/** Removes the backups older than `keepDays`, never the newest one. Returns the removed paths. */
export function pruneBackups(dir: string, now: Date, keepDays: number): string[] {
  const backups = listBackups(dir);
  const cutoff = now.getTime() - keepDays * DAY_MS;
  const old = backups.slice(0, -1).filter((backup) => backup.takenAt.getTime() < cutoff);
  for (const backup of old) rmSync(backup.path, { force: true });
  return old.map((backup) => backup.path);
}

/** Today's backup time (Vietnam) has passed and no backup was taken since it. */
export function dailyBackupDue(dir: string, now: Date, backupTime: string): boolean {
  const todayAt = vietnamInstant(vietnamDateOf(now), backupTime);
  if (now < todayAt) return false;
  const newest = newestBackup(dir);
  return newest === undefined || newest.takenAt < todayAt;
}
