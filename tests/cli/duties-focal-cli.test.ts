// Focal points that just work: a unit's recurring duties go to its focal official, else its head,
// else its admin (the office unit); `duties generate` names each unit nobody can receive duties
// for once, with the exact command that fixes it — and that command does fix it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOfficial, makeUnit } from '../support/factories.ts';
import { cli as runCli } from '../support/run-cli.ts';
import { createTestDatabase, testProviders, type TestDatabase } from '../support/test-databases.ts';

const providers = await testProviders();
const ENV = { NHACVIEC_FAKE_NOW: '2026-11-23T08:00:00+07:00' };

describe.each(providers)('who receives a unit’s recurring duties, on %s', (provider) => {
  let database: TestDatabase;
  const db = () => database.client;
  const cli = (args: string[]) => runCli(database.url, args, ENV);

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    await makeUnit(db(), { code: 'VP', name: 'Văn phòng Sở' });
    await makeUnit(db(), { code: 'PTP', name: 'Phòng Tư pháp' });
    await makeUnit(db(), { code: 'PKH', name: 'Phòng Kế hoạch' });
    await makeUnit(db(), { code: 'PCC', name: 'Phòng Công chứng' });
    // The office: a member and an admin, no head, no focal official.
    await makeOfficial(db(), { username: 'vpmember', unitCode: 'VP' });
    await makeOfficial(db(), { username: 'nguyenvana', unitCode: 'VP', role: 'admin' });
    await makeOfficial(db(), { username: 'lethib', unitCode: 'PTP', role: 'head' });
    // PKH has only a member; PCC has nobody.
    await makeOfficial(db(), { username: 'tranvanc', unitCode: 'PKH' });
  });
  afterAll(async () => {
    await database?.drop();
  });

  it("gives the office unit's duties to its admin, and names each unit without anyone once with the command that fixes it", async () => {
    const result = await cli(['duties', 'generate']);
    expect(result.code, result.stderr).toBe(0);
    const assignees = await db().task.findMany({ select: { unit: { select: { code: true } }, assignee: true } });
    const byUnit = new Map(assignees.map((task) => [task.unit.code, task.assignee?.username]));
    expect(byUnit.get('VP')).toBe('nguyenvana');
    expect(byUnit.get('PTP')).toBe('lethib');
    expect(byUnit.has('PKH')).toBe(false);

    // Past-due periods are their own lines; a unit without anyone appears once, with its fix.
    const lines = result.stdout.split('\n').filter((line) => !line.includes('đã qua hạn'));
    expect(lines.filter((line) => line.includes('PKH'))).toEqual([
      expect.stringMatching(/^ {2}PKH \(\d+ việc\): unit focal PKH tranvanc$/),
    ]);
    expect(lines.filter((line) => line.includes('PCC'))).toEqual([
      expect.stringMatching(
        /^ {2}PCC \(\d+ việc\): official add <tên đăng nhập> "<Họ và tên>" --unit PCC --role head$/,
      ),
    ]);
    expect(result.stdout).toContain('Chưa tạo việc cho 2 đơn vị chưa có người nhận');

    const json = JSON.parse((await cli(['duties', 'generate', '--json'])).stdout);
    expect(json.unitsWithoutAssignee.map((u: { unitCode: string }) => u.unitCode)).toEqual(['PCC', 'PKH']);
  });

  it('creates the skipped duties once the printed command is run', async () => {
    const first = await cli(['duties', 'generate']);
    const fix = /PKH \(\d+ việc\): (.+)$/m.exec(first.stdout)![1]!;
    expect((await cli(fix.split(' '))).code).toBe(0);

    const second = await cli(['duties', 'generate']);
    expect(second.stdout).not.toMatch(/PKH \(\d+ việc\)/);
    expect(second.stdout).toMatch(/#\d+\tbao-cao-thang\tPKH\t2026-12/);
    expect(
      await db().task.count({ where: { unit: { code: 'PKH' }, assignee: { username: 'tranvanc' } } }),
    ).toBeGreaterThan(0);
  });
});
