// The shared shape of `import pakn` and `import dossiers`: validate every row first, then write.
//
// Decisions: like plan import, a refused row means nothing is written unless --skip-bad. The writes
// go through the existing services (registerPetition, registerDossier, markTaskDone,
// markDossierReturned), each in its own transaction, so one import is not a single transaction;
// it is idempotent by code instead: re-running the same file after an interruption creates only
// what is missing and applies only the status changes not yet applied.
import { UserError } from '../../domain/errors.ts';
import { vietnamInstant, type LocalDate } from '../../domain/local-date.ts';
import type { RegisterRefusal } from './register-rows.ts';

export interface RegisterImportOptions {
  file: string;
  dryRun: boolean;
  skipBad: boolean;
}

export interface RegisterImportReport {
  file: string;
  kind: 'pakn' | 'dossiers';
  dryRun: boolean;
  written: boolean;
  created: {
    row: number;
    code: string;
    assigneeUsername: string;
    dueDate: LocalDate;
    finished: boolean;
    taskId?: number;
  }[];
  updated: { row: number; code: string; change: string }[];
  duplicates: { row: number; code: string }[];
  refused: RegisterRefusal[];
}

/** The instant recorded as "done/returned at": midday of the given date, never later than now. */
export function finishedAt(date: LocalDate | undefined, now: Date): Date {
  if (!date) return now;
  const midday = vietnamInstant(date, '12:00');
  return midday < now ? midday : now;
}

/** Runs one row's writes; a refusal from the database layer (a race) is reported, not fatal. */
export async function writeRow(
  report: RegisterImportReport,
  row: number,
  code: string,
  write: () => Promise<void>,
): Promise<void> {
  try {
    await write();
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    report.refused.push({ row, code, reason: `không ghi được: ${error.message}` });
  }
}
