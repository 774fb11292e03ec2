// The one-stop system is authoritative for petitions and dossiers: when its export names a record
// someone registered first (in chat, or by hand), the export's assignee, dates and summary win.
// Planned first (so a dry run can say what would change and who would be told), then applied
// through the store in one transaction per record, which also queues the notices of `notify`
// (sent by the bot's sweep in working hours). Deadlines come from the same catalogue rules
// as registration (petitionTask, apologyTask), never a second copy.
import type { Dossier } from '../db/store/dossiers.ts';
import {
  reconcileDossier,
  reconcileOneStopTask,
  type DossierFields,
  type OneStopTaskFields,
} from '../db/store/one-stop-records.ts';
import type { Store } from '../db/store/store.ts';
import { formatVietnamese, type LocalDate } from '../domain/local-date.ts';
import type { Actor, Task } from '../domain/model.ts';
import type { ReferenceData } from '../domain/reference-data.ts';
import { apologyTask, petitionTask } from './event-duties.ts';

export const RECONCILE_REASON = 'đã sửa theo hệ thống một cửa';

export interface FieldChange {
  field: 'assignee' | 'receivedOn' | 'dueDate' | 'summary' | 'promisedOn' | 'apologyDueDate' | 'title';
  from: string | null;
  to: string | null;
}

/** Someone whose work changed and must be told: queued with the correction, sent by the bot's sweep. */
export interface Notice {
  username: string;
  text: string;
}

export interface PetitionPlan {
  kind: 'pakn';
  taskId: number;
  fields: OneStopTaskFields;
  changes: FieldChange[];
  notify: Notice[];
}

export interface DossierPlan {
  kind: 'dossier';
  code: string;
  taskId: number | undefined;
  dossier: DossierFields;
  apology: Omit<OneStopTaskFields, 'assigneeUsername' | 'note'>;
  changes: FieldChange[];
  notify: Notice[];
}

const LABELS: Record<FieldChange['field'], string> = {
  assignee: 'người xử lý',
  receivedOn: 'ngày tiếp nhận',
  dueDate: 'hạn trả lời',
  summary: 'nội dung',
  promisedOn: 'hẹn trả',
  apologyDueDate: 'hạn phiếu xin lỗi nếu quá hạn',
  title: 'tên hồ sơ',
};
const DATE_FIELDS = new Set<FieldChange['field']>(['receivedOn', 'dueDate', 'promisedOn', 'apologyDueDate']);

function shown(change: FieldChange, value: string | null): string {
  if (value === null || value === '') return '(trống)';
  if (DATE_FIELDS.has(change.field)) return formatVietnamese(value as LocalDate);
  if (change.field === 'summary' || change.field === 'title') {
    return `"${value.length <= 40 ? value : `${value.slice(0, 39)}…`}"`;
  }
  return value;
}

/** `đã sửa theo hệ thống một cửa: người xử lý vphead → lethib, hạn trả lời 31/12/2026 → 10/12/2026`. */
export function describeChanges(changes: FieldChange[]): string {
  const parts = changes.map((c) => `${LABELS[c.field]} ${shown(c, c.from)} → ${shown(c, c.to)}`);
  return `${RECONCILE_REASON}: ${parts.join(', ')}`;
}

function changesOf(pairs: [FieldChange['field'], string | null, string | null][]): FieldChange[] {
  return pairs.filter(([, from, to]) => from !== to).map(([field, from, to]) => ({ field, from, to }));
}

