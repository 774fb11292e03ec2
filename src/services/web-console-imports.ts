// Nhập kế hoạch / PAKN / hồ sơ for the web console: an upload is kept (pending-uploads.ts: in the
// database, bound to the official who uploaded it, UPLOAD_KEEP_MINUTES); the preview is the
// import's own dry run; confirming re-runs that dry run and writes only when it still plans
// exactly what the person saw (otherwise the new preview is shown and nothing is written).
// The files go to the same import functions as `cli import plan|pakn|dossiers`.
import type { Store } from '../db/store/store.ts';
import type { Clock } from '../domain/clock.ts';
import { InputFileError, UserError } from '../domain/errors.ts';
import type { Official } from '../domain/model.ts';
import type { ReferenceData } from '../domain/reference-data.ts';
import { importDossiers } from '../import/one-stop/dossier-import.ts';
import { importPetitions } from '../import/one-stop/pakn-import.ts';
import type { RegisterImportReport } from '../import/one-stop/register-import.ts';
import { importPlan, type PlanImportReport } from '../import/plan/plan-import.ts';
import { createPendingUploads, unreadableUpload, type PendingUpload } from './pending-uploads.ts';
import { requireAdmin } from './web-console-failures.ts';
import { webActor } from './web-console.ts';

export type ImportKind = 'plan' | 'pakn' | 'dossiers';
const IMPORT_KINDS: readonly ImportKind[] = ['plan', 'pakn', 'dossiers'];

export type ImportReport =
  { kind: 'plan'; report: PlanImportReport } | { kind: 'pakn' | 'dossiers'; report: RegisterImportReport };

export interface ImportPreview {
  token: string;
  fileName: string;
  expiresAt: Date;
  result: ImportReport;
}

export interface ImportsConsole {
  maxUploadBytes: number;
  /** Keeps the file and returns its dry run. Bad type, size or content: UserError, nothing kept. */
  preview(official: Official, kind: ImportKind, file: { name: string; bytes: Uint8Array }): Promise<ImportPreview>;
  /** The preview again (a reload of its page). */
  showPreview(official: Official, token: string): Promise<ImportPreview>;
  /** Writes what the preview showed, or refuses with the new preview when the data moved on. */
  confirm(
    official: Official,
    token: string,
  ): Promise<{ ok: true; result: ImportReport } | { ok: false; preview: ImportPreview; reason: string }>;
  discard(official: Official, token: string): Promise<void>;
}

/** What a real run would write: compared on confirm, so it writes exactly what was shown. */
function fingerprintOf(result: ImportReport): string {
  if (result.kind === 'plan') {
    const r = result.report;
    return JSON.stringify([r.tasks.map((t) => [t.sourceRef, t.assigneeUsername, t.dueDate, t.targetDate]), r.refused]);
  }
  const r = result.report;
  return JSON.stringify([
    r.created.map((c) => [c.code, c.assigneeUsername, c.dueDate, c.finished]),
    r.corrected.map((c) => [c.code, c.change]),
    r.updated,
    r.refused,
  ]);
}

export function createImportsConsole({
  store,
  clock,
  reference,
  maxUploadBytes,
}: {
  store: Store;
  clock: Clock;
  reference: ReferenceData;
  maxUploadBytes: number;
}): ImportsConsole {
  const uploads = createPendingUploads({ store, clock, maxBytes: maxUploadBytes });

  async function run(
    kind: ImportKind,
    file: { fileName: string; bytes: Uint8Array },
    dryRun: boolean,
    official: Official,
  ): Promise<ImportReport> {
    const now = clock.now();
    const actor = webActor(official);
    const options = { file: file.fileName, content: file.bytes, dryRun, skipBad: false };
    try {
      if (kind === 'plan')
        return { kind, report: await importPlan(store, options, { calendar: reference.calendar, now, actor }) };
      const importer = kind === 'pakn' ? importPetitions : importDossiers;
      return { kind, report: await importer(store, options, { reference, now, actor }) };
    } catch (error) {
      // The file cannot be read (not a table, wrong columns…): the reader's reason, in Vietnamese.
      if (error instanceof InputFileError) throw unreadableUpload(error);
      throw error;
    }
  }

  const previewOf = (upload: PendingUpload, result: ImportReport): ImportPreview => ({
    token: upload.token,
    fileName: upload.fileName,
    expiresAt: upload.expiresAt,
    result,
  });

  return {
    maxUploadBytes,

    async preview(official, kind, upload) {
      requireAdmin(official, 'nhập kế hoạch, PAKN và hồ sơ');
      const file = { fileName: uploads.check(kind, upload), bytes: upload.bytes };
      const result = await run(kind, file, true, official);
      const { token, expiresAt } = await uploads.keep(official, kind, file, fingerprintOf(result));
      return { token, fileName: file.fileName, expiresAt, result };
    },

    async showPreview(official, token) {
      const upload = await uploads.find(official, IMPORT_KINDS, token);
      return previewOf(upload, await run(upload.purpose, upload, true, official));
    },

    async confirm(official, token) {
      requireAdmin(official, 'nhập kế hoạch, PAKN và hồ sơ');
      const upload = await uploads.find(official, IMPORT_KINDS, token);
      const kind = upload.purpose;
      const again = await run(kind, upload, true, official);
      const changed = await uploads.changedSincePreview(official, upload, fingerprintOf(again));
      if (changed) return { ok: false, preview: previewOf(upload, again), reason: changed };
      if (again.report.refused.length > 0)
        throw new UserError(
          `Còn ${again.report.refused.length} dòng bị từ chối: chưa ghi gì. Sửa tệp rồi tải lên lại.`,
          'ROWS_REFUSED',
        );
      const result = await uploads.spend(official, token, () => run(kind, upload, false, official));
      return { ok: true, result };
    },

    async discard(official, token) {
      await uploads.discard(official, token);
    },
  };
}
