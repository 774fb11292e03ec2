// The bot as `npm start` runs it (startApp: migrations, database, Telegram channel, scheduler),
// on a seeded database, driven by a manual clock: start at the send time, one sweep there, then
// 30 per-minute sweeps with nothing due. Prints one JSON line with its own memory afterwards.
// Bundled like the bot (scripts/bundle.mjs) and started by bench/bot-memory.ts, so its RSS is
// what the bot holds, not what the benchmark process holds after seeding a million rows.
import { startApp } from '../src/app/app.ts';
import { parseConfig } from '../src/config/config.ts';
import { ManualClock } from '../src/domain/clock.ts';
import { vietnamInstant, type LocalDate } from '../src/domain/local-date.ts';
import { createLogger } from '../src/logging/logger.ts';

const today = process.env.BENCH_TODAY as LocalDate;
const clock = new ManualClock(vietnamInstant(today, '08:00'));
const app = await startApp({ config: parseConfig(process.env), clock, logger: createLogger('silent') });
const rssAfterStart = process.memoryUsage().rss;
const sendTime = performance.now();
await app.sweep();
const sendTimeMs = performance.now() - sendTime;
clock.set(vietnamInstant(today, '10:00'));
const times: number[] = [];
for (let i = 0; i < 30; i++) {
  clock.advance(60_000);
  const started = performance.now();
  await app.sweep();
  times.push(performance.now() - started);
}
times.sort((a, b) => a - b);
const { rss, heapUsed } = process.memoryUsage();
process.stdout.write(
  `${JSON.stringify({ rss, heapUsed, rssAfterStart, sendTimeMs, medianMs: times[15], maxMs: times.at(-1) })}\n`,
);
await app.stop();
process.exit(0);
