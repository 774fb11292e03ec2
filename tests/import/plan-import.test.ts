import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PlanImportReport } from '../../src/import/plan/plan-import.ts';
import { createTasksAtomically } from '../../src/db/store/plan-tasks.ts';
import { postgresAvailable, type TestDatabase } from '../support/test-databases.ts';
import { cli as cliActor, makeOfficial } from '../support/factories.ts';
import { cli } from '../support/run-cli.ts';
import { fixture, officeDatabase, snapshot } from './support/office.ts';
import { writePlanXlsx } from './support/plan-xlsx.ts';
import { writeLargePlan } from './support/large-plan.ts';
import { importPlan } from '../../src/import/plan/plan-import.ts';
import { WorkCalendar } from '../../src/domain/calendar/work-calendar.ts';

// The office's copy of the 2025 plan is imported mid-January, before Tết Ất Tỵ (25/01–02/02/2025).
const JANUARY = { NHACVIEC_FAKE_NOW: '2025-01-15T09:00:00+07:00' };
const PLAN_DATE = { NHACVIEC_FAKE_NOW: '2025-02-14T09:00:00+07:00' };
const OFFICE_PLAN = fixture('ke-hoach-2025-van-phong-so.csv');
const KON_TUM_PLAN = fixture('ke-hoach-15-stp-phu-luc-2.csv');
const OCR_PLAN = fixture('ubnd-kon-tum-2025-ocr.csv');

// Due dates worked out by hand on the civil-service calendar (config/calendar.yaml).
const EXPECTED_TASKS = [
  { stt: 'I.1', unitCode: 'VP', assigneeUsername: 'lan.nt', targetDate: '2025-02-19', dueDate: '2025-02-19' }, // trước 20/02 (Thu) → Wed 19
  { stt: 'I.2', unitCode: 'VP', assigneeUsername: 'lan.nt', targetDate: '2025-01-24', dueDate: '2025-02-03' }, // trước 03/02: 25/01–02/02 is Tết → Fri 24/01; legally ends Mon 03/02
  { stt: 'II.1', unitCode: 'PHC', assigneeUsername: 'bich.lt', targetDate: '2025-02-14', dueDate: '2025-02-14' }, // trước 15/02 (Sat) → Fri 14
  { stt: 'II.2', unitCode: 'PHC', assigneeUsername: 'bich.lt', targetDate: '2025-03-31', dueDate: '2025-03-31' }, // trong tháng 03 → Mon 31
  { stt: 'II.3', unitCode: 'PHC', assigneeUsername: 'bich.lt', targetDate: '2025-03-28', dueDate: '2025-03-31' }, // trước 30/3 (Sun) → Fri 28; the limit's last day 29/3 is a Saturday → Mon 31
  { stt: 'III.2', unitCode: 'PXD', assigneeUsername: 'hung.pv', targetDate: '2025-06-30', dueDate: '2025-06-30' }, // quý II → Mon 30/06
  { stt: 'IV.5', unitCode: 'VP', assigneeUsername: 'lan.nt', targetDate: '2025-06-30', dueDate: '2025-06-30' }, // 6 tháng đầu năm
  { stt: 'IV.6', unitCode: 'VP', assigneeUsername: 'lan.nt', targetDate: '2025-08-29', dueDate: '2025-09-03' }, // tháng 08: 30/08–02/09 Quốc khánh → Fri 29; legally Wed 03/09
  { stt: 'IV.7', unitCode: 'VP', assigneeUsername: 'lan.nt', targetDate: '2025-12-12', dueDate: '2025-12-15' }, // trước 15/12 (Mon) → Fri 12; the last day 14/12 is a Sunday → Mon 15
  { stt: 'IV.8', unitCode: 'VP', assigneeUsername: 'lan.nt', targetDate: '2025-12-31', dueDate: '2025-12-31' }, // năm 2025 → Wed 31/12
];

