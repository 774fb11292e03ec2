// The web console's pending uploads on each database (SQLite, and PostgreSQL when reachable):
// bound to the uploader, claimed once even by two claims at once, given back when nothing was
// written, and deleted at expiry; only a hash of the token is stored.
import { describe, expect, it } from 'vitest';
import {
  createPendingUpload,
  deletePendingUpload,
  findPendingUpload,
  purgeExpiredUploads,
  releasePendingUpload,
  takePendingUpload,
} from '../../src/db/store/pending-uploads.ts';
import { makeOfficial } from '../support/factories.ts';
import { testProviders, useTestDatabase, type TestStore } from '../support/test-databases.ts';

const NOW = new Date('2026-11-23T02:00:00Z');
const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);
const BYTES = new TextEncoder().encode('Họ và tên,Đơn vị\n');

describe.each(await testProviders())('pending uploads on %s', (provider) => {
  const database = useTestDatabase(provider);

  async function keep(db: TestStore, officialId: number, expiresAt = minutes(30)) {
    return createPendingUpload(db, {
      officialId,
      purpose: 'officials',
      fileName: 'ds.csv',
      bytes: BYTES,
      now: NOW,
      expiresAt,
    });
  }

  it('keeps the bytes for their official only, under a token it does not store', async () => {
    const db = database();
    const owner = await makeOfficial(db);
    const other = await makeOfficial(db);
    const token = await keep(db, owner.id);
    expect(token).toMatch(/^[\w-]{32}$/);
    const found = await findPendingUpload(db, token, owner.id, NOW);
    expect(found).toMatchObject({ purpose: 'officials', fileName: 'ds.csv', fingerprint: undefined });
    expect(Buffer.from(found!.bytes).toString('utf8')).toBe('Họ và tên,Đơn vị\n');
    expect(await findPendingUpload(db, token, other.id, NOW)).toBeUndefined();
    expect(await takePendingUpload(db, token, other.id, NOW)).toBe(false);
    expect(await deletePendingUpload(db, token, other.id)).toBe(false);
    expect(JSON.stringify(await db.pendingUpload.findMany({ omit: { bytes: true } }))).not.toContain(token);
  });

  it('is claimed once, even by two claims at once; a claim given back may be made again', async () => {
    const db = database();
    const owner = await makeOfficial(db);
    const token = await keep(db, owner.id);
    const claims = await Promise.all([
      takePendingUpload(db, token, owner.id, NOW),
      takePendingUpload(db, token, owner.id, NOW),
    ]);
    expect(claims.sort()).toEqual([false, true]);
    expect(await findPendingUpload(db, token, owner.id, NOW)).toBeUndefined();
    expect(await takePendingUpload(db, token, owner.id, NOW)).toBe(false);
    await releasePendingUpload(db, token);
    expect(await takePendingUpload(db, token, owner.id, NOW)).toBe(true);
  });

  it('forgets an upload at its expiry: refused then, and the row deleted on access or by the purge', async () => {
    const db = database();
    const owner = await makeOfficial(db);
    const early = await keep(db, owner.id, minutes(10));
    const late = await keep(db, owner.id, minutes(30));
    expect(await takePendingUpload(db, early, owner.id, minutes(10))).toBe(false);
    expect(await purgeExpiredUploads(db, minutes(10))).toBe(1);
    expect(await findPendingUpload(db, late, owner.id, minutes(29))).toBeDefined();
    expect(await findPendingUpload(db, late, owner.id, minutes(30))).toBeUndefined();
    expect(await db.pendingUpload.count({ where: { officialId: owner.id } })).toBe(0);
  });
});
