// The "done when", through the admin's command line: with units VP, PHC, PBT and the An
// Giang Sở Tư pháp chain, `duties generate` gives PHC and PBT a monthly report due before the
// office's, and VP one compile task; `task list` shows who has not sent theirs.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setFocalOfficial } from '../../src/db/store/units.ts';
import { cli as actor, makeOfficial, makeUnit } from '../support/factories.ts';
import { cli } from '../support/run-cli.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-databases.ts';

const AN_GIANG = fileURLToPath(new URL('../support/an-giang-stp-duties.yaml', import.meta.url));
const ENV = { NHACVIEC_FAKE_NOW: '2026-12-01T09:00:00+07:00', DUTIES_FILE: AN_GIANG };

describe('a reporting chain from the command line', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    const db = database.client;
    await makeUnit(db, { code: 'VP', name: 'Văn phòng Sở' });
    await makeUnit(db, { code: 'PHC', name: 'Phòng Hành chính tư pháp' });
    await makeUnit(db, { code: 'PBT', name: 'Phòng Bổ trợ tư pháp' });
    await makeOfficial(db, { username: 'vp-focal', unitCode: 'VP', role: 'admin' });
    await setFocalOfficial(db, 'VP', 'vp-focal', actor);
    await makeOfficial(db, { username: 'phc-head', unitCode: 'PHC', role: 'head' });
    await makeOfficial(db, { username: 'pbt-head', unitCode: 'PBT', role: 'head' });
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('duties generate, task done and task list', async () => {
    const generated = await cli(database.url, ['duties', 'generate', '--json'], ENV);
    expect(generated.code).toBe(0);
    const created: { taskId: number; dutyCode: string; unitCode: string; periodKey: string; dueDate: string }[] =
      JSON.parse(generated.stdout).created;
    const december = created.filter((c) => c.dutyCode === 'bao-cao-thang' && c.periodKey === '2026-12');
    expect(december.map((c) => [c.unitCode, c.dueDate]).sort()).toEqual([
      ['PBT', '2026-12-21'],
      ['PHC', '2026-12-21'],
      ['VP', '2026-12-22'],
    ]);
    const idOf = (unit: string) => december.find((c) => c.unitCode === unit)!.taskId;

    expect((await cli(database.url, ['task', 'done', String(idOf('PHC'))], ENV)).code).toBe(0);
    const list = await cli(database.url, ['task', 'list', '--unit', 'VP'], ENV);
    expect(list.stdout).toContain(
      `#${idOf('VP')}\t22/12/2026\tVP\tvp-focal\tđang làm\tTổng hợp, gửi UBND tỉnh: Báo cáo kết quả kiểm soát TTHC tháng 12/2026 (số liệu từ 21/11 đến 20/12/2026)\n\t📥 1/2 phòng đã nộp; chưa nộp: Phòng Bổ trợ tư pháp (#${idOf('PBT')})`,
    );
  });
});
