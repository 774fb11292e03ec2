// The Cán bộ and Đơn vị pages over HTTP on a real SQLite database: who sees and changes what (the
// admin everything, a head their unit tree read-only, a member nothing), CSRF, the import's
// upload limits and dry run then confirm, undoing a deactivation, link sheets, the unit tree.
import { describe, expect, it } from 'vitest';
import { useTestDatabase, type TestStore } from '../support/test-databases.ts';
import { BASE_URL, tokenOf } from './console-support.ts';
import {
  consoleUnderTest,
  office,
  officeNumber,
  signedIn,
  staffListCsv,
  uploadIdOf,
} from './people-console-support.ts';

const database = useTestDatabase('sqlite');

/** What this test's admin did in the browser (the database is shared by the file's tests). */
async function webAudits(db: TestStore, action: string) {
  const admin = await db.official.findUniqueOrThrow({ where: { username: `vanphong${officeNumber()}` } });
  return db.auditEvent.findMany({ where: { action, channel: 'web', actorId: admin.id }, orderBy: { id: 'asc' } });
}

describe('who sees the Cán bộ and Đơn vị pages', () => {
  it('the admin sees every official with link status per channel, and filters by unit, role and link', async () => {
    const db = database();
    const { p1, member, outsider, head } = await office(db);
    await db.chatIdentity.create({ data: { channel: 'telegram', externalId: '7001', officialId: member.id } });
    const under = consoleUnderTest(db);
    const admin = await signedIn(under, `vanphong${officeNumber()}`);

    const all = await admin.get('/can-bo');
    expect(all.status).toBe(200);
    expect(all.body).toContain(member.fullName);
    expect(all.body).toContain(outsider.fullName);
    const memberRow = all.body.slice(
      all.body.indexOf(member.fullName),
      all.body.indexOf('</tr>', all.body.indexOf(member.fullName)),
    );
    expect(memberRow).toMatch(/data-label="Telegram">\s*<span class="good">✓ đã liên kết/);
    expect(memberRow).toMatch(/data-label="Zalo">\s*<span class="muted">chưa/);

    const unlinked = await admin.get(`/can-bo?unit=${p1.code}&link=unlinked`);
    expect(unlinked.body).toContain(head.fullName);
    expect(unlinked.body).not.toContain(member.fullName);
    expect(unlinked.body).not.toContain(outsider.fullName);
    const heads = await admin.get('/can-bo?role=head');
    expect(heads.body).toContain(head.fullName);
    expect(heads.body).not.toContain(member.fullName);
  });

  it('a head sees their unit tree read-only, and neither another unit nor its people', async () => {
    const db = database();
    const { p2, head, member, outsider } = await office(db);
    const under = consoleUnderTest(db);
    const browser = await signedIn(under, head.username);

    const list = await browser.get('/can-bo');
    expect(list.status).toBe(200);
    expect(list.body).toContain(member.fullName);
    expect(list.body).not.toContain(outsider.fullName);
    expect(list.body).not.toContain('action="/can-bo/them"');
    expect((await browser.get(`/can-bo?unit=${p2.code}`)).status).toBe(403);
    expect((await browser.get(`/can-bo/${outsider.username}`)).status).toBe(404);
    const units = await browser.get('/don-vi');
    expect(units.status).toBe(200);
    expect(units.body).not.toContain(p2.name);
    expect(units.body).not.toContain('action="/don-vi/them"');
  });

  it('a head changes nothing: add, deactivate, move, role, import, link sheet and unit changes are refused', async () => {
    const db = database();
    const { p1, head, member } = await office(db);
    const under = consoleUnderTest(db);
    const browser = await signedIn(under, head.username);
    const before = await db.official.count();

    const refusals = [
      await browser.post('/can-bo/them', { fullName: 'Người Mới', unit: p1.code, role: 'member' }),
      await browser.post(`/can-bo/${member.username}/ngung`),
      await browser.post(`/can-bo/${member.username}/vai-tro`, { role: 'head' }),
      await browser.post('/can-bo/phieu-lien-ket', { chon: member.username, format: 'html' }),
      await browser.upload('/can-bo/nhap', { name: 'ds.csv', content: 'Họ và tên,Đơn vị\nAi Đó,P1\n' }),
      await browser.post('/don-vi/them', { code: 'MOI', name: 'Mới' }),
      await browser.post(`/don-vi/${p1.code}/doi-ten`, { name: 'Tên khác' }),
    ];
    for (const refusal of refusals) {
      expect(refusal.status).toBe(403);
      expect(refusal.body).toContain('Chỉ Văn phòng Sở (admin)');
    }
    expect(await db.official.count()).toBe(before);
    expect((await db.official.findUniqueOrThrow({ where: { id: member.id } })).active).toBe(true);
    expect((await db.unit.findUniqueOrThrow({ where: { code: p1.code } })).name).toBe(p1.name);
    expect(await db.linkCode.count({ where: { officialId: member.id } })).toBe(0);
  });

  it('a member is refused both pages and sees no link to them', async () => {
    const db = database();
    const { member } = await office(db);
    const browser = await signedIn(consoleUnderTest(db), member.username);
    expect(browser.lastPage).not.toContain('href="/can-bo"');
    for (const path of ['/can-bo', '/don-vi', '/can-bo/nhap']) {
      const response = await browser.get(path);
      expect(response.status).toBe(403);
      expect(response.body).toMatch(/dành cho lãnh đạo đơn vị|Chỉ Văn phòng Sở/);
    }
  });
});

