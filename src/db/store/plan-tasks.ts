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
import { BATCH_ROWS, chunks, idsBy, importWriteFailure, insertTasks } from './task-batches.ts';
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
    tasks.map((task) => task.unitCode),
    (codes) => db.unit.findMany({ where: { code: { in: codes } }, select: { id: true, code: true } }),
    (unit) => unit.code,
  );
  const officialIds = await idsBy(
    tasks.map((task) => task.assigneeUsername),
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
      eventDate: null,
      targetDate: task.targetDate,
      dueDate: task.dueDate,
      deadlineBasis: encodeDeadlineBasis(task.deadlineBasis),
      note: task.note ?? null,
      status: 'open' as const,
      doneAt: null,
      doneById: null,
      confirmedAt: null,
    };
  });
  try {
    return await db.$transaction(
      async (tx) => {
        const ids = await insertTasks(tx, rows, new Date());
        const audits: NewAuditEntry[] = tasks.map((task, index) => ({
          action: 'task.add',
          taskId: ids[index]!,
          payload: { ...task, origin },
        }));
        await recordAudits(tx, actor, audits);
        return ids;
      },
      { timeout: TRANSACTION_TIMEOUT_MS, maxWait: TRANSACTION_MAX_WAIT_MS },
    );
  } catch (error) {
    throw importWriteFailure(error, {
      // Someone imported the same plan at the same moment: nothing of ours was written.
      duplicate: 'Kế hoạch này vừa được nhập cùng lúc từ nơi khác; không ghi gì, hãy chạy lại.',
      what: `kế hoạch (${tasks.length} việc)`,
    });
  }
}
