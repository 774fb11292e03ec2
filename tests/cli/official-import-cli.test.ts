// Getting a whole Sở on board: the office imports its staff list in one command, importing it
// again changes nothing, and `official list --unlinked` says who still has to link a chat.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkTelegram, NOW } from '../chat/chat-harness.ts';
import { cli as actor } from '../support/factories.ts';
import { cli as runCli } from '../support/run-cli.ts';
import { createTestDatabase, testProviders, type TestDatabase, type TestStore } from '../support/test-databases.ts';
import { addUnit } from '../../src/db/store/units.ts';
import { findOfficialByUsername } from '../../src/db/store/officials.ts';
import { STAFF_UNITS, staffList, writeStaffXlsx } from '../import/support/staff-list.ts';

const providers = await testProviders();
const ENV = { NHACVIEC_FAKE_NOW: NOW };

async function everything(db: TestStore): Promise<string> {
  const order = { orderBy: { id: 'asc' } } as const;
  const [units, officials, audit] = await Promise.all([
    db.unit.findMany(order),
    db.official.findMany(order),
    db.auditEvent.findMany(order),
  ]);
  return JSON.stringify({ units, officials, audit });
}

describe.each(providers)('importing the staff list on %s', (provider) => {
  let database: TestDatabase;
  let dir: string;
  const db = () => database.client;
  const cli = (args: string[]) => runCli(database.url, args, ENV);
  const json = async (args: string[], code = 0) => {
    const result = await cli([...args, '--json']);
    expect(result.code, result.stderr).toBe(code);
    return JSON.parse(result.stdout);
  };
  const csv = (name: string, lines: string[]) => {
    const path = join(dir, name);
    writeFileSync(path, `${lines.join('\n')}\n`);
    return path;
  };

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    dir = mkdtempSync(join(tmpdir(), 'nhacviec-staff-'));
    for (const unit of STAFF_UNITS) await addUnit(db(), unit, actor);
  });
  afterAll(async () => {
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports 120 officials of 8 units from one XLSX, again changes nothing, and lists all 120 as unlinked', async () => {
    const people = staffList(120);
    const file = join(dir, 'danh-sach-can-bo.xlsx');
    await writeStaffXlsx(file, people);

    const dryRun = await json(['official', 'import', file, '--dry-run']);
    expect(dryRun).toMatchObject({ dryRun: true, written: false, refused: [] });
    expect(dryRun.created).toHaveLength(120);
    expect(await db().official.count()).toBe(0);

    const first = await json(['official', 'import', file]);
    expect(first).toMatchObject({ written: true, refused: [], updated: [], toReview: [] });
    expect(first.created).toHaveLength(120);
    expect(first.created.map((c: { username: string }) => c.username)).toEqual(
      dryRun.created.map((c: { username: string }) => c.username),
    );
    const usernames: string[] = first.created.map((c: { username: string }) => c.username);
    expect(new Set(usernames).size).toBe(120);
    for (const username of usernames) expect(username).toMatch(/^[a-z0-9]{2,32}$/);
    expect(usernames).toEqual(expect.arrayContaining(['lethib', 'lethib2']));
    expect(await db().official.count()).toBe(120);
    expect(await db().auditEvent.count({ where: { action: 'official.add' } })).toBe(120);

    // Every unit by code or by name, heads and deputies as heads, the "Quản trị" as admin.
    for (const unit of STAFF_UNITS)
      expect(await db().official.count({ where: { unit: { code: unit.code } } })).toBe(15);
    expect(await db().official.count({ where: { role: 'head' } })).toBe(16);
    expect(await db().official.count({ where: { role: 'admin' } })).toBe(1);
    // Phones in one form, whatever the cell held (a number cell lost its leading 0).
    const phones = (await db().official.findMany({ select: { phone: true } })).map((row) => row.phone);
    for (const phone of phones) expect(phone).toMatch(/^0[35789]\d{8}$/);

    const before = await everything(db());
    const again = await json(['official', 'import', file]);
    expect(again).toMatchObject({ written: false, created: [], updated: [], toReview: [], refused: [] });
    expect(again.unchanged).toHaveLength(120);
    expect(await everything(db())).toBe(before);

    const unlinked = await json(['official', 'list', '--unlinked']);
    expect(unlinked).toHaveLength(120);
    const text = await cli(['official', 'list', '--unlinked']);
    expect(text.stdout).toContain('120 cán bộ chưa liên kết');
  });

  it('lists only active officials with no Telegram or Zalo chat as unlinked, by unit too', async () => {
    const linked = (await findOfficialByUsername(db(), 'lethib'))!;
    await linkTelegram(db(), linked, '7001');
    const unlinked = await json(['official', 'list', '--unlinked']);
    expect(unlinked).toHaveLength(119);
    expect(unlinked.map((o: { username: string }) => o.username)).not.toContain('lethib');
    const ptp = await json(['official', 'list', '--unlinked', '--unit', 'PTP']);
    expect(ptp).toHaveLength(14);
    await cli(['official', 'deactivate', 'lethib2']);
    expect(await json(['official', 'list', '--unlinked'])).toHaveLength(118);
    await cli(['official', 'reactivate', 'lethib2']);
  });

  it('refuses duplicate names in one unit, unknown units, landline numbers and unknown roles, naming each row, writing nothing', async () => {
    const file = csv('loi.csv', [
      'Họ và tên,Đơn vị,Chức vụ/Vai trò,Số điện thoại,Email',
      'Ngô Văn Tài,PTP,Chuyên viên,0912345001,',
      'Ngô Văn Tài,Phòng Tư pháp,Chuyên viên,0912345002,',
      'Đinh Thị Mơ,Phòng Không Có,Chuyên viên,0912345003,',
      'Tạ Văn Bền,PHC,Chuyên viên,024 3825 1234,',
      'Lưu Thị Hoa,PHC,Bảo vệ,0912345005,',
      'Mạc Văn Đạt,VP,Chuyên viên,0912345006,khong-phai-email',
    ]);
    const before = await everything(db());
    const result = await cli(['official', 'import', file]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('5 dòng không nhập được: không ghi gì');
    expect(await everything(db())).toBe(before);
    const lines = result.stdout.split('\n');
    const line = (n: number) => lines.find((l) => l.startsWith(`  dòng ${n} `)) ?? '';
    expect(line(3)).toContain('trùng họ tên với dòng 2 trong đơn vị PTP');
    expect(line(4)).toContain('không có đơn vị "Phòng Không Có"');
    expect(line(5)).toContain('"024 3825 1234" không phải số di động Việt Nam');
    expect(line(6)).toContain('vai trò "Bảo vệ" không có');
    expect(line(7)).toContain('email "khong-phai-email" không hợp lệ');
    expect(result.stdout).toContain('Sẽ thêm (1):');

    const skipped = await json(['official', 'import', file, '--skip-bad'], 1);
    expect(skipped.written).toBe(true);
    expect(skipped.created).toEqual([expect.objectContaining({ row: 2, username: 'ngovant', unitCode: 'PTP' })]);
    expect(await db().official.count()).toBe(121);
  });

  it('updates contact details, and reports a different unit or role with the command that changes it', async () => {
    const tai = await db().official.findUniqueOrThrow({ where: { username: 'ngovant' } });
    expect(tai.phone).toBe('0912345001');
    const file = csv('sua.csv', [
      'Họ và tên;Đơn vị;Chức vụ/Vai trò;Số điện thoại;Email',
      'Ngô Văn Tài;PTP;Chuyên viên;+84 988 000 111;tai@stp.gov.vn',
    ]);
    expect(await json(['official', 'import', file])).toMatchObject({
      written: true,
      created: [],
      updated: [
        { row: 2, username: 'ngovant', change: 'điện thoại 0912345001 → 0988000111, email (trống) → tai@stp.gov.vn' },
      ],
      toReview: [],
    });
    // Moved and promoted: found by the phone on record; the import only says what to run.
    const moved = csv('chuyen.csv', [
      'Họ và tên;Đơn vị;Chức vụ/Vai trò;Số điện thoại;Email',
      'Ngô Văn Tài;PHC;Trưởng phòng;0988000111;',
    ]);
    const before = await everything(db());
    expect(await json(['official', 'import', moved])).toMatchObject({
      written: false,
      created: [],
      updated: [],
      toReview: [
        { row: 2, username: 'ngovant', what: 'đơn vị PTP → PHC', command: 'official move ngovant --unit PHC' },
        { row: 2, username: 'ngovant', what: 'vai trò member → head', command: 'official role ngovant head' },
      ],
    });
    expect(await everything(db())).toBe(before);
    const after = await db().official.findUniqueOrThrow({ where: { username: 'ngovant' }, include: { unit: true } });
    expect(after).toMatchObject({ phone: '0988000111', email: 'tai@stp.gov.vn', role: 'member' });
    expect(after.unit.code).toBe('PTP');
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: 'official.contact' } });
    expect(JSON.parse(audit.payload!)).toEqual({
      username: 'ngovant',
      before: { phone: '0912345001', email: null },
      after: { phone: '0988000111', email: 'tai@stp.gov.vn' },
      reason: 'official import sua.csv',
    });
  });

  it('takes the username from the file when given, and refuses one that is not a valid username', async () => {
    const file = csv('ten-dang-nhap.csv', [
      'Tên đăng nhập,Họ và tên,Đơn vị,Chức vụ,Số điện thoại',
      'ngovant9,Ngô Văn Tài,PTP,Chuyên viên,0912000999',
      'Bad Name,Kha Văn Cần,PTP,Chuyên viên,',
    ]);
    const result = await json(['official', 'import', file, '--dry-run'], 1);
    expect(result.created).toEqual([expect.objectContaining({ username: 'ngovant9', fullName: 'Ngô Văn Tài' })]);
    expect(result.refused).toEqual([
      expect.objectContaining({ row: 3, reason: expect.stringContaining('tên đăng nhập "bad name"') }),
    ]);
  });

  it('says what a file without the needed columns lacks (exit 2)', async () => {
    const file = csv('khong-dung.csv', ['A,B,C', '1,2,3']);
    const result = await cli(['official', 'import', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('"Họ và tên" và "Đơn vị"');
  });
});
