// Unlinking a chat account and deactivating a unit from the web console, over HTTP on a real
// SQLite database: the admin does both with the CLI's rules and undoes them (Hoàn tác, Kích hoạt
// lại); a head and a member are refused with 403 inside and outside their tree; forged forms and
// bad input change nothing.
import { describe, expect, it } from 'vitest';
import { makeTask, makeUnit } from '../support/factories.ts';
import { useTestDatabase, type TestStore } from '../support/test-databases.ts';
import { channelsOf, consoleUnderTest, linkBoth, office, signedIn } from './people-console-support.ts';

const database = useTestDatabase('sqlite');

/** Everything a refused form must leave as it was. */
async function snapshot(db: TestStore) {
  const order = { orderBy: { id: 'asc' } } as const;
  return JSON.stringify(
    await Promise.all([
      db.chatIdentity.findMany(order),
      db.unit.findMany(order),
      db.notice.findMany(order),
      // Signing in is audited too; a refused form writes nothing else.
      db.auditEvent.findMany({ ...order, where: { action: { notIn: ['web.sign-in', 'web.sign-in-link'] } } }),
    ]),
  );
}

describe('unlinking a chat account on the web', () => {
  it('the admin unlinks Telegram, audited as web, then «Hoàn tác» restores it and the official is told', async () => {
    const db = database();
    const { member, admin: adminOfficial } = await office(db);
    await linkBoth(db, member, '1');
    const under = consoleUnderTest(db);
    const admin = await signedIn(under, adminOfficial.username);

    const person = await admin.get(`/can-bo/${member.username}`);
    expect(person.body).toContain(`action="/can-bo/${member.username}/go-lien-ket"`);
    expect(person.body).toContain('<option value="">Mọi tài khoản chat</option>');

    const unlinked = await admin.post(`/can-bo/${member.username}/go-lien-ket`, {
      channel: 'telegram',
      reason: 'mất điện thoại',
    });
    expect(unlinked.status).toBe(303);
    const unlinkAudit = await db.auditEvent.findFirstOrThrow({
      where: { action: 'identity.unlink', actorId: adminOfficial.id, channel: 'web' },
    });
    expect(unlinked.location).toBe(`/can-bo/${member.username}?xong=go-lien-ket&lan=${unlinkAudit.id}`);
    expect(await channelsOf(db, member)).toEqual(['zalo:zl1']);
    expect(JSON.parse(unlinkAudit.payload!)).toMatchObject({ reason: 'mất điện thoại' });

    const done = await admin.get(unlinked.location!);
    expect(done.body).toContain('Đã gỡ liên kết chat');
    expect(done.body).toContain(`action="/can-bo/${member.username}/hoan-tac-go-lien-ket"`);
    expect(done.body).toContain(`name="lan" value="${unlinkAudit.id}"`);

    const undone = await admin.post(`/can-bo/${member.username}/hoan-tac-go-lien-ket`, { lan: String(unlinkAudit.id) });
    expect(undone.status).toBe(303);
    expect(undone.location).toBe(`/can-bo/${member.username}?xong=hoan-tac-go-lien-ket`);
    expect(await channelsOf(db, member)).toEqual(['telegram:tg1', 'zalo:zl1']);
    expect(
      await db.auditEvent.count({ where: { action: 'identity.restore', actorId: adminOfficial.id, channel: 'web' } }),
    ).toBe(1);
    const told = await db.notice.findMany({ where: { recipientId: member.id } });
    expect(told.map((notice) => notice.text)).toEqual([expect.stringContaining('Liên kết Telegram của anh/chị')]);

    const before = await snapshot(db);
    const again = await admin.post(`/can-bo/${member.username}/hoan-tac-go-lien-ket`, { lan: String(unlinkAudit.id) });
    expect(again.status).toBe(400);
    expect(again.body).toContain('đã được liên kết lại rồi');
    expect(await snapshot(db)).toBe(before);
    expect(under.errors).toEqual([]);
  });

  it('the undo is refused a day later: the page says to print a new link sheet', async () => {
    const db = database();
    const { member, admin: adminOfficial } = await office(db);
    await linkBoth(db, member, '2');
    const under = consoleUnderTest(db);
    const admin = await signedIn(under, adminOfficial.username);
    await admin.get(`/can-bo/${member.username}`);
    const unlinked = await admin.post(`/can-bo/${member.username}/go-lien-ket`, { channel: '' });
    expect(await channelsOf(db, member)).toEqual([]);
    const lan = new URL(unlinked.location!, 'http://x').searchParams.get('lan')!;

    under.clock.advance(24 * 3_600_000 + 60_000);
    const admin2 = await signedIn(under, adminOfficial.username);
    await admin2.get(`/can-bo/${member.username}`);
    const late = await admin2.post(`/can-bo/${member.username}/hoan-tac-go-lien-ket`, { lan });
    expect(late.status).toBe(400);
    expect(late.body).toContain('đã quá 24 giờ');
    expect(late.body).toContain('in phiếu liên kết mới');
    expect(await channelsOf(db, member)).toEqual([]);
  });

  it('bad input changes nothing: an unknown channel, nothing linked, no undo number', async () => {
    const db = database();
    const { member, head, admin: adminOfficial } = await office(db);
    await linkBoth(db, member, '3');
    const under = consoleUnderTest(db);
    const admin = await signedIn(under, adminOfficial.username);
    await admin.get(`/can-bo/${member.username}`);
    const before = await snapshot(db);

    const viber = await admin.post(`/can-bo/${member.username}/go-lien-ket`, { channel: 'viber' });
    expect(viber.status).toBe(400);
    expect(viber.body).toContain('Hãy chọn kênh chat cần gỡ');
    const nothing = await admin.post(`/can-bo/${head.username}/go-lien-ket`, {});
    expect(nothing.status).toBe(400);
    expect(nothing.body).toContain('chưa liên kết tài khoản chat nào');
    expect((await admin.get(`/can-bo/${head.username}`)).body).not.toContain('/go-lien-ket"');
    const noNumber = await admin.post(`/can-bo/${member.username}/hoan-tac-go-lien-ket`, { lan: 'abc' });
    expect(noNumber.status).toBe(400);
    expect(noNumber.body).toContain('Không rõ lần gỡ liên kết nào');
    expect(await snapshot(db)).toBe(before);
  });

  it('a forged form (no session CSRF token) is refused', async () => {
    const db = database();
    const { member, admin: adminOfficial } = await office(db);
    await linkBoth(db, member, '4');
    const under = consoleUnderTest(db);
    const admin = await signedIn(under, adminOfficial.username);
    const before = await snapshot(db);
    const forged = await admin.post(`/can-bo/${member.username}/go-lien-ket`, { _csrf: 'forged' });
    expect(forged.status).toBe(403);
    expect(forged.body).toContain('mã chống giả mạo');
    expect(await snapshot(db)).toBe(before);
  });

  it('a head and a member are refused with 403, inside and outside the head’s tree', async () => {
    const db = database();
    const { member, outsider, head, admin: adminOfficial } = await office(db);
    await linkBoth(db, member, '5');
    await linkBoth(db, outsider, '6');
    const under = consoleUnderTest(db);
    const admin = await signedIn(under, adminOfficial.username);
    await admin.get(`/can-bo/${member.username}`);
    const unlinked = await admin.post(`/can-bo/${member.username}/go-lien-ket`, { channel: 'zalo' });
    const lan = new URL(unlinked.location!, 'http://x').searchParams.get('lan')!;
    const before = await snapshot(db);

    for (const username of [head.username, member.username]) {
      const browser = await signedIn(under, username);
      if (username === head.username)
        expect((await browser.get(`/can-bo/${member.username}`)).body).not.toContain('/go-lien-ket"');
      for (const target of [member, outsider]) {
        const refused = await browser.post(`/can-bo/${target.username}/go-lien-ket`, { channel: 'telegram' });
        expect(refused.status).toBe(403);
        expect(refused.body).toMatch(/Chỉ Văn phòng Sở|dành cho lãnh đạo đơn vị/);
      }
      const undo = await browser.post(`/can-bo/${member.username}/hoan-tac-go-lien-ket`, { lan });
      expect(undo.status).toBe(403);
    }
    expect(await snapshot(db)).toBe(before);
  });
});

