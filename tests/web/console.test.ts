// The web console over HTTP (the Hono app's fetch) on a real SQLite database: sign-in links,
// sessions, CSRF, and who sees and changes what — a head their unit tree, a member their own.
import { describe, expect, it } from 'vitest';
import { loadReferenceData } from '../../src/app/reference-data.ts';
import { SESSION_HOURS } from '../../src/db/store/web-sessions.ts';
import type { LocalDate } from '../../src/domain/local-date.ts';
import { makeOfficial, makeTask, makeUnit } from '../support/factories.ts';
import { useTestDatabase, type TestStore } from '../support/test-databases.ts';
import { Browser, consoleUnderTest, tokenOf, type ConsoleUnderTest } from './console-support.ts';

const database = useTestDatabase('sqlite');

let sequence = 0;

/** A Sở with two units: the head and two members of P1, a member of P2, the office admin. */
async function office(db: TestStore) {
  const n = ++sequence;
  const so = await makeUnit(db, { code: `SO${n}`, name: `Sở ${n}` });
  const p1 = await makeUnit(db, { code: `P1x${n}`, name: `Phòng Một ${n}`, parentCode: so.code });
  const p2 = await makeUnit(db, { code: `P2x${n}`, name: `Phòng Hai ${n}`, parentCode: so.code });
  const head = await makeOfficial(db, { username: `truongphong${n}`, unitCode: p1.code, role: 'head' });
  const member = await makeOfficial(db, { username: `canbo${n}a`, unitCode: p1.code });
  const colleague = await makeOfficial(db, { username: `canbo${n}b`, unitCode: p1.code });
  const outsider = await makeOfficial(db, { username: `canbo${n}c`, unitCode: p2.code });
  const admin = await makeOfficial(db, { username: `vanphong${n}`, unitCode: so.code, role: 'admin' });
  const due = '2026-11-30' as LocalDate;
  const memberTask = await makeTask(db, {
    title: `Báo cáo của cán bộ ${n}`,
    assigneeUsername: member.username,
    dueDate: due,
  });
  const colleagueTask = await makeTask(db, {
    title: `Việc đồng nghiệp ${n}`,
    assigneeUsername: colleague.username,
    dueDate: due,
  });
  const outsiderTask = await makeTask(db, {
    title: `Việc phòng hai ${n}`,
    assigneeUsername: outsider.username,
    dueDate: due,
  });
  return { so, p1, p2, head, member, colleague, outsider, admin, memberTask, colleagueTask, outsiderTask };
}

async function signedIn(under: ConsoleUnderTest, username: string): Promise<Browser> {
  const browser = new Browser(under.app);
  await browser.signInWith(tokenOf((await under.service.signInLinkFor(username)).url));
  return browser;
}

async function statusOf(db: TestStore, id: number): Promise<string> {
  return (await db.task.findUniqueOrThrow({ where: { id } })).status;
}