function notices(
  what: string,
  taskId: number | undefined,
  dueLabel: string,
  before: { assignee: string | null; dueDate: LocalDate | null },
  after: { assignee: string; dueDate: LocalDate },
): Notice[] {
  const record = `${what}${taskId === undefined ? '' : ` (việc #${taskId})`}`;
  const due = `${dueLabel} ${formatVietnamese(after.dueDate)}`;
  if (before.assignee !== after.assignee) {
    return [
      ...(before.assignee
        ? [
            {
              username: before.assignee,
              text: `🔄 Theo hệ thống một cửa, ${record} do ${after.assignee} xử lý; bạn không còn được nhắc việc này.`,
            },
          ]
        : []),
      { username: after.assignee, text: `📌 Theo hệ thống một cửa, ${record} do bạn xử lý: ${due}.` },
    ];
  }
  if (before.dueDate !== after.dueDate) {
    const from = before.dueDate ? `${formatVietnamese(before.dueDate)} → ` : '';
    return [
      {
        username: after.assignee,
        text: `📅 Theo hệ thống một cửa, ${dueLabel} của ${record} đổi: ${from}${formatVietnamese(after.dueDate)}.`,
      },
    ];
  }
  return [];
}

/** The summary a petition task was registered with, read back from its title. */
function petitionSummary(task: Task, code: string): string | null {
  const prefix = `Trả lời PAKN ${code}: `;
  return task.title.startsWith(prefix) ? task.title.slice(prefix.length) : null;
}

/**
 * What the export changes on a known petition task. A summary left empty in the export keeps the
 * task's; the note follows the summary only while it still is the summary (not someone's note).
 */
export function planPetitionReconciliation(
  task: Task,
  row: { code: string; receivedOn: LocalDate; assigneeUsername: string; summary?: string },
  reference: ReferenceData,
): PetitionPlan {
  const oldSummary = petitionSummary(task, row.code);
  const summary = row.summary ?? oldSummary ?? undefined;
  const target = petitionTask({ code: row.code, receivedOn: row.receivedOn, summary }, reference);
  const noteFollows = row.summary !== undefined && (task.note === null || task.note === oldSummary);
  const fields: OneStopTaskFields = {
    assigneeUsername: row.assigneeUsername,
    eventDate: target.eventDate,
    dueDate: target.dueDate,
    title: target.title,
    ...(noteFollows ? { note: row.summary } : {}),
  };
  const changes = changesOf([
    ['assignee', task.assigneeUsername, row.assigneeUsername],
    ['receivedOn', task.eventDate, target.eventDate],
    ['dueDate', task.dueDate, target.dueDate],
    ['summary', oldSummary, summary ?? null],
  ]);
  const notify =
    task.status === 'open'
      ? notices(
          `PAKN ${row.code}`,
          task.id,
          LABELS.dueDate,
          { assignee: task.assigneeUsername, dueDate: task.dueDate },
          { assignee: row.assigneeUsername, dueDate: target.dueDate },
        )
      : [];
  return { kind: 'pakn', taskId: task.id, fields, changes, notify };
}

/** What the export changes on a known dossier and its apology-letter task. */
export function planDossierReconciliation(
  dossier: Dossier,
  apology: Task | undefined,
  row: { code: string; dueDate: LocalDate; assigneeUsername: string; title?: string },
  reference: ReferenceData,
): DossierPlan {
  const target = apologyTask({ code: row.code, dueDate: row.dueDate }, reference);
  const changes = changesOf([
    ['assignee', dossier.assigneeUsername, row.assigneeUsername],
    ['promisedOn', dossier.dueDate, row.dueDate],
    ['apologyDueDate', apology?.dueDate ?? null, apology ? target.dueDate : null],
    ['title', dossier.title, row.title ?? dossier.title],
  ]);
  const open = dossier.status === 'processing' && apology?.status === 'open';
  const notify = open
    ? notices(
        `hồ sơ ${row.code}`,
        apology.id,
        LABELS.apologyDueDate,
        { assignee: dossier.assigneeUsername, dueDate: apology.dueDate },
        { assignee: row.assigneeUsername, dueDate: target.dueDate },
      )
    : [];
  return {
    kind: 'dossier',
    code: row.code,
    taskId: apology?.id,
    dossier: {
      assigneeUsername: row.assigneeUsername,
      dueDate: row.dueDate,
      ...(row.title === undefined ? {} : { title: row.title }),
    },
    apology: target,
    changes,
    notify,
  };
}

/** Applies a plan (changes or none: either way the record is now confirmed by the export). */
export async function applyReconciliation(
  db: Store,
  plan: PetitionPlan | DossierPlan,
  context: { now: Date; actor: Actor },
): Promise<void> {
  const audit = {
    confirmedAt: context.now,
    actor: context.actor,
    reason: plan.changes.length > 0 ? describeChanges(plan.changes) : 'đối chiếu với hệ thống một cửa: khớp',
    notify: plan.notify.map((notice) => ({
      ...notice,
      ...(plan.taskId === undefined ? {} : { taskId: plan.taskId }),
    })),
  };
  if (plan.kind === 'pakn') await reconcileOneStopTask(db, plan.taskId, plan.fields, audit);
  else await reconcileDossier(db, plan.code, plan.dossier, plan.apology, audit);
}
