import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalDate } from '../../src/domain/local-date.ts';
import { makeOfficial, makeTask, makeUnit } from '../support/factories.ts';
import { cli } from '../support/run-cli.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-databases.ts';

const AN_GIANG = fileURLToPath(new URL('../support/an-giang-stp-duties.yaml', import.meta.url));
const AT_CHRISTMAS = { NHACVIEC_FAKE_NOW: '2026-12-28T09:00:00+07:00' };

describe('the monthly report over a declared data period', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    const db = database.client;
    await makeUnit(db, { code: 'PHC', name: 'Phòng Hành chính tư pháp' });
    const official = await makeOfficial(db, { username: 'phc-head', unitCode: 'PHC', role: 'head' });
    for (const due of ['2026-11-20', '2026-11-21', '2026-12-20', '2026-12-21', '2026-12-25'])
      await makeTask(db, { assigneeUsername: official.username, title: `Việc hạn ${due}`, dueDate: due as LocalDate });
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('counts 21/11–20/12 for December when the monthly report duty declares startDay 21, and says so in the header', async () => {
    const env = { ...AT_CHRISTMAS, DUTIES_FILE: AN_GIANG };
    const json = JSON.parse((await cli(database.url, ['report', '--month', '2026-12', '--json'], env)).stdout);
    expect(json).toMatchObject({
      month: '2026-12',
      from: '2026-11-21',
      to: '2026-12-20',
      dataPeriod: 'số liệu từ 21/11 đến 20/12/2026 (kỳ số liệu của nhiệm vụ bao-cao-thang)',
      tasks: { total: { due: 2 } },
      // The late list is still published on the 5th of the next month.
      lateList: { publishOn: '2027-01-05' },
    });
    const markdown = await cli(database.url, ['report', '--month', '2026-12'], env);
    expect(markdown.stdout).toContain('số liệu từ 21/11 đến 20/12/2026 (kỳ số liệu của nhiệm vụ bao-cao-thang)');
  });

  it('counts the calendar month when no duty declares a data period', async () => {
    const json = JSON.parse((await cli(database.url, ['report', '--month', '2026-12', '--json'], AT_CHRISTMAS)).stdout);
    expect(json).toMatchObject({
      from: '2026-12-01',
      to: '2026-12-31',
      dataPeriod: null,
      tasks: { total: { due: 3 } },
    });
  });
});
