// The upgrade to two dates per task: the migration copies each task's date into targetDate and
// dueDate and marks an existing database "pending"; the next start computes the legal due date of
// every rule-dated task, open or closed (the statistics of past months count it), telling nobody.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadReferenceData } from '../../src/app/reference-data.ts';
import { markTaskDone } from '../../src/db/store/tasks.ts';
import { LEGAL_DUE_BACKFILL_KEY, syncDeadlinesWithCalendar } from '../../src/services/deadline-sync.ts';
import { generateRecurringTasks } from '../../src/services/duty-generation.ts';
import type { LocalDate } from '../../src/domain/local-date.ts';
import { cli, makeOfficial, makeTask, makeUnit } from '../support/factories.ts';
import { createTestDatabase, testProviders, type TestDatabase } from '../support/test-databases.ts';

const reference = loadReferenceData({});
const now = new Date('2026-01-20T09:00:00+07:00');

describe.each(await testProviders())('the legal due date backfill on %s', (provider) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase(provider);
  });
  afterEach(async () => {
    await database?.drop();
  });

  it('gives rule-dated tasks their legal due date once, leaves dates set by hand, tells nobody', async () => {
    const db = database.client;
    await makeUnit(db, { code: 'VP' });
    await makeOfficial(db, { username: 'vp-head', unitCode: 'VP', role: 'head' });
    await generateRecurringTasks(db, { ...reference, today: '2026-01-05' as LocalDate }, cli);
    const february = await db.task.findFirstOrThrow({ where: { dutyCode: 'bao-cao-thang', periodKey: '2026-02' } });
    const january = await db.task.findFirstOrThrow({ where: { dutyCode: 'bao-cao-thang', periodKey: '2026-01' } });
    const byHand = await makeTask(db, { assigneeUsername: 'vp-head', dueDate: '2026-02-14' as LocalDate });
    await markTaskDone(db, january.id, cli, now);
    // As the migration leaves an existing database: one date in both columns, backfill pending.
    await db.task.update({ where: { id: february.id }, data: { dueDate: february.targetDate } });
    await db.setting.create({ data: { key: LEGAL_DUE_BACKFILL_KEY, value: 'pending' } });
    // The generated tasks' announcements (next morning digest) are there already; the backfill adds none.
    const noticesBefore = await db.notice.count();

    const report = await syncDeadlinesWithCalendar(db, reference, { now, actor: cli });
    expect(report.backfilled).toBeGreaterThanOrEqual(1);
    expect(await db.task.findUniqueOrThrow({ where: { id: february.id } })).toMatchObject({
      targetDate: '2026-02-13',
      dueDate: '2026-02-23',
    });
    expect((await db.task.findUniqueOrThrow({ where: { id: byHand.id } })).dueDate).toBe('2026-02-14');
    expect(await db.notice.count()).toBe(noticesBefore);
    expect(await db.auditEvent.count({ where: { action: 'task.deadline-recomputed', taskId: february.id } })).toBe(1);
    expect((await db.setting.findUniqueOrThrow({ where: { key: LEGAL_DUE_BACKFILL_KEY } })).value).toMatch(/^done /);

    // Once: the next start has nothing to do.
    const again = await syncDeadlinesWithCalendar(db, reference, { now, actor: cli });
    expect(again).toMatchObject({ backfilled: 0, calendarChanged: false, moves: [] });
  });
});