describe('changing people from the browser', () => {
  it('refuses a form without the session CSRF token, and writes nothing', async () => {
    const db = database();
    const { p1 } = await office(db);
    const under = consoleUnderTest(db);
    const admin = await signedIn(under, `vanphong${officeNumber()}`);
    const before = await db.official.count();
    const forged = await admin.post('/can-bo/them', {
      _csrf: 'forged',
      fullName: 'Giả Mạo',
      unit: p1.code,
      role: 'member',
    });
    expect(forged.status).toBe(403);
    expect(forged.body).toContain('mã chống giả mạo');
    const csrf = admin.csrf;
    admin.csrf = undefined;
    expect((await admin.upload('/can-bo/nhap', { name: 'ds.csv', content: 'Họ và tên,Đơn vị\n' })).status).toBe(403);
    admin.csrf = csrf;
    expect(await db.official.count()).toBe(before);
  });

  it('adds an official (username made from the name when left empty), audited with channel web', async () => {
    const db = database();
    const { p1 } = await office(db);
    const under = consoleUnderTest(db);
    const admin = await signedIn(under, `vanphong${officeNumber()}`);
    await admin.get('/can-bo');

    const added = await admin.post('/can-bo/them', {
      fullName: `Lê Thị Bích`,
      username: '',
      unit: p1.code,
      role: 'member',
    });
    expect(added.status).toBe(303);
    const username = added.location!.split('/').pop()!.split('?')[0]!;
    expect(username).toMatch(/^lethib\d*$/);
    const page = await admin.get(added.location!);
    expect(page.body).toContain('Đã thêm cán bộ');
    expect(page.body).toContain('Lê Thị Bích');
    expect((await db.official.findUniqueOrThrow({ where: { username } })).active).toBe(true);
    expect((await webAudits(db, 'official.add')).some((row) => row.payload!.includes(username))).toBe(true);

    const again = await admin.post('/can-bo/them', { fullName: 'Ai Khác', username, unit: p1.code, role: 'member' });
    expect(again.status).toBe(400);
    expect(again.body).toContain(`Tên đăng nhập &quot;${username}&quot; đã có.`);
    const bad = await admin.post('/can-bo/them', {
      fullName: 'Sai Tên',
      username: 'Có Dấu',
      unit: p1.code,
      role: 'member',
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('chỉ gồm chữ thường không dấu');
    expect((await admin.post('/can-bo/them', { fullName: '', unit: p1.code, role: 'member' })).status).toBe(400);
  });

  it('deactivates an official (chats unlinked) and undoes it with reactivate; both audited with channel web', async () => {
    const db = database();
    const { member } = await office(db);
    await db.chatIdentity.create({ data: { channel: 'zalo', externalId: 'z-9', officialId: member.id } });
    const under = consoleUnderTest(db);
    const admin = await signedIn(under, `vanphong${officeNumber()}`);
    await admin.get(`/can-bo/${member.username}`);

    const off = await admin.post(`/can-bo/${member.username}/ngung`, { reason: 'nghỉ hưu' });
    expect(off.status).toBe(303);
    const page = await admin.get(off.location!);
    expect(page.body).toContain('Bấm «Kích hoạt lại» nếu nhầm');
    expect(page.body).toContain(`action="/can-bo/${member.username}/kich-hoat"`);
    expect((await db.official.findUniqueOrThrow({ where: { id: member.id } })).active).toBe(false);
    expect(await db.chatIdentity.count({ where: { officialId: member.id } })).toBe(0);

    const twice = await admin.post(`/can-bo/${member.username}/ngung`);
    expect(twice.status).toBe(400);
    expect(twice.body).toContain('đã ngừng hoạt động từ trước');

    const back = await admin.post(`/can-bo/${member.username}/kich-hoat`);
    expect(back.status).toBe(303);
    expect((await db.official.findUniqueOrThrow({ where: { id: member.id } })).active).toBe(true);
    expect(await webAudits(db, 'official.deactivate')).toHaveLength(1);
    expect(await webAudits(db, 'official.reactivate')).toHaveLength(1);
  });

  it('moves an official and changes a role; the official is told in chat; bad input changes nothing', async () => {
    const db = database();
    const { p2, member, admin: adminOfficial } = await office(db);
    const under = consoleUnderTest(db);
    const admin = await signedIn(under, adminOfficial.username);
    await admin.get(`/can-bo/${member.username}`);

    expect((await admin.post(`/can-bo/${member.username}/chuyen`, { unit: p2.code, reason: 'điều động' })).status).toBe(
      303,
    );
    expect((await admin.post(`/can-bo/${member.username}/vai-tro`, { role: 'head' })).status).toBe(303);
    const moved = await db.official.findUniqueOrThrow({ where: { id: member.id }, include: { unit: true } });
    expect(moved.unit.code).toBe(p2.code);
    expect(moved.role).toBe('head');
    const notices = await db.notice.findMany({ where: { recipientId: member.id }, orderBy: { id: 'asc' } });
    expect(notices.map((notice) => notice.text)).toEqual([
      expect.stringContaining(`sang đơn vị ${p2.code}`),
      expect.stringContaining('thành lãnh đạo đơn vị'),
    ]);
    expect(await webAudits(db, 'official.move')).toHaveLength(1);
    expect(await webAudits(db, 'official.role')).toHaveLength(1);

    const nowhere = await admin.post(`/can-bo/${member.username}/chuyen`, { unit: 'KHONGCO' });
    expect(nowhere.status).toBe(404);
    expect(nowhere.body).toContain('KHONGCO');
    const noRole = await admin.post(`/can-bo/${member.username}/vai-tro`, { role: 'sep' });
    expect(noRole.status).toBe(400);
    expect(noRole.body).toContain('Hãy chọn vai trò');
    expect(await db.official.count({ where: { id: member.id, role: 'head' } })).toBe(1);
  });

  it('prints a link sheet for the chosen officials (HTML or PDF), refusing when nobody is left to link', async () => {
    const db = database();
    const { p1, member, head } = await office(db);
    const under = consoleUnderTest(db);
    const admin = await signedIn(under, `vanphong${officeNumber()}`);
    await admin.get('/can-bo');

    const sheet = await admin.post('/can-bo/phieu-lien-ket', { chon: member.username, format: 'html' });
    expect(sheet.status).toBe(200);
    expect(sheet.body).toContain(member.fullName);
    expect(sheet.body).not.toContain(head.fullName);
    expect(sheet.body).toContain('https://t.me/NhacViecThuBot?start=');
    expect(await db.linkCode.count({ where: { officialId: member.id } })).toBe(1);
    expect(await webAudits(db, 'link-code.sheet')).toHaveLength(1);

    const second = await sessionCookie(under, `vanphong${officeNumber()}`);
    const pdf = await under.app.request(`${BASE_URL}/can-bo/phieu-lien-ket`, {
      method: 'POST',
      headers: {
        Cookie: second.cookie,
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({
        _csrf: second.csrf,
        unit: p1.code,
        format: 'pdf',
      }),
    });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toContain(`phieu-lien-ket-${p1.code}.pdf`);
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');

    await db.chatIdentity.create({ data: { channel: 'telegram', externalId: '8001', officialId: member.id } });
    const nobody = await admin.post('/can-bo/phieu-lien-ket', { chon: member.username, format: 'html' });
    expect(nobody.status).toBe(400);
    expect(nobody.body).toContain('đều đã liên kết tài khoản chat');
  });
});

/** A second session of the same official, as a raw cookie and CSRF token. */
async function sessionCookie(under: ReturnType<typeof consoleUnderTest>, username: string) {
  const token = tokenOf((await under.service.signInLinkFor(username)).url);
  const signIn = await under.app.request(`${BASE_URL}/dang-nhap/lien-ket`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token }),
  });
  const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
  const page = await under.app.request(`${BASE_URL}/can-bo`, { headers: { Cookie: cookie } });
  const csrf = /name="_csrf" value="([^"]*)"/.exec(await page.text())![1]!;
  return { cookie, csrf };
}