describe('signing in with a one-time link', () => {
  it('sends the link to the linked chat; opening it spends nothing, the button signs in with an HttpOnly SameSite=Lax cookie', async () => {
    const db = database();
    const { head } = await office(db);
    await db.chatIdentity.create({ data: { channel: 'telegram', externalId: '4001', officialId: head.id } });
    const under = consoleUnderTest(db);
    const browser = new Browser(under.app);

    const asked = await browser.post('/dang-nhap', { username: head.username });
    expect(asked.status).toBe(200);
    expect(asked.body).toContain('Bot đã gửi liên kết đăng nhập');
    expect(under.sent).toHaveLength(1);
    expect(under.sent[0]).toMatchObject({ channel: 'telegram', externalId: '4001' });
    const url = /http:\/\/console\.test\/dang-nhap\/lien-ket\?token=\S+/.exec(under.sent[0]!.text)![0];

    // A chat app's link preview opens the link: it must not use it up.
    expect((await browser.get(new URL(url).pathname + new URL(url).search)).status).toBe(200);
    const response = await under.app.request('http://console.test/dang-nhap/lien-ket', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: tokenOf(url) }).toString(),
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/tong-quan');
    const cookie = response.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^nhacviec_session=[\w-]{40,};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('Max-Age=28800');
    expect(cookie).toContain('SameSite=Lax');
    const audit = await db.auditEvent.findMany({ where: { action: 'web.sign-in', actorId: head.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.channel).toBe('web');
  });

  it('refuses a link used once already, and a link older than 10 minutes', async () => {
    const db = database();
    const { member } = await office(db);
    const under = consoleUnderTest(db);
    const token = tokenOf((await under.service.signInLinkFor(member.username)).url);
    const first = new Browser(under.app);
    await first.signInWith(token);
    expect(first.signedIn).toBe(true);

    const second = new Browser(under.app);
    const reused = await second.post('/dang-nhap/lien-ket', { token });
    expect(reused.status).toBe(400);
    expect(reused.body).toContain('đã được dùng');
    expect(second.signedIn).toBe(false);

    const late = tokenOf((await under.service.signInLinkFor(member.username)).url);
    under.clock.advance(10 * 60_000);
    const expired = await second.post('/dang-nhap/lien-ket', { token: late });
    expect(expired.status).toBe(400);
    expect(expired.body).toContain('đã hết hạn');
    expect(second.signedIn).toBe(false);
    const unknown = await second.post('/dang-nhap/lien-ket', { token: 'not-a-token' });
    expect(unknown.status).toBe(400);
  });

  it('says clearly when the username is unknown or has no chat, and sends at most 3 links in 10 minutes', async () => {
    const db = database();
    const { member, colleague } = await office(db);
    await db.chatIdentity.create({ data: { channel: 'zalo', externalId: `z-${member.id}`, officialId: member.id } });
    const under = consoleUnderTest(db);
    const browser = new Browser(under.app);

    const unknown = await browser.post('/dang-nhap', { username: 'khongco' });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toContain('Không có cán bộ đang làm việc');
    const noChat = await browser.post('/dang-nhap', { username: colleague.username });
    expect(noChat.status).toBe(400);
    expect(noChat.body).toContain('chưa liên kết Telegram hay Zalo');
    expect(under.sent).toHaveLength(0);

    for (let i = 0; i < 3; i++)
      expect((await browser.post('/dang-nhap', { username: member.username })).status).toBe(200);
    const limited = await browser.post('/dang-nhap', { username: member.username });
    expect(limited.status).toBe(429);
    expect(limited.body).toContain('Đã gửi 3 liên kết');
    expect(under.sent).toHaveLength(3);
    under.clock.advance(10 * 60_000 + 1);
    expect((await browser.post('/dang-nhap', { username: member.username })).status).toBe(200);
  });

  it('limits sign-in attempts per address, whatever the username', async () => {
    const db = database();
    const under = consoleUnderTest(db);
    const browser = new Browser(under.app);
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await browser.post('/dang-nhap', { username: `doan${i}` })).status);
    expect(statuses.slice(0, 20).every((status) => status === 400)).toBe(true);
    expect(statuses[20]).toBe(429);
  });
});

describe('sessions', () => {
  it('sends a visitor without a session to the sign-in form, and refuses their POSTs', async () => {
    const db = database();
    const { memberTask } = await office(db);
    const under = consoleUnderTest(db);
    const browser = new Browser(under.app);
    const page = await browser.get('/tong-quan');
    expect(page.status).toBe(303);
    expect(page.location).toBe('/dang-nhap');
    expect((await browser.post(`/viec/${memberTask.id}/xong`)).status).toBe(401);
    expect(await statusOf(db, memberTask.id)).toBe('open');
  });

  it('ends after 8 hours', async () => {
    const db = database();
    const { member } = await office(db);
    const under = consoleUnderTest(db);
    const browser = await signedIn(under, member.username);
    under.clock.advance(SESSION_HOURS * 3_600_000 - 1000);
    expect((await browser.get('/tong-quan')).status).toBe(200);
    under.clock.advance(1000);
    expect((await browser.get('/tong-quan')).status).toBe(303);
  });

  it('signs out everywhere: every browser of the official, not another official', async () => {
    const db = database();
    const { member, colleague } = await office(db);
    const under = consoleUnderTest(db);
    const phone = await signedIn(under, member.username);
    const desktop = await signedIn(under, member.username);
    const other = await signedIn(under, colleague.username);
    const out = await phone.post('/dang-xuat/moi-noi');
    expect(out.status).toBe(200);
    expect(out.body).toContain('đăng xuất khỏi mọi nơi (2 phiên)');
    expect((await desktop.get('/tong-quan')).status).toBe(303);
    expect((await other.get('/tong-quan')).status).toBe(200);
  });
});

