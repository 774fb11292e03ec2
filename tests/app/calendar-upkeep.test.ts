import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { warnOfProvisionalYears, weeklyProvisionalNotice } from '../../src/app/calendar-upkeep.ts';
import { loadReferenceData } from '../../src/app/reference-data.ts';
import { WorkCalendar } from '../../src/domain/calendar/work-calendar.ts';
import { ManualClock } from '../../src/domain/clock.ts';
import type { LogSink } from '../../src/domain/log-sink.ts';
import { makeOfficial, makeUnit } from '../support/factories.ts';
import { createTestDatabase, testProviders, type TestDatabase } from '../support/test-databases.ts';

const providers = await testProviders();
const reference = loadReferenceData({});

function recordingLogger(): LogSink & { warnings: { details: object; message?: string }[] } {
  const warnings: { details: object; message?: string }[] = [];
  return { warnings, info() {}, error() {}, warn: (details, message) => void warnings.push({ details, message }) };
}

describe('the start-up warning about a provisional coming year', () => {
  it('is silent on 31/10/2026 and names 2027, what to add and where from 01/11/2026', () => {
    const logger = recordingLogger();
    warnOfProvisionalYears({ clock: new ManualClock('2026-10-31T09:00:00+07:00'), reference, logger });
    expect(logger.warnings).toEqual([]);
    warnOfProvisionalYears({ clock: new ManualClock('2026-11-01T09:00:00+07:00'), reference, logger });
    expect(logger.warnings).toHaveLength(1);
    const [warning] = logger.warnings;
    expect(warning?.details).toMatchObject({ year: 2027, file: reference.calendarFile });
    expect(warning?.message).toContain('Lịch nghỉ lễ, Tết năm 2027 chưa có thông báo chính thức');
    expect(warning?.message).toContain(`thêm vào ${reference.calendarFile}`);
    expect(warning?.message).toContain('- { year: 2027, source: "Thông báo số …/TB-BNV ngày …" }');
  });
});

describe.each(providers)('the weekly admin notice about a provisional year on %s', (provider) => {
  let database: TestDatabase;
  let adminIds: number[];
  beforeAll(async () => {
    database = await createTestDatabase(provider);
    const db = database.client;
    await makeUnit(db, { code: 'VP', name: 'Văn phòng Sở' });
    adminIds = [
      (await makeOfficial(db, { unitCode: 'VP', role: 'admin' })).id,
      (await makeOfficial(db, { unitCode: 'VP', role: 'admin' })).id,
    ];
    await makeOfficial(db, { unitCode: 'VP', role: 'head' });
  });
  afterAll(async () => {
    await database?.drop();
  });

  const noticesToAdmins = () =>
    database.client.notice.findMany({
      orderBy: { id: 'asc' },
      select: { recipientId: true, onceKey: true, text: true },
    });

  it('sends nothing before 1 November, while 2027 is still far', async () => {
    const clock = new ManualClock('2026-10-30T09:00:00+07:00');
    await weeklyProvisionalNotice({ db: database.client, clock, reference, logger: recordingLogger() })();
    expect(await noticesToAdmins()).toEqual([]);
  });

  it('queues one notice per admin per week, across sweeps and restarts, and again the next week', async () => {
    const clock = new ManualClock('2026-11-02T09:00:00+07:00'); // a Monday
    const deps = { db: database.client, clock, reference, logger: recordingLogger() };
    const sweep = weeklyProvisionalNotice(deps);
    await sweep();
    clock.set('2026-11-04T10:00:00+07:00');
    await sweep();
    // A restart on Friday of the same week: a new sweep function, the same database.
    clock.set('2026-11-06T08:00:00+07:00');
    await weeklyProvisionalNotice(deps)();
    const firstWeek = await noticesToAdmins();
    expect(firstWeek.map((notice) => [notice.recipientId, notice.onceKey])).toEqual(
      adminIds.map((id) => [id, 'calendar-provisional:2027:2026-11-02']),
    );
    expect(firstWeek[0]?.text).toMatch(/^⚠️ Lịch nghỉ lễ, Tết năm 2027 chưa có thông báo chính thức/);

    clock.set('2026-11-09T09:00:00+07:00');
    await weeklyProvisionalNotice(deps)();
    expect((await noticesToAdmins()).map((notice) => notice.onceKey)).toEqual([
      'calendar-provisional:2027:2026-11-02',
      'calendar-provisional:2027:2026-11-02',
      'calendar-provisional:2027:2026-11-09',
      'calendar-provisional:2027:2026-11-09',
    ]);
  });

  it('stops once the year is announced', async () => {
    const before = (await noticesToAdmins()).length;
    const announced = {
      ...reference,
      calendar: new WorkCalendar({
        daysOff: [],
        workingDays: [],
        announcedYears: [2026, 2027].map((year) => ({ year, source: 'Thông báo thử' })),
      }),
    };
    const clock = new ManualClock('2026-11-16T09:00:00+07:00');
    await weeklyProvisionalNotice({ db: database.client, clock, reference: announced, logger: recordingLogger() })();
    expect(await noticesToAdmins()).toHaveLength(before);
  });
});
