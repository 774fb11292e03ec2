// Reminder engine benchmark: `npm run bench:reminders` (also part of `npm run bench`). One line per figure.
//   BENCH_SIZES=10000,100000 to choose task counts; BENCH_SKIP_BURST=1 to skip the ~70 s burst and
//   the ~35 s three-process burst (PostgreSQL at TEST_POSTGRES_URL; skipped when none answers).
import type { Channel } from '../src/channels/channel.ts';
import { NO_LIMITS, TELEGRAM_LIMITS, type ChannelRateLimits } from '../src/channels/rate-limit/limits.ts';
import { withRateLimit } from '../src/channels/rate-limit/rate-limited-channel.ts';
import { createOutbox } from '../src/channels/outbox.ts';
import { TelegramChannel } from '../src/channels/telegram/telegram-channel.ts';
import { WorkCalendar } from '../src/domain/calendar/work-calendar.ts';
import { loadCalendarFile } from '../src/domain/calendar/announcements.ts';
import { ManualClock } from '../src/domain/clock.ts';
import { loadDutyCatalogue } from '../src/domain/duties/catalogue.ts';
import { vietnamInstant } from '../src/domain/local-date.ts';
import { openDatabase } from '../src/db/database.ts';
import { createReminderEngine, type ReminderEngineOptions } from '../src/reminders/engine.ts';
import { silentLogger } from '../src/domain/log-sink.ts';
import { FakeTelegramServer } from '../tests/channels/fake-telegram-server.ts';
import { createTestDatabase, freshSqliteUrl, postgresAvailable } from '../tests/support/test-databases.ts';
import { spawnProcess } from '../tests/support/spawn-process.ts';
import { seedOfficialsWithTasks } from '../tests/reminders/fixtures/seed.ts';
import { botMemoryAfterSweeps } from './bot-memory.ts';
import { seed, TODAY } from './seed.ts';

const calendar = new WorkCalendar(loadCalendarFile());
const catalogue = loadDutyCatalogue();
const config = { REMINDER_SEND_TIMES: ['08:00'], WORKING_HOURS: { start: '07:30', end: '17:00' } };

function line(name: string, value: string): void {
  console.log(`${name.padEnd(58)} ${value}`);
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
const BOT_RSS_GOAL = 200 * 1024 * 1024;

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
  await engine.stop();
  await database.close();
  // This process seeded the rows with better-sqlite3 and runs under tsx: its RSS is not the bot's.
  // The bot's figure comes from the bundled bot started in its own process on the same database.
  const bot = await botMemoryAfterSweeps(url);
  const meetsGoal = bot.rss <= BOT_RSS_GOAL ? '  PASS (≤ 200 MiB)' : '  FAIL (> 200 MiB)';
  const verdict = tasks >= 1_000_000 ? meetsGoal : '';
  line(
    `bot process after start + 31 sweeps, ${tasks} open (rss/heap)`,
    `${mib(bot.rss)} / ${mib(bot.heapUsed)}${verdict}`,
  );
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
  await threeProcessBurst(900);
}
process.exit(0);

/** Three bot processes on one PostgreSQL database share Telegram's 30 msg/s (the send ledger). */
async function threeProcessBurst(messages: number): Promise<void> {
  const label = `3 processes on PostgreSQL, ${messages} messages, real limits`;
  if (!(await postgresAvailable())) return line(label, 'skipped (no PostgreSQL server)');
  const fake = await FakeTelegramServer.start();
  const database = await createTestDatabase('postgresql');
  try {
    await seedOfficialsWithTasks(database.client, messages, TODAY);
    const workers = ['a', 'b', 'c'].map((id) =>
      spawnProcess(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'tests/reminders/fixtures/delivery-worker.ts'], {
        DATABASE_URL: database.url,
        TELEGRAM_API_ROOT: fake.apiRoot,
        TELEGRAM_TOKEN: fake.token,
        FAKE_NOW: vietnamInstant(TODAY, '08:00').toISOString(),
        WORKER_ID: id,
        REAL_LIMITS: '1',
      }),
    );
    await Promise.all(workers.map((worker) => worker.waitFor('worker done', 300_000)));
    const times = fake.callsOf('sendMessage').map((call) => call.at);
    const seconds = (Math.max(...times) - Math.min(...times)) / 1000;
    line(label, `${(times.length / seconds).toFixed(1)} msg/s (${times.length} in ${seconds.toFixed(1)} s)`);
    line('3 processes: peak sends in any 1 s window (server side)', String(fake.peakSendRate(1_000, 'global')));
    line('3 processes: sends over the limit (would be 429)', String(excessOverWindow(fake, 1_000, 30)));
  } finally {
    await database.drop();
    await fake.close();
  }
}
