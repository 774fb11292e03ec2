// Reconciling records registered in chat with the one-stop system's export: the export's values
// replace the record's, its tasks' deadlines move with them, and the reminder planner looks at
// the tasks again — all in one transaction, audited with before/after, with the notices telling
// the officials concerned what changed queued in it too.
import type { LocalDate } from '../../domain/local-date.ts';
import type { Actor } from '../../domain/model.ts';
import { APOLOGY_DUTY_CODE } from '../../domain/one-stop.ts';
import { UserError } from '../../domain/errors.ts';
import { recordAudit } from './audit.ts';
import { queueNotices } from './notices.ts';
import { requireOfficial } from './officials.ts';
import { requestReminderReplan } from './reminder-planning.ts';
import { prismaOf, type Store } from './store.ts';
import { silenceFormerAssignee } from './tasks.ts';
import type { DbTransaction } from './transaction.ts';

/** What a one-stop task (PAKN answer, apology letter) holds that the export decides. */
export interface OneStopTaskFields {
  assigneeUsername: string;
  /** The triggering event: the petition's receipt, the dossier's promised date. */
  eventDate: LocalDate;
  dueDate: LocalDate;
  title: string;
  /** Replaces the note; undefined leaves the note alone. */
  note?: string;
}

export interface DossierFields {
  assigneeUsername: string;
  dueDate: LocalDate;
  /** Undefined leaves the title alone. */
  title?: string;
}

/** An official to tell what the export changed, by username (as the import report lists them). */
export interface OneStopNotice {
  username: string;
  text: string;
  taskId?: number;
}

export interface ReconcileContext {
  /** The import's "now": the record is confirmed at it and the notices are due from it. */
  confirmedAt: Date;
  actor: Actor;
  reason: string;
  notify?: readonly OneStopNotice[];
}

type FieldValues = Record<string, string | null>;

/** Queues the notices of one reconciled record; officials who left (inactive) are not told. */
async function queueOneStopNotices(tx: DbTransaction, context: ReconcileContext): Promise<void> {
  const notify = context.notify ?? [];
  if (notify.length === 0) return;
  const officials = await tx.official.findMany({
    where: { username: { in: notify.map((notice) => notice.username) }, active: true },
    select: { id: true, username: true },
  });
  const ids = new Map(officials.map((official) => [official.username, official.id]));
  await queueNotices(
    tx,
    notify.flatMap((notice) => {
      const officialId = ids.get(notice.username);
      if (officialId === undefined) return [];
      return [{ officialId, text: notice.text, ...(notice.taskId === undefined ? {} : { taskId: notice.taskId }) }];
    }),
    context.confirmedAt,
  );
}

interface ReconciledTask {
  taskId: number;
  before: FieldValues;
  after: FieldValues;
}

async function updateTask(
  tx: DbTransaction,
  taskId: number,
  fields: OneStopTaskFields,
  assignee: { id: number; unitId: number },
  confirmedAt: Date,
): Promise<ReconciledTask> {
  const row = await tx.task.findUniqueOrThrow({ where: { id: taskId }, include: { assignee: true } });
  const current: FieldValues = {
    assignee: row.assignee?.username ?? null,
    eventDate: row.eventDate,
    dueDate: row.dueDate,
    title: row.title,
    ...(fields.note === undefined ? {} : { note: row.note }),
  };
  const wanted: FieldValues = {
    assignee: fields.assigneeUsername,
    eventDate: fields.eventDate,
    dueDate: fields.dueDate,
    title: fields.title,
    ...(fields.note === undefined ? {} : { note: fields.note }),
  };
  const changed = Object.keys(wanted).filter((key) => wanted[key] !== current[key]);
  await tx.task.update({
    where: { id: taskId },
    data: {
      assigneeId: assignee.id,
      unitId: assignee.unitId,
      eventDate: fields.eventDate,
      // One-stop limits count working days: the target is the due date.
      targetDate: fields.dueDate,
      dueDate: fields.dueDate,
      title: fields.title,
      ...(fields.note === undefined ? {} : { note: fields.note }),
      ...(row.confirmedAt ? {} : { confirmedAt }),
    },
  });
  if (changed.includes('assignee') && row.assigneeId !== null) await silenceFormerAssignee(tx, taskId, row.assigneeId);
  if (row.status === 'open' && (changed.includes('assignee') || changed.includes('dueDate'))) {
    await requestReminderReplan(tx, taskId);
  }
  return {
    taskId,
    before: Object.fromEntries(changed.map((key) => [key, current[key] ?? null])),
    after: Object.fromEntries(changed.map((key) => [key, wanted[key] ?? null])),
  };
}

