// `import pakn`: petitions (phản ánh, kiến nghị) from the one-stop system's export, which is
// authoritative. A new code becomes a "trả lời PAKN" task (10 working days from receipt, per the
// catalogue), confirmed. A known code registered first in chat takes the export's assignee,
// receipt date and summary (its deadline recomputed, the officials concerned listed in `notify`)
// and is confirmed; a code the export now shows answered has its task closed with the answer date.
// A code that already matches and was confirmed is a duplicate.
import { basename } from 'node:path';
import type { Store } from '../../db/store/store.ts';
import { listTasks, markTaskDone } from '../../db/store/tasks.ts';
import { formatVietnamese, vietnamDateOf } from '../../domain/local-date.ts';
import type { Actor, Task } from '../../domain/model.ts';
import type { ReferenceData } from '../../domain/reference-data.ts';
import { PETITION_DUTY_CODE, petitionTaskInput } from '../../services/event-duties.ts';
import { createPetitionTasksAtomically, type NewPetitionRecord } from '../../db/store/one-stop-batches.ts';
import { readTable } from '../table-reader.ts';
import { AssigneeResolver } from './assignee-resolver.ts';
import { planPetitionReconciliation } from '../../services/one-stop-reconcile.ts';
import {
  emptyRegisterReport,
  finishedAt,
  reconcileRow,
  writeRow,
  type RegisterImportOptions,
  type RegisterImportReport,
} from './register-import.ts';
import { parseRegisterRows, type RegisterRow } from './register-rows.ts';

const ANSWERED_NOTE = 'nhập từ hệ thống một cửa: đã trả lời';

export async function importPetitions(
  db: Store,
  options: RegisterImportOptions,
  context: { reference: ReferenceData; now: Date; actor: Actor },
): Promise<RegisterImportReport> {
  const table = await readTable(options.file);
  const parsed = parseRegisterRows(options.file, table, 'received', await AssigneeResolver.load(db));
  const report = emptyRegisterReport(basename(options.file), 'pakn', options, parsed.refused);
  const known = new Map<string, Task>();
  // Only petition tasks: the office's whole task list is not needed to recognise known codes.
  for (const task of await listTasks(db, { dutyCode: PETITION_DUTY_CODE }, vietnamDateOf(context.now))) {
    if (task.sourceRef) known.set(task.sourceRef, task);
  }
  const created: { entry: RegisterImportReport['created'][number]; record: NewPetitionRecord }[] = [];
  const writes: (() => Promise<void>)[] = [];

  for (const row of parsed.rows) {
    const existing = known.get(row.code);
    const finished = row.progress === 'finished';
    if (!existing) {
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
      const entry = {
        row: row.rowNumber,
        code: row.code,
        assigneeUsername: row.assigneeUsername,
        dueDate: task.dueDate,
        finished,
      } as RegisterImportReport['created'][number];
      report.created.push(entry);
      created.push({
        entry,
        record: finished
          ? { task, closed: { at: finishedAt(row.finishedOn, context.now), note: ANSWERED_NOTE } }
          : { task },
      });
    } else {
      const plan = planPetitionReconciliation(
        existing,
        {
          code: row.code,
          receivedOn: row.received!,
          assigneeUsername: row.assigneeUsername,
          ...(row.title ? { summary: row.title } : {}),
        },
        context.reference,
      );
      const reconciled = reconcileRow(db, report, writes, row, existing, plan, context);
      const closing = existing.status === 'open' && finished;
      if (closing) {
        report.updated.push({
          row: row.rowNumber,
          code: row.code,
          change: `đã trả lời${row.finishedOn ? ` ngày ${formatVietnamese(row.finishedOn)}` : ''}: việc #${existing.id} xong`,
        });
        writes.push(() => writeRow(report, row.rowNumber, row.code, () => close(db, existing.id, row, context)));
      }
      if (!reconciled && !closing) report.duplicates.push({ row: row.rowNumber, code: row.code });
    }
  }

  report.written = !options.dryRun && (report.refused.length === 0 || options.skipBad);
  if (report.written) {
    // New petitions all at once (all or none), then the few known ones, each in its transaction.
    const ids = await createPetitionTasksAtomically(
      db,
      created.map(({ record }) => record),
      context.actor,
    );
    created.forEach(({ entry }, index) => (entry.taskId = ids[index]));
    for (const write of writes) await write();
  }
  return report;
}

async function close(db: Store, taskId: number, row: RegisterRow, context: { now: Date; actor: Actor }): Promise<void> {
  await markTaskDone(db, taskId, context.actor, finishedAt(row.finishedOn, context.now), ANSWERED_NOTE);
}
