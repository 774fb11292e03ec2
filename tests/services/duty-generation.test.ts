import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadReferenceData } from '../../src/app/reference-data.ts';
import { deactivateUnit } from '../../src/db/store/unit-changes.ts';
import { setFocalOfficial } from '../../src/db/store/units.ts';
import type { LocalDate } from '../../src/domain/local-date.ts';
import { generateRecurringTasks } from '../../src/services/duty-generation.ts';
import { cli, makeOfficial, makeUnit } from '../support/factories.ts';
import { createTestDatabase, testProviders, type TestDatabase } from '../support/test-databases.ts';

const providers = await testProviders();
const reference = loadReferenceData({});
const day = (text: string) => text as LocalDate;

describe.each(providers)('generating recurring duty tasks on %s', (provider) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(provider);
    const db = database.client;
    await makeUnit(db, { code: 'VP', name: 'Văn phòng Sở' });
    await makeUnit(db, { code: 'PTP', name: 'Phòng Tư pháp' });
    await makeUnit(db, { code: 'PKH', name: 'Phòng Kế hoạch' });
    await makeOfficial(db, { username: 'vp-head', unitCode: 'VP', role: 'head' });
    await makeOfficial(db, { username: 'vp-focal', unitCode: 'VP' });
    await setFocalOfficial(db, 'VP', 'vp-focal', cli);
    await makeOfficial(db, { username: 'ptp-head', unitCode: 'PTP', role: 'head' });
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('creates the current and next period for each unit, assigned to the focal official else the head, and nothing on a second run', async () => {
    const db = database.client;
    const today = day('2026-11-23');
    const first = await generateRecurringTasks(db, { ...reference, today }, cli);
    const monthly = first.created.filter((c) => c.dutyCode === 'bao-cao-thang');
    // Current (11/2026) and next (12/2026) period; November's report (due 19/11) is already past
    // on 23/11: skipped rather than created overdue.
    // "Trước ngày 20": aim at Friday 18/12; the limit's last day 19/12 is a Saturday → legally Monday 21/12.
    expect(monthly.map((c) => [c.unitCode, c.periodKey, c.targetDate, c.dueDate]).sort()).toEqual([
      ['PTP', '2026-12', '2026-12-18', '2026-12-21'],
      ['VP', '2026-12', '2026-12-18', '2026-12-21'],
    ]);
    expect(first.skipped).toContainEqual(
      expect.objectContaining({ dutyCode: 'bao-cao-thang', unitCode: 'PTP', periodKey: '2026-11' }),
    );
    expect(first.skipped).toContainEqual(
      expect.objectContaining({ unitCode: 'PKH', reason: expect.stringContaining('chưa có cán bộ đầu mối') }),
    );
    // The office-only duty goes to VP alone.
    expect(
      first.created.filter((c) => c.dutyCode === 'danh-sach-tre-han').map((c) => [c.unitCode, c.periodKey]),
    ).toEqual([['VP', '2026-12']]);

    const tasks = await db.task.findMany({
      where: { dutyCode: 'bao-cao-thang' },
      include: { assignee: true, unit: true },
    });
    expect(new Set(tasks.map((t) => `${t.unit.code}:${t.assignee?.username}`))).toEqual(
      new Set(['VP:vp-focal', 'PTP:ptp-head']),
    );
    // The period reads like a report's heading, not "…hằng tháng — tháng 12/2026".
    expect(tasks.map((t) => t.title)).toEqual([
      'Báo cáo kết quả kiểm soát TTHC tháng 12/2026',
      'Báo cáo kết quả kiểm soát TTHC tháng 12/2026',
    ]);
    const lateList = await db.task.findFirst({ where: { dutyCode: 'danh-sach-tre-han', periodKey: '2026-12' } });
    // Published by 05/12, the list covers November.
    expect(lateList?.title).toBe(
      'Công khai danh sách hồ sơ trễ hạn tháng 11/2026 (cơ quan, cán bộ giải quyết chậm, muộn)',
    );

    const countBefore = await db.task.count();
    const second = await generateRecurringTasks(db, { ...reference, today }, cli);
    expect(second.created).toEqual([]);
    expect(await db.task.count()).toBe(countBefore);
  });

  it('skips the quarters a duty does not cover and reaches as far as --until', async () => {
    const db = database.client;
    const result = await generateRecurringTasks(
      db,
      { ...reference, today: day('2026-11-23'), until: day('2027-03-31') },
      cli,
    );
    expect(
      result.created
        .filter((c) => c.dutyCode === 'bao-cao-thang')
        .map((c) => c.periodKey)
        .sort(),
    ).toEqual(['2027-01', '2027-01', '2027-02', '2027-02', '2027-03', '2027-03']);
    const quarterly = await db.task.findMany({
      where: { dutyCode: 'bao-cao-quy', unit: { code: 'PTP' } },
      orderBy: { periodKey: 'asc' },
    });
    // Q4 has no quarterly report (the yearly one replaces it): the next two are Q1 and Q2 of 2027.
    expect(quarterly.map((t) => [t.periodKey, t.targetDate, t.dueDate, t.deadlineBasis])).toEqual([
      ['2027-Q1', '2027-03-12', '2027-03-15', 'duty'],
      ['2027-Q2', '2027-06-11', '2027-06-14', 'duty'],
    ]);
  });
});

describe.each(providers)('generating recurring duty tasks for an inactive unit on %s', (provider) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(provider);
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('creates nothing for a unit the office deactivated, even with a focal official elsewhere', async () => {
    const db = database.client;
    await makeUnit(db, { code: 'VP', name: 'Văn phòng Sở' });
    await makeUnit(db, { code: 'CU', name: 'Phòng đã sáp nhập' });
    await makeOfficial(db, { username: 'vp-head', unitCode: 'VP', role: 'head' });
    // The focal official of CU works in VP: without the unit's own state, CU would still get tasks.
    await setFocalOfficial(db, 'CU', 'vp-head', cli);
    await deactivateUnit(db, 'CU', { reason: 'sáp nhập vào VP' }, cli);

    const result = await generateRecurringTasks(db, { ...reference, today: day('2026-11-23') }, cli);

    expect(result.created.length).toBeGreaterThan(0);
    expect(result.created.filter((c) => c.unitCode === 'CU')).toEqual([]);
    expect(result.skipped.filter((s) => s.unitCode === 'CU')).toEqual([]);
    expect(await db.task.count({ where: { unit: { code: 'CU' } } })).toBe(0);
  });
});