describe('CSRF', () => {
  it('refuses a form without the session’s token, or with another session’s, and changes nothing', async () => {
    const db = database();
    const { member, colleague, memberTask } = await office(db);
    const under = consoleUnderTest(db);
    const browser = await signedIn(under, member.username);
    const otherSession = await signedIn(under, colleague.username);

    const missing = await browser.post(`/viec/${memberTask.id}/xong`, { _csrf: '' });
    expect(missing.status).toBe(403);
    expect(missing.body).toContain('mã chống giả mạo');
    const foreign = await browser.post(`/viec/${memberTask.id}/xong`, { _csrf: otherSession.csrf! });
    expect(foreign.status).toBe(403);
    expect((await browser.post('/dang-xuat/moi-noi', { _csrf: 'x' })).status).toBe(403);
    expect(await statusOf(db, memberTask.id)).toBe('open');
    expect(await db.auditEvent.count({ where: { taskId: memberTask.id, action: 'task.done' } })).toBe(0);
  });
});

describe('who sees and changes what', () => {
  it('shows a head their unit tree only: another unit’s task is refused to read and to close', async () => {
    const db = database();
    const { head, p1, p2, colleagueTask, outsiderTask } = await office(db);
    const under = consoleUnderTest(db);
    const browser = await signedIn(under, head.username);

    const dashboard = await browser.get('/tong-quan');
    expect(dashboard.body).toContain(p1.name);
    expect(dashboard.body).not.toContain(p2.name);
    const list = await browser.get('/viec');
    expect(list.body).toContain(colleagueTask.title);
    expect(list.body).not.toContain(outsiderTask.title);
    const filtered = await browser.get(`/viec?unit=${p2.code}`);
    expect(filtered.body).toContain('không thuộc phạm vi của bạn');
    expect(filtered.body).not.toContain(outsiderTask.title);

    expect((await browser.get(`/viec/${outsiderTask.id}`)).status).toBe(403);
    const close = await browser.post(`/viec/${outsiderTask.id}/xong`);
    expect(close.status).toBe(403);
    expect(await statusOf(db, outsiderTask.id)).toBe('open');
    expect((await browser.get('/viec/999999')).status).toBe(404);
  });

  it('lets a head reassign a task of their unit: audited as web, the new assignee told in chat', async () => {
    const db = database();
    const { head, member, colleague, outsider, memberTask } = await office(db);
    const under = consoleUnderTest(db);
    const browser = await signedIn(under, head.username);
    const page = await browser.get(`/viec/${memberTask.id}`);
    expect(page.body).toContain('Giao lại');
    expect(page.body).not.toContain(`value="${outsider.username}"`);

    const refused = await browser.post(`/viec/${memberTask.id}/giao-lai`, { username: outsider.username });
    expect(refused.status).toBe(403);
    expect(refused.body).toContain('không thuộc đơn vị bạn phụ trách');

    const done = await browser.post(`/viec/${memberTask.id}/giao-lai`, { username: colleague.username });
    expect(done.status).toBe(303);
    expect(done.location).toBe(`/viec/${memberTask.id}?xong=giao-lai`);
    const task = await db.task.findUniqueOrThrow({ where: { id: memberTask.id } });
    expect(task.assigneeId).toBe(colleague.id);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { taskId: memberTask.id, action: 'task.reassign' } });
    expect(audit).toMatchObject({ channel: 'web', actorId: head.id });
    const notices = await db.notice.findMany({ where: { taskId: memberTask.id }, orderBy: { id: 'asc' } });
    expect(notices.map((notice) => notice.recipientId)).toEqual([colleague.id, member.id]);
    expect(notices[0]!.text).toContain('đã được giao cho anh/chị');
    const after = await browser.get(`/viec/${memberTask.id}?xong=giao-lai`);
    expect(after.body).toContain('Đã giao lại việc');
    expect(after.body).toContain('task.reassign');
  });

  it('shows a member their own tasks only; they may close theirs but not reassign', async () => {
    const db = database();
    const { member, colleague, memberTask, colleagueTask } = await office(db);
    const under = consoleUnderTest(db);
    const browser = await signedIn(under, member.username);

    const list = await browser.get('/viec');
    expect(list.body).toContain(memberTask.title);
    expect(list.body).not.toContain(colleagueTask.title);
    const other = await browser.get(`/viec?official=${colleague.username}`);
    expect(other.body).not.toContain(colleagueTask.title);
    expect((await browser.get(`/viec/${colleagueTask.id}`)).status).toBe(403);
    expect((await browser.post(`/viec/${colleagueTask.id}/xong`)).status).toBe(403);

    const own = await browser.get(`/viec/${memberTask.id}`);
    expect(own.body).not.toContain('Giao lại cho');
    expect((await browser.post(`/viec/${memberTask.id}/giao-lai`, { username: colleague.username })).status).toBe(403);
    expect((await db.task.findUniqueOrThrow({ where: { id: memberTask.id } })).assigneeId).toBe(member.id);

    const closed = await browser.post(`/viec/${memberTask.id}/xong`, { note: 'Đã nộp' });
    expect(closed.status).toBe(303);
    expect(await statusOf(db, memberTask.id)).toBe('done');
    const audit = await db.auditEvent.findFirstOrThrow({ where: { taskId: memberTask.id, action: 'task.done' } });
    expect(audit).toMatchObject({ channel: 'web', actorId: member.id });
    const again = await browser.post(`/viec/${memberTask.id}/xong`);
    expect(again.status).toBe(400);
    expect(again.body).toContain('đã được báo xong');
  });

  it('lets the admin see every unit and reopen a task closed by mistake, telling the assignee', async () => {
    const db = database();
    const { admin, p1, p2, colleague, colleagueTask } = await office(db);
    const under = consoleUnderTest(db);
    const browser = await signedIn(under, admin.username);
    const dashboard = await browser.get('/tong-quan');
    expect(dashboard.body).toContain(p1.name);
    expect(dashboard.body).toContain(p2.name);

    expect((await browser.post(`/viec/${colleagueTask.id}/xong`)).status).toBe(303);
    const reopened = await browser.post(`/viec/${colleagueTask.id}/mo-lai`, { reason: 'Báo xong nhầm' });
    expect(reopened.status).toBe(303);
    expect(await statusOf(db, colleagueTask.id)).toBe('open');
    const notice = await db.notice.findFirstOrThrow({ where: { taskId: colleagueTask.id, recipientId: colleague.id } });
    expect(notice.text).toContain('Báo xong nhầm');
    const reopenAudit = await db.auditEvent.findFirstOrThrow({
      where: { taskId: colleagueTask.id, action: 'task.reopen' },
    });
    expect(reopenAudit.channel).toBe('web');
  });

  it('reads no more tasks than the list shows: the earliest due first', async () => {
    const db = database();
    const { member } = await office(db);
    await makeTask(db, { title: 'Hạn muộn', assigneeUsername: member.username, dueDate: '2026-12-20' as LocalDate });
    await makeTask(db, { title: 'Hạn sớm', assigneeUsername: member.username, dueDate: '2026-11-25' as LocalDate });
    const under = consoleUnderTest(db);
    const tasks = await under.service.tasks(member, {}, 2);
    expect(tasks.map((task) => task.title)).toEqual(['Hạn sớm', expect.stringContaining('Báo cáo của cán bộ')]);
  });
});

