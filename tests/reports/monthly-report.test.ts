import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMonthlyReport } from '../../src/reports/build-monthly-report.ts';
import { addTask, markTaskDone } from '../../src/db/store/tasks.ts';
import type { LocalDate } from '../../src/domain/local-date.ts';
import { createTestDatabase, testProviders, type TestDatabase } from '../support/test-databases.ts';
import { AS_OF, seedNovember } from './support/november-fixture.ts';

const providers = await testProviders();

describe.each(providers)('the monthly report on %s', (provider) => {
  let database: TestDatabase;
  let ids: Record<string, number>;
  beforeAll(async () => {
    database = await createTestDatabase(provider);
    ({ ids } = await seedNovember(database.client));
  });
  afterAll(async () => {
    await database?.drop();
  });
  const november = (unitCode?: string) =>
    buildMonthlyReport(database.client, { month: '2026-11', unitCode, today: AS_OF });

  it('counts every unit’s tasks due in the month as on time, late, overdue or not yet due', async () => {
    const report = await november();
    const rows = Object.fromEntries(report.tasks.byUnit.map((r) => [r.unitCode, r.figures]));
    expect(report.tasks.byUnit.map((r) => r.unitCode)).toEqual(['SO', 'PKS', 'PTP', 'TO', 'YT']);
    expect(rows.SO).toEqual({ due: 1, onTime: 1, late: 0, overdue: 0, pending: 0, onTimeRate: 1 });
    expect(rows.PTP).toEqual({ due: 4, onTime: 2, late: 2, overdue: 0, pending: 0, onTimeRate: 0.5 });
    expect(rows.TO).toEqual({ due: 4, onTime: 1, late: 0, overdue: 3, pending: 0, onTimeRate: 0.25 });
    expect(rows.PKS).toEqual({ due: 5, onTime: 1, late: 0, overdue: 3, pending: 1, onTimeRate: 0.25 });
    expect(rows.YT).toEqual({ due: 1, onTime: 0, late: 1, overdue: 0, pending: 0, onTimeRate: 0 });
    expect(report.tasks.total).toEqual({ due: 15, onTime: 5, late: 3, overdue: 6, pending: 1, onTimeRate: 5 / 14 });
    expect(report.tasks.targetMet).toBe(false);
    expect(report).toMatchObject({
      month: '2026-11',
      from: '2026-11-01',
      to: '2026-11-30',
      asOf: '2026-11-30',
      scope: null,
    });
  });

  it('rolls sub-units up under each direct sub-unit when one unit is asked for, leaving other units out', async () => {
    const report = await november('SO');
    expect(report.scope).toEqual({ unitCode: 'SO', unitName: 'Sở Tư pháp' });
    expect(report.tasks.byUnit).toEqual([
      {
        unitCode: 'SO',
        unitName: 'Sở Tư pháp',
        includesSubUnits: false,
        figures: { due: 1, onTime: 1, late: 0, overdue: 0, pending: 0, onTimeRate: 1 },
      },
      {
        unitCode: 'PKS',
        unitName: 'Phòng Kiểm soát thủ tục hành chính',
        includesSubUnits: false,
        figures: { due: 5, onTime: 1, late: 0, overdue: 3, pending: 1, onTimeRate: 0.25 },
      },
      {
        unitCode: 'PTP',
        unitName: 'Phòng Hành chính tư pháp',
        includesSubUnits: true,
        figures: { due: 8, onTime: 3, late: 2, overdue: 3, pending: 0, onTimeRate: 3 / 8 },
      },
    ]);
    expect(report.tasks.total).toEqual({ due: 14, onTime: 5, late: 2, overdue: 6, pending: 1, onTimeRate: 5 / 13 });
    expect(report.lateList.officials.map((o) => o.username)).not.toContain('ngoe');
    expect(report.lateList.units.map((u) => u.unitCode)).not.toContain('YT');
  });

  it('measures PAKN answered on time against the 100 % target, by the Vietnam date of the answer', async () => {
    const { pakn } = await november();
    expect(pakn.total).toEqual({ due: 3, onTime: 1, late: 1, overdue: 1, pending: 0, onTimeRate: 1 / 3 });
    expect(pakn.targetMet).toBe(false);
    expect(pakn.notOnTime).toEqual([
      expect.objectContaining({
        taskId: ids.P1,
        code: 'PAKN-01',
        unitCode: 'PTP',
        assigneeName: 'Lê Thị Bích',
        dueDate: '2026-11-23',
        doneOn: '2026-11-25',
        outcome: 'late',
        daysLate: 2,
      }),
      expect.objectContaining({
        taskId: ids.P3,
        code: 'PAKN-03',
        unitCode: 'TO',
        dueDate: '2026-11-26',
        doneOn: null,
        outcome: 'overdue',
        daysLate: 4,
      }),
    ]);
  });

  it('lists late dossiers, returned or not, with whether the apology letter was sent', async () => {
    const { dossiers } = await november();
    expect(dossiers.total).toEqual({ due: 6, onTime: 2, late: 2, openLate: 1, pending: 1, onTimeRate: 2 / 5 });
    expect(dossiers.targetMet).toBe(false);
    expect(dossiers.late).toEqual([
      expect.objectContaining({
        code: 'HS-02',
        returnedOn: '2026-11-20',
        daysLate: 1,
        apologyTaskId: ids.H2a,
        apologyStatus: 'done',
        apologyDone: true,
        apologyDoneOn: '2026-11-18',
      }),
      expect.objectContaining({
        code: 'HS-03',
        returnedOn: null,
        daysLate: 6,
        apologyTaskId: ids.H3a,
        apologyStatus: 'open',
        apologyDone: false,
      }),
      expect.objectContaining({
        code: 'HS-04',
        returnedOn: '2026-11-28',
        daysLate: 1,
        apologyTaskId: ids.H4a,
        apologyStatus: 'open',
        apologyDone: false,
      }),
    ]);
    const rows = Object.fromEntries(dossiers.byUnit.map((r) => [r.unitCode, r.figures.due]));
    expect(rows).toEqual({ SO: 0, PKS: 2, PTP: 2, TO: 1, YT: 1 });
  });

  it('names the late officials and units for the list published on the 5th of the next month, worst first', async () => {
    const { lateList } = await november();
    expect(lateList.publishOn).toBe('2026-12-05');
    expect(lateList.officials).toEqual([
      {
        username: 'phamd',
        fullName: 'Phạm Thị Dung',
        unitCode: 'PKS',
        unitName: 'Phòng Kiểm soát thủ tục hành chính',
        lateTasks: 0,
        overdueTasks: 3,
        lateDossiers: 1,
        total: 4,
      },
      {
        username: 'tranc',
        fullName: 'Trần Văn Cường',
        unitCode: 'TO',
        unitName: 'Tổ tiếp nhận và trả kết quả',
        lateTasks: 0,
        overdueTasks: 3,
        lateDossiers: 1,
        total: 4,
      },
      {
        username: 'lethib',
        fullName: 'Lê Thị Bích',
        unitCode: 'PTP',
        unitName: 'Phòng Hành chính tư pháp',
        lateTasks: 2,
        overdueTasks: 0,
        lateDossiers: 1,
        total: 3,
      },
      {
        username: 'ngoe',
        fullName: 'Ngô Văn Em',
        unitCode: 'YT',
        unitName: 'Sở Y tế',
        lateTasks: 1,
        overdueTasks: 0,
        lateDossiers: 0,
        total: 1,
      },
    ]);
    expect(lateList.units.map((u) => [u.unitCode, u.total])).toEqual([
      ['PKS', 4],
      ['TO', 4],
      ['PTP', 3],
      ['YT', 1],
    ]);
  });

  it('judges "done on the due date" by the Vietnam date, both sides of the UTC date line', async () => {
    const db = database.client;
    const due = '2027-01-15' as LocalDate;
    const cases: Array<[string, string]> = [
      ['2027-01-14T17:30:00Z', 'on time'], // 00:30 on 15/01 in Vietnam, UTC still on the 14th
      ['2027-01-15T16:30:00Z', 'on time'], // 23:30 on 15/01 in Vietnam
      ['2027-01-15T17:30:00Z', 'late'], // 00:30 on 16/01 in Vietnam, UTC still on the 15th
    ];
    for (const [instant] of cases) {
      const task = await addTask(
        db,
        { title: `Ranh giới ${instant}`, assigneeUsername: 'vana', dueDate: due },
        { kind: 'cli' },
      );
      await markTaskDone(db, task.id, { kind: 'cli' }, new Date(instant));
    }
    const report = await buildMonthlyReport(db, { month: '01/2027', today: '2027-02-01' as LocalDate });
    expect(report.tasks.total).toMatchObject({ due: 3, onTime: 2, late: 1 });
    expect(report.lateList.officials).toEqual([expect.objectContaining({ username: 'vana', lateTasks: 1 })]);
  });

  it('refuses an unknown unit and a malformed month', async () => {
    await expect(
      buildMonthlyReport(database.client, { month: '2026-11', unitCode: 'KHONGCO', today: AS_OF }),
    ).rejects.toThrow('Không có đơn vị');
    await expect(buildMonthlyReport(database.client, { month: '2026-13', today: AS_OF })).rejects.toThrow(
      'không hợp lệ',
    );
  });
});
