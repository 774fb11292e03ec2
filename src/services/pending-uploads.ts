// The web console's uploads waiting for confirmation — the staff list on *Cán bộ → Nhập danh sách*
// and the plan, PAKN and dossiers on *Nhập kế hoạch* — with one set of checks and one set of
// Vietnamese refusals for both pages. The files are kept in the database (pending-uploads store):
// any bot process confirms what another previewed. A file is its uploader's, kept
// UPLOAD_KEEP_MINUTES, and spent once: two confirmations at once write once.
import { basename, extname } from 'node:path';
import {
  createPendingUpload,
  deletePendingUpload,
  findPendingUpload,
  releasePendingUpload,
  setPendingUploadFingerprint,
  takePendingUpload,
} from '../db/store/pending-uploads.ts';
import type { Store } from '../db/store/store.ts';
import type { Clock } from '../domain/clock.ts';
import { type InputFileError, UserError } from '../domain/errors.ts';
import type { Official } from '../domain/model.ts';
import { detectFileFormat, type FileFormat } from '../import/file-format.ts';
import { uploadTooLargeMessage } from './upload-size.ts';

export type UploadPurpose = 'officials' | 'plan' | 'pakn' | 'dossiers';

/** An upload waits this long for its confirmation; after it the person uploads again. */
export const UPLOAD_KEEP_MINUTES = 30;

/** What each import reads: the plan pipeline reads Word and PDF too; the exports are tables. */
export const ACCEPTED_FORMATS: Record<UploadPurpose, readonly FileFormat[]> = {
  officials: ['csv', 'xlsx'],
  plan: ['csv', 'xlsx', 'docx', 'pdf'],
  pakn: ['csv', 'xlsx'],
  dossiers: ['csv', 'xlsx'],
};

/** The extensions a purpose accepts, for the pages' `accept` attribute and help text. */
export function acceptedExtensions(purpose: UploadPurpose): string[] {
  return ACCEPTED_FORMATS[purpose].map((format) => `.${format}`);
}

/** ".csv, .xlsx hoặc .pdf" */
function spoken(extensions: readonly string[]): string {
  return extensions.length < 2
    ? extensions.join('')
    : `${extensions.slice(0, -1).join(', ')} hoặc ${extensions[extensions.length - 1]}`;
}

export interface UploadedFile {
  name: string;
  bytes: Uint8Array;
}

export interface PendingUpload {
  token: string;
  purpose: UploadPurpose;
  /** the office's name for the file, made safe */
  fileName: string;
  bytes: Uint8Array;
  fingerprint: string | undefined;
  expiresAt: Date;
}

export const UPLOAD_GONE_MESSAGE = `Bản xem trước không còn (quá ${UPLOAD_KEEP_MINUTES} phút, đã nhập, hoặc không phải của bạn). Hãy tải tệp lên lại.`;

/** Why a confirmation wrote nothing and shows a new preview instead (both import pages). */
export const DATA_CHANGED_MESSAGE =
  'Dữ liệu đã thay đổi từ lúc xem trước (có người vừa nhập hoặc sửa): chưa ghi gì. Hãy xem lại bản xem trước mới rồi xác nhận.';

function gone(): UserError {
  return new UserError(UPLOAD_GONE_MESSAGE, 'UPLOAD_GONE');
}

/** A reader's reason why the file cannot be read, as the one refusal both pages show. */
export function unreadableUpload(error: InputFileError): UserError {
  return new UserError(`Không đọc được tệp ${error.message}.`, 'UPLOAD_UNREADABLE');
}

