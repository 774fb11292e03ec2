// Real processes: a worker SIGKILLed in the middle of delivering, and three workers sharing one
// PostgreSQL database. Deliveries are counted by the fake Telegram server.
import { afterEach, describe, expect, it } from 'vitest';
import { FakeTelegramServer } from '../channels/fake-telegram-server.ts';
import { spawnProcess, type RunningProcess } from '../support/spawn-process.ts';
import { createTestDatabase, postgresAvailable, type TestDatabase } from '../support/test-databases.ts';
import { seedOfficialsWithTasks } from './fixtures/seed.ts';

const WORKER = 'tests/reminders/fixtures/delivery-worker.ts';
// 08:00 on a working day (Tuesday 24/11/2026) in Vietnam; every task is due that day.
const FAKE_NOW = '2026-11-24T08:00:00+07:00';

let fake: FakeTelegramServer | undefined;
let database: TestDatabase | undefined;
const workers: RunningProcess[] = [];
afterEach(async () => {
  for (const worker of workers.splice(0)) if (worker.child.exitCode === null) worker.child.kill('SIGKILL');
  await fake?.close();
  await database?.drop();
  fake = undefined;
  database = undefined;
});

function startWorker(
  id: string,
  databaseUrl: string,
  server: FakeTelegramServer,
  extra: Record<string, string> = {},
): RunningProcess {
  // Loaded with `--import tsx`, not tsx's CLI: the CLI runs the file in a child process, which a
  // SIGKILL of the CLI leaves running.
  const worker = spawnProcess(process.execPath, ['--import', 'tsx', WORKER], {
    DATABASE_URL: databaseUrl,
    TELEGRAM_API_ROOT: server.apiRoot,
    TELEGRAM_TOKEN: server.token,
    FAKE_NOW,
    WORKER_ID: id,
    ...extra,
  });
  workers.push(worker);
  return worker;
}

function deliveriesPerChat(server: FakeTelegramServer): Map<string, number> {
  const counts = new Map<string, number>();
  for (const message of server.sent) counts.set(message.chatId, (counts.get(message.chatId) ?? 0) + 1);
  return counts;
}

describe('reminder delivery across processes', () => {
  it('loses nothing and repeats at most one message when the sending process is SIGKILLed mid-way', async () => {
    fake = await FakeTelegramServer.start();
    database = await createTestDatabase('sqlite');
    await seedOfficialsWithTasks(database.client, 1_000, '2026-11-24');

    const first = startWorker('1', database.url, fake);
    await fake.until(() => fake!.sent.length >= 300, '300 deliveries', 60_000);
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    // The process that sent is the one killed (a launcher that relays signals would leave it running).
    const senderPid = Number(/started, pid (\d+)/.exec(first.output())?.[1]);
    expect(senderPid).toBe(first.child.pid);
    const killedAfter = fake.sent.length;
    expect(killedAfter).toBeLessThan(1_000);

    const second = startWorker('2', database.url, fake);
    await second.waitFor('worker done', 120_000);

    const perChat = deliveriesPerChat(fake);
    expect(perChat.size).toBe(1_000);
    const duplicates = fake.sent.length - 1_000;
    expect(duplicates).toBeLessThanOrEqual(1);
    expect(await database.client.reminder.count({ where: { state: 'sent' } })).toBe(1_000);
  }, 180_000);

  it('on PostgreSQL, three processes share the work and deliver each reminder exactly once', async (context) => {
    if (!(await postgresAvailable())) return context.skip();
    fake = await FakeTelegramServer.start();
    database = await createTestDatabase('postgresql');
    await seedOfficialsWithTasks(database.client, 600, '2026-11-24');

    const started = ['a', 'b', 'c'].map((id) => startWorker(id, database!.url, fake!));
    await Promise.all(started.map((worker) => worker.waitFor('worker done', 120_000)));

    const perChat = deliveriesPerChat(fake);
    expect(perChat.size).toBe(600);
    expect([...perChat.values()].every((count) => count === 1)).toBe(true);
    expect(fake.sent).toHaveLength(600);
    // Every process took part (the work was shared, not done by one).
    const shares = started.map((worker) => Number(/messages=(\d+)/.exec(worker.output())?.[1] ?? 0));
    expect(shares.filter((count) => count > 0).length).toBeGreaterThanOrEqual(2);
    expect(await database.client.reminder.count({ where: { state: 'sent' } })).toBe(600);
  }, 180_000);

  it('on PostgreSQL, three processes together stay within the Telegram limit of 30 messages/s', async (context) => {
    if (!(await postgresAvailable())) return context.skip();
    fake = await FakeTelegramServer.start();
    database = await createTestDatabase('postgresql');
    // Eight seconds of sending at the shared limit: enough one-second windows to catch a process
    // that assumes the whole budget (90/s together); the drain rate itself is measured in bench/.
    await seedOfficialsWithTasks(database.client, 240, '2026-11-24');

    const started = ['a', 'b', 'c'].map((id) => startWorker(id, database!.url, fake!, { REAL_LIMITS: '1' }));
    await Promise.all(started.map((worker) => worker.waitFor('worker done', 120_000)));

    const perChat = deliveriesPerChat(fake);
    expect(perChat.size).toBe(240);
    expect([...perChat.values()].every((count) => count === 1)).toBe(true);
    // Each process alone would send 30/s (90/s together); the shared budget keeps the sum at 30.
    const peak = fake.peakSendRate(1_000, 'global');
    const times = fake.callsOf('sendMessage').map((call) => call.at);
    const rate = ((times.length - 1) * 1_000) / (Math.max(...times) - Math.min(...times));
    console.log(`three processes: ${times.length} messages, ${rate.toFixed(1)}/s, peak ${peak} in 1 s`);
    expect(peak).toBeLessThanOrEqual(30);
    const shares = started.map((worker) => Number(/messages=(\d+)/.exec(worker.output())?.[1] ?? 0));
    expect(shares.filter((count) => count > 0).length).toBeGreaterThanOrEqual(2);
    expect(await database.client.reminder.count({ where: { state: 'sent' } })).toBe(240);
  }, 180_000);
});