async function planTasks(database: TestDatabase) {
  const tasks = await database.client.task.findMany({
    where: { dutyCode: 'ke-hoach' },
    include: { unit: true, assignee: true },
    orderBy: { id: 'asc' },
  });
  return tasks.map((task) => ({
    title: task.title,
    sourceRef: task.sourceRef,
    unitCode: task.unit.code,
    assigneeUsername: task.assignee?.username,
    targetDate: task.targetDate,
    dueDate: task.dueDate,
    status: task.status,
  }));
}

describe('importing a plan appendix', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await officeDatabase();
  });
  afterEach(async () => {
    await database.drop();
  });

  it('creates one task per one-off row, for the owner unit’s focal official or head, due on the civil-service calendar', async () => {
    const result = await cli(database.url, ['import', 'plan', OFFICE_PLAN, '--json'], JANUARY);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as PlanImportReport;
    expect(report.written).toBe(true);
    expect(
      report.tasks.map(({ stt, unitCode, assigneeUsername, targetDate, dueDate }) => ({
        stt,
        unitCode,
        assigneeUsername,
        targetDate,
        dueDate,
      })),
    ).toEqual(EXPECTED_TASKS);

    const tasks = await planTasks(database);
    expect(tasks).toHaveLength(EXPECTED_TASKS.length);
    expect(
      tasks.map(({ sourceRef, targetDate, dueDate, unitCode }) => ({ sourceRef, targetDate, dueDate, unitCode })),
    ).toEqual(
      EXPECTED_TASKS.map((task) => ({
        sourceRef: `plan:ke-hoach-2025-van-phong-so:${task.stt}`,
        targetDate: task.targetDate,
        dueDate: task.dueDate,
        unitCode: task.unitCode,
      })),
    );
    expect(tasks[0]).toMatchObject({
      title: 'Ban hành Kế hoạch công tác cải cách TTHC; kiểm soát TTHC năm 2025',
      status: 'open',
    });
  });

  it('announces each imported task to its official in their next morning digest, not at once', async () => {
    await cli(database.url, ['import', 'plan', OFFICE_PLAN, '--json'], JANUARY);
    const announcements = await database.client.notice.findMany({
      where: { onceKey: { startsWith: 'moi:' } },
      include: { recipient: true },
      orderBy: { taskId: 'asc' },
    });
    expect(announcements.map((notice) => notice.recipient.username)).toEqual(
      EXPECTED_TASKS.map((task) => task.assigneeUsername),
    );
    // Only the morning digest takes them (src/reminders/morning.ts); the notice sweep never does.
    expect(
      announcements.every((notice) => notice.state === 'pending' && notice.nextAttemptAt.getUTCFullYear() === 9999),
    ).toBe(true);
  });

  it('reports recurring, event and undated rows without turning them into tasks', async () => {
    const report = JSON.parse(
      (await cli(database.url, ['import', 'plan', OFFICE_PLAN, '--json'], JANUARY)).stdout,
    ) as PlanImportReport;
    expect(report.recurring.map((row) => [row.stt, row.unitCode, row.rule])).toEqual([
      ['IV.1', 'VP', 'trước ngày 25 hằng tháng'],
      ['IV.2', 'VP', 'hằng quý (chưa rõ ngày)'],
      ['IV.4', 'VP', 'ngày 5 hằng tháng'],
    ]);
    expect(report.recurring[0]!.catalogueRule).toEqual({ kind: 'monthly', due: 'before', day: 25 });
    expect(report.eventDuties).toEqual([
      expect.objectContaining({ stt: 'IV.3', rule: '10 ngày làm việc kể từ ngày tiếp nhận' }),
    ]);
    expect(report.noDeadline.map((row) => [row.stt, row.why])).toEqual([
      ['I.3', 'thường xuyên'],
      ['III.1', 'khi có phát sinh'],
    ]);
    expect(report.refused).toEqual([]);
  });

  it('creates nothing new when the same file is imported again', async () => {
    expect((await cli(database.url, ['import', 'plan', OFFICE_PLAN], JANUARY)).code).toBe(0);
    const before = await snapshot(database);
    const again = await cli(database.url, ['import', 'plan', OFFICE_PLAN, '--json'], JANUARY);
    expect(again.code).toBe(0);
    const report = JSON.parse(again.stdout) as PlanImportReport;
    expect(report.tasks).toEqual([]);
    expect(report.duplicates.map((row) => row.stt)).toEqual(EXPECTED_TASKS.map((task) => task.stt));
    expect(await snapshot(database)).toEqual(before);
  });

  it('changes nothing on a dry run, yet prints every task it would create', async () => {
    const before = await snapshot(database);
    const result = await cli(database.url, ['import', 'plan', OFFICE_PLAN, '--dry-run'], JANUARY);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('chạy thử, chưa ghi gì');
    expect(result.stdout).toContain('Việc sẽ tạo (10):');
    expect(result.stdout).toContain(
      'dòng 4, mục I.2: Ban hành Kế hoạch rà soát, đánh giá TTHC năm 2025 trên địa bàn tỉnh — VP, lan.nt, hạn 24/01/2025 (chậm nhất 03/02/2025) — trước ngày 03/02/2025',
    );
    expect(await snapshot(database)).toEqual(before);
  });

  it('does not create tasks already past due when the plan is imported late', async () => {
    const result = await cli(database.url, ['import', 'plan', OFFICE_PLAN, '--json'], PLAN_DATE);
    const report = JSON.parse(result.stdout) as PlanImportReport;
    expect(result.code).toBe(0);
    expect(report.pastDue.map((row) => [row.stt, row.dueDate])).toEqual([['I.2', '2025-02-03']]);
    expect((await planTasks(database)).map((task) => task.sourceRef)).not.toContain(
      'plan:ke-hoach-2025-van-phong-so:I.2',
    );
    expect(await planTasks(database)).toHaveLength(EXPECTED_TASKS.length - 1);
  });

  it('refuses the whole Kon Tum appendix while rows are not understood, listing each with its reason', async () => {
    const before = await snapshot(database);
    const result = await cli(database.url, ['import', 'plan', KON_TUM_PLAN, '--json'], PLAN_DATE);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('3 dòng không nhập được: không ghi gì');
    const report = JSON.parse(result.stdout) as PlanImportReport;
    expect(report.written).toBe(false);
    expect(report.refused).toEqual([
      {
        row: 18,
        stt: 'III.1',
        reason: 'cơ quan chủ trì "Các Phòng chuyên môn thuộc Sở" không khớp đơn vị nào (xem unit list)',
      },
      {
        row: 27,
        stt: 'VII.1',
        reason: 'cơ quan chủ trì "Các Phòng chuyên môn thuộc Sở" không khớp đơn vị nào (xem unit list)',
      },
      // the tail of row IX.1, split off by a page break of the PDF
      { row: 33, stt: '', reason: 'không hiểu thời hạn "01/2020/TT-VPCP của Văn phòng Chính phủ"' },
    ]);
    expect(report.unmatchedUnits[0]).toEqual({
      name: 'Các Phòng chuyên môn thuộc Sở',
      rows: [8, 9, 10, 11, 15, 16, 18, 19, 23, 27, 29],
    });
    expect(report.tasks.map((task) => [task.stt, task.dueDate])).toEqual([['I.1', '2025-02-19']]);
    expect(report.recurring.map((row) => row.stt)).toEqual(['II.1.b', 'IX.1']);
    expect(report.eventDuties.map((row) => [row.stt, row.catalogueRule.kind])).toEqual([
      ['II.1.c', 'workingDaysBefore'],
      ['II.1.d', 'workingDaysAfter'],
    ]);
    expect(await snapshot(database)).toEqual(before);
  });

  it('imports the understood rows with --skip-bad and still exits 1', async () => {
    const result = await cli(database.url, ['import', 'plan', KON_TUM_PLAN, '--skip-bad'], PLAN_DATE);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('đã bỏ qua (--skip-bad)');
    expect(result.stdout).toContain('dòng 33: không hiểu thời hạn "01/2020/TT-VPCP của Văn phòng Chính phủ"');
    expect(await planTasks(database)).toEqual([
      expect.objectContaining({
        sourceRef: 'plan:ke-hoach-15-stp-phu-luc-2:I.1',
        unitCode: 'VP',
        assigneeUsername: 'lan.nt',
        dueDate: '2025-02-19',
      }),
    ]);
  });

  it('reads the OCR text of the provincial appendix, without diacritics and with misread letters', async () => {
    const result = await cli(database.url, ['import', 'plan', OCR_PLAN, '--skip-bad', '--json'], PLAN_DATE);
    const report = JSON.parse(result.stdout) as PlanImportReport;
    expect(report.tasks.map((task) => [task.stt, task.unitCode, task.dueDate])).toEqual([
      ['I.1', 'VPUB', '2025-02-19'], // "Truge ngay 20/02/2025"
      ['I.2', 'VPUB', '2025-02-28'], // "Théang 02/2025", owner "- Van phong UBND\ntinh"
      ['V.1', 'VPUB', '2025-02-28'],
      ['V.2', 'VPUB', '2025-03-31'],
    ]);
    expect(report.refused).toEqual([
      {
        row: 17,
        stt: 'VII.1',
        reason: 'cơ quan chủ trì "Cac co quan chuyen mon thuoc UBND tinh" không khớp đơn vị nào (xem unit list)',
      },
      { row: 20, stt: 'VIII.3', reason: 'không hiểu thời hạn "Tir thang 4 dén thang /2025"' },
    ]);
    // "Đơn vị chủ trì: Sở Nội vụ. Đơn vị phối hợp: Văn phòng UBND tỉnh": the owner is Sở Nội vụ, unknown here.
    expect(report.unmatchedUnits).toContainEqual({ name: 'So Noi vu', rows: [6] });
    expect(report.noDeadline.find((row) => row.stt === 'IV.1')).toMatchObject({
      unitCode: 'SO',
      why: 'khi có phát sinh',
    });
    expect(await planTasks(database)).toHaveLength(4);
  });

  it('refuses a row whose owner unit has neither a focal official, a head nor an admin, saying how to set one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nhacviec-plan-'));
    const file = join(dir, 'cong-chung.csv');
    writeFileSync(
      file,
      'STT,Nội dung,Cơ quan chủ trì,Thời gian hoàn thành\n1,Rà soát TTHC công chứng,Phòng Công chứng,Tháng 03/2025\n2,Báo cáo,Văn phòng Sở,Tháng 03/2025\n',
    );
    const result = await cli(database.url, ['import', 'plan', file, '--json'], PLAN_DATE);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).refused).toEqual([
      {
        row: 2,
        stt: '1',
        reason:
          'đơn vị PCC chưa có cán bộ đầu mối, trưởng đơn vị hay quản trị viên để giao việc (đặt bằng unit focal PCC <tên đăng nhập>)',
      },
    ]);
    expect(await planTasks(database)).toEqual([]);
  });

  it('refuses a CSV row shifted by a comma outside quotes, naming the column counts and the header', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nhacviec-plan-'));
    const file = join(dir, 'lech-cot.csv');
    writeFileSync(
      file,
      'STT,Nội dung,Cơ quan chủ trì,Thời gian hoàn thành\n' +
        '1,Rà soát TTHC,Văn phòng Sở,Tháng 03/2025\n' +
        '2,Rà soát, đánh giá TTHC,Văn phòng Sở,Tháng 04/2025\n',
    );
    const result = await cli(database.url, ['import', 'plan', file, '--json'], PLAN_DATE);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).refused).toEqual([
      {
        row: 3,
        stt: '2',
        reason:
          'dòng có 5 cột, dòng tiêu đề có 4 cột (STT | Nội dung | Cơ quan chủ trì | Thời gian hoàn thành): các ô bị lệch cột — thường do dấu phẩy trong một ô không đặt trong ngoặc kép; sửa tệp rồi nhập lại',
      },
    ]);
    expect(await planTasks(database)).toEqual([]);
  });

  it('gives a row owned by "Các phòng, đơn vị thuộc Sở" one task per unit of the Sở, and "Các phòng chuyên môn" one per phòng', async () => {
    await makeOfficial(database.client, { username: 'cc.head', unitCode: 'PCC', role: 'head' });
    const dir = mkdtempSync(join(tmpdir(), 'nhacviec-plan-'));
    const file = join(dir, 'nhom.csv');
    writeFileSync(
      file,
      'STT,Nội dung,Cơ quan chủ trì,Thời gian hoàn thành\n' +
        '1,Rà soát TTHC thuộc lĩnh vực phụ trách,"Các phòng, đơn vị thuộc Sở",Tháng 03/2025\n' +
        '2,Đề xuất phương án đơn giản hoá,Các phòng chuyên môn,Tháng 04/2025\n',
    );
    const report = JSON.parse((await cli(database.url, ['import', 'plan', file, '--json'], PLAN_DATE)).stdout);
    expect(report.refused).toEqual([]);
    // The Sở's own units (not Văn phòng UBND tỉnh, which is not under it), and only its phòng for row 2.
    expect(report.tasks.map((t: { stt: string; unitCode: string }) => `${t.stt}:${t.unitCode}`).sort()).toEqual(
      ['1:PCC', '1:PHC', '1:PXD', '1:VP', '2:PCC', '2:PHC', '2:PXD'].sort(),
    );
    expect((await planTasks(database)).length).toBe(7);
  });

  it('names the catalogue rule kind of each frequency row ("02 lần/năm" → halfYearly) and refuses a cadence the catalogue lacks', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nhacviec-plan-'));
    const file = join(dir, 'tan-suat.csv');
    writeFileSync(
      file,
      'STT,Nội dung,Cơ quan chủ trì,Thời gian hoàn thành\n' +
        '1,Cử CCVC tham gia tập huấn nghiệp vụ,Văn phòng Sở,02 lần/năm\n' +
        '2,Rà soát quy định,Văn phòng Sở,định kỳ 6 tháng\n' +
        '3,Báo cáo giao ban,Văn phòng Sở,thứ Sáu hằng tuần\n' +
        '4,Kiểm tra,Văn phòng Sở,Định kỳ/đột xuất\n' +
        '5,Tự kiểm tra,Văn phòng Sở,03 lần/năm\n',
    );
    const result = await cli(database.url, ['import', 'plan', file, '--json'], PLAN_DATE);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as PlanImportReport;
    expect(report.recurring.map((row) => [row.stt, row.rule, row.ruleKind ?? null])).toEqual([
      ['1', '2 lần/năm (chưa rõ ngày)', 'halfYearly'],
      ['2', '6 tháng một lần (chưa rõ ngày)', 'halfYearly'],
      ['3', 'thứ Sáu hằng tuần', 'weekly'],
      ['4', 'định kỳ (chưa rõ chu kỳ và ngày)', null],
    ]);
    expect(report.recurring[2]!.catalogueRule).toEqual({ kind: 'weekly', due: 'on', weekday: 6 });
    expect(report.refused).toEqual([
      {
        row: 6,
        stt: '5',
        reason:
          '"3 lần/năm" không khớp chu kỳ nào: danh mục nhiệm vụ chỉ có chu kỳ hằng tuần, hằng tháng, hằng quý, 6 tháng một lần và hằng năm — ghi ngày cụ thể của từng lần vào kế hoạch, hoặc tạo từng việc bằng task add',
      },
    ]);

    const text = (await cli(database.url, ['import', 'plan', file, '--dry-run'], PLAN_DATE)).stdout;
    expect(text).toContain(
      'dòng 2, mục 1: Cử CCVC tham gia tập huấn nghiệp vụ — VP: 2 lần/năm (chưa rõ ngày) → rule.kind: halfYearly, cần ghi ngày',
    );
    expect(text).toContain('thứ Sáu hằng tuần → rule.kind: weekly\n');
    expect(text).toContain(
      'định kỳ (chưa rõ chu kỳ và ngày) → kế hoạch không nói chu kỳ: chọn rule.kind trong danh mục',
    );
  });

  it('gives the same tasks from the XLSX as from the CSV', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nhacviec-plan-'));
    const csv = join(dir, 'ke-hoach-2025.csv');
    copyFileSync(OFFICE_PLAN, csv);
    const xlsx = join(dir, 'ke-hoach-2025.xlsx');
    await writePlanXlsx(csv, xlsx);

    expect((await cli(database.url, ['import', 'plan', csv], JANUARY)).code).toBe(0);
    const fromCsv = await planTasks(database);
    const other = await officeDatabase();
    try {
      const result = await cli(other.url, ['import', 'plan', xlsx], JANUARY);
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(await planTasks(other)).toEqual(fromCsv);
      // …and the XLSX of a plan already imported from CSV is recognised as the same plan.
      const again = await cli(database.url, ['import', 'plan', xlsx, '--json'], JANUARY);
      expect(JSON.parse(again.stdout).duplicates).toHaveLength(EXPECTED_TASKS.length);
    } finally {
      await other.drop();
    }
    expect(fromCsv).toHaveLength(EXPECTED_TASKS.length);
  });

  it('writes all tasks or none: one bad task rolls back those before it', async () => {
    const before = await snapshot(database);
    const good = {
      title: 'A',
      unitCode: 'VP',
      assigneeUsername: 'lan.nt',
      targetDate: '2025-03-31' as never,
      dueDate: '2025-03-31' as never,
      deadlineBasis: { kind: 'noLaterThan' as const, anchor: '2025-03-31' as never },
      dutyCode: 'ke-hoach',
      sourceRef: 'plan:x:1',
    };
    await expect(
      createTasksAtomically(
        database.client,
        [good, { ...good, sourceRef: 'plan:x:2', assigneeUsername: 'nobody' }],
        cliActor,
        'test',
      ),
    ).rejects.toThrow();
    expect(await snapshot(database)).toEqual(before);
  });
});

