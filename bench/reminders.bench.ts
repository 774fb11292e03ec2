// Reminder engine benchmark: `npm run bench` (tsx bench/reminders.bench.ts). One line per figure.
//   BENCH_SIZES=10000,100000 to choose task counts; BENCH_SKIP_BURST=1 to skip the ~70 s burst.
import Database from 'better-sqlite3';
import type { Channel } from '../src/channels/channel.ts';
import { NO_LIMITS, TELEGRAM_LIMITS, type ChannelRateLimits } from '../src/channels/rate-limit/limits.ts';
import { withRateLimit } from '../src/channels/rate-limit/rate-limited-channel.ts';
import { createOutbox } from '../src/channels/outbox.ts';
import { TelegramChannel } from '../src/channels/telegram/telegram-channel.ts';
import { WorkCalendar } from '../src/domain/calendar/work-calendar.ts';
import { loadCalendarFile } from '../src/domain/calendar/announcements.ts';
import { ManualClock } from '../src/domain/clock.ts';
import { loadDutyCatalogue } from '../src/domain/duties/catalogue.ts';
import { addDays, vietnamInstant, type LocalDate } from '../src/domain/local-date.ts';
import { openDatabase, sqlitePath } from '../src/db/database.ts';
import { applyMigrations } from '../src/db/migrate/migrations.ts';
import { createReminderEngine, type ReminderEngineOptions } from '../src/reminders/engine.ts';
import { silentLogger } from '../src/domain/log-sink.ts';
import { FakeTelegramServer } from '../tests/channels/fake-telegram-server.ts';
import { freshSqliteUrl } from '../tests/support/test-databases.ts';

const calendar = new WorkCalendar(loadCalendarFile());
const catalogue = loadDutyCatalogue();
const TODAY = '2026-11-24' as LocalDate;
const config = { REMINDER_SEND_TIMES: ['08:00'], WORKING_HOURS: { start: '07:30', end: '17:00' } };

