// Issue #11: tasks for 2027 are dated on 01/12/2026 from the provisional defaults (no 2027
// announcement yet). When the announcement is added, `calendar reload` moves every open task whose
// dates a rule made, audits each move and tells each official; `--dry-run` only lists them; a
// running bot (followCalendarFile) picks the file up at its next sweep and does the same.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { followCalendarFile } from '../../src/app/calendar-reload.ts';
import { loadReferenceData } from '../../src/app/reference-data.ts';
import { SHIPPED_CALENDAR_FILE } from '../../src/domain/calendar/announcements.ts';
import { ManualClock } from '../../src/domain/clock.ts';
import { silentLogger } from '../../src/domain/log-sink.ts';
import { makeOfficial, makeUnit } from '../support/factories.ts';
import { cli } from '../support/run-cli.ts';
import { createTestDatabase, testProviders, type TestDatabase } from '../support/test-databases.ts';

/** Notices of changes; the generated tasks' announcements (next morning digest) have a key. */
const CHANGE_NOTICES = { onceKey: null };

const NOW = '2026-12-01T09:00:00+07:00';
const TET_2027 = '{ from: 2027-02-03, to: 2027-02-14, name: "Nghỉ Tết Nguyên đán Đinh Mùi 2027" }';

function announce2027(text: string): string {
  return text
    .replace('announced:\n', 'announced:\n  - { year: 2027, source: "Thông báo thử nghiệm về lịch nghỉ Tết 2027" }\n')
    .replace('daysOff:\n', `daysOff:\n  - ${TET_2027}\n`);
}

async function task(database: TestDatabase, dutyCode: string, periodKey: string) {
  return database.client.task.findFirstOrThrow({ where: { dutyCode, periodKey } });
}

