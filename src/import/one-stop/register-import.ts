// The shared shape of `import pakn` and `import dossiers`: validate every row first, then write.
//
// Decisions: like plan import, a refused row means nothing is written unless --skip-bad. The new
// records are written together, all or none, in a few multi-row statements
// (src/db/store/one-stop-batches.ts, issue #10: 20 000 rows one by one took minutes). Known records
// are then reconciled or closed through the existing services (applyReconciliation,
// markTaskDone, markDossierReturned), each in its own transaction; that part is idempotent by
// code instead: re-running the same file after an interruption applies only what is missing.
import { UserError } from '../../domain/errors.ts';
import { vietnamInstant, type LocalDate } from '../../domain/local-date.ts';
import type { Store } from '../../db/store/store.ts';
import type { Actor } from '../../domain/model.ts';
import {
  applyReconciliation,
  describeChanges,
  type DossierPlan,
  type FieldChange,
  type Notice,
  type PetitionPlan,
} from '../../services/one-stop-reconcile.ts';
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
  /** Records registered first in chat (or by hand) whose values the export corrected. */
  corrected: { row: number; code: string; taskId?: number; change: string; changes: FieldChange[] }[];
  /** Records registered first in chat whose values the export confirmed as they were. */
  confirmed: { row: number; code: string }[];
  updated: { row: number; code: string; change: string }[];
  duplicates: { row: number; code: string }[];
  refused: RegisterRefusal[];
  /**
   * Officials whose work the corrections changed, and what to tell them: queued as notices in each
   * correction's transaction (not on a dry run) and sent by the bot's sweep, not by the import.
   */
  notify: Notice[];
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

/**
 * A known record against the export: corrected when its values differ, confirmed when it was not
 * yet reconciled; nothing at all (false) when it already matches and was confirmed before, so an
 * import run twice changes nothing.
 */
export function reconcileRow(
  db: Store,
  report: RegisterImportReport,
  writes: (() => Promise<void>)[],
  row: { rowNumber: number; code: string },
  record: { confirmedAt: Date | null },
  plan: PetitionPlan | DossierPlan,
  context: { now: Date; actor: Actor },
): boolean {
  if (plan.changes.length === 0 && record.confirmedAt !== null) return false;
  if (plan.changes.length > 0) {
    report.corrected.push({
      row: row.rowNumber,
      code: row.code,
      ...(plan.taskId === undefined ? {} : { taskId: plan.taskId }),
      change: describeChanges(plan.changes),
      changes: plan.changes,
    });
    report.notify.push(...plan.notify);
  } else {
    report.confirmed.push({ row: row.rowNumber, code: row.code });
  }
  writes.push(() => writeRow(report, row.rowNumber, row.code, () => applyReconciliation(db, plan, context)));
  return true;
}

export function emptyRegisterReport(
  file: string,
  kind: RegisterImportReport['kind'],
  options: RegisterImportOptions,
  refused: RegisterRefusal[],
): RegisterImportReport {
  return {
    file,
    kind,
    dryRun: options.dryRun,
    written: false,
    created: [],
    corrected: [],
    confirmed: [],
    updated: [],
    duplicates: [],
    refused,
    notify: [],
  };
}