describe('importing an officials list', () => {
  it('shows the dry run as a table, writes nothing, then writes on confirm (once)', async () => {
    const db = database();
    const { p1, n } = await office(db);
    const under = consoleUnderTest(db);
    const admin = await signedIn(under, `vanphong${n}`);
    await admin.get('/can-bo/nhap');
    const before = await db.official.count();

    const preview = await admin.upload('/can-bo/nhap', { name: 'danh-sach.csv', content: staffListCsv(p1.code, n) });
    expect(preview.status).toBe(200);
    expect(preview.body).toContain('Xem trước: tệp danh-sach.csv');
    expect(preview.body.match(/Sẽ thêm/g)).toHaveLength(2);
    expect(preview.body).toContain(`Nguyễn Văn Nhập ${n}`);
    expect(await db.official.count()).toBe(before);
    const uploadId = uploadIdOf(preview.body);

    const confirmed = await admin.post('/can-bo/nhap/xac-nhan', { upload: uploadId });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toContain('Đã nhập: thêm 2 người, cập nhật 0 người.');
    expect(await db.official.count()).toBe(before + 2);
    expect(await webAudits(db, 'official.add')).toHaveLength(2);

    const replay = await admin.post('/can-bo/nhap/xac-nhan', { upload: uploadId });
    expect(replay.status).toBe(410);
    expect(replay.body).toContain('Bản xem trước không còn');
    expect(replay.body).toContain('Hãy tải tệp lên lại');
    expect(await db.official.count()).toBe(before + 2);
  });

  it('a list with a bad row writes nothing unless the office ticks "skip bad rows"', async () => {
    const db = database();
    const { p1, n } = await office(db);
    const under = consoleUnderTest(db);
    const admin = await signedIn(under, `vanphong${n}`);
    await admin.get('/can-bo/nhap');
    const before = await db.official.count();
    const content = `${staffListCsv(p1.code, n)}Người Lạc ${n},KHONGCO,,\n`;

    const preview = await admin.upload('/can-bo/nhap', { name: 'ds.csv', content });
    expect(preview.body).toContain('Lỗi, không nhập');
    expect(preview.body).toContain('không có đơn vị &quot;KHONGCO&quot;');
    const uploadId = uploadIdOf(preview.body);
    const refused = await admin.post('/can-bo/nhap/xac-nhan', { upload: uploadId });
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('Không ghi gì');
    expect(await db.official.count()).toBe(before);
    const skipped = await admin.post('/can-bo/nhap/xac-nhan', { upload: uploadId, skipBad: '1' });
    expect(skipped.status).toBe(200);
    expect(await db.official.count()).toBe(before + 2);
  });

  it('refuses other file types, empty files and files over the cap, in Vietnamese, writing nothing', async () => {
    const db = database();
    const { n } = await office(db);
    const under = consoleUnderTest(db, 1024);
    const admin = await signedIn(under, `vanphong${n}`);
    await admin.get('/can-bo/nhap');
    const before = await db.official.count();

    const pdf = await admin.upload('/can-bo/nhap', { name: 'ds.pdf', content: '%PDF-1.4' });
    expect(pdf.status).toBe(400);
    expect(pdf.body).toContain('không nhận được: chỉ nhận tệp .csv hoặc .xlsx');
    // The bytes decide, not the name: a PDF renamed .csv is refused as a PDF.
    const renamed = await admin.upload('/can-bo/nhap', { name: 'ds.csv', content: '%PDF-1.4' });
    expect(renamed.status).toBe(400);
    expect(renamed.body).toContain('không nhận được: chỉ nhận tệp .csv hoặc .xlsx');
    const empty = await admin.upload('/can-bo/nhap', { name: 'ds.csv', content: '' });
    expect(empty.status).toBe(400);
    expect(empty.body).toContain('rỗng');
    // Over the cap but inside the envelope: the service refuses it.
    const large = await admin.upload('/can-bo/nhap', { name: 'ds.csv', content: 'x'.repeat(2048) });
    expect(large.status).toBe(400);
    expect(large.body).toContain('Tệp quá lớn: chỉ nhận tệp đến');
    // Far over: the body limit refuses it before the body is read.
    const huge = await admin.upload('/can-bo/nhap', { name: 'ds.csv', content: 'x'.repeat(200 * 1024) });
    expect(huge.status).toBe(413);
    expect(huge.body).toContain('Tệp quá lớn');
    const broken = await admin.upload('/can-bo/nhap', { name: 'ds.xlsx', content: 'không phải excel' });
    expect(broken.status).toBe(400);
    expect(broken.body).toContain('Không đọc được tệp ds.xlsx');
    expect(await db.official.count()).toBe(before);
    expect(under.errors).toEqual([]);
  });
});