describe('editing, cancelling and filtering tasks', () => {
  it('lets the admin edit title, legal date and note: audited as web, the assignee told; a bad date changes nothing', async () => {
    const db = database();
    const { admin, member, memberTask } = await office(db);
    const under = consoleUnderTest(db);
    const browser = await signedIn(under, admin.username);
    expect((await browser.get(`/viec/${memberTask.id}`)).body).toContain('Sửa tên, hạn, ghi chú');

    const bad = await browser.post(`/viec/${memberTask.id}/sua`, { title: memberTask.title, due: '31/02/2026' });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('không phải ngày hợp lệ');
    const same = await browser.post(`/viec/${memberTask.id}/sua`, { title: memberTask.title, due: '', note: '' });
    expect(same.status).toBe(400);
    expect(same.body).toContain('không có gì thay đổi');
    expect(await db.auditEvent.count({ where: { taskId: memberTask.id, action: 'task.edit' } })).toBe(0);

    const edited = await browser.post(`/viec/${memberTask.id}/sua`, {
      title: 'Báo cáo đã sửa',
      due: '04/12/2026',
      note: 'gửi bản ký số',
    });
    expect(edited.status).toBe(303);
    expect(edited.location).toBe(`/viec/${memberTask.id}?xong=sua`);
    const task = await db.task.findUniqueOrThrow({ where: { id: memberTask.id } });
    expect(task).toMatchObject({ title: 'Báo cáo đã sửa', targetDate: '2026-12-04', dueDate: '2026-12-04' });
    expect(task.note).toBe('gửi bản ký số');
    const audit = await db.auditEvent.findFirstOrThrow({ where: { taskId: memberTask.id, action: 'task.edit' } });
    expect(audit).toMatchObject({ channel: 'web', actorId: admin.id });
    const notice = await db.notice.findFirstOrThrow({ where: { taskId: memberTask.id, recipientId: member.id } });
    expect(notice.text).toContain('đổi từ 30/11/2026 thành 04/12/2026');
  });

  it('refuses editing to a head and a member; lets a head cancel a task of their unit with a reason, not another unit’s', async () => {
    const db = database();
    const { head, member, memberTask, colleagueTask, outsiderTask } = await office(db);
    const under = consoleUnderTest(db);
    const asHead = await signedIn(under, head.username);
    const page = await asHead.get(`/viec/${memberTask.id}`);
    expect(page.body).not.toContain('Sửa tên, hạn, ghi chú');
    expect(page.body).toContain('Huỷ việc');
    expect((await asHead.post(`/viec/${memberTask.id}/sua`, { title: 'Đổi tên' })).status).toBe(403);
    expect((await asHead.post(`/viec/${outsiderTask.id}/huy`, { reason: 'trùng' })).status).toBe(403);
    const noReason = await asHead.post(`/viec/${memberTask.id}/huy`, { reason: ' ' });
    expect(noReason.status).toBe(400);
    expect(noReason.body).toContain('Hãy ghi lý do huỷ');
    expect(await statusOf(db, memberTask.id)).toBe('open');

    const cancelled = await asHead.post(`/viec/${memberTask.id}/huy`, { reason: 'Trùng với việc khác' });
    expect(cancelled.status).toBe(303);
    expect(await statusOf(db, memberTask.id)).toBe('cancelled');
    const audit = await db.auditEvent.findFirstOrThrow({ where: { taskId: memberTask.id, action: 'task.cancel' } });
    expect(audit).toMatchObject({ channel: 'web', actorId: head.id });
    const notice = await db.notice.findFirstOrThrow({ where: { taskId: memberTask.id, recipientId: member.id } });
    expect(notice.text).toContain('Trùng với việc khác');

    const asMember = await signedIn(under, member.username);
    expect((await asMember.get(`/viec/${memberTask.id}`)).body).not.toContain('Huỷ việc');
    expect((await asMember.post(`/viec/${colleagueTask.id}/huy`, { reason: 'x' })).status).toBe(403);
    expect(await statusOf(db, colleagueTask.id)).toBe('open');
  });

  it('refuses a form no browser of ours sends (a reason over 500 characters) as bad input', async () => {
    const db = database();
    const { admin, memberTask } = await office(db);
    const browser = await signedIn(consoleUnderTest(db), admin.username);
    const refused = await browser.post(`/viec/${memberTask.id}/huy`, { reason: 'x'.repeat(501) });
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('quá dài hoặc không hợp lệ');
    expect(await statusOf(db, memberTask.id)).toBe('open');
  });

  it('filters by duty and by a range of legal due dates, refusing a date that is not one', async () => {
    const db = database();
    const { admin, member } = await office(db);
    const reference = loadReferenceData({});
    const duty = reference.catalogue.duties[0]!;
    await makeTask(db, {
      title: 'Việc theo nhiệm vụ',
      assigneeUsername: member.username,
      dueDate: '2026-12-10' as LocalDate,
      dutyCode: duty.code,
      periodKey: '2026-12',
    });
    const january = await makeTask(db, {
      title: 'Việc tháng một',
      assigneeUsername: member.username,
      dueDate: '2027-01-15' as LocalDate,
    });
    await db.task.update({ where: { id: january.id }, data: { targetDate: '2027-01-13' } });
    const browser = await signedIn(consoleUnderTest(db, undefined, reference), admin.username);

    const list = await browser.get('/viec');
    expect(list.body).toContain(`<option value="${duty.code}"`);
    const byDuty = await browser.get(`/viec?duty=${duty.code}`);
    expect(byDuty.body).toContain('Việc theo nhiệm vụ');
    expect(byDuty.body).not.toContain('Việc tháng một');
    const byDates = await browser.get('/viec?from=01/01/2027&to=2027-01-31');
    expect(byDates.body).toContain('Việc tháng một');
    expect(byDates.body).toContain('13/01/2027 (chậm nhất 15/01/2027)');
    expect(byDates.body).not.toContain('Việc theo nhiệm vụ');
    expect(byDates.body).not.toContain('Báo cáo của cán bộ');
    const bad = await browser.get('/viec?from=32/01/2027');
    expect(bad.body).toContain('Từ ngày «32/01/2027» không phải ngày hợp lệ');
  });
});