describe('a large plan, written in batches', () => {
  const ROWS = 4_500; // more than two batches of tasks and of audit rows
  let database: TestDatabase;
  let file: string;
  beforeEach(async () => {
    database = await officeDatabase();
    file = writeLargePlan(mkdtempSync(join(tmpdir(), 'nhacviec-plan-')), ROWS);
  });
  afterEach(async () => {
    await database.drop();
  });

  it('writes every task with its audit row, and a second run creates nothing', async () => {
    const first = await cli(database.url, ['import', 'plan', file, '--json'], JANUARY);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    const report = JSON.parse(first.stdout) as PlanImportReport;
    expect(report.tasks).toHaveLength(ROWS);
    const tasks = await database.client.task.findMany({ where: { dutyCode: 'ke-hoach' }, orderBy: { id: 'asc' } });
    expect(tasks).toHaveLength(ROWS);
    // The report's ids are the tasks' ids, row for row.
    expect(report.tasks.map((task) => [task.taskId, task.sourceRef])).toEqual(
      tasks.map((task) => [task.id, task.sourceRef]),
    );
    const audits = await database.client.auditEvent.findMany({ where: { action: 'task.add' } });
    expect(new Set(audits.map((audit) => audit.taskId))).toEqual(new Set(tasks.map((task) => task.id)));

    const before = await snapshot(database);
    const second = await cli(database.url, ['import', 'plan', file, '--json'], JANUARY);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout).duplicates).toHaveLength(ROWS);
    expect(await snapshot(database)).toEqual(before);
  });

  it('writes nothing when a late batch fails, and says so in Vietnamese without the database’s text', async () => {
    // The audit rows are written after every task: a failure there must undo all the tasks.
    await database.client.$executeRawUnsafe(
      `CREATE TRIGGER refuse_audit BEFORE INSERT ON AuditEvent BEGIN SELECT RAISE(ABORT, 'disk full (test)'); END`,
    );
    const before = await snapshot(database);
    const result = await cli(database.url, ['import', 'plan', file], JANUARY);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^Lỗi: Không ghi được kế hoạch/);
    expect(result.stderr).not.toMatch(/prisma|disk full|SQLITE|invocation/i);
    expect(await snapshot(database)).toEqual(before);
  });

  it('refuses a plan imported at the same moment elsewhere, writing none of its tasks', async () => {
    const calendar = new WorkCalendar();
    const now = new Date('2025-01-15T02:00:00Z');
    const planned = await importPlan(
      database.client,
      { file, dryRun: true, skipBad: false },
      { calendar, now, actor: cliActor },
    );
    // Another import wrote the last task after this one checked for duplicates.
    const last = planned.tasks.at(-1)!;
    await createTasksAtomically(
      database.client,
      [{ ...last, dutyCode: 'ke-hoach', title: last.title, deadlineBasis: { kind: 'duty' } }],
      cliActor,
      'other import',
    );
    const before = await snapshot(database);
    await expect(
      createTasksAtomically(
        database.client,
        planned.tasks.map((task) => ({ ...task, dutyCode: 'ke-hoach', deadlineBasis: { kind: 'duty' as const } })),
        cliActor,
        'import plan',
      ),
    ).rejects.toThrow(/vừa được nhập cùng lúc/);
    expect(await snapshot(database)).toEqual(before);
  });
});

