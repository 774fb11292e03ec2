// Lịch over HTTP: a year's days off with reasons, the worked Saturdays, and a provisional year
// flagged with the explanation `calendar check` gives — from the calendar the bot loaded.
import { describe, expect, it } from 'vitest';
import { makeOfficial, makeUnit } from '../support/factories.ts';
import { useTestDatabase } from '../support/test-databases.ts';
import { operationsUnderTest, signedIn } from './operations-support.ts';

const database = useTestDatabase('sqlite');

describe('Lịch', () => {
  it('shows an announced year: its days off with reasons, its worked Saturday, the announcement', async () => {
    const db = database();
    await makeUnit(db, { code: 'PL1', name: 'Phòng Lịch' });
    const member = await makeOfficial(db, { username: 'canbolich', unitCode: 'PL1' });
    const under = operationsUnderTest(db);
    const browser = await signedIn(under, member.username);
    expect(browser.lastPage).toContain('href="/lich"');

    const page = await browser.get('/lich?nam=2025');
    expect(page.status).toBe(200);
    expect(page.body).toContain('Lịch làm việc năm 2025');
    expect(page.body).toContain('Thông báo của Bộ Lao động – Thương binh và Xã hội về lịch nghỉ lễ, Tết năm 2025');
    expect(page.body).not.toContain('TẠM TÍNH');
    expect(page.body).toMatch(
      /<td>01\/01\/2025<\/td>\s*<td data-label="Thứ">Thứ Tư<\/td>\s*<td data-label="Lý do">Tết Dương lịch<\/td>/,
    );
    expect(page.body).toMatch(
      /<td>08\/02\/2025<\/td>\s*<td data-label="Thứ">Thứ Bảy<\/td>\s*<td data-label="Lý do">Làm bù cho thứ Hai 27\/01\/2025/,
    );
    expect(page.body).toContain('Ngày đi làm bù (3)');
    // Đi làm lại 03/02/2025 is a working day, not a day off.
    expect(page.body).not.toMatch(
      /<td>03\/02\/2025<\/td>\s*<td data-label="Thứ">Thứ Hai<\/td>\s*<td data-label="Lý do">Tết/,
    );
  });

  it('flags a provisional year with what to add to the calendar file; the current year by default', async () => {
    const db = database();
    await makeUnit(db, { code: 'PL2', name: 'Phòng Lịch 2' });
    const head = await makeOfficial(db, { username: 'truonglich', unitCode: 'PL2', role: 'head' });
    const under = operationsUnderTest(db);
    const browser = await signedIn(under, head.username);
    const current = await browser.get('/lich');
    expect(current.body).toContain('Lịch làm việc năm 2026');
    expect(current.body).toContain('9441/TB-BNV');
    const provisional = await browser.get('/lich?nam=2027');
    expect(provisional.status).toBe(200);
    expect(provisional.body).toContain('Năm 2027: TẠM TÍNH.');
    expect(provisional.body).toContain('Lịch nghỉ lễ, Tết năm 2027 chưa có thông báo chính thức');
    expect(provisional.body).toContain('calendar check');
    expect(provisional.body).toContain('Tết Nguyên đán');
  });

  it('answers a bad or out-of-range year in Vietnamese with 400', async () => {
    const db = database();
    await makeUnit(db, { code: 'PL3', name: 'Phòng Lịch 3' });
    const member = await makeOfficial(db, { username: 'canbolich3', unitCode: 'PL3' });
    const browser = await signedIn(operationsUnderTest(db), member.username);
    const typo = await browser.get('/lich?nam=20x6');
    expect(typo.status).toBe(400);
    expect(typo.body).toContain('không hợp lệ');
    const far = await browser.get('/lich?nam=1800');
    expect(far.status).toBe(400);
    expect(far.body).toContain('Năm 1800 nằm ngoài khoảng');
  });

  it('is for signed-in officials only', async () => {
    const db = database();
    const under = operationsUnderTest(db);
    const response = await under.app.request('http://console.test/lich');
    expect(response.status).toBe(303);
  });
});