describe('the dashboard chart', () => {
  it('draws this month’s on-time rate per unit in scope into the page: all units for the admin, the head’s tree, none for a member', async () => {
    const db = database();
    const { admin, head, member, outsider, p1, p2 } = await office(db);
    // Due 20/11, still open on 23/11: overdue, so both units have a rate this month (0 %).
    for (const person of [member, outsider])
      await makeTask(db, { title: 'Quá hạn', assigneeUsername: person.username, dueDate: '2026-11-20' as LocalDate });
    const under = consoleUnderTest(db);

    const chartOf = (body: string) => /<figure class="box chart">([\s\S]*?)<\/figure>/.exec(body)?.[1];
    const asAdmin = await signedIn(under, admin.username);
    const svg = chartOf((await asAdmin.get('/tong-quan')).body)!;
    expect(svg).toMatch(
      /^\s*<svg role="img" aria-label="Biểu đồ tỷ lệ đúng hạn tháng [^"]+" style="max-width:100%;height:auto"/,
    );
    expect(svg).toContain(p1.name);
    expect(svg).toContain(p2.name);

    const asHead = await signedIn(under, head.username);
    const headChart = chartOf((await asHead.get('/tong-quan')).body)!;
    expect(headChart).toContain(p1.name);
    expect(headChart).not.toContain(p2.name);

    const asMember = await signedIn(under, member.username);
    const memberPage = (await asMember.get('/tong-quan')).body;
    expect(memberPage).toContain('Đang mở');
    expect(chartOf(memberPage)).toBeUndefined();
  });
});

describe('an office compile task', () => {
  it('shows on its page which units have sent their report, counted now', async () => {
    const db = database();
    const { admin, p2, memberTask, outsiderTask } = await office(db);
    const compile = await makeTask(db, {
      title: 'Tổng hợp, gửi UBND tỉnh: Báo cáo tháng 11/2026',
      assigneeUsername: admin.username,
      dueDate: '2026-11-30' as LocalDate,
    });
    for (const task of [memberTask, outsiderTask])
      await db.task.update({ where: { id: task.id }, data: { compileTaskId: compile.id } });
    const browser = await signedIn(consoleUnderTest(db), admin.username);
    expect((await browser.post(`/viec/${memberTask.id}/xong`)).status).toBe(303);

    const page = await browser.get(`/viec/${compile.id}`);
    expect(page.body).toContain(`📥 1/2 phòng đã nộp; chưa nộp: ${p2.name} (#${outsiderTask.id})`);
    expect((await browser.get(`/viec/${memberTask.id}`)).body).not.toContain('phòng đã nộp');
  });
});
