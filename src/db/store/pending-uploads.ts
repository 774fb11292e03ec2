// Files uploaded to the web console that wait for their preview to be confirmed. They live in the
// database so every bot process knows them (a preview made through one process is confirmed
// through another). Only a hash of the token is stored, like the web sessions' tokens. A row is
// the uploader's alone, forgotten at its expiry (each access deletes every expired row, and so
// does the bot's periodic sweep), and spent once: the claim is one conditional update.
import { createHash, randomBytes } from 'node:crypto';
import { prismaOf, type Store } from './store.ts';

export interface PendingUploadRow {
  purpose: string;
  fileName: string;
  bytes: Uint8Array;
  fingerprint: string | undefined;
  expiresAt: Date;
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Keeps an upload until `expiresAt`; returns its token (unguessable, 32 characters, URL-safe). */
export async function createPendingUpload(
  store: Store,
  upload: {
    officialId: number;
    purpose: string;
    fileName: string;
    bytes: Uint8Array;
    fingerprint?: string;
    now: Date;
    expiresAt: Date;
  },
): Promise<string> {
  const token = randomBytes(24).toString('base64url');
  await purgeExpiredUploads(store, upload.now);
  await prismaOf(store).pendingUpload.create({
    data: {
      tokenHash: hashToken(token),
      officialId: upload.officialId,
      purpose: upload.purpose,
      fileName: upload.fileName,
      bytes: new Uint8Array(upload.bytes),
      fingerprint: upload.fingerprint ?? null,
      createdAt: upload.now,
      expiresAt: upload.expiresAt,
    },
  });
  return token;
}

/** The upload behind `token` if it is `officialId`'s, not expired and not spent (being spent). */
export async function findPendingUpload(
  store: Store,
  token: string,
  officialId: number,
  now: Date,
): Promise<PendingUploadRow | undefined> {
  await purgeExpiredUploads(store, now);
  const row = await prismaOf(store).pendingUpload.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!row || row.officialId !== officialId || row.spentAt || row.expiresAt <= now) return undefined;
  return {
    purpose: row.purpose,
    fileName: row.fileName,
    bytes: new Uint8Array(row.bytes),
    fingerprint: row.fingerprint ?? undefined,
    expiresAt: row.expiresAt,
  };
}

/**
 * Records what a fresh preview of the upload promises to write; false when the upload is no longer
 * there to confirm (spent or being spent by another confirmation, discarded).
 */
export async function setPendingUploadFingerprint(
  store: Store,
  token: string,
  officialId: number,
  fingerprint: string,
): Promise<boolean> {
  const { count } = await prismaOf(store).pendingUpload.updateMany({
    where: { tokenHash: hashToken(token), officialId, spentAt: null },
    data: { fingerprint },
  });
  return count === 1;
}

/**
 * Marks the upload spent if it is still unspent, unexpired and `officialId`'s — one conditional
 * update, so of two confirmations at once exactly one gets true.
 */
export async function takePendingUpload(store: Store, token: string, officialId: number, now: Date): Promise<boolean> {
  const { count } = await prismaOf(store).pendingUpload.updateMany({
    where: { tokenHash: hashToken(token), officialId, spentAt: null, expiresAt: { gt: now } },
    data: { spentAt: now },
  });
  return count === 1;
}

/** Gives a taken upload back (its import wrote nothing): it may be confirmed again. */
export async function releasePendingUpload(store: Store, token: string): Promise<void> {
  await prismaOf(store).pendingUpload.updateMany({ where: { tokenHash: hashToken(token) }, data: { spentAt: null } });
}

/** Forgets the upload (written, or discarded by its owner). */
export async function deletePendingUpload(store: Store, token: string, officialId: number): Promise<boolean> {
  const { count } = await prismaOf(store).pendingUpload.deleteMany({
    where: { tokenHash: hashToken(token), officialId },
  });
  return count === 1;
}

/** Deletes every upload whose time is up; returns how many. */
export async function purgeExpiredUploads(store: Store, now: Date): Promise<number> {
  const { count } = await prismaOf(store).pendingUpload.deleteMany({ where: { expiresAt: { lte: now } } });
  return count;
}