describe('a large plan on PostgreSQL', () => {
  it('writes every task and its audit row in batches, and nothing twice', async (context) => {
    if (!(await postgresAvailable())) return context.skip();
    const database = await officeDatabase('postgresql');
    try {
      const file = writeLargePlan(mkdtempSync(join(tmpdir(), 'nhacviec-plan-')), 1_200);
      const first = await cli(database.url, ['import', 'plan', file], JANUARY);
      expect(first).toMatchObject({ code: 0, stderr: '' });
      const tasks = await database.client.task.findMany({ where: { dutyCode: 'ke-hoach' } });
      expect(tasks).toHaveLength(1_200);
      expect(tasks.every((task) => task.status === 'open' && task.nextReminderOn === '0000-00-00')).toBe(true);
      const audits = await database.client.auditEvent.findMany({ where: { action: 'task.add' } });
      expect(audits).toHaveLength(1_200);
      expect(audits.every((audit) => audit.actorId === null && audit.actorKind === 'cli')).toBe(true);
      const before = await snapshot(database);
      expect((await cli(database.url, ['import', 'plan', file], JANUARY)).code).toBe(0);
      expect(await snapshot(database)).toEqual(before);
    } finally {
      await database.drop();
    }
  });
});

describe('a file that cannot be read as a plan', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await officeDatabase();
  });
  afterEach(async () => {
    await database.drop();
  });

  it('exits 2 for a missing file', async () => {
    const result = await cli(database.url, ['import', 'plan', '/nonexistent/ke-hoach.csv']);
    expect(result).toMatchObject({ code: 2, stderr: 'ke-hoach.csv: không có tệp này' });
  });

  it('exits 2 for a file that is neither CSV, XLSX, DOCX nor PDF', async () => {
    const result = await cli(database.url, ['import', 'plan', fixture('../plan-import.test.ts')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('chỉ đọc được tệp .csv, .xlsx, .docx hoặc .pdf (tệp này là ".ts")');
  });

  it('exits 2 for a table without the plan’s columns', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nhacviec-plan-'));
    const file = join(dir, 'danh-ba.csv');
    writeFileSync(file, 'Họ tên,Điện thoại\nLê Thị Bích,0901\n');
    const result = await cli(database.url, ['import', 'plan', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('không tìm thấy dòng tiêu đề');
  });

  it('exits 2 for a corrupt XLSX', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nhacviec-plan-'));
    const file = join(dir, 'hong.xlsx');
    writeFileSync(file, 'not a zip');
    const result = await cli(database.url, ['import', 'plan', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('không mở được tệp Excel');
  });
});
