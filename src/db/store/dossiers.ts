import { prismaOf, type Store } from './store.ts';
import type { Actor } from '../../domain/model.ts';
import { UserError } from '../../domain/errors.ts';
import type { LocalDate } from '../../domain/local-date.ts';
import { recordAudit } from './audit.ts';
import { isUniqueViolation } from './errors.ts';
import { requireOfficial } from './officials.ts';
import { cancelOpenTask, isNewsTo, taskDeadlineColumns } from './tasks.ts';
import { BATCH_ROWS, chunks } from './task-batches.ts';
import { announceNewTasks } from './task-announcements.ts';
import { APOLOGY_DUTY_CODE } from '../../domain/one-stop.ts';

export { APOLOGY_DUTY_CODE };

export interface Dossier {
  code: string;
  title: string | null;
  unitCode: string;
  assigneeUsername: string | null;
  dueDate: LocalDate;
  status: 'processing' | 'returned';
  returnedAt: Date | null;
  /** When an import of the one-stop export confirmed it; null = "chưa đối chiếu". */
  confirmedAt: Date | null;
}

type DossierRow = {
  code: string;
  title: string | null;
  dueDate: string;
  status: 'processing' | 'returned';
  returnedAt: Date | null;
  confirmedAt: Date | null;
  unit: { code: string };
  assignee: { username: string } | null;
};
const withNames = { unit: { select: { code: true } }, assignee: { select: { username: true } } } as const;

function toDossier(row: DossierRow): Dossier {
  return {
    code: row.code,
    title: row.title,
    unitCode: row.unit.code,
    assigneeUsername: row.assignee?.username ?? null,
    dueDate: row.dueDate as LocalDate,
    status: row.status,
    returnedAt: row.returnedAt,
    confirmedAt: row.confirmedAt,
  };
}

/** Registers a dossier and its apology-letter task together: both or neither. */
export async function addDossierWithApologyTask(
  store: Store,
  input: {
    code: string;
    title?: string;
    assigneeUsername: string;
    dueDate: LocalDate;
    apologyDueDate: LocalDate;
    apologyTitle: string;
    /** Brought in by an import of the one-stop export: confirmed at this instant. */
    confirmedAt?: Date;
  },
  actor: Actor,
): Promise<{ dossier: Dossier; apologyTaskId: number }> {
  const db = prismaOf(store);
  const assignee = await requireOfficial(store, input.assigneeUsername);
  try {
    return await db.$transaction(async (tx) => {
      const unit = await tx.unit.findUniqueOrThrow({ where: { code: assignee.unitCode } });
      const row = await tx.dossier.create({
        data: {
          code: input.code,
          title: input.title ?? null,
          unitId: unit.id,
          assigneeId: assignee.id,
          dueDate: input.dueDate,
          confirmedAt: input.confirmedAt ?? null,
        },
        include: withNames,
      });
      const task = await tx.task.create({
        data: {
          title: input.apologyTitle,
          dutyCode: APOLOGY_DUTY_CODE,
          sourceRef: input.code,
          unitId: unit.id,
          assigneeId: assignee.id,
          eventDate: input.dueDate,
          ...taskDeadlineColumns({ dueDate: input.apologyDueDate, deadlineBasis: { kind: 'duty' } }),
          confirmedAt: input.confirmedAt ?? null,
        },
      });
      if (isNewsTo(assignee.id, actor))
        await announceNewTasks(tx, [{ taskId: task.id, officialId: assignee.id, title: task.title }]);
      await recordAudit(tx, actor, 'dossier.add', {
        taskId: task.id,
        payload: { code: input.code, dueDate: input.dueDate },
      });
      return { dossier: toDossier(row), apologyTaskId: task.id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new UserError(`Hồ sơ mã "${input.code}" đã có.`, 'DOSSIER_EXISTS');
    throw error;
  }
}

export async function findDossier(store: Store, code: string): Promise<Dossier | undefined> {
  const db = prismaOf(store);
  const row = await db.dossier.findUnique({ where: { code }, include: withNames });
  return row ? toDossier(row) : undefined;
}

/** The dossiers among `codes`, by code (an import looks its whole file up at once). */
export async function findDossiers(store: Store, codes: readonly string[]): Promise<Map<string, Dossier>> {
  const db = prismaOf(store);
  const found = new Map<string, Dossier>();
  for (const batch of chunks(codes, BATCH_ROWS))
    for (const row of await db.dossier.findMany({ where: { code: { in: batch } }, include: withNames }))
      found.set(row.code, toDossier(row));
  return found;
}

/**
 * Marks a dossier returned. Returned on or before its due date, no apology is owed: its open
 * apology task is cancelled (and its pending reminders with it).
 */
export async function markDossierReturned(
  store: Store,
  code: string,
  returnedOn: LocalDate,
  now: Date,
  actor: Actor,
): Promise<{ dossier: Dossier; onTime: boolean; apologyCancelled: boolean }> {
  const db = prismaOf(store);
  const existing = await findDossier(store, code);
  if (!existing) throw new UserError(`Không có hồ sơ mã "${code}".`, 'DOSSIER_NOT_FOUND');
  if (existing.status === 'returned')
    throw new UserError(`Hồ sơ "${code}" đã được trả kết quả.`, 'DOSSIER_ALREADY_RETURNED');
  const onTime = returnedOn <= existing.dueDate;
  return db.$transaction(async (tx) => {
    const row = await tx.dossier.update({
      where: { code },
      data: { status: 'returned', returnedAt: now },
      include: withNames,
    });
    let apologyCancelled = false;
    if (onTime) {
      const apology = await tx.task.findFirst({
        where: { dutyCode: APOLOGY_DUTY_CODE, sourceRef: code, status: 'open' },
      });
      if (apology) apologyCancelled = await cancelOpenTask(tx, apology.id, actor, `hồ sơ ${code} trả đúng hạn`);
    }
    await recordAudit(tx, actor, 'dossier.returned', { payload: { code, onTime } });
    return { dossier: toDossier(row), onTime, apologyCancelled };
  });
}
