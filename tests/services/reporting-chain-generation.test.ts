import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadReferenceData } from '../../src/app/reference-data.ts';
import { compilationProgress } from '../../src/db/store/report-chains.ts';
import { reopenTask } from '../../src/db/store/task-closing.ts';
import { markTaskDone } from '../../src/db/store/tasks.ts';
import { setFocalOfficial } from '../../src/db/store/units.ts';
import type { LocalDate } from '../../src/domain/local-date.ts';
import { generateRecurringTasks } from '../../src/services/duty-generation.ts';
import { cli, makeOfficial, makeUnit } from '../support/factories.ts';
import { createTestDatabase, testProviders, type TestDatabase } from '../support/test-databases.ts';

const providers = await testProviders();
const AN_GIANG = fileURLToPath(new URL('../support/an-giang-stp-duties.yaml', import.meta.url));
const reference = loadReferenceData({ DUTIES_FILE: AN_GIANG });
const today = '2026-12-01' as LocalDate;
const now = new Date('2026-12-01T03:00:00Z');

describe.each(providers)('generating An Giang Sở Tư pháp reporting chains on %s', (provider) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(provider);
    const db = database.client;
    await makeUnit(db, { code: 'VP', name: 'Văn phòng Sở' });
    await makeUnit(db, { code: 'PHC', name: 'Phòng Hành chính tư pháp' });
    await makeUnit(db, { code: 'PBT', name: 'Phòng Bổ trợ tư pháp' });
    await makeOfficial(db, { username: 'vp-focal', unitCode: 'VP', role: 'admin' });
    await setFocalOfficial(db, 'VP', 'vp-focal', cli);
    await makeOfficial(db, { username: 'phc-head', unitCode: 'PHC', role: 'head' });
    await makeOfficial(db, { username: 'pbt-head', unitCode: 'PBT', role: 'head' });
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('gives each phòng its report due before the office, and the office one compile task linked to them', async () => {
    const db = database.client;
    const result = await generateRecurringTasks(db, { ...reference, today }, cli);

    const december = result.created
      .filter((c) => c.dutyCode === 'bao-cao-thang' && c.periodKey === '2026-12')
      .map((c) => [c.unitCode, c.targetDate, c.dueDate])
      .sort();
    expect(december).toEqual([
      ['PBT', '2026-12-21', '2026-12-21'],
      ['PHC', '2026-12-21', '2026-12-21'],
      ['VP', '2026-12-22', '2026-12-22'],
    ]);

    const tasks = await db.task.findMany({
      where: { dutyCode: 'bao-cao-thang', periodKey: '2026-12' },
      include: { unit: true },
      orderBy: { unit: { code: 'asc' } },
    });
    const office = tasks.find((t) => t.unit.code === 'VP')!;
    expect(office.title).toBe(
      'Tổng hợp, gửi UBND tỉnh: Báo cáo kết quả kiểm soát TTHC tháng 12/2026 (số liệu từ 21/11 đến 20/12/2026)',
    );
    expect(office.title).not.toContain('gửi Văn phòng Sở');
    expect(office.compileTaskId).toBeNull();
    const units = tasks.filter((t) => t.unit.code !== 'VP');
    expect(
      units.map((t) => [
        t.unit.code,
        t.compileTaskId,
        t.title.endsWith('gửi Văn phòng Sở (số liệu từ 21/11 đến 20/12/2026)'),
      ]),
    ).toEqual([
      ['PBT', office.id, true],
      ['PHC', office.id, true],
    ]);

    // Quarterly: nothing for Q4 (the plan has no Q4 report), Q1/2027 next: 14/3 → 19/3.
    const quarterly = result.created
      .filter((c) => c.dutyCode === 'bao-cao-quy' && c.periodKey === '2027-Q1')
      .map((c) => [c.unitCode, c.periodKey, c.dueDate]);
    expect(quarterly.sort()).toEqual([
      ['PBT', '2027-Q1', '2027-03-15'],
      ['PHC', '2027-Q1', '2027-03-15'],
      ['VP', '2027-Q1', '2027-03-19'],
    ]);

    const second = await generateRecurringTasks(db, { ...reference, today }, cli);
    expect(second.created).toEqual([]);
  });

  it('counts who has sent from the phòng tasks themselves: closing and reopening change it with no counter to drift', async () => {
    const db = database.client;
    const office = await db.task.findFirstOrThrow({
      where: { dutyCode: 'bao-cao-thang', periodKey: '2026-12', unit: { code: 'VP' } },
    });
    const phc = await db.task.findFirstOrThrow({
      where: { dutyCode: 'bao-cao-thang', periodKey: '2026-12', unit: { code: 'PHC' } },
    });
    const summary = async () => {
      const progress = (await compilationProgress(db, [office.id])).get(office.id)!;
      return {
        expected: progress.expected,
        submitted: progress.submitted.map((u) => u.unitCode),
        missing: progress.missing.map((u) => u.unitCode),
      };
    };
    expect(await summary()).toEqual({ expected: 2, submitted: [], missing: ['PBT', 'PHC'] });
    await markTaskDone(db, phc.id, cli, now);
    expect(await summary()).toEqual({ expected: 2, submitted: ['PHC'], missing: ['PBT'] });
    await reopenTask(db, phc.id, cli, now, 'thiếu số liệu');
    expect(await summary()).toEqual({ expected: 2, submitted: [], missing: ['PBT', 'PHC'] });
  });

  it('links the report of a phòng added later to the compile task that already exists', async () => {
    const db = database.client;
    await makeUnit(db, { code: 'PNEW', name: 'Phòng mới' });
    await makeOfficial(db, { username: 'pnew-head', unitCode: 'PNEW', role: 'head' });
    const result = await generateRecurringTasks(db, { ...reference, today }, cli);
    expect(result.created.map((c) => c.unitCode)).toEqual(expect.arrayContaining(['PNEW']));
    const office = await db.task.findFirstOrThrow({
      where: { dutyCode: 'bao-cao-thang', periodKey: '2026-12', unit: { code: 'VP' } },
    });
    const progress = (await compilationProgress(db, [office.id])).get(office.id)!;
    expect(progress.expected).toBe(3);
    expect(progress.missing.map((u) => u.unitName)).toContain('Phòng mới');
  });
});