function line(name: string, value: string): void {
  console.log(`${name.padEnd(58)} ${value}`);
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

/**
 * `tasks` open tasks spread over four years (planned: next reminder date set, as the planner
 * leaves them), `dueToday` of them due today; `officials` people linked on Telegram.
 */
async function seed(url: string, tasks: number, officials: number, dueToday: number): Promise<void> {
  await applyMigrations(url);
  const sqlite = new Database(sqlitePath(url));
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = OFF');
  const now = new Date().toISOString().replace('Z', '+00:00');
  sqlite.transaction(() => {
    sqlite.prepare(`INSERT INTO "Unit" (id, code, name, createdAt) VALUES (1, 'B', 'Đơn vị', ?)`).run(now);
    const official = sqlite.prepare(
      `INSERT INTO "Official" (id, username, fullName, unitId, role, active, createdAt) VALUES (?, ?, ?, 1, 'member', 1, ?)`,
    );
    const identity = sqlite.prepare(
      `INSERT INTO "ChatIdentity" (channel, externalId, officialId, createdAt) VALUES ('telegram', ?, ?, ?)`,
    );
    for (let i = 1; i <= officials; i++) {
      official.run(i, `u${i}`, `Cán bộ ${i}`, now);
      identity.run(String(100_000 + i), i, now);
    }
    const task = sqlite.prepare(
      `INSERT INTO "Task" (title, unitId, assigneeId, dueDate, status, nextReminderOn, createdAt, updatedAt) VALUES (?, 1, ?, ?, 'open', ?, ?, ?)`,
    );
    for (let i = 0; i < tasks; i++) {
      const isDue = i < dueToday;
      const due = isDue ? TODAY : addDays('2027-01-04' as LocalDate, i % 1460);
      const next = isDue ? TODAY : addDays(due, -5);
      task.run(`Việc ${i}`, (i % officials) + 1, due, next, now, now);
    }
  })();
  sqlite.close();
}

/** Engine options, plus the channel's rate limits (lifted unless given). */
type RunOptions = Partial<ReminderEngineOptions> & { limits?: ChannelRateLimits };

async function engineOn(url: string, channel: Channel, clock: ManualClock, { limits, ...options }: RunOptions) {
  const database = await openDatabase(url);
  const engine = createReminderEngine({
    db: database.store,
    clock,
    calendar,
    catalogue,
    outbox: createOutbox([withRateLimit(channel, { limits: limits ?? NO_LIMITS })]),
    config,
    logger: silentLogger,
    options,
  });
  return { database, engine };
}

const nullChannel: Channel = { kind: 'telegram', start: async () => {}, stop: async () => {}, send: async () => ({}) };

async function sweepCost(tasks: number): Promise<void> {
  const { url, cleanup } = freshSqliteUrl();
  const seeding = performance.now();
  await seed(url, tasks, 1_000, 50);
  line(`seed ${tasks} open tasks (raw SQL, one transaction)`, `${((performance.now() - seeding) / 1000).toFixed(1)} s`);
  const clock = new ManualClock(vietnamInstant(TODAY, '08:00'));
  const { database, engine } = await engineOn(url, nullChannel, clock, {});
  const sendTime = await engine.sweep();
  line(
    `sweep at send time, ${tasks} open, 50 due (plan+deliver)`,
    `${sendTime.durationMs.toFixed(1)} ms, ${sendTime.delivered.messages} messages`,
  );
  const times: number[] = [];
  clock.set(vietnamInstant(TODAY, '10:00'));
  for (let i = 0; i < 30; i++) {
    clock.advance(60_000);
    times.push((await engine.sweep()).durationMs);
  }
  times.sort((a, b) => a - b);
  line(
    `per-minute sweep, ${tasks} open tasks, nothing due (median/max)`,
    `${times[15]!.toFixed(2)} / ${times.at(-1)!.toFixed(2)} ms`,
  );
  const memory = process.memoryUsage();
  line(`memory after sweeps, ${tasks} open tasks (rss/heap)`, `${mib(memory.rss)} / ${mib(memory.heapUsed)}`);
  await engine.stop();
  await database.close();
  cleanup();
}

async function deliveryRun(
  label: string,
  officials: number,
  channel: (fake: FakeTelegramServer) => Channel,
  options: RunOptions,
) {
  const fake = await FakeTelegramServer.start();
  const { url, cleanup } = freshSqliteUrl();
  await seed(url, officials, officials, officials);
  // Planned at 07:00 (rows wait for the 08:00 send time), so only delivery is timed.
  const clock = new ManualClock(vietnamInstant(TODAY, '07:00'));
  const { database, engine } = await engineOn(url, channel(fake), clock, options);
  await engine.sweep();
  clock.set(vietnamInstant(TODAY, '08:00'));
  const started = performance.now();
  const report = await engine.sweep();
  const seconds = (performance.now() - started) / 1000;
  line(
    `${label}`,
    `${(report.delivered.messages / seconds).toFixed(0)} msg/s (${report.delivered.messages} in ${seconds.toFixed(1)} s)`,
  );
  await engine.stop();
  await database.close();
  cleanup();
  await fake.close();
  return { fake, report, seconds };
}

/** Sends beyond what Telegram allows (30 in any second): each would have been a 429. */
function excessOverWindow(fake: FakeTelegramServer, windowMs: number, limit: number): number {
  const times = fake
    .callsOf('sendMessage')
    .map((call) => call.at)
    .sort((a, b) => a - b);
  let excess = 0;
  let first = 0;
  for (let last = 0; last < times.length; last++) {
    while (times[last]! - times[first]! >= windowMs) first++;
    if (last - first + 1 > limit) excess++;
  }
  return excess;
}

const sizes = (process.env.BENCH_SIZES ?? '10000,100000,1000000').split(',').map(Number);
for (const size of sizes) await sweepCost(size);

const telegramTo = (fake: FakeTelegramServer) =>
  new TelegramChannel({ token: fake.token, apiRoot: fake.apiRoot, logger: silentLogger });
await deliveryRun('engine overhead only (in-memory channel), 2000 messages', 2_000, () => nullChannel, {
  recipientsPerClaim: 100,
});
await deliveryRun('HTTP fake Telegram, limits lifted, concurrency 1', 2_000, telegramTo, {
  recipientsPerClaim: 100,
});
await deliveryRun('HTTP fake Telegram, limits lifted, concurrency 8', 2_000, telegramTo, {
  concurrency: 8,
  recipientsPerClaim: 100,
});

if (!process.env.BENCH_SKIP_BURST) {
  const { fake, seconds, report } = await deliveryRun(
    'burst of 2000 under Telegram limits (30/s), concurrency 4',
    2_000,
    telegramTo,
    {
      limits: TELEGRAM_LIMITS,
      concurrency: 4,
      recipientsPerClaim: 100,
    },
  );
  line('burst: share of the 30 msg/s limit', `${((100 * report.delivered.messages) / seconds / 30).toFixed(1)} %`);
  line('burst: peak sends in any 1 s window (server side)', String(fake.peakSendRate(1_000, 'global')));
  line('burst: sends over the limit (would be 429)', String(excessOverWindow(fake, 1_000, 30)));
}
process.exit(0);
