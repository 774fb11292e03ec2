// Many tasks in few statements, for the imports (plan, PAKN, dossiers): a 20 000-row file written
// row by row held SQLite's write lock for minutes. Callers look everything up first and call these
// inside their one transaction, so an import is still all-or-nothing.
import { join, sql } from '../generated/sqlite/internal/prismaNamespace.ts';
import { UserError } from '../../domain/errors.ts';
import { isUniqueViolation } from './errors.ts';
import { announceNewTasks } from './task-announcements.ts';
import type { DbTransaction } from './transaction.ts';

/** Rows per lookup (IN list) or INSERT: 500 × 14 parameters stays far below every driver's limit. */
export const BATCH_ROWS = 500;

export interface TaskInsert {
  title: string;
  dutyCode: string;
  sourceRef: string;
  unitId: number;
  assigneeId: number;
  eventDate: string | null;
  targetDate: string;
  dueDate: string;
  /** Encoded DeadlineBasis (tasks.ts taskDeadlineColumns), or null for a date set by hand. */
  deadlineBasis: string | null;
  note: string | null;
  status: 'open' | 'done' | 'cancelled';
  doneAt: Date | null;
  doneById: number | null;
  confirmedAt: Date | null;
}

// Literals, not parameters: PostgreSQL would not turn a text parameter into its enum.
const STATUS = { open: sql`'open'`, done: sql`'done'`, cancelled: sql`'cancelled'` } as const;

/** Inserts the rows; returns their ids in the order given. */
export async function insertTasks(tx: DbTransaction, rows: readonly TaskInsert[], now: Date): Promise<number[]> {
  const ids: number[] = [];
  for (const batch of chunks(rows, BATCH_ROWS)) {
    // A multi-row INSERT: createMany(AndReturn) builds each row in the query engine and took
    // ~1 ms a row, most of a 20 000-row import.
    const values = batch.map(
      (row) =>
        sql`(${row.title}, ${row.dutyCode}, ${row.sourceRef}, ${row.unitId}, ${row.assigneeId}, ${row.eventDate}, ${row.targetDate}, ${row.dueDate}, ${row.deadlineBasis}, ${row.note}, ${STATUS[row.status]}, ${row.doneAt}, ${row.doneById}, ${row.confirmedAt}, ${now}, ${now})`,
    );
    const created = await tx.$queryRaw<{ id: number | bigint; dutyCode: string; sourceRef: string }[]>`
      INSERT INTO "Task" ("title", "dutyCode", "sourceRef", "unitId", "assigneeId", "eventDate", "targetDate", "dueDate", "deadlineBasis", "note", "status", "doneAt", "doneById", "confirmedAt", "createdAt", "updatedAt")
      VALUES ${join(values)}
      RETURNING "id", "dutyCode", "sourceRef"`;
    // RETURNING's order is not promised: match by the unique (dutyCode, sourceRef).
    const idByKey = new Map(created.map((row) => [keyOf(row), Number(row.id)]));
    for (const row of batch) ids.push(idByKey.get(keyOf(row))!);
    // Imported open work is news to its official: one list in their next morning digest.
    await announceNewTasks(
      tx,
      batch.flatMap((row) =>
        row.status === 'open'
          ? [{ taskId: idByKey.get(keyOf(row))!, officialId: row.assigneeId, title: row.title }]
          : [],
      ),
    );
  }
  return ids;
}

function keyOf(row: { dutyCode: string; sourceRef: string }): string {
  return `${row.dutyCode}\u0000${row.sourceRef}`;
}

/** Looks `keys` up `BATCH_ROWS` at a time; returns key → id. */
export async function idsBy<T extends { id: number }>(
  keys: string[],
  find: (batch: string[]) => Promise<T[]>,
  keyOfRow: (row: T) => string,
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const batch of chunks(unique(keys), BATCH_ROWS))
    for (const row of await find(batch)) ids.set(keyOfRow(row), row.id);
  return ids;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}

/**
 * An import's transaction failed and rolled back: a unique violation means someone wrote the same
 * records meanwhile; anything else (the database busy, a lock held too long, a full disk) is said
 * in the person's words — the database's own text means nothing to them.
 */
export function importWriteFailure(error: unknown, words: { duplicate: string; what: string }): UserError {
  if (error instanceof UserError) return error;
  if (isUniqueViolation(error)) return new UserError(words.duplicate, 'TASK_EXISTS');
  const failure = new UserError(
    `Không ghi được ${words.what} vào cơ sở dữ liệu${busy(error) ? ' vì cơ sở dữ liệu đang bận' : ''}; không ghi gì, hãy chạy lại sau.`,
    'IMPORT_WRITE_FAILED',
  );
  failure.cause = error;
  return failure;
}

/** A lock or time-out rather than a fault: worth saying "try again later". */
function busy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return code === 'P2028' || code === 'P1008' || /busy|locked|timed out|timeout/i.test(message);
}