export interface PendingUploads {
  maxBytes: number;
  /**
   * Refuses a file the purpose's import cannot take (type by its name and its first bytes, empty,
   * over WEB_UPLOAD_MAX_MB) with a UserError; returns the name to keep it under.
   */
  check(purpose: UploadPurpose, file: UploadedFile): string;
  /** Keeps a checked file for its owner; `fingerprint` is what its preview promised to write. */
  keep(
    official: Official,
    purpose: UploadPurpose,
    file: { fileName: string; bytes: Uint8Array },
    fingerprint?: string,
  ): Promise<{ token: string; expiresAt: Date }>;
  /** The official's own unspent, unexpired upload for one of `purposes` (its page's), else UPLOAD_GONE. */
  find<P extends UploadPurpose>(
    official: Official,
    purposes: readonly P[],
    token: string,
  ): Promise<PendingUpload & { purpose: P }>;
  /**
   * The confirmation's rule: `fingerprint` is what the dry run re-run at confirm promises. When it
   * differs from what the preview promised, the new promise is kept (the upload confirms the new
   * preview next) and the reason to show is returned: write nothing. Else undefined: go ahead.
   * UPLOAD_GONE when another confirmation spent the upload meanwhile.
   */
  changedSincePreview(official: Official, upload: PendingUpload, fingerprint: string): Promise<string | undefined>;
  /**
   * Claims the upload once (UPLOAD_GONE if another confirmation already did), runs `write`, then
   * forgets the upload — or gives it back when `write` throws or `wrote` says nothing was written.
   */
  spend<T>(official: Official, token: string, write: () => Promise<T>, wrote?: (result: T) => boolean): Promise<T>;
  discard(official: Official, token: string): Promise<void>;
}

export function createPendingUploads({
  store,
  clock,
  maxBytes,
}: {
  store: Store;
  clock: Clock;
  /** WEB_UPLOAD_MAX_MB in bytes */
  maxBytes: number;
}): PendingUploads {
  return {
    maxBytes,

    check(purpose, file) {
      const accepted = acceptedExtensions(purpose);
      const extension = extname(file.name).toLowerCase();
      const wrongType = () =>
        new UserError(`Tệp "${file.name}" không nhận được: chỉ nhận tệp ${spoken(accepted)}.`, 'UPLOAD_TYPE');
      if (!accepted.includes(extension)) throw wrongType();
      if (file.bytes.byteLength === 0) throw new UserError(`Tệp "${file.name}" rỗng.`, 'UPLOAD_EMPTY');
      if (file.bytes.byteLength > maxBytes) throw new UserError(uploadTooLargeMessage(maxBytes), 'UPLOAD_TOO_LARGE');
      // The bytes decide, not the name: a PDF renamed ".csv" is not a staff list.
      const format = detectFileFormat(file.name, file.bytes);
      if (typeof format !== 'string')
        throw new UserError(`Tệp "${file.name}" không nhận được: ${format.refused}.`, 'UPLOAD_TYPE');
      if (!ACCEPTED_FORMATS[purpose].includes(format)) throw wrongType();
      // The original name (made safe) is what the reports show and the plan's default code.
      return basename(file.name).replace(/[^\p{L}\p{N}._ -]/gu, '_') || `tep${extension}`;
    },

    async keep(official, purpose, file, fingerprint) {
      const now = clock.now();
      const expiresAt = new Date(now.getTime() + UPLOAD_KEEP_MINUTES * 60_000);
      const token = await createPendingUpload(store, {
        officialId: official.id,
        purpose,
        fileName: file.fileName,
        bytes: file.bytes,
        ...(fingerprint === undefined ? {} : { fingerprint }),
        now,
        expiresAt,
      });
      return { token, expiresAt };
    },

    async find<P extends UploadPurpose>(official: Official, purposes: readonly P[], token: string) {
      const row = await findPendingUpload(store, token, official.id, clock.now());
      // Another official's token, or another page's, is treated as unknown: it shows nothing.
      const purpose = purposes.find((candidate) => candidate === row?.purpose);
      if (!row || !purpose) throw gone();
      return { ...row, token, purpose };
    },

    async changedSincePreview(official, upload, fingerprint) {
      if (fingerprint === upload.fingerprint) return undefined;
      // The change may be this very upload written by a confirmation at the same time: that is gone.
      if (!(await setPendingUploadFingerprint(store, upload.token, official.id, fingerprint))) throw gone();
      return DATA_CHANGED_MESSAGE;
    },

    async spend<T>(
      official: Official,
      token: string,
      write: () => Promise<T>,
      wrote: (result: T) => boolean = () => true,
    ) {
      if (!(await takePendingUpload(store, token, official.id, clock.now()))) throw gone();
      let result: T;
      try {
        result = await write();
      } catch (error) {
        await releasePendingUpload(store, token);
        throw error;
      }
      if (wrote(result)) await deletePendingUpload(store, token, official.id);
      else await releasePendingUpload(store, token);
      return result;
    },

    async discard(official, token) {
      await deletePendingUpload(store, token, official.id);
    },
  };
}
