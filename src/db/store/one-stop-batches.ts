// The new records of a one-stop export (petitions, dossiers) written together: one transaction,
// a few multi-row statements, the same rows and audit entries as registering each record and then
// closing it (registerPetition + markTaskDone, registerDossier + markDossierReturned) would write.
//
// Decisions (issue #10): a 20 000-row export used to be written record by record, a transaction
// or three each — minutes of write lock on SQLite, and an interruption left half a file written.
// Known records (registered in chat first) are still reconciled one by one, through the same
// store functions chat corrections use: an export names few of them.
import { encodeDeadlineBasis } from '../../domain/deadlines/deadline.ts';
import { UserError } from '../../domain/errors.ts';
import type { LocalDate } from '../../domain/local-date.ts';
import type { Actor } from '../../domain/model.ts';
import { APOLOGY_DUTY_CODE, PETITION_DUTY_CODE } from '../../domain/one-stop.ts';
import { join, sql } from '../generated/sqlite/internal/prismaNamespace.ts';
import { recordAudits, type NewAuditEntry } from './audit.ts';
import { prismaOf, type Store } from './store.ts';
import { BATCH_ROWS, chunks, importWriteFailure, insertTasks, type TaskInsert } from './task-batches.ts';
import type { ClosePayload, NewTask } from './tasks.ts';
import type { DbTransaction } from './transaction.ts';

/** The write itself takes seconds at most; the bound only keeps a slow disk from failing an import. */
const TRANSACTION_TIMEOUT_MS = 120_000;
/** Waiting for the write lock while the bot (or another import) writes. */
const TRANSACTION_MAX_WAIT_MS = 30_000;

export interface NewPetitionRecord {
  /** What registerPetition gives addTask (also the `task.add` audit payload). */
  task: NewTask & { sourceRef: string; eventDate: LocalDate };
  /** The export shows it answered: closed at this instant with this note. */
  closed?: { at: Date; note: string };
}

export interface NewDossierRecord {
  code: string;
  title?: string;
  assigneeUsername: string;
  dueDate: LocalDate;
  apologyDueDate: LocalDate;
  apologyTitle: string;
  confirmedAt: Date;
  /** The export shows it returned: at this instant; on time cancels the apology task. */
  returned?: { at: Date; onTime: boolean };
}

interface Assignee {
  id: number;
  unitId: number;
}

/** Creates every petition's answer task (closed when answered); returns their ids in order. */
export async function createPetitionTasksAtomically(
  store: Store,
  records: readonly NewPetitionRecord[],
  actor: Actor,
): Promise<number[]> {
  if (records.length === 0) return [];
  const assignees = await activeAssignees(
    store,
    records.map((record) => record.task.assigneeUsername),
  );
  const rows: TaskInsert[] = records.map(({ task, closed }) => {
    const assignee = assignees.get(task.assigneeUsername)!;
    return {
      title: task.title,
      dutyCode: PETITION_DUTY_CODE,
      sourceRef: task.sourceRef,
      unitId: assignee.unitId,
      assigneeId: assignee.id,
      eventDate: task.eventDate,
      // One-stop limits count working days: target and legal end are one date, following the calendar.
      targetDate: task.dueDate,
      dueDate: task.dueDate,
      deadlineBasis: encodeDeadlineBasis({ kind: 'duty' }),
      note: closed ? closed.note : (task.note ?? null),
      status: closed ? 'done' : 'open',
      doneAt: closed?.at ?? null,
      doneById: closed && actor.kind === 'official' ? actor.officialId : null,
      confirmedAt: task.confirmedAt ?? null,
    };
  });
  return writeAtomically(store, `${records.length} PAKN`, async (tx, now) => {
    const ids = await insertTasks(tx, rows, now);
    const audits: NewAuditEntry[] = records.map(({ task }, index) => ({
      action: 'task.add',
      taskId: ids[index]!,
      payload: task,
    }));
    records.forEach(({ task, closed }, index) => {
      if (!closed) return;
      const noteBefore = task.note ?? null;
      audits.push({
        action: 'task.done',
        taskId: ids[index]!,
        payload: {
          before: { status: 'open', note: noteBefore, pendingReminderIds: [] },
          after: { status: 'done', doneAt: closed.at.toISOString(), note: closed.note, pendingReminderIds: [] },
        } satisfies ClosePayload,
      });
    });
    await recordAudits(tx, actor, audits);
    return ids;
  });
}

