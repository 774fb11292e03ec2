// `import dossiers`: dossiers from the one-stop system's export. A new code is registered with its
// apology-letter task; a known code is a duplicate, unless the export now says it was returned:
// then it is marked returned on that date, which cancels the apology task when on time.
import { basename } from 'node:path';
import type { Store } from '../../db/store/store.ts';
import { APOLOGY_DUTY_CODE, findDossier, markDossierReturned } from '../../db/store/dossiers.ts';
import { dueDateFor } from '../../domain/duties/catalogue.ts';
import { formatVietnamese, vietnamDateOf } from '../../domain/local-date.ts';
import type { Actor } from '../../domain/model.ts';
import type { ReferenceData } from '../../domain/reference-data.ts';
import { registerDossier } from '../../services/event-duties.ts';
import { readTable } from '../table-reader.ts';
import { AssigneeResolver } from './assignee-resolver.ts';
import { finishedAt, writeRow, type RegisterImportOptions, type RegisterImportReport } from './register-import.ts';
import { parseRegisterRows, type RegisterRow } from './register-rows.ts';

export async function importDossiers(
  db: Store,
  options: RegisterImportOptions,
  context: { reference: ReferenceData; now: Date; actor: Actor },
): Promise<RegisterImportReport> {
  const table = await readTable(options.file);
  const parsed = parseRegisterRows(options.file, table, 'due', await AssigneeResolver.load(db));
  const report: RegisterImportReport = {
    file: basename(options.file),
    kind: 'dossiers',
    dryRun: options.dryRun,
    written: false,
    created: [],
    updated: [],
    duplicates: [],
    refused: parsed.refused,
  };
  const apologyDuty = context.reference.catalogue.get(APOLOGY_DUTY_CODE);
  const writes: (() => Promise<void>)[] = [];

  for (const row of parsed.rows) {
    const existing = await findDossier(db, row.code);
    const finished = row.progress === 'finished';
    if (!existing) {
      const entry = {
        row: row.rowNumber,
        code: row.code,
        assigneeUsername: row.assigneeUsername,
        dueDate: dueDateFor(apologyDuty, { from: row.due! }, context.reference.calendar),
        finished,
      } as RegisterImportReport['created'][number];
      report.created.push(entry);
      writes.push(() =>
        writeRow(report, row.rowNumber, row.code, async () => {
          const { apologyTaskId } = await registerDossier(
            db,
            { code: row.code, dueDate: row.due!, assigneeUsername: row.assigneeUsername, title: row.title },
            context.reference,
            context.actor,
          );
          entry.taskId = apologyTaskId;
          if (finished) await markReturned(db, row, context);
        }),
      );
    } else if (existing.status === 'processing' && finished) {
      const returnedOn = row.finishedOn ?? vietnamDateOf(context.now);
      const onTime = returnedOn <= existing.dueDate;
      report.updated.push({
        row: row.rowNumber,
        code: row.code,
        change: `đã trả kết quả ngày ${formatVietnamese(returnedOn)} (${onTime ? 'đúng hạn' : 'trễ hạn'})`,
      });
      writes.push(() => writeRow(report, row.rowNumber, row.code, () => markReturned(db, row, context)));
    } else {
      report.duplicates.push({ row: row.rowNumber, code: row.code });
    }
  }

  report.written = !options.dryRun && (report.refused.length === 0 || options.skipBad);
  if (report.written) for (const write of writes) await write();
  return report;
}

async function markReturned(db: Store, row: RegisterRow, context: { now: Date; actor: Actor }): Promise<void> {
  const returnedOn = row.finishedOn ?? vietnamDateOf(context.now);
  await markDossierReturned(db, row.code, returnedOn, finishedAt(row.finishedOn, context.now), context.actor);
}
