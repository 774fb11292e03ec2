// `import pakn`: petitions (phản ánh, kiến nghị) from the one-stop system's export, which is
// authoritative. A new code becomes a "trả lời PAKN" task (10 working days from receipt, per the
// catalogue), confirmed. A known code registered first in chat takes the export's assignee,
// receipt date and summary (its deadline recomputed, the officials concerned listed in `notify`)
// and is confirmed; a code the export now shows answered has its task closed with the answer date.
// A code that already matches and was confirmed is a duplicate.
import type { Store } from '../../db/store/store.ts';
import { createPetitionTasksAtomically, type NewPetitionRecord } from '../../db/store/one-stop-batches.ts';
import { listTasks, markTaskDone } from '../../db/store/tasks.ts';
import { formatVietnamese, vietnamDateOf } from '../../domain/local-date.ts';
import type { Task } from '../../domain/model.ts';
import { PETITION_DUTY_CODE, petitionTaskInput } from '../../services/event-duties.ts';
import { planPetitionReconciliation } from '../../services/one-stop-reconcile.ts';
import {
  finishedAt,
  importRegister,
  type RegisterContext,
  type RegisterImportOptions,
  type RegisterImportReport,
  type RegisterKind,
} from './register-import.ts';

const ANSWERED_NOTE = 'nhập từ hệ thống một cửa: đã trả lời';

const PETITIONS: RegisterKind<Task, NewPetitionRecord> = {
  kind: 'pakn',
  dateColumn: 'received',
  async findKnown(db, _codes, context) {
    const known = new Map<string, Task>();
    // Only petition tasks: the office's whole task list is not needed to recognise known codes.
    for (const task of await listTasks(db, { dutyCode: PETITION_DUTY_CODE }, vietnamDateOf(context.now))) {
      if (task.sourceRef) known.set(task.sourceRef, task);
    }
    return known;
  },
  create(row, finished, context) {
    const task = petitionTaskInput(
      {
        code: row.code,
        receivedOn: row.received!,
        assigneeUsername: row.assigneeUsername,
        summary: row.title,
        confirmedAt: context.now,
      },
      context.reference,
    );
    const closed = { at: finishedAt(row.finishedOn, context.now), note: ANSWERED_NOTE };
    return { dueDate: task.dueDate, record: finished ? { task, closed } : { task } };
  },
  reconcile(known, row, context) {
    return planPetitionReconciliation(
      known,
      {
        code: row.code,
        receivedOn: row.received!,
        assigneeUsername: row.assigneeUsername,
        ...(row.title ? { summary: row.title } : {}),
      },
      context.reference,
    );
  },
  finish(db, known, row, context) {
    if (known.status !== 'open') return undefined;
    return {
      change: `đã trả lời${row.finishedOn ? ` ngày ${formatVietnamese(row.finishedOn)}` : ''}: việc #${known.id} xong`,
      write: async () => {
        await markTaskDone(db, known.id, context.actor, finishedAt(row.finishedOn, context.now), ANSWERED_NOTE);
      },
    };
  },
  createAll: createPetitionTasksAtomically,
};

export function importPetitions(
  db: Store,
  options: RegisterImportOptions,
  context: RegisterContext,
): Promise<RegisterImportReport> {
  return importRegister(db, options, context, PETITIONS);
}
