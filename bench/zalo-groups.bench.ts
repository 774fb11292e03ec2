// Unit-group digests benchmark: `npm run bench:zalo-groups` (also part of `npm run bench`).
// A 1 000-official morning over 20 unit Zalo groups (50 officials each, all linked on Zalo only,
// one task due today each): one sweep at 08:00 through the real ZaloChannel on the fake zca-js
// session, paced by the real Zalo limits (a send every 3 s + up to 1.5 s jitter, ≤ 80 recipients
// an hour). PASS when 20 messages carry all 1 000 reminders within the hour's recipient budget.
//   BENCH_GROUPS=20 BENCH_PER_GROUP=50 to change the shape.
import { createOutbox } from '../src/channels/outbox.ts';
import { ZALO_LIMITS } from '../src/channels/rate-limit/limits.ts';
import { withRateLimit } from '../src/channels/rate-limit/rate-limited-channel.ts';
import { ZaloChannel } from '../src/channels/zalo/zalo-channel.ts';
import { WorkCalendar } from '../src/domain/calendar/work-calendar.ts';
import { loadCalendarFile } from '../src/domain/calendar/announcements.ts';
import { ManualClock } from '../src/domain/clock.ts';
import { loadDutyCatalogue } from '../src/domain/duties/catalogue.ts';
import { silentLogger } from '../src/domain/log-sink.ts';
import { vietnamInstant, type LocalDate } from '../src/domain/local-date.ts';
import { createReminderEngine } from '../src/reminders/engine.ts';
import { FakeZaloApi } from '../tests/channels/fake-zalo-api.ts';
import { createTestDatabase } from '../tests/support/test-databases.ts';

const GROUPS = Number(process.env.BENCH_GROUPS ?? 20);
const PER_GROUP = Number(process.env.BENCH_PER_GROUP ?? 50);
const TODAY = '2026-11-24' as LocalDate;

function line(name: string, value: string): void {
  console.log(`${name.padEnd(58)} ${value}`);
}

const database = await createTestDatabase('sqlite');
const db = database.client;
try {
  for (let g = 0; g < GROUPS; g++) {
    const unit = await db.unit.create({
      data: { code: `NHOM${g}`, name: `Phòng số ${g}`, zaloGroupId: String(880000 + g) },
    });
    await db.official.createMany({
      data: Array.from({ length: PER_GROUP }, (_, i) => ({
        username: `nhom${g}cb${i}`,
        fullName: `Nguyễn Thị Cán Bộ ${g}-${i}`,
        unitId: unit.id,
      })),
    });
    const officials = await db.official.findMany({ where: { unitId: unit.id }, select: { id: true } });
    await db.chatIdentity.createMany({
      data: officials.map((official) => ({
        channel: 'zalo' as const,
        externalId: String(5_000_000 + official.id),
        officialId: official.id,
      })),
    });
    await db.task.createMany({
      data: officials.map((official, i) => ({
        title: `Báo cáo kết quả kiểm soát thủ tục hành chính tháng 11 (${g}-${i})`,
        unitId: unit.id,
        assigneeId: official.id,
        targetDate: TODAY,
        dueDate: TODAY,
      })),
    });
  }

  const api = new FakeZaloApi();
  const zalo = new ZaloChannel({ connect: async () => api, logger: silentLogger, onAlert: () => {} });
  await zalo.start(async () => undefined);
  api.connect();
  const clock = new ManualClock(vietnamInstant(TODAY, '08:00'));
  const engine = createReminderEngine({
    db,
    clock,
    calendar: new WorkCalendar(loadCalendarFile()),
    catalogue: loadDutyCatalogue(),
    // Real pacing on the wall clock; only the business clock is fixed at 08:00.
    outbox: createOutbox([withRateLimit(zalo, { limits: ZALO_LIMITS })]),
    config: { REMINDER_SEND_TIMES: ['08:00'], WORKING_HOURS: { start: '07:30', end: '17:00' } },
    logger: silentLogger,
    options: { morningDigest: false },
  });
  const started = performance.now();
  const report = await engine.sweep();
  const seconds = (performance.now() - started) / 1000;
  await engine.stop();
  await zalo.stop();

  const groupMessages = api.sent.filter((sent) => sent.threadType === 1);
  const privateMessages = api.sent.length - groupMessages.length;
  const mentions = groupMessages.reduce((sum, sent) => sum + (sent.mentions?.length ?? 0), 0);
  const longest = Math.max(...groupMessages.map((sent) => sent.text.length));
  const states = await db.reminder.groupBy({ by: ['state'], _count: true });
  const officials = GROUPS * PER_GROUP;
  const privateHours = officials / 80;

  line(
    `${officials} officials over ${GROUPS} unit groups: messages`,
    `${api.sent.length} (${groupMessages.length} group, ${privateMessages} private)`,
  );
  line('mentions in group messages', `${mentions}`);
  line('longest group message', `${longest} characters (limit 2000)`);
  line('reminders by state', states.map((row) => `${row.state} ${row._count}`).join(', '));
  line(
    'sweep drained (real Zalo pacing)',
    `${seconds.toFixed(1)} s (${(api.sent.length / seconds).toFixed(2)} messages/s)`,
  );
  line('distinct recipients used of 80 an hour', `${new Set(api.sent.map((sent) => sent.threadId)).size}`);
  line(
    'the same morning as private digests (80 recipients/h)',
    `≥ ${privateHours.toFixed(1)} h (${officials} recipients)`,
  );
  const pass =
    groupMessages.length === GROUPS &&
    privateMessages === 0 &&
    mentions === officials &&
    report.delivered.sent === officials &&
    new Set(api.sent.map((sent) => sent.threadId)).size <= 80;
  line('goal: one message per group, all reminders sent, ≤ 80 recipients', pass ? 'PASS' : 'FAIL');
  if (!pass) process.exitCode = 1;
} finally {
  await database.drop();
}
