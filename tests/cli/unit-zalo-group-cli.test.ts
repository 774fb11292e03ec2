// `unit zalo-group`: the office registers, lists and clears a unit's Zalo group; bad input is
// refused with a Vietnamese message and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUnit } from '../support/factories.ts';
import { cli } from '../support/run-cli.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-databases.ts';

describe('cli unit zalo-group', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
  });
  afterAll(async () => {
    await database?.drop();
  });
  const run = (...args: string[]) => cli(database.url, ['unit', 'zalo-group', ...args]);

  it('registers, lists, refuses mistakes and clears, audited', async () => {
    const ptp = await makeUnit(database.client, { code: 'ZPTP', name: 'Phòng Tư pháp' });
    const phc = await makeUnit(database.client, { code: 'ZPHC', name: 'Phòng Hành chính' });
    expect(await run(ptp.code, '1234567')).toMatchObject({ code: 0 });
    expect((await run('--json')).stdout).toContain('"groupId": "1234567"');

    const before = await database.client.unit.findMany({ orderBy: { id: 'asc' } });
    const refused = [
      await run(phc.code, '1234567'),
      await run(phc.code, 'nhom-abc'),
      await run(phc.code),
      await run(phc.code, '99', '--clear'),
      await run('KHONGCO', '99'),
    ];
    expect(refused.map((result) => result.code)).toEqual([1, 1, 1, 1, 1]);
    expect(refused[0]!.stderr).toContain(`đã là nhóm của đơn vị ${ptp.code}`);
    expect(refused[1]!.stderr).toContain('không hợp lệ');
    expect(refused[2]!.stderr).toContain('--clear');
    expect(await database.client.unit.findMany({ orderBy: { id: 'asc' } })).toEqual(before);

    expect(await run(ptp.code, '--clear')).toMatchObject({ code: 0 });
    expect((await run()).stdout).toContain('Chưa đơn vị nào');
    const audit = await database.client.auditEvent.findMany({ where: { action: 'unit.zalo-group' } });
    expect(audit).toHaveLength(2);
  });

  it('lists each group with whether its sends fail lately', async () => {
    const tks = await makeUnit(database.client, { code: 'ZTKS', name: 'Tổ KSTTHC' });
    const phc = await makeUnit(database.client, { code: 'ZPH2', name: 'Phòng Hành chính' });
    await run(tks.code, '7654321');
    await run(phc.code, '7654322');
    await database.client.unit.update({
      where: { id: tks.id },
      data: {
        zaloGroupFailures: 3,
        zaloGroupLastError: 'zalo send failed: Bạn không phải là thành viên của nhóm',
        zaloGroupFailingSince: new Date('2026-11-24T01:00:00Z'),
        zaloGroupAlerted: true,
      },
    });

    const lines = (await run()).stdout.split('\n');

    expect(lines.find((line) => line.startsWith('ZTKS'))).toContain(
      'gửi vào nhóm lỗi 3 lần liên tiếp từ 24/11/2026 08:00 (đã báo quản trị): zalo send failed: Bạn không phải là thành viên của nhóm',
    );
    expect(lines.find((line) => line.startsWith('ZPH2'))).toContain('gửi vào nhóm bình thường');
    expect((await run('--json')).stdout).toContain('"failures": 3');
  });
});
