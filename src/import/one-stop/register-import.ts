// The shared shape of `import pakn` and `import dossiers`: validate every row first, then write.
//
// Decisions: like plan import, a refused row means nothing is written unless --skip-bad. The new
// records are written together, all or none, in a few multi-row statements
// (src/db/store/one-stop-batches.ts, issue #10: 20 000 rows one by one took minutes). Known records
// are then reconciled or closed through the existing services (applyReconciliation,
// markTaskDone, markDossierReturned), each in its own transaction; that part is idempotent by
// code instead: re-running the same file after an interruption applies only what is missing.
import { basename } from 'node:path';
import { UserError } from '../../domain/errors.ts';
import { vietnamInstant, type LocalDate } from '../../domain/local-date.ts';
import type { Store } from '../../db/store/store.ts';
import type { Actor } from '../../domain/model.ts';
import type { ReferenceData } from '../../domain/reference-data.ts';
import { readTable } from '../table-reader.ts';
import { AssigneeResolver } from './assignee-resolver.ts';
import { parseRegisterRows, type RegisterRefusal, type RegisterRow } from './register-rows.ts';
import {
  applyReconciliation,
  describeChanges,
  type DossierPlan,
  type FieldChange,
  type Notice,
  type PetitionPlan,
} from '../../services/one-stop-reconcile.ts';

export interface RegisterImportOptions {
  /** A path, or only the file's name when `content` is given (an upload). */
  file: string;
  content?: Uint8Array;
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

export interface RegisterContext {
  reference: ReferenceData;
  now: Date;
  actor: Actor;
}

/** What differs between `import pakn` and `import dossiers`; the rest is `importRegister`. */
export interface RegisterKind<Known extends { confirmedAt: Date | null }, NewRecord> {
  kind: RegisterImportReport['kind'];
  /** The export's date column: a dossier's promised date, a petition's receipt. */
  dateColumn: 'due' | 'received';
  findKnown(db: Store, codes: string[], context: RegisterContext): Promise<Map<string, Known>>;
  /** A new code: the due date the report shows and the record to create. */
  create(row: RegisterRow, finished: boolean, context: RegisterContext): { dueDate: LocalDate; record: NewRecord };
  reconcile(known: Known, row: RegisterRow, context: RegisterContext): PetitionPlan | DossierPlan;
  /** A known record the export shows finished: what the report says and the write; none when already so. */
  finish(
    db: Store,
    known: Known,
    row: RegisterRow,
    context: RegisterContext,
  ): { change: string; write: () => Promise<void> } | undefined;
  /** The new records, all or none; their task ids in order. */
  createAll(db: Store, records: NewRecord[], actor: Actor): Promise<number[]>;
}

export async function importRegister<Known extends { confirmedAt: Date | null }, NewRecord>(
  db: Store,
  options: RegisterImportOptions,
  context: RegisterContext,
  register: RegisterKind<Known, NewRecord>,
): Promise<RegisterImportReport> {
  const table = await readTable(options.file, options.content);
  const parsed = parseRegisterRows(options.file, table, register.dateColumn, await AssigneeResolver.load(db));
  const report = emptyRegisterReport(basename(options.file), register.kind, options, parsed.refused);
  const known = await register.findKnown(
    db,
    parsed.rows.map((row) => row.code),
    context,
  );
  const created: { entry: RegisterImportReport['created'][number]; record: NewRecord }[] = [];
  const writes: (() => Promise<void>)[] = [];

  for (const row of parsed.rows) {
    const existing = known.get(row.code);
    const finished = row.progress === 'finished';
    if (!existing) {
      const { dueDate, record } = register.create(row, finished, context);
      const entry = { row: row.rowNumber, code: row.code, assigneeUsername: row.assigneeUsername, dueDate, finished };
      report.created.push(entry);
      created.push({ entry, record });
      continue;
    }
    const plan = register.reconcile(existing, row, context);
    const reconciled = reconcileRow(db, report, writes, row, existing, plan, context);
    const finishing = finished ? register.finish(db, existing, row, context) : undefined;
    if (finishing) {
      report.updated.push({ row: row.rowNumber, code: row.code, change: finishing.change });
      writes.push(() => writeRow(report, row.rowNumber, row.code, finishing.write));
    }
    if (!reconciled && !finishing) report.duplicates.push({ row: row.rowNumber, code: row.code });
  }

  report.written = !options.dryRun && (report.refused.length === 0 || options.skipBad);
  if (report.written) {
    // New records all at once (all or none), then the few known ones, each in its transaction.
    const ids = await register.createAll(
      db,
      created.map(({ record }) => record),
      context.actor,
    );
    created.forEach(({ entry }, index) => (entry.taskId = ids[index]));
    for (const write of writes) await write();
  }
  return report;
}
