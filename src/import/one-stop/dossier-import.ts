// `import dossiers`: dossiers from the one-stop system's export, which is authoritative. A new code
// is registered with its apology-letter task, confirmed. A known code registered first in chat
// takes the export's assignee, promised date and title (the apology task's deadline recomputed,
// the officials concerned listed in `notify`) and is confirmed. When the export now says it was
// returned, it is marked returned on that date, which cancels the apology task when on time.
// A code that already matches and was confirmed is a duplicate.
import { basename } from 'node:path';
import type { Store } from '../../db/store/store.ts';
import { APOLOGY_DUTY_CODE, findDossiers, markDossierReturned } from '../../db/store/dossiers.ts';
import { createDossiersAtomically, type NewDossierRecord } from '../../db/store/one-stop-batches.ts';
import { formatVietnamese, vietnamDateOf } from '../../domain/local-date.ts';
import type { Actor } from '../../domain/model.ts';
import type { ReferenceData } from '../../domain/reference-data.ts';
import { apologyTask } from '../../services/event-duties.ts';
import { readTable } from '../table-reader.ts';
import { AssigneeResolver } from './assignee-resolver.ts';
import { findTasksBySource } from '../../db/store/tasks.ts';
import { planDossierReconciliation } from '../../services/one-stop-reconcile.ts';
import {
  emptyRegisterReport,
  finishedAt,
  reconcileRow,
  writeRow,
  type RegisterImportOptions,
  type RegisterImportReport,
} from './register-import.ts';
import { parseRegisterRows, type RegisterRow } from './register-rows.ts';

export async function importDossiers(
  db: Store,
  options: RegisterImportOptions,
  context: { reference: ReferenceData; now: Date; actor: Actor },
): Promise<RegisterImportReport> {
  const table = await readTable(options.file);
  const parsed = parseRegisterRows(options.file, table, 'due', await AssigneeResolver.load(db));
  const report = emptyRegisterReport(basename(options.file), 'dossiers', options, parsed.refused);
  const codes = parsed.rows.map((row) => row.code);
  const known = await findDossiers(db, codes);
  const apologies = await findTasksBySource(db, APOLOGY_DUTY_CODE, codes);
  const created: { entry: RegisterImportReport['created'][number]; record: NewDossierRecord }[] = [];
  const writes: (() => Promise<void>)[] = [];

  for (const row of parsed.rows) {
    const existing = known.get(row.code);
    const finished = row.progress === 'finished';
    if (!existing) {
      const apology = apologyTask({ code: row.code, dueDate: row.due! }, context.reference);
      const entry = {
        row: row.rowNumber,
        code: row.code,
        assigneeUsername: row.assigneeUsername,
        dueDate: apology.dueDate,
        finished,
      } as RegisterImportReport['created'][number];
      report.created.push(entry);
      const returnedOn = row.finishedOn ?? vietnamDateOf(context.now);
      created.push({
        entry,
        record: {
          code: row.code,
          ...(row.title === undefined ? {} : { title: row.title }),
          assigneeUsername: row.assigneeUsername,
          dueDate: row.due!,
          apologyDueDate: apology.dueDate,
          apologyTitle: apology.title,
          confirmedAt: context.now,
          ...(finished
            ? { returned: { at: finishedAt(row.finishedOn, context.now), onTime: returnedOn <= row.due! } }
            : {}),
        },
      });
    } else {
      const apology = apologies.get(row.code);
      const plan = planDossierReconciliation(
        existing,
        apology,
        {
          code: row.code,
          dueDate: row.due!,
          assigneeUsername: row.assigneeUsername,
          ...(row.title ? { title: row.title } : {}),
        },
        context.reference,
      );
      const reconciled = reconcileRow(db, report, writes, row, existing, plan, context);
      const returning = existing.status === 'processing' && finished;
      if (returning) {
        // Judged against the export's promised date, which the reconciliation above writes first.
        const returnedOn = row.finishedOn ?? vietnamDateOf(context.now);
        const onTime = returnedOn <= row.due!;
        report.updated.push({
          row: row.rowNumber,
          code: row.code,
          change: `đã trả kết quả ngày ${formatVietnamese(returnedOn)} (${onTime ? 'đúng hạn' : 'quá hạn'})`,
        });
        writes.push(() => writeRow(report, row.rowNumber, row.code, () => markReturned(db, row, context)));
      }
      if (!reconciled && !returning) report.duplicates.push({ row: row.rowNumber, code: row.code });
    }
  }

  report.written = !options.dryRun && (report.refused.length === 0 || options.skipBad);
  if (report.written) {
    // New dossiers all at once (all or none), then the few known ones, each in its transaction.
    const ids = await createDossiersAtomically(
      db,
      created.map(({ record }) => record),
      context.actor,
    );
    created.forEach(({ entry }, index) => (entry.taskId = ids[index]));
    for (const write of writes) await write();
  }
  return report;
}

async function markReturned(db: Store, row: RegisterRow, context: { now: Date; actor: Actor }): Promise<void> {
  const returnedOn = row.finishedOn ?? vietnamDateOf(context.now);
  await markDossierReturned(db, row.code, returnedOn, finishedAt(row.finishedOn, context.now), context.actor);
}
