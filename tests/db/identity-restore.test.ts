// Undoing an unlink on SQLite and PostgreSQL: the same accounts come back, and every case where
// restoring would be unsafe — the account moved on, the official linked another, left, or the
// unlink is older than a day — is refused with nothing changed.
import { describe, expect, it } from 'vitest';
import { restoreUnlinkedIdentities, UNLINK_UNDO_HOURS } from '../../src/db/store/identity-restore.ts';
import { deactivateOfficial, unlinkOfficial } from '../../src/db/store/official-changes.ts';
import type { ChannelKind, Official } from '../../src/domain/model.ts';
import { cli as actor, makeOfficial, makeUnit } from '../support/factories.ts';
import { testProviders, useTestDatabase, type TestStore } from '../support/test-databases.ts';

const providers = await testProviders();
const UNLINKED_AT = new Date('2026-11-23T03:00:00Z');
const LATER = new Date(UNLINKED_AT.getTime() + 60_000);

async function link(db: TestStore, official: Official, channel: ChannelKind, externalId: string) {
  await db.chatIdentity.create({ data: { channel, externalId, officialId: official.id } });
}

async function identitiesOf(db: TestStore, official: Official) {
  return db.chatIdentity.findMany({
    where: { officialId: official.id },
    select: { channel: true, externalId: true },
    orderBy: { channel: 'asc' },
  });
}

/** Everything a refused restore must leave as it was. */
async function snapshot(db: TestStore) {
  const order = { orderBy: { id: 'asc' } } as const;
  return JSON.stringify(
    await Promise.all([db.chatIdentity.findMany(order), db.notice.findMany(order), db.auditEvent.findMany(order)]),
  );
}

describe.each(providers)('undoing an unlink on %s', (provider) => {
  const database = useTestDatabase(provider);
  let n = 0;

  async function linkedOfficial() {
    const db = database();
    const unit = await makeUnit(db);
    const official = await makeOfficial(db, { unitCode: unit.code, username: `khoiphuc${++n}` });
    await link(db, official, 'telegram', `tg-${n}`);
    await link(db, official, 'zalo', `zl-${n}`);
    return official;
  }

  const unlink = (official: Official, channel?: ChannelKind) =>
    unlinkOfficial(database(), official.username, { now: UNLINKED_AT, ...(channel ? { channel } : {}) }, actor);

  async function refused(work: () => Promise<unknown>, code: string) {
    const before = await snapshot(database());
    await expect(work()).rejects.toMatchObject({ code });
    expect(await snapshot(database())).toBe(before);
  }

  it('restores only the channel that was unlinked, audits it and tells the official', async () => {
    const db = database();
    const official = await linkedOfficial();
    const { auditId } = await unlink(official, 'telegram');

    const restoration = await restoreUnlinkedIdentities(db, official.username, auditId, { now: LATER }, actor);

    expect(restoration.restored).toEqual([{ channel: 'telegram', externalId: `tg-${n}` }]);
    expect(await identitiesOf(db, official)).toEqual([
      { channel: 'telegram', externalId: `tg-${n}` },
      { channel: 'zalo', externalId: `zl-${n}` },
    ]);
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { action: 'identity.restore' },
      orderBy: { id: 'desc' },
    });
    expect(JSON.parse(audit.payload!)).toEqual({
      username: official.username,
      undoes: auditId,
      before: { identities: [{ channel: 'zalo', externalId: `zl-${n}` }] },
      after: {
        identities: [
          { channel: 'zalo', externalId: `zl-${n}` },
          { channel: 'telegram', externalId: `tg-${n}` },
        ],
      },
    });
    const notices = await db.notice.findMany({ where: { recipientId: official.id } });
    expect(notices.map((notice) => notice.text)).toEqual([expect.stringContaining('Liên kết Telegram của anh/chị')]);
    await refused(
      () => restoreUnlinkedIdentities(db, official.username, auditId, { now: LATER }, actor),
      'NOTHING_TO_RESTORE',
    );
  });

  it('refuses when the account is now linked to someone else', async () => {
    const db = database();
    const official = await linkedOfficial();
    const { auditId } = await unlink(official);
    const other = await makeOfficial(db);
    await link(db, other, 'telegram', `tg-${n}`);
    await refused(
      () => restoreUnlinkedIdentities(db, official.username, auditId, { now: LATER }, actor),
      'IDENTITY_TAKEN',
    );
  });

  it('refuses when the official linked another account on that channel since', async () => {
    const db = database();
    const official = await linkedOfficial();
    const { auditId } = await unlink(official, 'zalo');
    await link(db, official, 'zalo', `zl-new-${n}`);
    await refused(
      () => restoreUnlinkedIdentities(db, official.username, auditId, { now: LATER }, actor),
      'IDENTITY_REPLACED',
    );
  });

  it(`refuses after ${UNLINK_UNDO_HOURS} hours, for an official who left, and for another official's unlink`, async () => {
    const db = database();
    const official = await linkedOfficial();
    const { auditId } = await unlink(official, 'telegram');
    const tooLate = new Date(UNLINKED_AT.getTime() + UNLINK_UNDO_HOURS * 3_600_000 + 1);
    await refused(
      () => restoreUnlinkedIdentities(db, official.username, auditId, { now: tooLate }, actor),
      'UNDO_EXPIRED',
    );
    const someoneElse = await linkedOfficial();
    await refused(
      () => restoreUnlinkedIdentities(db, someoneElse.username, auditId, { now: LATER }, actor),
      'UNDO_NOT_FOUND',
    );
    const notAnUnlink = await db.auditEvent.findFirstOrThrow({ where: { action: { not: 'identity.unlink' } } });
    await refused(
      () => restoreUnlinkedIdentities(db, official.username, notAnUnlink.id, { now: LATER }, actor),
      'UNDO_NOT_FOUND',
    );
    await deactivateOfficial(db, official.username, { now: LATER }, actor);
    await refused(
      () => restoreUnlinkedIdentities(db, official.username, auditId, { now: LATER }, actor),
      'OFFICIAL_INACTIVE',
    );
  });
});
