// `npm run bench:scale` (last in `npm run bench`): the morning burst of a province-wide deployment
// (issue #17). Three full bot processes (`npm start`) on one PostgreSQL against the local fake Bot
// API send 3 000 reminders to 3 000 Telegram chats. Goals: together they stay within Telegram's
// 30 msg/s (no 1 s window above 30), drain at ≥ 95 % of it, and send every reminder exactly once.
// Then the listener holder is SIGKILLed and the time until another process answers /giup is the
// failover time. Needs PostgreSQL (TEST_POSTGRES_URL, or the local default): skipped without it.
//   BENCH_BURST_CHATS=n for another number of chats.
import { telegramListenerLease } from '../src/app/channels.ts';
import { vietnamInstant } from '../src/domain/local-date.ts';
import { FakeTelegramServer } from '../tests/channels/fake-telegram-server.ts';
import { FIRST_CHAT_ID, seedOfficialsWithTasks } from '../tests/reminders/fixtures/seed.ts';
import { spawnProcess, type RunningProcess } from '../tests/support/spawn-process.ts';
import { createTestDatabase, postgresAvailable } from '../tests/support/test-databases.ts';
import { TODAY } from './seed.ts';

const CHATS = Number(process.env.BENCH_BURST_CHATS ?? 3_000);
const LIMIT_PER_SECOND = 30;
const DRAIN_GOAL = 0.95;
const LABEL = `morning burst: 3 bot processes on PostgreSQL, ${CHATS} chats`;
/** Chats that only ask for help, after the failover. */
const ASKERS = 900_000;

function line(name: string, value: string): void {
  console.log(`${name.padEnd(58)} ${value}`);
}

/** The most sends in any `windowMs`, and how many went beyond `limit` in theirs (each a 429). */
function windowLoad(times: number[], windowMs: number, limit: number): { peak: number; excess: number } {
  const sorted = [...times].sort((a, b) => a - b);
  let peak = 0;
  let excess = 0;
  let first = 0;
  for (let last = 0; last < sorted.length; last++) {
    while (sorted[last]! - sorted[first]! >= windowMs) first++;
    peak = Math.max(peak, last - first + 1);
    if (last - first + 1 > limit) excess++;
  }
  return { peak, excess };
}

async function until(condition: () => boolean, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function morningBurst(): Promise<void> {
  if (!(await postgresAvailable())) return line(LABEL, 'skipped: no PostgreSQL');
  const fake = await FakeTelegramServer.start('123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ_burst');
  const database = await createTestDatabase('postgresql');
  const bots: RunningProcess[] = [];
  try {
    await seedOfficialsWithTasks(database.client, CHATS, TODAY);
    for (let i = 0; i < 3; i++) {
      bots.push(
        spawnProcess(process.execPath, ['scripts/launch.mjs', 'main'], {
          DATABASE_URL: database.url,
          TELEGRAM_BOT_TOKEN: fake.token,
          TELEGRAM_API_ROOT: fake.apiRoot,
          TELEGRAM_WEBHOOK_URL: '',
          ZALO_CREDENTIALS_FILE: '',
          NHACVIEC_FAKE_NOW: vietnamInstant(TODAY, '08:00').toISOString(),
          REMINDER_SEND_TIMES: '08:00',
          // The sweep that finds the burst comes within seconds, not at the next minute.
          REMINDER_SWEEP_SECONDS: '5',
          LOG_LEVEL: 'info',
        }),
      );
    }
    await Promise.all(bots.map((bot) => bot.waitFor('nhacviec started', 180_000)));
    const reminded = () => fake.callsOf('sendMessage').length >= CHATS;
    await until(reminded, `${CHATS} reminders`, (CHATS / LIMIT_PER_SECOND) * 3_000 + 120_000);

    const times = fake.callsOf('sendMessage').map((call) => call.at);
    const seconds = (Math.max(...times) - Math.min(...times)) / 1000;
    const rate = (times.length - 1) / seconds;
    const { peak, excess } = windowLoad(times, 1_000, LIMIT_PER_SECOND);
    const perChat = Array.from({ length: CHATS }, (_, i) => fake.sentTo(FIRST_CHAT_ID + i).length);
    const drain = rate / LIMIT_PER_SECOND;
    line(LABEL, `${rate.toFixed(1)} msg/s (${times.length} in ${seconds.toFixed(1)} s)`);
    const verdict = (pass: boolean) => (pass ? 'PASS' : 'FAIL');
    line(
      'morning burst: drain, share of the 30 msg/s limit',
      `${(100 * drain).toFixed(1)} % — ${verdict(drain >= DRAIN_GOAL)} against ≥ ${100 * DRAIN_GOAL} %`,
    );
    line(
      'morning burst: peak sends in any 1 s window (server side)',
      `${peak} — ${verdict(peak <= LIMIT_PER_SECOND)} against ${LIMIT_PER_SECOND}`,
    );
    line('morning burst: sends over the limit (would be 429)', String(excess));
    const once = perChat.filter((n) => n === 1).length;
    line(
      'morning burst: chats reminded exactly once / twice or more',
      `${once} / ${perChat.filter((n) => n > 1).length} — ${verdict(once === CHATS)}`,
    );
    const senders = bots.filter((bot) => bot.output().includes('this process listens'));
    line('morning burst: processes listening to Telegram', String(senders.length));

    const lease = await database.client.lease.findUnique({ where: { name: telegramListenerLease(fake.token) } });
    const holderPid = Number(lease?.holder.split(':').at(-2));
    const holder = bots.find((bot) => bot.child.pid === holderPid);
    if (!holder) throw new Error(`no bot holds the listener lease (${lease?.holder ?? 'none'})`);
    holder.child.kill('SIGKILL');
    await holder.exited;
    const killedAt = performance.now();
    fake.enqueueText({ chatId: ASKERS, fromId: ASKERS, text: '/giup' });
    await until(() => fake.sentTo(ASKERS).length > 0, 'a reply after the failover', 120_000);
    const failoverSeconds = (performance.now() - killedAt) / 1000;
    line('listener failover after SIGKILL (default 10 s checks)', `${failoverSeconds.toFixed(1)} s`);
  } finally {
    for (const bot of bots) if (bot.child.exitCode === null) bot.child.kill('SIGKILL');
    await Promise.all(bots.map((bot) => bot.exited));
    await database.drop();
    await fake.close();
  }
}

await morningBurst();
process.exit(0);
