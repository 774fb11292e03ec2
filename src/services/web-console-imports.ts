// Nhập kế hoạch / PAKN / hồ sơ for the web console: an upload is kept on the server under a
// random token bound to the session that uploaded it, for PREVIEW_MINUTES; the preview is the
// import's own dry run; confirming re-runs that dry run and writes only when it still plans
// exactly what the person saw (otherwise the new preview is shown and nothing is written).
// The files go to the same import functions as `cli import plan|pakn|dossiers`.
import { uploadTooLargeMessage } from './upload-size.ts';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import type { Store } from '../db/store/store.ts';
import type { Clock } from '../domain/clock.ts';
import { InputFileError } from '../domain/errors.ts';
import { UserError } from '../domain/errors.ts';
import type { Official } from '../domain/model.ts';
import type { ReferenceData } from '../domain/reference-data.ts';
import { importDossiers } from '../import/one-stop/dossier-import.ts';
import { importPetitions } from '../import/one-stop/pakn-import.ts';
import type { RegisterImportReport } from '../import/one-stop/register-import.ts';
import { importPlan, type PlanImportReport } from '../import/plan/plan-import.ts';
import { requireAdmin } from './web-console-failures.ts';
import { webActor } from './web-console.ts';

export type ImportKind = 'plan' | 'pakn' | 'dossiers';

/** A preview lives this long; after it the person uploads again (the data may have moved on). */
export const PREVIEW_MINUTES = 30;

/** By extension: the plan pipeline reads DOCX and PDF too once their readers land. */
export const ACCEPTED_EXTENSIONS: Record<ImportKind, readonly string[]> = {
  plan: ['.csv', '.xlsx', '.docx', '.pdf'],
  pakn: ['.csv', '.xlsx'],
  dossiers: ['.csv', '.xlsx'],
};

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
  preview(
    official: Official,
    sessionKey: string,
    kind: ImportKind,
    file: { name: string; bytes: Uint8Array },
  ): Promise<ImportPreview>;
  /** The preview again (a reload of its page). */
  showPreview(official: Official, sessionKey: string, token: string): Promise<ImportPreview>;
  /** Writes what the preview showed, or refuses with the new preview when the data moved on. */
  confirm(
    official: Official,
    sessionKey: string,
    token: string,
  ): Promise<{ ok: true; result: ImportReport } | { ok: false; preview: ImportPreview; reason: string }>;
  discard(official: Official, sessionKey: string, token: string): void;
}

