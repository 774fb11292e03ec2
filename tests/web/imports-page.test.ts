// Nhập kế hoạch over HTTP on a real SQLite database: upload → dry run as a table → confirm writes
// exactly what was previewed (audited `web`); limits on size and type, CSRF, the office only, and
// a preview token bound to its official that expires.
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeOfficial } from '../support/factories.ts';
import type { TestDatabase } from '../support/test-databases.ts';
import { fixture, officeDatabase, snapshot } from '../import/support/office.ts';
import type { Browser } from './console-support.ts';
import { operationsUnderTest, signedIn, UPLOAD_MAX_BYTES, type OperationsUnderTest } from './operations-support.ts';

const PLAN = readFileSync(fixture('ke-hoach-2025-van-phong-so.csv'));
const PAKN = readFileSync(fixture('pakn-mot-cua.csv'));
// Mid-January 2025, as the CLI's plan import tests: every one-off row is still ahead.
const JANUARY = '2025-01-15T02:00:00Z';

let database: TestDatabase;
let under: OperationsUnderTest;
let admin: Browser;

beforeEach(async () => {
  database = await officeDatabase();
  await makeOfficial(database.client, { username: 'vanphong.web', unitCode: 'VP', role: 'admin' });
  under = operationsUnderTest(database.client, JANUARY);
  admin = await signedIn(under, 'vanphong.web');
});
afterEach(async () => {
  await database.drop();
});

const planTasks = () => database.client.task.count({ where: { dutyCode: 'ke-hoach' } });

async function previewPlan(browser: Browser, name = 'ke-hoach-2025-van-phong-so.csv') {
  await browser.get('/nhap');
  const uploaded = await browser.uploadForm('/nhap/xem-truoc', { kind: 'plan' }, { name, bytes: PLAN });
  expect(uploaded.status).toBe(303);
  const token = /^\/nhap\/xem-truoc\/([\w-]+)$/.exec(uploaded.location!)![1]!;
  const preview = await browser.get(uploaded.location!);
  return { token, preview };
}

