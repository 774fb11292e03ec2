// `import dossiers`: dossiers from the one-stop system's export, which is authoritative. A new code
// is registered with its apology-letter task, confirmed. A known code registered first in chat
// takes the export's assignee, promised date and title (the apology task's deadline recomputed,
// the officials concerned listed in `notify`) and is confirmed. When the export now says it was
// returned, it is marked returned on that date, which cancels the apology task when on time.
// A code that already matches and was confirmed is a duplicate.
import type { Store } from '../../db/store/store.ts';
import { APOLOGY_DUTY_CODE, findDossiers, markDossierReturned, type Dossier } from '../../db/store/dossiers.ts';
import { createDossiersAtomically, type NewDossierRecord } from '../../db/store/one-stop-batches.ts';
import { findTasksBySource } from '../../db/store/tasks.ts';
import { formatVietnamese, vietnamDateOf } from '../../domain/local-date.ts';
import type { Task } from '../../domain/model.ts';
import { apologyTask } from '../../services/event-duties.ts';
import { planDossierReconciliation } from '../../services/one-stop-reconcile.ts';
import {
  finishedAt,
  importRegister,
  type RegisterContext,
  type RegisterImportOptions,
  type RegisterImportReport,
  type RegisterKind,
} from './register-import.ts';
import type { RegisterRow } from './register-rows.ts';

type KnownDossier = Dossier & { apology: Task | undefined };

const DOSSIERS: RegisterKind<KnownDossier, NewDossierRecord> = {
  kind: 'dossiers',
  dateColumn: 'due',
  async findKnown(db, codes) {
    const [dossiers, apologies] = await Promise.all([
      findDossiers(db, codes),
      findTasksBySource(db, APOLOGY_DUTY_CODE, codes),
    ]);
    return new Map([...dossiers].map(([code, dossier]) => [code, { ...dossier, apology: apologies.get(code) }]));
  },
  create(row, finished, context) {
    const apology = apologyTask({ code: row.code, dueDate: row.due! }, context.reference);
    const returnedOn = row.finishedOn ?? vietnamDateOf(context.now);
    const record: NewDossierRecord = {
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
    };
    return { dueDate: apology.dueDate, record };
  },
  reconcile(known, row, context) {
    const { apology, ...dossier } = known;
    return planDossierReconciliation(
      dossier,
      apology,
      {
        code: row.code,
        dueDate: row.due!,
        assigneeUsername: row.assigneeUsername,
        ...(row.title ? { title: row.title } : {}),
      },
      context.reference,
    );
  },
  finish(db, known, row, context) {
    if (known.status !== 'processing') return undefined;
    // Judged against the export's promised date, which the reconciliation writes first.
    const returnedOn = row.finishedOn ?? vietnamDateOf(context.now);
    return {
      change: `đã trả kết quả ngày ${formatVietnamese(returnedOn)} (${returnedOn <= row.due! ? 'đúng hạn' : 'quá hạn'})`,
      write: () => markReturned(db, row, context),
    };
  },
  createAll: createDossiersAtomically,
};

export function importDossiers(
  db: Store,
  options: RegisterImportOptions,
  context: RegisterContext,
): Promise<RegisterImportReport> {
  return importRegister(db, options, context, DOSSIERS);
}

async function markReturned(db: Store, row: RegisterRow, context: RegisterContext): Promise<void> {
  const returnedOn = row.finishedOn ?? vietnamDateOf(context.now);
  await markDossierReturned(db, row.code, returnedOn, finishedAt(row.finishedOn, context.now), context.actor);
}