describe('deactivating a unit on the web', () => {
  it('refuses a unit with people, open tasks or active sub-units, naming each, and changes nothing', async () => {
    const db = database();
    const { so, p2, outsider, admin: adminOfficial } = await office(db);
    const task = await makeTask(db, { assigneeUsername: outsider.username });
    const under = consoleUnderTest(db);
    const admin = await signedIn(under, adminOfficial.username);
    expect((await admin.get('/don-vi')).body).toContain(`action="/don-vi/${p2.code}/ngung"`);
    const before = await snapshot(db);

    const busy = await admin.post(`/don-vi/${p2.code}/ngung`, { reason: 'sáp nhập' });
    expect(busy.status).toBe(400);
    expect(busy.body).toContain(`Chưa thể ngừng hoạt động đơn vị ${p2.code}`);
    expect(busy.body).toContain(`còn 1 cán bộ đang hoạt động (${outsider.username}`);
    expect(busy.body).toContain(`còn 1 việc đang mở (#${task.id})`);
    const parent = await admin.post(`/don-vi/${so.code}/ngung`, {});
    expect(parent.status).toBe(400);
    expect(parent.body).toContain('đơn vị cấp dưới đang hoạt động');
    expect(await snapshot(db)).toBe(before);
  });

  it('the admin deactivates an empty unit, audited as web, and «Kích hoạt lại» undoes it', async () => {
    const db = database();
    const { n, p1, admin: adminOfficial } = await office(db);
    const team = await makeUnit(db, { code: `TOx${n}`, name: `Tổ ${n}`, parentCode: p1.code });
    const under = consoleUnderTest(db);
    const admin = await signedIn(under, adminOfficial.username);

    const stopped = await admin.post(`/don-vi/${team.code}/ngung`, { reason: 'giải thể' });
    expect(stopped.status).toBe(303);
    expect(stopped.location).toBe('/don-vi?xong=ngung');
    expect((await db.unit.findUniqueOrThrow({ where: { code: team.code } })).active).toBe(false);
    const page = await admin.get(stopped.location!);
    expect(page.body).toContain('Đã ngừng hoạt động đơn vị');
    expect(page.body).toContain(`action="/don-vi/${team.code}/kich-hoat"`);
    expect(page.body).toContain(`Kích hoạt lại ${team.code}`);

    const again = await admin.post(`/don-vi/${team.code}/kich-hoat`, {});
    expect(again.status).toBe(303);
    expect((await db.unit.findUniqueOrThrow({ where: { code: team.code } })).active).toBe(true);
    const audits = await db.auditEvent.findMany({
      where: { action: { in: ['unit.deactivate', 'unit.reactivate'] }, actorId: adminOfficial.id, channel: 'web' },
      orderBy: { id: 'asc' },
    });
    expect(audits.map((row) => [row.action, JSON.parse(row.payload!)])).toEqual([
      ['unit.deactivate', { unit: team.code, before: { active: true }, after: { active: false }, reason: 'giải thể' }],
      ['unit.reactivate', { unit: team.code, before: { active: false }, after: { active: true } }],
    ]);
    expect(under.errors).toEqual([]);
  });

  it('a head (own unit or another) and a member are refused with 403; a forged form too', async () => {
    const db = database();
    const { n, p1, p2, head, member, admin: adminOfficial } = await office(db);
    const own = await makeUnit(db, { code: `TOy${n}`, name: `Tổ ${n}`, parentCode: p1.code });
    const under = consoleUnderTest(db);
    const before = await snapshot(db);
    for (const username of [head.username, member.username]) {
      const browser = await signedIn(under, username);
      if (username === head.username) {
        const tree = await browser.get('/don-vi');
        expect(tree.body).toContain(own.name);
        expect(tree.body).not.toMatch(/\/(ngung|kich-hoat)"/);
      }
      for (const code of [own.code, p2.code]) {
        const refused = await browser.post(`/don-vi/${code}/ngung`, {});
        expect(refused.status).toBe(403);
        expect(refused.body).toMatch(/Chỉ Văn phòng Sở|dành cho lãnh đạo đơn vị/);
      }
    }
    const admin = await signedIn(under, adminOfficial.username);
    const forged = await admin.post(`/don-vi/${own.code}/ngung`, { _csrf: 'forged' });
    expect(forged.status).toBe(403);
    expect(await snapshot(db)).toBe(before);
  });
});
