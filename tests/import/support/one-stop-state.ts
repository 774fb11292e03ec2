// What a one-stop import leaves in the database, without ids and clock-dependent stamps, so two
// runs (or the row-by-row writer of before and the batched one) can be compared.
import type { TestStore } from '../../support/test-databases.ts';

export async function oneStopState(db: TestStore): Promise<unknown> {
  const tasks = await db.task.findMany({ include: { assignee: true, unit: true, doneBy: true } });
  const refOf = new Map(tasks.map((task) => [task.id, `${task.dutyCode}:${task.sourceRef}`]));
  const dossiers = await db.dossier.findMany({ include: { assignee: true, unit: true } });
  const audits = await db.auditEvent.findMany({ orderBy: { id: 'asc' } });
  const byKey = <T>(rows: T[], key: (row: T) => string) => rows.sort((a, b) => key(a).localeCompare(key(b)));
  return {
    tasks: byKey(
      tasks.map((task) => ({
        ref: `${task.dutyCode}:${task.sourceRef}`,
        title: task.title,
        unit: task.unit.code,
        assignee: task.assignee?.username ?? null,
        eventDate: task.eventDate,
        dueDate: task.dueDate,
        status: task.status,
        doneAt: task.doneAt?.toISOString() ?? null,
        doneBy: task.doneBy?.username ?? null,
        note: task.note,
        confirmed: task.confirmedAt !== null,
        nextReminderOn: task.nextReminderOn,
      })),
      (row) => row.ref,
    ),
    dossiers: byKey(
      dossiers.map((dossier) => ({
        code: dossier.code,
        title: dossier.title,
        unit: dossier.unit.code,
        assignee: dossier.assignee?.username ?? null,
        dueDate: dossier.dueDate,
        status: dossier.status,
        returnedAt: dossier.returnedAt?.toISOString() ?? null,
        confirmed: dossier.confirmedAt !== null,
      })),
      (row) => row.code,
    ),
    audits: byKey(
      audits.map((audit) => ({
        action: audit.action,
        actor: `${audit.actorKind}:${audit.actorId}`,
        task: audit.taskId === null ? null : (refOf.get(audit.taskId) ?? 'missing'),
        payload: audit.payload,
      })),
      (row) => `${row.task}|${row.action}|${row.payload}`,
    ),
    reminders: await db.reminder.count(),
    notices: await db.notice.count({ where: { onceKey: null } }),
    // New-task announcements that the morning digest will show: those of tasks still open (one
    // made for a task closed meanwhile is settled unseen).
    announced: byKey(
      (await db.notice.findMany({ where: { onceKey: { startsWith: 'moi:' } }, select: { taskId: true } }))
        .filter((notice) => tasks.some((task) => task.id === notice.taskId && task.status === 'open'))
        .map((notice) => refOf.get(notice.taskId!) ?? 'missing'),
      (ref) => ref,
    ),
  };
}