async function officialWithUnit(tx: DbTransaction, username: string): Promise<{ id: number; unitId: number }> {
  const official = await tx.official.findUnique({ where: { username } });
  if (!official) throw new UserError(`Không có cán bộ "${username}".`, 'OFFICIAL_NOT_FOUND');
  return { id: official.id, unitId: official.unitId };
}

/**
 * Gives a one-stop task (a PAKN answer task) the export's values and marks it confirmed. The
 * unit follows the new assignee; an open task whose assignee or due date moved is re-planned.
 */
export async function reconcileOneStopTask(
  store: Store,
  taskId: number,
  fields: OneStopTaskFields,
  context: ReconcileContext,
): Promise<ReconciledTask> {
  await requireOfficial(store, fields.assigneeUsername);
  return prismaOf(store).$transaction(async (tx) => {
    const assignee = await officialWithUnit(tx, fields.assigneeUsername);
    const result = await updateTask(tx, taskId, fields, assignee, context.confirmedAt);
    await recordAudit(tx, context.actor, 'onestop.reconcile', {
      taskId,
      payload: { before: result.before, after: result.after, reason: context.reason },
    });
    await queueOneStopNotices(tx, context);
    return result;
  });
}

/**
 * Gives a dossier and its apology-letter task the export's values and marks both confirmed, in
 * one transaction.
 */
export async function reconcileDossier(
  store: Store,
  code: string,
  dossier: DossierFields,
  apology: Omit<OneStopTaskFields, 'assigneeUsername' | 'note'>,
  context: ReconcileContext,
): Promise<ReconciledTask | undefined> {
  await requireOfficial(store, dossier.assigneeUsername);
  return prismaOf(store).$transaction(async (tx) => {
    const assignee = await officialWithUnit(tx, dossier.assigneeUsername);
    const row = await tx.dossier.findUnique({ where: { code }, include: { assignee: true } });
    if (!row) throw new UserError(`Không có hồ sơ mã "${code}".`, 'DOSSIER_NOT_FOUND');
    const current: FieldValues = { assignee: row.assignee?.username ?? null, dossierDueDate: row.dueDate };
    const wanted: FieldValues = { assignee: dossier.assigneeUsername, dossierDueDate: dossier.dueDate };
    if (dossier.title !== undefined) {
      current.dossierTitle = row.title;
      wanted.dossierTitle = dossier.title;
    }
    await tx.dossier.update({
      where: { code },
      data: {
        assigneeId: assignee.id,
        unitId: assignee.unitId,
        dueDate: dossier.dueDate,
        ...(dossier.title === undefined ? {} : { title: dossier.title }),
        ...(row.confirmedAt ? {} : { confirmedAt: context.confirmedAt }),
      },
    });
    const task = await tx.task.findFirst({ where: { dutyCode: APOLOGY_DUTY_CODE, sourceRef: code } });
    const taskResult = task
      ? await updateTask(
          tx,
          task.id,
          { ...apology, assigneeUsername: dossier.assigneeUsername },
          assignee,
          context.confirmedAt,
        )
      : undefined;
    const changed = Object.keys(wanted).filter((key) => wanted[key] !== current[key]);
    const before = {
      ...Object.fromEntries(changed.map((key) => [key, current[key] ?? null])),
      ...taskResult?.before,
    };
    const after = { ...Object.fromEntries(changed.map((key) => [key, wanted[key] ?? null])), ...taskResult?.after };
    await recordAudit(tx, context.actor, 'onestop.reconcile', {
      ...(task ? { taskId: task.id } : {}),
      payload: { before: { code, ...before }, after: { code, ...after }, reason: context.reason },
    });
    await queueOneStopNotices(tx, context);
    return task ? { taskId: task.id, before, after } : undefined;
  });
}