interface Upload {
  kind: ImportKind;
  officialId: number;
  sessionKey: string;
  path: string;
  fileName: string;
  expiresAt: Date;
  /** what the preview promised to write */
  fingerprint: string;
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
  uploadDir = mkdtempSync(join(tmpdir(), 'nhacviec-web-uploads-')),
}: {
  store: Store;
  clock: Clock;
  reference: ReferenceData;
  maxUploadBytes: number;
  uploadDir?: string;
}): ImportsConsole {
  const uploads = new Map<string, Upload>();

  function forget(token: string): void {
    const upload = uploads.get(token);
    if (!upload) return;
    uploads.delete(token);
    rmSync(join(uploadDir, token), { recursive: true, force: true });
  }

  function sweepExpired(): void {
    const now = clock.now().getTime();
    for (const [token, upload] of uploads) if (upload.expiresAt.getTime() <= now) forget(token);
  }

  function requireUpload(official: Official, sessionKey: string, token: string): Upload {
    sweepExpired();
    const upload = uploads.get(token);
    // Another session's token is treated as unknown: a token shows nothing to whoever finds it.
    if (!upload || upload.officialId !== official.id || upload.sessionKey !== sessionKey)
      throw new UserError(
        `Bản xem trước không còn (quá ${PREVIEW_MINUTES} phút, đã nhập, hoặc thuộc phiên khác). Hãy tải tệp lên lại.`,
        'PREVIEW_EXPIRED',
      );
    return upload;
  }

  async function run(kind: ImportKind, path: string, dryRun: boolean, official: Official): Promise<ImportReport> {
    const now = clock.now();
    const actor = webActor(official);
    try {
      if (kind === 'plan')
        return {
          kind,
          report: await importPlan(
            store,
            { file: path, dryRun, skipBad: false },
            { calendar: reference.calendar, now, actor },
          ),
        };
      const importer = kind === 'pakn' ? importPetitions : importDossiers;
      return { kind, report: await importer(store, { file: path, dryRun, skipBad: false }, { reference, now, actor }) };
    } catch (error) {
      // The file cannot be read (not a table, wrong columns…): the reader's reason, in Vietnamese.
      if (error instanceof InputFileError)
        throw new UserError(error.message.replaceAll(path, basename(path)), 'BAD_FILE');
      throw error;
    }
  }

  return {
    maxUploadBytes,

    async preview(official, sessionKey, kind, file) {
      requireAdmin(official, 'nhập kế hoạch, PAKN và hồ sơ');
      sweepExpired();
      const extension = extname(file.name).toLowerCase();
      if (!ACCEPTED_EXTENSIONS[kind].includes(extension))
        throw new UserError(
          `Tệp "${file.name}" không nhận được: chỉ nhận ${ACCEPTED_EXTENSIONS[kind].join(', ')}.`,
          'BAD_FILE_TYPE',
        );
      if (file.bytes.byteLength === 0) throw new UserError(`Tệp "${file.name}" rỗng.`, 'EMPTY_FILE');
      if (file.bytes.byteLength > maxUploadBytes)
        throw new UserError(uploadTooLargeMessage(maxUploadBytes), 'FILE_TOO_LARGE');
      const token = randomBytes(24).toString('base64url');
      // The original name (made safe) keeps the CLI's default plan code: the plan's file name.
      const fileName = basename(file.name).replace(/[^\p{L}\p{N}._ -]/gu, '_') || `tep${extension}`;
      mkdirSync(join(uploadDir, token));
      const path = join(uploadDir, token, fileName);
      writeFileSync(path, file.bytes);
      let result: ImportReport;
      try {
        result = await run(kind, path, true, official);
      } catch (error) {
        rmSync(join(uploadDir, token), { recursive: true, force: true });
        throw error;
      }
      const expiresAt = new Date(clock.now().getTime() + PREVIEW_MINUTES * 60_000);
      uploads.set(token, {
        kind,
        officialId: official.id,
        sessionKey,
        path,
        fileName,
        expiresAt,
        fingerprint: fingerprintOf(result),
      });
      return { token, fileName, expiresAt, result };
    },

    async showPreview(official, sessionKey, token) {
      const upload = requireUpload(official, sessionKey, token);
      const result = await run(upload.kind, upload.path, true, official);
      return { token, fileName: upload.fileName, expiresAt: upload.expiresAt, result };
    },

    async confirm(official, sessionKey, token) {
      requireAdmin(official, 'nhập kế hoạch, PAKN và hồ sơ');
      const upload = requireUpload(official, sessionKey, token);
      const again = await run(upload.kind, upload.path, true, official);
      const fingerprint = fingerprintOf(again);
      if (fingerprint !== upload.fingerprint) {
        upload.fingerprint = fingerprint;
        return {
          ok: false,
          preview: { token, fileName: upload.fileName, expiresAt: upload.expiresAt, result: again },
          reason:
            'Dữ liệu đã thay đổi từ lúc xem trước (có người vừa nhập hoặc sửa): chưa ghi gì. Hãy xem lại bản xem trước mới rồi xác nhận.',
        };
      }
      if (again.report.refused.length > 0)
        throw new UserError(
          `Còn ${again.report.refused.length} dòng bị từ chối: chưa ghi gì. Sửa tệp rồi tải lên lại.`,
          'ROWS_REFUSED',
        );
      const result = await run(upload.kind, upload.path, false, official);
      forget(token);
      return { ok: true, result };
    },

    discard(official, sessionKey, token) {
      requireUpload(official, sessionKey, token);
      forget(token);
    },
  };
}
