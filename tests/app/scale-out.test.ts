// Three full bot processes (what `npm start` runs) on one PostgreSQL against the fake Bot API,
// which refuses a second concurrent long poll with 409 like Telegram: one process listens, every
// command is answered once, every reminder goes once, and when the listener is SIGKILLed another
// process answers within a minute.
import { afterEach, describe, expect, it } from 'vitest';
import { telegramListenerLease } from '../../src/app/channels.ts';
import { FakeTelegramServer } from '../channels/fake-telegram-server.ts';
import { FIRST_CHAT_ID, seedOfficialsWithTasks } from '../reminders/fixtures/seed.ts';
import { spawnProcess, type RunningProcess } from '../support/spawn-process.ts';
import { createTestDatabase, postgresAvailable, type TestDatabase } from '../support/test-databases.ts';

const BOT = ['scripts/launch.mjs', 'main'];
// 08:00 on a working day (Tuesday 24/11/2026) in Vietnam; every seeded task is due that day.
const FAKE_NOW = '2026-11-24T08:00:00+07:00';
const OFFICIALS = 30;
const LEASE_TTL_MS = 3_000;
/** Chats of people who only ask for help: never sent a reminder. */
const ASKERS = 900_000;

let fake: FakeTelegramServer | undefined;
let database: TestDatabase | undefined;
const bots: RunningProcess[] = [];
afterEach(async () => {
  for (const bot of bots.splice(0)) if (bot.child.exitCode === null) bot.child.kill('SIGKILL');
  await fake?.close();
  await database?.drop();
  fake = undefined;
  database = undefined;
});

function startBot(databaseUrl: string, server: FakeTelegramServer): RunningProcess {
  const bot = spawnProcess(process.execPath, BOT, {
    DATABASE_URL: databaseUrl,
    TELEGRAM_BOT_TOKEN: server.token,
    TELEGRAM_API_ROOT: server.apiRoot,
    TELEGRAM_WEBHOOK_URL: '',
    ZALO_CREDENTIALS_FILE: '',
    NHACVIEC_FAKE_NOW: FAKE_NOW,
    REMINDER_SEND_TIMES: '08:00',
    LOG_LEVEL: 'info',
    // Short lease checks and frequent sweeps: the same events as in production, seconds apart
    // instead of a minute.
    LISTENER_LEASE_TTL_MS: String(LEASE_TTL_MS),
    LISTENER_LEASE_RENEW_MS: '500',
    REMINDER_SWEEP_SECONDS: '2',
  });
  bots.push(bot);
  return bot;
}

/** Where the test's time goes, for the log: each phase's seconds since the previous mark. */
class PhaseTimer {
  private last = performance.now();
  private readonly phases: string[] = [];
  mark(name: string): void {
    const now = performance.now();
    this.phases.push(`${name} ${((now - this.last) / 1000).toFixed(1)} s`);
    this.last = now;
  }
  report(): string {
    return this.phases.join(', ');
  }
}

function repliesPerChat(server: FakeTelegramServer, from: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => server.sentTo(from + i).length);
}

function askForHelp(server: FakeTelegramServer, from: number, count: number): void {
  for (let i = 0; i < count; i++) server.enqueueText({ chatId: from + i, fromId: from + i, text: '/giup' });
}

describe('three bot processes on one PostgreSQL with Telegram polling', () => {
  it('listen once, answer and remind once, and fail over within 60 s of a SIGKILL', async (context) => {
    if (!(await postgresAvailable())) return context.skip();
    fake = await FakeTelegramServer.start('123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ_scale');
    database = await createTestDatabase('postgresql');
    await seedOfficialsWithTasks(database.client, OFFICIALS, '2026-11-24');

    const phases = new PhaseTimer();
    const started = [1, 2, 3].map(() => startBot(database!.url, fake!));
    await Promise.all(started.map((bot) => bot.waitFor('nhacviec started', 120_000)));
    phases.mark('start');

    askForHelp(fake, ASKERS, 10);
    await fake.until(
      () => repliesPerChat(fake!, ASKERS, 10).every((count) => count >= 1),
      'a reply to every /giup',
      60_000,
    );
    phases.mark('replies');
    // The first sweep comes within REMINDER_SWEEP_SECONDS.
    await fake.until(
      () => repliesPerChat(fake!, FIRST_CHAT_ID, OFFICIALS).every((count) => count >= 1),
      'every reminder',
      120_000,
    );
    phases.mark('reminders');
    expect(repliesPerChat(fake, ASKERS, 10)).toEqual(Array(10).fill(1));
    expect(repliesPerChat(fake, FIRST_CHAT_ID, OFFICIALS)).toEqual(Array(OFFICIALS).fill(1));
    expect(fake.conflicts).toBe(0);
    expect(fake.openPolls).toBe(1);
    const listeners = started.filter((bot) => bot.output().includes('this process listens'));
    expect(listeners).toHaveLength(1);

    const lease = await database.client.lease.findUnique({ where: { name: telegramListenerLease(fake.token) } });
    const holderPid = Number(lease?.holder.split(':').at(-2));
    const holder = started.find((bot) => bot.child.pid === holderPid)!;
    expect(holder).toBe(listeners[0]);
    holder.child.kill('SIGKILL');
    await holder.exited;

    const killedAt = performance.now();
    askForHelp(fake, ASKERS + 100, 5);
    await fake.until(
      () => repliesPerChat(fake!, ASKERS + 100, 5).every((count) => count >= 1),
      'replies from the process that took over',
      60_000,
    );
    const failoverMs = performance.now() - killedAt;
    phases.mark('failover');
    console.log(`listener failover after SIGKILL: ${(failoverMs / 1000).toFixed(1)} s; ${phases.report()}`);
    expect(failoverMs).toBeLessThan(60_000);
    expect(repliesPerChat(fake, ASKERS + 100, 5)).toEqual(Array(5).fill(1));
    const survivors = started.filter((bot) => bot !== holder);
    expect(survivors.filter((bot) => bot.output().includes('this process listens'))).toHaveLength(1);
    // No relaunch loop: nobody was ever refused a long poll.
    expect(fake.conflicts).toBe(0);
    for (const bot of started) expect(bot.output()).not.toContain('telegram polling died');
    // Nothing sent twice: every reminder and every reply exactly once.
    expect(repliesPerChat(fake, FIRST_CHAT_ID, OFFICIALS)).toEqual(Array(OFFICIALS).fill(1));

    for (const bot of survivors) bot.child.kill('SIGTERM');
    for (const bot of survivors) expect((await bot.exited).code).toBe(0);
  }, 300_000);
});
