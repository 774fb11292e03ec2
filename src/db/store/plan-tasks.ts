// Database access for plan import: store/tasks.ts addTask opens its own transaction, and a plan
// import must write all its tasks or none.
//
// Decisions (issue #10): a 20 000-row plan used to be written row by row (two lookups, an insert
// and an audit insert per task) inside one transaction that held SQLite's write lock for over a
// minute, so every chat command that wrote timed out meanwhile. Now everything is prepared in
// memory first (units and officials looked up in one query each), then the transaction only
// inserts, in large batches: still all-or-nothing, but short.
import { prismaOf, type Store } from './store.ts';
import { recordAudits, type NewAuditEntry } from './audit.ts';
import { isUniqueViolation } from './errors.ts';
import { join, sql } from '../generated/sqlite/internal/prismaNamespace.ts';
import { UserError } from '../../domain/errors.ts';
import { encodeDeadlineBasis, type DeadlineBasis } from '../../domain/deadlines/deadline.ts';
import type { LocalDate } from '../../domain/local-date.ts';
import type { Actor } from '../../domain/model.ts';

export interface ImportedTask {
  title: string;
  unitCode: string;
  assigneeUsername: string;
  targetDate: LocalDate;
  dueDate: LocalDate;
  /** The plan's own date ("trước ngày 30/4/2025"), so the dates follow calendar changes. */
  deadlineBasis: DeadlineBasis;
  dutyCode: string;
  sourceRef: string;
  note?: string;
}

/** Rows per lookup (IN list) or INSERT: 500 × 11 parameters stays far below every driver's limit. */
const BATCH_ROWS = 500;
/** The write itself takes seconds at most; the bound only keeps a slow disk from failing an import. */
const TRANSACTION_TIMEOUT_MS = 120_000;
/** Waiting for the write lock while the bot (or another import) writes. */
const TRANSACTION_MAX_WAIT_MS = 30_000;

/** The source references of `dutyCode` already in the database, among `refs`. */
export async function existingSourceRefs(store: Store, dutyCode: string, refs: string[]): Promise<Set<string>> {
  const db = prismaOf(store);
  const found = new Set<string>();
  for (const batch of chunks(refs, BATCH_ROWS)) {
    const rows = await db.task.findMany({ where: { dutyCode, sourceRef: { in: batch } }, select: { sourceRef: true } });
    for (const row of rows) if (row.sourceRef !== null) found.add(row.sourceRef);
  }
  return found;
}

/**
 * Creates every task in one transaction: a failure on any of them leaves the database unchanged.
 * Returns the new ids in the order of `tasks`.
 */
export async function createTasksAtomically(
  store: Store,
  tasks: ImportedTask[],
  actor: Actor,
  origin: string,
): Promise<number[]> {
  if (tasks.length === 0) return [];
  const db = prismaOf(store);
  const unitIds = await idsBy(
    unique(tasks.map((task) => task.unitCode)),
    (codes) => db.unit.findMany({ where: { code: { in: codes } }, select: { id: true, code: true } }),
    (unit) => unit.code,
  );
  const officialIds = await idsBy(
    unique(tasks.map((task) => task.assigneeUsername)),
    (usernames) =>
      db.official.findMany({ where: { username: { in: usernames } }, select: { id: true, username: true } }),
    (official) => official.username,
  );
  const rows = tasks.map((task) => {
    const unitId = unitIds.get(task.unitCode);
    const assigneeId = officialIds.get(task.assigneeUsername);
    if (unitId === undefined) throw new UserError(`Không còn đơn vị ${task.unitCode}; không ghi gì.`, 'UNIT_NOT_FOUND');
    if (assigneeId === undefined)
      throw new UserError(`Không còn cán bộ ${task.assigneeUsername}; không ghi gì.`, 'OFFICIAL_NOT_FOUND');
    return {
      title: task.title,
      dutyCode: task.dutyCode,
      sourceRef: task.sourceRef,
      unitId,
      assigneeId,
      targetDate: task.targetDate,
      dueDate: task.dueDate,
      deadlineBasis: encodeDeadlineBasis(task.deadlineBasis),
      note: task.note ?? null,
    };
  });
  try {
    return await db.$transaction(
      async (tx) => {
        const idByRef = new Map<string, number>();
        const now = new Date();
        for (const batch of chunks(rows, BATCH_ROWS)) {
          // A multi-row INSERT: createMany(AndReturn) builds each row in the query engine and took
          // ~1 ms a row here, most of the 20 000-row import.
          const values = batch.map(
            (row) =>
              sql`(${row.title}, ${row.dutyCode}, ${row.sourceRef}, ${row.unitId}, ${row.assigneeId}, ${row.targetDate}, ${row.dueDate}, ${row.deadlineBasis}, ${row.note}, 'open', ${now}, ${now})`,
          );
          const created = await tx.$queryRaw<{ id: number | bigint; sourceRef: string }[]>`
            INSERT INTO "Task" ("title", "dutyCode", "sourceRef", "unitId", "assigneeId", "targetDate", "dueDate", "deadlineBasis", "note", "status", "createdAt", "updatedAt")
            VALUES ${join(values)}
            RETURNING "id", "sourceRef"`;
          for (const row of created) idByRef.set(row.sourceRef, Number(row.id));
        }
        const ids = tasks.map((task) => idByRef.get(task.sourceRef)!);
        const audits: NewAuditEntry[] = tasks.map((task, index) => ({
          action: 'task.add',
          taskId: ids[index]!,
          payload: { ...task, origin },
        }));
        for (const batch of chunks(audits, BATCH_ROWS)) await recordAudits(tx, actor, batch);
        return ids;
      },
      { timeout: TRANSACTION_TIMEOUT_MS, maxWait: TRANSACTION_MAX_WAIT_MS },
    );
  } catch (error) {
    // Someone imported the same plan at the same moment: nothing of ours was written.
    if (isUniqueViolation(error))
      throw new UserError(
        'Kế hoạch này vừa được nhập cùng lúc từ nơi khác; không ghi gì, hãy chạy lại.',
        'TASK_EXISTS',
      );
    // Anything else (the database busy, a lock held too long, a full disk): the transaction rolled
    // back. Say what failed in the person's words; the database's own text means nothing to them.
    const failure = new UserError(
      `Không ghi được kế hoạch (${tasks.length} việc) vào cơ sở dữ liệu${busy(error) ? ' vì cơ sở dữ liệu đang bận' : ''}; không ghi gì, hãy chạy lại sau.`,
      'IMPORT_WRITE_FAILED',
    );
    failure.cause = error;
    throw failure;
  }
}

/** A lock or time-out rather than a fault: worth saying "try again later". */
function busy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return code === 'P2028' || code === 'P1008' || /busy|locked|timed out|timeout/i.test(message);
}

async function idsBy<T extends { id: number }>(
  keys: string[],
  find: (batch: string[]) => Promise<T[]>,
  keyOf: (row: T) => string,
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const batch of chunks(keys, BATCH_ROWS)) for (const row of await find(batch)) ids.set(keyOf(row), row.id);
  return ids;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}