describe.each(await testProviders())('calendar reload on %s', (provider) => {
  let database: TestDatabase;
  let calendarDir: string;
  let calendarFile: string;
  let env: Record<string, string>;
  beforeEach(async () => {
    database = await createTestDatabase(provider);
    calendarDir = mkdtempSync(join(tmpdir(), 'nhacviec-calendar-'));
    calendarFile = join(calendarDir, 'calendar.yaml');
    writeFileSync(calendarFile, readFileSync(SHIPPED_CALENDAR_FILE, 'utf8'));
    env = { NHACVIEC_FAKE_NOW: NOW, CALENDAR_FILE: calendarFile };
    await makeUnit(database.client, { code: 'VP', name: 'Văn phòng Sở' });
    await makeOfficial(database.client, { username: 'vp-head', unitCode: 'VP', role: 'head' });
    expect((await cli(database.url, ['duties', 'generate', '--until', '31/03/2027'], env)).code).toBe(0);
    // The tasks were dated with this calendar.
    expect((await cli(database.url, ['calendar', 'reload'], env)).code).toBe(0);
  });
  afterEach(async () => {
    await database?.drop();
    rmSync(calendarDir, { recursive: true, force: true });
  });

  it('moves the open tasks the 2027 announcement changes, audits each move and tells the official', async () => {
    // "Chậm nhất ngày 05": 5/2/2027 falls in the provisional Tết break (4–10/2).
    const before = await task(database, 'danh-sach-tre-han', '2027-02');
    expect([before.targetDate, before.dueDate]).toEqual(['2027-02-03', '2027-02-11']);
    const untouched = await task(database, 'bao-cao-thang', '2027-02');
    writeFileSync(calendarFile, announce2027(readFileSync(calendarFile, 'utf8')));

    const dry = await cli(database.url, ['calendar', 'reload', '--dry-run', '--json'], env);
    expect(dry.code).toBe(0);
    const planned = JSON.parse(dry.stdout);
    expect(planned.moves).toContainEqual(
      expect.objectContaining({
        taskId: before.id,
        before: { targetDate: '2027-02-03', dueDate: '2027-02-11' },
        after: { targetDate: '2027-02-02', dueDate: '2027-02-15' },
      }),
    );
    expect(await task(database, 'danh-sach-tre-han', '2027-02')).toMatchObject({ dueDate: '2027-02-11' });
    expect(await database.client.notice.count({ where: CHANGE_NOTICES })).toBe(0);

    const result = await cli(database.url, ['calendar', 'reload'], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Đã đổi hạn ${planned.moves.length} việc:`);
    expect(await task(database, 'danh-sach-tre-han', '2027-02')).toMatchObject({
      targetDate: '2027-02-02',
      dueDate: '2027-02-15',
    });
    expect(await task(database, 'bao-cao-thang', '2027-02')).toMatchObject({
      targetDate: untouched.targetDate,
      dueDate: untouched.dueDate,
    });
    const audits = await database.client.auditEvent.findMany({ where: { action: 'task.deadline-recomputed' } });
    expect(audits).toHaveLength(planned.moves.length);
    expect(JSON.parse(audits.find((a) => a.taskId === before.id)!.payload!)).toMatchObject({
      before: { targetDate: '2027-02-03', dueDate: '2027-02-11' },
      after: { targetDate: '2027-02-02', dueDate: '2027-02-15' },
    });
    const notice = await database.client.notice.findFirstOrThrow({ where: { taskId: before.id, ...CHANGE_NOTICES } });
    expect(notice.text).toContain(
      `Hạn việc #${before.id} «${before.title}» đổi từ 03/02/2027 (chậm nhất 11/02/2027) sang 02/02/2027 (chậm nhất 15/02/2027)`,
    );
    expect(notice.text).toContain('Nghỉ Tết Nguyên đán');

    // Again: nothing left to move, nobody told twice.
    const again = JSON.parse((await cli(database.url, ['calendar', 'reload', '--json'], env)).stdout);
    expect(again).toMatchObject({ calendarChanged: false, moves: [] });
    expect(await database.client.notice.count({ where: CHANGE_NOTICES })).toBe(planned.moves.length);
  });

  it('leaves a date a person set, and closed tasks, as they are', async () => {
    const edited = await task(database, 'danh-sach-tre-han', '2027-02');
    expect((await cli(database.url, ['task', 'edit', String(edited.id), '--due', '05/02/2027'], env)).code).toBe(0);
    const closed = await task(database, 'danh-sach-tre-han', '2027-01');
    expect((await cli(database.url, ['task', 'done', String(closed.id)], env)).code).toBe(0);
    const closedBefore = await task(database, 'danh-sach-tre-han', '2027-01');
    writeFileSync(calendarFile, announce2027(readFileSync(calendarFile, 'utf8')));
    expect((await cli(database.url, ['calendar', 'reload'], env)).code).toBe(0);
    expect(await task(database, 'danh-sach-tre-han', '2027-02')).toMatchObject({
      targetDate: '2027-02-05',
      dueDate: '2027-02-05',
      deadlineBasis: null,
    });
    expect(await task(database, 'danh-sach-tre-han', '2027-01')).toMatchObject({
      targetDate: closedBefore.targetDate,
      dueDate: closedBefore.dueDate,
    });
  });

  it('is followed by a running bot at its next sweep', async () => {
    const reference = loadReferenceData({ CALENDAR_FILE: calendarFile });
    const clock = new ManualClock(new Date(NOW));
    const check = await followCalendarFile({ db: database.client, clock, reference, logger: silentLogger });
    const calendarBefore = reference.calendar;
    await check();
    expect(reference.calendar).toBe(calendarBefore);

    writeFileSync(calendarFile, announce2027(readFileSync(calendarFile, 'utf8')));
    await check();
    expect(reference.calendar).not.toBe(calendarBefore);
    expect(reference.calendar.isWorkingDay('2027-02-03' as never)).toBe(false);
    expect(await task(database, 'danh-sach-tre-han', '2027-02')).toMatchObject({ dueDate: '2027-02-15' });
  });
});
