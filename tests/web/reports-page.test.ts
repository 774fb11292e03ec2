// Báo cáo over HTTP on a real SQLite database: the monthly report's tables and chart, the same
// CSV/XLSX/PNG files as the CLI's report, a head limited to their unit tree, a member refused.
import { describe, expect, it } from 'vitest';
import type { LocalDate } from '../../src/domain/local-date.ts';
import { buildMonthlyReport } from '../../src/reports/build-monthly-report.ts';
import { renderReportCsv } from '../../src/reports/render-csv.ts';
import { makeOfficial, makeTask, makeUnit } from '../support/factories.ts';
import { useTestDatabase, type TestStore } from '../support/test-databases.ts';
import { operationsUnderTest, signedIn } from './operations-support.ts';

const database = useTestDatabase('sqlite');

let sequence = 0;

async function sở(db: TestStore) {
  const n = ++sequence;
  const so = await makeUnit(db, { code: `SOBC${n}`, name: 'Sở Báo cáo' });
  const p1 = await makeUnit(db, { code: `PBC1x${n}`, name: 'Phòng Một', parentCode: so.code });
  const p2 = await makeUnit(db, { code: `PBC2x${n}`, name: 'Phòng Hai', parentCode: so.code });
  const admin = await makeOfficial(db, { username: `vanphongbc${n}`, unitCode: so.code, role: 'admin' });
  const head = await makeOfficial(db, { username: `truongbc${n}`, unitCode: p1.code, role: 'head' });
  const member = await makeOfficial(db, { username: `canbobc${n}`, unitCode: p1.code });
  const other = await makeOfficial(db, { username: `canbobcz${n}`, unitCode: p2.code });
  await makeTask(db, {
    title: 'Việc P1 quá hạn',
    assigneeUsername: member.username,
    dueDate: '2026-11-10' as LocalDate,
  });
  await makeTask(db, {
    title: 'Việc P2 quá hạn',
    assigneeUsername: other.username,
    dueDate: '2026-11-12' as LocalDate,
  });
  return { so, p1, p2, admin, head, member };
}

describe('Báo cáo', () => {
  it('shows the office every unit’s rows, the chart inline, and links to XLSX, CSV and PNG', async () => {
    const db = database();
    const { admin } = await sở(db);
    const under = operationsUnderTest(db);
    const browser = await signedIn(under, admin.username);
    expect(browser.lastPage).toContain('href="/bao-cao"');
    const page = await browser.get('/bao-cao?thang=2026-11');
    expect(page.status).toBe(200);
    expect(page.body).toContain('Báo cáo kết quả thực hiện nhiệm vụ KSTTHC tháng 11/2026');
    expect(page.body).toContain('Phòng Một');
    expect(page.body).toContain('Phòng Hai');
    expect(page.body).toMatch(/<svg role="img"[^>]*style="max-width:100%;height:auto"/);
    expect(page.body).not.toMatch(/(src|href)="https?:/);
    for (const format of ['xlsx', 'csv', 'png'])
      expect(page.body).toContain(`href="/bao-cao/tai-ve?thang=2026-11&amp;dinh-dang=${format}"`);
    // Without a month: the current one (the clock says November 2026).
    expect((await browser.get('/bao-cao')).body).toContain('value="2026-11"');
  });

  it('downloads the same CSV the CLI writes, a real XLSX and a PNG', async () => {
    const db = database();
    const { admin } = await sở(db);
    const under = operationsUnderTest(db);
    const browser = await signedIn(under, admin.username);
    const csv = await browser.fetch('/bao-cao/tai-ve?thang=2026-11&dinh-dang=csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="bao-cao-2026-11.csv"');
    const expected = renderReportCsv(
      await buildMonthlyReport(db, { month: '2026-11', today: '2026-11-23' as LocalDate }),
    );
    // Bytes, not text(): the BOM Excel needs must be in the file (text() would drop it).
    expect(Buffer.from(await csv.arrayBuffer()).toString('utf8')).toBe(expected);
    const xlsx = Buffer.from(await (await browser.fetch('/bao-cao/tai-ve?thang=2026-11&dinh-dang=xlsx')).arrayBuffer());
    expect(xlsx.subarray(0, 2).toString()).toBe('PK');
    const png = await browser.fetch('/bao-cao/tai-ve?thang=2026-11&dinh-dang=png');
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(
      Buffer.from(await png.arrayBuffer())
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
  });

  it('shows a head only their unit tree, in the page and in the files', async () => {
    const db = database();
    const { head, p1 } = await sở(db);
    const under = operationsUnderTest(db);
    const browser = await signedIn(under, head.username);
    const page = await browser.get('/bao-cao?thang=11/2026');
    expect(page.status).toBe(200);
    expect(page.body).toContain(`Phòng Một (${p1.code}) và các đơn vị trực thuộc`);
    expect(page.body).not.toContain('Phòng Hai');
    const csv = await browser.fetch('/bao-cao/tai-ve?thang=2026-11&dinh-dang=csv');
    expect(csv.headers.get('content-disposition')).toContain(`bao-cao-2026-11-${p1.code}.csv`);
    const text = await csv.text();
    expect(text).toContain('Phòng Một');
    expect(text).not.toContain('Phòng Hai');
  });

  it('refuses a member, a bad month and a bad format in Vietnamese', async () => {
    const db = database();
    const { member, admin } = await sở(db);
    const under = operationsUnderTest(db);
    const asMember = await signedIn(under, member.username);
    expect(asMember.lastPage).not.toContain('href="/bao-cao"');
    const refused = await asMember.get('/bao-cao?thang=2026-11');
    expect(refused.status).toBe(403);
    expect(refused.body).toContain('dành cho lãnh đạo đơn vị và Văn phòng Sở');
    expect((await asMember.fetch('/bao-cao/tai-ve?thang=2026-11&dinh-dang=csv')).status).toBe(403);

    const asAdmin = await signedIn(under, admin.username);
    const badMonth = await asAdmin.get('/bao-cao?thang=2026-13');
    expect(badMonth.status).toBe(400);
    expect(badMonth.body).toContain('Tháng &quot;2026-13&quot; không hợp lệ');
    const badFormat = await asAdmin.fetch('/bao-cao/tai-ve?thang=2026-11&dinh-dang=pdf');
    expect(badFormat.status).toBe(400);
    expect(await badFormat.text()).toContain('định dạng');
  });
});
