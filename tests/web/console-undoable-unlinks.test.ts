// «Hoàn tác» on an official's page after navigating away, over HTTP on a real SQLite database: the
// admin sees every unlink of the last 24 hours that can still be undone (when, by whom, which
// account, through which door) and undoes one; a head and a member never see the button; past 24
// hours, after a relink or once undone it is no longer offered.
import { describe, expect, it } from 'vitest';
import { unlinkOfficial } from '../../src/db/store/official-changes.ts';
import { cli } from '../support/factories.ts';
import { useTestDatabase } from '../support/test-databases.ts';
import { channelsOf, consoleUnderTest, linkBoth, office, signedIn } from './people-console-support.ts';

const database = useTestDatabase('sqlite');

const undoForm = (username: string) => `action="/can-bo/${username}/hoan-tac-go-lien-ket"`;
/** The text as a browser shows it: runs of white space are one space. */
const shown = (body: string) => body.replace(/\s+/g, ' ');
const undoFormsIn = (body: string) => [...body.matchAll(/name="lan" value="(\d+)"/g)].map((match) => Number(match[1]));

describe('undoing an unlink from the official’s page', () => {
  it('the admin comes back later, sees the unlinks still undoable with when, who and how, and undoes one', async () => {
    const db = database();
    const { member, admin: adminOfficial } = await office(db);
    await linkBoth(db, member, 'u1');
    const under = consoleUnderTest(db);
    const admin = await signedIn(under, adminOfficial.username);
    expect(undoFormsIn((await admin.get(`/can-bo/${member.username}`)).body)).toEqual([]);

    await admin.post(`/can-bo/${member.username}/go-lien-ket`, { channel: 'telegram' });
    const webUnlink = await db.auditEvent.findFirstOrThrow({ where: { action: 'identity.unlink', channel: 'web' } });
    under.clock.advance(2 * 3_600_000);
    // The office also unlinks Zalo from the command line, two hours later.
    const cliUnlink = await unlinkOfficial(db, member.username, { channel: 'zalo', now: under.clock.now() }, cli);
    await admin.get('/can-bo');
    await admin.get('/');

    const page = await admin.get(`/can-bo/${member.username}`);
    expect(page.status).toBe(200);
    expect(undoFormsIn(page.body)).toEqual([cliUnlink.auditId, webUnlink.id]);
    expect(shown(page.body)).toContain(
      `Lần ${webUnlink.id}: 23/11/2026 10:00, ${adminOfficial.fullName} (${adminOfficial.username}) gỡ Telegram`,
    );
    expect(shown(page.body)).toContain('(qua trang quản trị)');
    expect(shown(page.body)).toContain(`Lần ${cliUnlink.auditId}: 23/11/2026 12:00, Văn phòng Sở (dòng lệnh) gỡ Zalo`);

    const undone = await admin.post(`/can-bo/${member.username}/hoan-tac-go-lien-ket`, { lan: String(webUnlink.id) });
    expect(undone.status).toBe(303);
    expect(await channelsOf(db, member)).toEqual(['telegram:tgu1']);
    const after = await admin.get(undone.location!);
    expect(after.body).toContain('Đã khôi phục liên kết chat');
    expect(undoFormsIn(after.body)).toEqual([cliUnlink.auditId]);
    expect(under.errors).toEqual([]);
  });

  it('a head sees the official’s page without any «Hoàn tác»; a member cannot open it', async () => {
    const db = database();
    const { member, head, admin: adminOfficial } = await office(db);
    await linkBoth(db, member, 'u2');
    const under = consoleUnderTest(db);
    const admin = await signedIn(under, adminOfficial.username);
    await admin.get(`/can-bo/${member.username}`);
    await admin.post(`/can-bo/${member.username}/go-lien-ket`, { channel: 'telegram' });
    expect((await admin.get(`/can-bo/${member.username}`)).body).toContain(undoForm(member.username));

    const headPage = await (await signedIn(under, head.username)).get(`/can-bo/${member.username}`);
    expect(headPage.status).toBe(200);
    expect(headPage.body).toContain(member.fullName);
    expect(headPage.body).not.toContain(undoForm(member.username));
    expect(headPage.body).not.toContain('Hoàn tác');

    const memberPage = await (await signedIn(under, member.username)).get(`/can-bo/${member.username}`);
    expect(memberPage.status).toBe(403);
    expect(memberPage.body).not.toContain(undoForm(member.username));
  });

  it('is not offered after 24 hours', async () => {
    const db = database();
    const { member, admin: adminOfficial } = await office(db);
    await linkBoth(db, member, 'u3');
    const under = consoleUnderTest(db);
    const admin = await signedIn(under, adminOfficial.username);
    await admin.get(`/can-bo/${member.username}`);
    await admin.post(`/can-bo/${member.username}/go-lien-ket`, { channel: '' });

    under.clock.advance(24 * 3_600_000);
    const lastMinute = await signedIn(under, adminOfficial.username);
    expect(undoFormsIn((await lastMinute.get(`/can-bo/${member.username}`)).body)).toHaveLength(1);
    under.clock.advance(60_000);
    const dayLater = await signedIn(under, adminOfficial.username);
    const page = await dayLater.get(`/can-bo/${member.username}`);
    expect(page.body).not.toContain(undoForm(member.username));
    expect(await channelsOf(db, member)).toEqual([]);
  });

  it('is not offered once the official linked another account on that channel', async () => {
    const db = database();
    const { member, admin: adminOfficial } = await office(db);
    await linkBoth(db, member, 'u4');
    const under = consoleUnderTest(db);
    const admin = await signedIn(under, adminOfficial.username);
    await admin.get(`/can-bo/${member.username}`);
    await admin.post(`/can-bo/${member.username}/go-lien-ket`, { channel: 'telegram' });
    expect((await admin.get(`/can-bo/${member.username}`)).body).toContain(undoForm(member.username));

    await db.chatIdentity.create({ data: { channel: 'telegram', externalId: 'tg-new-phone', officialId: member.id } });
    const page = await admin.get(`/can-bo/${member.username}`);
    expect(page.body).not.toContain(undoForm(member.username));
    expect(page.body).toContain(`action="/can-bo/${member.username}/go-lien-ket"`);
  });
});