describe('the unit tree', () => {
  it('the admin adds, renames, moves and sets the focal official; a cycle is refused as the CLI refuses it', async () => {
    const db = database();
    const { so, p1, p2, member, n } = await office(db);
    const under = consoleUnderTest(db);
    const admin = await signedIn(under, `vanphong${n}`);
    const tree = await admin.get('/don-vi');
    expect(tree.status).toBe(200);
    expect(tree.body.indexOf(so.name)).toBeLessThan(tree.body.indexOf(p1.name));

    expect((await admin.post('/don-vi/them', { code: `TO${n}`, name: `Tổ ${n}`, parent: p1.code })).status).toBe(303);
    expect((await admin.post(`/don-vi/TO${n}/doi-ten`, { name: `Tổ Một ${n}` })).status).toBe(303);
    expect((await admin.post(`/don-vi/TO${n}/chuyen`, { parent: p2.code })).status).toBe(303);
    expect((await admin.post(`/don-vi/${p1.code}/dau-moi`, { username: member.username })).status).toBe(303);
    const unit = await db.unit.findUniqueOrThrow({ where: { code: `TO${n}` }, include: { parent: true } });
    expect(unit.name).toBe(`Tổ Một ${n}`);
    expect(unit.parent!.code).toBe(p2.code);
    expect((await db.unit.findUniqueOrThrow({ where: { code: p1.code } })).focalOfficialId).toBe(member.id);
    const told = await db.notice.findMany({ where: { recipientId: member.id } });
    expect(told.map((notice) => notice.text)).toEqual([
      expect.stringContaining(`cán bộ đầu mối của đơn vị ${p1.code}`),
    ]);
    const again = await admin.post(`/don-vi/${p1.code}/dau-moi`, { username: member.username });
    expect(again.status).toBe(400);
    expect(again.body).toContain('đã là cán bộ đầu mối');
    for (const action of ['unit.add', 'unit.rename', 'unit.move', 'unit.focal'])
      expect(await webAudits(db, action)).toHaveLength(1);

    const cycle = await admin.post(`/don-vi/${so.code}/chuyen`, { parent: `TO${n}` });
    expect(cycle.status).toBe(400);
    expect(cycle.body).toContain('vòng lặp');
    const badCode = await admin.post('/don-vi/them', { code: 'có dấu', name: 'X' });
    expect(badCode.status).toBe(400);
    expect(badCode.body).toContain('chỉ gồm chữ không dấu');
    const noName = await admin.post(`/don-vi/${p1.code}/doi-ten`, { name: ' ' });
    expect(noName.status).toBe(400);
    expect(noName.body).toContain('Hãy điền tên mới');
    expect((await db.unit.findUniqueOrThrow({ where: { code: so.code } })).parentId).toBeNull();
  });
});