/** Creates every dossier with its apology-letter task (marked returned when it was); returns the tasks' ids. */
export async function createDossiersAtomically(
  store: Store,
  records: readonly NewDossierRecord[],
  actor: Actor,
): Promise<number[]> {
  if (records.length === 0) return [];
  const assignees = await activeAssignees(
    store,
    records.map((record) => record.assigneeUsername),
  );
  const apologies: TaskInsert[] = records.map((record) => {
    const assignee = assignees.get(record.assigneeUsername)!;
    return {
      title: record.apologyTitle,
      dutyCode: APOLOGY_DUTY_CODE,
      sourceRef: record.code,
      unitId: assignee.unitId,
      assigneeId: assignee.id,
      eventDate: record.dueDate,
      targetDate: record.apologyDueDate,
      dueDate: record.apologyDueDate,
      deadlineBasis: encodeDeadlineBasis({ kind: 'duty' }),
      note: null,
      // Returned on or before its promised date: no apology is owed (as markDossierReturned does).
      status: record.returned?.onTime ? 'cancelled' : 'open',
      doneAt: null,
      doneById: null,
      confirmedAt: record.confirmedAt,
    };
  });
  return writeAtomically(store, `${records.length} hồ sơ`, async (tx, now) => {
    for (const batch of chunks(records, BATCH_ROWS)) {
      const values = batch.map((record) => {
        const assignee = assignees.get(record.assigneeUsername)!;
        // A literal, not a parameter: PostgreSQL would not turn a text parameter into its enum.
        const status = record.returned ? sql`'returned'` : sql`'processing'`;
        return sql`(${record.code}, ${record.title ?? null}, ${assignee.unitId}, ${assignee.id}, ${record.dueDate}, ${status}, ${record.returned?.at ?? null}, ${record.confirmedAt}, ${now}, ${now})`;
      });
      await tx.$executeRaw`
        INSERT INTO "Dossier" ("code", "title", "unitId", "assigneeId", "dueDate", "status", "returnedAt", "confirmedAt", "createdAt", "updatedAt")
        VALUES ${join(values)}`;
    }
    const ids = await insertTasks(tx, apologies, now);
    const audits: NewAuditEntry[] = records.map((record, index) => ({
      action: 'dossier.add',
      taskId: ids[index]!,
      payload: { code: record.code, dueDate: record.dueDate },
    }));
    records.forEach((record, index) => {
      if (!record.returned) return;
      if (record.returned.onTime)
        audits.push({
          action: 'task.cancel',
          taskId: ids[index]!,
          payload: {
            before: { status: 'open' },
            after: { status: 'cancelled' },
            reason: `hồ sơ ${record.code} trả đúng hạn`,
          },
        });
      audits.push({ action: 'dossier.returned', payload: { code: record.code, onTime: record.returned.onTime } });
    });
    await recordAudits(tx, actor, audits);
    return ids;
  });
}

/** Each username's official id and unit: active officials of active units only, else nothing is written. */
async function activeAssignees(store: Store, usernames: string[]): Promise<Map<string, Assignee>> {
  const db = prismaOf(store);
  const found = new Map<string, Assignee & { active: boolean; unitActive: boolean; unitCode: string }>();
  for (const batch of chunks([...new Set(usernames)], BATCH_ROWS)) {
    const officials = await db.official.findMany({
      where: { username: { in: batch } },
      select: { id: true, username: true, active: true, unitId: true, unit: { select: { code: true, active: true } } },
    });
    for (const official of officials)
      found.set(official.username, {
        id: official.id,
        unitId: official.unitId,
        active: official.active,
        unitActive: official.unit.active,
        unitCode: official.unit.code,
      });
  }
  for (const username of new Set(usernames)) {
    const official = found.get(username);
    if (!official) throw new UserError(`Không có cán bộ "${username}"; không ghi gì.`, 'OFFICIAL_NOT_FOUND');
    if (!official.active)
      throw new UserError(`Cán bộ ${username} đã ngừng hoạt động; không ghi gì.`, 'OFFICIAL_INACTIVE');
    if (!official.unitActive)
      throw new UserError(`Đơn vị ${official.unitCode} đã ngừng hoạt động; không ghi gì.`, 'UNIT_INACTIVE');
  }
  return found;
}

async function writeAtomically<T>(
  store: Store,
  what: string,
  write: (tx: DbTransaction, now: Date) => Promise<T>,
): Promise<T> {
  try {
    return await prismaOf(store).$transaction((tx) => write(tx, new Date()), {
      timeout: TRANSACTION_TIMEOUT_MS,
      maxWait: TRANSACTION_MAX_WAIT_MS,
    });
  } catch (error) {
    throw importWriteFailure(error, {
      duplicate: `Một số mã vừa được ghi nhận cùng lúc từ nơi khác (trong chat hoặc lần nhập khác); không ghi gì, hãy chạy lại.`,
      what,
    });
  }
}
