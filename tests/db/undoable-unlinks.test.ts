// Which unlinks are offered for undo, on SQLite and PostgreSQL: exactly those the restore would
// accept (one rule), with who and where, newest first — never another official's, never one past
// the window, replaced, taken by someone else, already undone, or of an official who left.
import { describe, expect, it } from 'vitest';
import { restoreUnlinkedIdentities, UNLINK_UNDO_HOURS } from '../../src/db/store/identity-restore.ts';
import { deactivateOfficial, unlinkOfficial } from '../../src/db/store/official-changes.ts';
import { findUndoableUnlinks } from '../../src/db/store/undoable-unlinks.ts';
import type { Actor, ChannelKind, Official } from '../../src/domain/model.ts';
import { cli, makeOfficial, makeUnit } from '../support/factories.ts';
import { testProviders, useTestDatabase, type TestStore } from '../support/test-databases.ts';

const providers = await testProviders();
const UNLINKED_AT = new Date('2026-11-23T03:00:00Z');
const hoursLater = (hours: number) => new Date(UNLINKED_AT.getTime() + hours * 3_600_000);

async function link(db: TestStore, official: Official, channel: ChannelKind, externalId: string) {
  await db.chatIdentity.create({ data: { channel, externalId, officialId: official.id } });
}

describe.each(providers)('unlinks still undoable on %s', (provider) => {
  const database = useTestDatabase(provider);
  let n = 0;

  async function linkedOfficial(username = `hoantac${++n}`) {
    const db = database();
    const unit = await makeUnit(db);
    const official = await makeOfficial(db, { unitCode: unit.code, username });
    await link(db, official, 'telegram', `tg-${username}`);
    await link(db, official, 'zalo', `zl-${username}`);
    return official;
  }

  const unlink = (official: Official, channel?: ChannelKind, actor: Actor = cli, at = UNLINKED_AT) =>
    unlinkOfficial(database(), official.username, { now: at, ...(channel ? { channel } : {}) }, actor);

  const offered = async (official: Official, now: Date) =>
    (await findUndoableUnlinks(database(), official.username, { now })).map((unlinking) => unlinking.auditId);

  /** The list and the restore agree: offered exactly when the restore succeeds. */
  async function agrees(official: Official, auditId: number, now: Date, expected: boolean) {
    expect((await offered(official, now)).includes(auditId)).toBe(expected);
    const restore = restoreUnlinkedIdentities(database(), official.username, auditId, { now }, cli);
    if (expected) await expect(restore).resolves.toBeDefined();
    else await expect(restore).rejects.toHaveProperty('code');
  }

  it('lists each unlink of the day, newest first, with who did it, where, and what comes back', async () => {
    const db = database();
    const official = await linkedOfficial();
    const admin = await makeOfficial(db, { role: 'admin', fullName: 'Chánh Văn Phòng' });
    const first = await unlink(official, 'telegram', cli);
    const webActor: Actor = { kind: 'official', officialId: admin.id, channel: 'web', chatId: 'web' };
    const second = await unlink(official, 'zalo', webActor, hoursLater(1));
    // A name that starts like this one's must not bring its unlinks here.
    const lookalike = await linkedOfficial(`${official.username}0`);
    await unlink(lookalike);

    const list = await findUndoableUnlinks(db, official.username, { now: hoursLater(2) });
    expect(list).toEqual([
      {
        auditId: second.auditId,
        at: hoursLater(1),
        by: { username: admin.username, fullName: 'Chánh Văn Phòng' },
        actorKind: 'official',
        via: 'web',
        restores: [{ channel: 'zalo', externalId: `zl-${official.username}` }],
      },
      {
        auditId: first.auditId,
        at: UNLINKED_AT,
        by: null,
        actorKind: 'cli',
        via: 'cli',
        restores: [{ channel: 'telegram', externalId: `tg-${official.username}` }],
      },
    ]);
  });

  it(`offers an unlink up to ${UNLINK_UNDO_HOURS} hours and not a moment after`, async () => {
    const official = await linkedOfficial();
    const { auditId } = await unlink(official, 'telegram');
    expect(await offered(official, hoursLater(UNLINK_UNDO_HOURS))).toEqual([auditId]);
    await agrees(official, auditId, new Date(hoursLater(UNLINK_UNDO_HOURS).getTime() + 1), false);
  });

  it('does not offer an unlink once undone, replaced by a newer link, or whose account is someone else’s', async () => {
    const db = database();
    const undone = await linkedOfficial();
    const undoneUnlink = await unlink(undone, 'telegram');
    await agrees(undone, undoneUnlink.auditId, hoursLater(1), true);
    await agrees(undone, undoneUnlink.auditId, hoursLater(1), false);

    const relinked = await linkedOfficial();
    const relinkedUnlink = await unlink(relinked, 'zalo');
    await link(db, relinked, 'zalo', `zl-new-${n}`);
    await agrees(relinked, relinkedUnlink.auditId, hoursLater(1), false);

    const taken = await linkedOfficial();
    const takenUnlink = await unlink(taken);
    await link(db, await makeOfficial(db), 'telegram', `tg-${taken.username}`);
    await agrees(taken, takenUnlink.auditId, hoursLater(1), false);
  });

  it('offers nothing for an official who left', async () => {
    const official = await linkedOfficial();
    const { auditId } = await unlink(official, 'telegram');
    await deactivateOfficial(database(), official.username, { now: hoursLater(1) }, cli);
    await agrees(official, auditId, hoursLater(1), false);
  });
});
