// Records that belong to the one-stop system (hệ thống một cửa): petitions (PAKN), answered by a
// `pakn` task, and dossiers, watched by a `thu-xin-loi` (apology letter) task, both keyed by the
// one-stop code (Task.sourceRef). The one-stop system is authoritative for them: a record
// registered in chat stays "chưa đối chiếu" (not yet reconciled) until an import of the export
// confirms it, and the import's values replace what was typed in chat.
import type { Task } from './model.ts';

export const PETITION_DUTY_CODE = 'pakn';
export const APOLOGY_DUTY_CODE = 'thu-xin-loi';

export const UNRECONCILED_LABEL = 'chưa đối chiếu';
export const RECONCILED_LABEL = 'đã đối chiếu';

/** Whether a task answers a one-stop record (a petition or a dossier). */
export function isOneStopTask(task: Pick<Task, 'dutyCode' | 'sourceRef'>): boolean {
  return task.sourceRef !== null && (task.dutyCode === PETITION_DUTY_CODE || task.dutyCode === APOLOGY_DUTY_CODE);
}

/** A one-stop task no import has confirmed yet: shown to people as "chưa đối chiếu". */
export function awaitsReconciliation(task: Pick<Task, 'dutyCode' | 'sourceRef' | 'confirmedAt'>): boolean {
  return isOneStopTask(task) && task.confirmedAt === null;
}