describe('Nhập kế hoạch', () => {
  it('shows the dry run as a table and writes nothing; confirming writes exactly the previewed tasks, audited web', async () => {
    const before = await snapshot(database);
    const { token, preview } = await previewPlan(admin);
    expect(preview.status).toBe(200);
    expect(preview.body).toContain('Sẽ tạo 10 việc cho 3 đơn vị, 3 cán bộ');
    expect(preview.body).toContain('Ban hành Kế hoạch rà soát, đánh giá TTHC năm 2025');
    expect(preview.body).toContain('03/02/2025');
    expect(preview.body).toContain('Xác nhận nhập');
    expect(await snapshot(database)).toEqual(before);

    const confirmed = await admin.post('/nhap/xac-nhan', { token });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toContain('Đã ghi đúng những gì bản xem trước cho thấy');
    expect(await planTasks()).toBe(10);
    const audit = await database.client.auditEvent.findMany({ where: { action: 'task.add' } });
    expect(audit.length).toBe(10);
    expect(audit.every((row) => row.channel === 'web')).toBe(true);

    // The token is spent: a second confirm writes nothing more.
    const again = await admin.post('/nhap/xac-nhan', { token });
    expect(again.status).toBe(410);
    expect(again.body).toContain('Bản xem trước không còn');
    expect(await planTasks()).toBe(10);
  });

  it('refuses to write when the data moved on since the preview, and shows the new preview', async () => {
    const first = await previewPlan(admin);
    const second = await previewPlan(admin);
    expect((await admin.post('/nhap/xac-nhan', { token: first.token })).status).toBe(200);
    const stale = await admin.post('/nhap/xac-nhan', { token: second.token });
    expect(stale.status).toBe(409);
    expect(stale.body).toContain('Dữ liệu đã thay đổi từ lúc xem trước');
    expect(stale.body).toContain('Sẽ tạo 0 việc');
    expect(await planTasks()).toBe(10);
  });

  it('lets a preview expire after 30 minutes, and binds it to the official who uploaded it', async () => {
    const { token } = await previewPlan(admin);
    await makeOfficial(database.client, { username: 'vanphong.khac', unitCode: 'VP', role: 'admin' });
    const otherAdmin = await signedIn(under, 'vanphong.khac');
    const stolen = await otherAdmin.post('/nhap/xac-nhan', { token });
    expect(stolen.status).toBe(410);
    expect(stolen.body).toContain('Bản xem trước không còn');
    expect((await otherAdmin.get(`/nhap/xem-truoc/${token}`)).status).toBe(410);
    // The same official in another browser (or through another process) sees their own preview.
    const sameOfficial = await signedIn(under, 'vanphong.web');
    expect((await sameOfficial.get(`/nhap/xem-truoc/${token}`)).status).toBe(200);
    under.clock.advance(30 * 60_000);
    const late = await admin.post('/nhap/xac-nhan', { token });
    expect(late.status).toBe(410);
    expect(late.body).toContain('quá 30 phút');
    expect(await planTasks()).toBe(0);
  });

  it('refuses a file too large, of the wrong type, empty, or unreadable, in Vietnamese, keeping nothing', async () => {
    const before = await snapshot(database);
    // The cap as the staff-list page shows it (64 KB was shown as "0 MB").
    expect((await admin.get('/nhap')).body).toMatch(/Tối đa\s+0,1 MB/);
    const big = await admin.uploadForm(
      '/nhap/xem-truoc',
      { kind: 'plan' },
      { name: 'to.csv', bytes: new Uint8Array(UPLOAD_MAX_BYTES + 1) },
    );
    expect(big.status).toBe(400);
    expect(big.body).toContain('Tệp quá lớn: chỉ nhận tệp đến');
    const huge = await admin.uploadForm(
      '/nhap/xem-truoc',
      { kind: 'plan' },
      { name: 'to.csv', bytes: new Uint8Array(UPLOAD_MAX_BYTES * 3) },
    );
    expect(huge.status).toBe(413);
    expect(huge.body).toContain('Tệp quá lớn');
    const exe = await admin.uploadForm('/nhap/xem-truoc', { kind: 'plan' }, { name: 'ke-hoach.exe', bytes: 'MZ' });
    expect(exe.status).toBe(400);
    expect(exe.body).toContain('không nhận được: chỉ nhận tệp .csv, .xlsx, .docx hoặc .pdf');
    const docxForPakn = await admin.uploadForm('/nhap/xem-truoc', { kind: 'pakn' }, { name: 'pakn.docx', bytes: 'x' });
    expect(docxForPakn.status).toBe(400);
    expect(docxForPakn.body).toContain('không nhận được: chỉ nhận tệp .csv hoặc .xlsx');
    const empty = await admin.uploadForm('/nhap/xem-truoc', { kind: 'plan' }, { name: 'rong.csv', bytes: '' });
    expect(empty.status).toBe(400);
    expect(empty.body).toContain('rỗng');
    const garbage = await admin.uploadForm(
      '/nhap/xem-truoc',
      { kind: 'plan' },
      { name: 'sai.xlsx', bytes: 'không phải xlsx' },
    );
    expect(garbage.status).toBe(400);
    expect(garbage.body).toContain('sai.xlsx');
    expect(await snapshot(database)).toEqual(before);
  });

  it('previews and confirms a PAKN export through the same import as the CLI', async () => {
    await admin.get('/nhap');
    const uploaded = await admin.uploadForm(
      '/nhap/xem-truoc',
      { kind: 'pakn' },
      { name: 'pakn-mot-cua.csv', bytes: PAKN },
    );
    expect(uploaded.status).toBe(303);
    const preview = await admin.get(uploaded.location!);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatch(/Sẽ tạo \d+, sửa \d+|Dòng bị từ chối/);
  });

  it('is the office’s: a head is refused and nothing is kept; a form without the CSRF token is refused', async () => {
    const head = await signedIn(under, 'thang.tm');
    expect(head.lastPage).not.toContain('href="/nhap"');
    expect((await head.get('/nhap')).status).toBe(403);
    const refused = await head.uploadForm('/nhap/xem-truoc', { kind: 'plan' }, { name: 'k.csv', bytes: PLAN });
    expect(refused.status).toBe(403);
    const forged = await admin.uploadForm(
      '/nhap/xem-truoc',
      { kind: 'plan', _csrf: 'forged' },
      { name: 'k.csv', bytes: PLAN },
    );
    expect(forged.status).toBe(403);
    const { token } = await previewPlan(admin);
    expect((await admin.post('/nhap/xac-nhan', { token, _csrf: 'forged' })).status).toBe(403);
    expect(await planTasks()).toBe(0);
  });
});
