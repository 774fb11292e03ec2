// Whose kick closed a Zalo listener, told by the Zalo listener lease: another process of the bot
// that took the account over (stand down, no alert), the session of a holder that died listening
// (reconnect, no alert), or another device (stop and alert the office admins).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startApp, type App } from '../../src/app/app.ts';
import { zaloListenerLease } from '../../src/app/channels.ts';
import type { ListenerLeaseTiming } from '../../src/app/listener-lease.ts';
import { writeZaloCredentials } from '../../src/channels/zalo/zalo-credentials.ts';
import { parseConfig } from '../../src/config/config.ts';
import { openDatabase } from '../../src/db/database.ts';
import { acquireLease, findLease } from '../../src/db/store/leases.ts';
import { zaloStateRows } from '../../src/db/store/zalo-state.ts';
import { ManualClock } from '../../src/domain/clock.ts';
import { createLogger } from '../../src/logging/logger.ts';
import { FakeZaloAccount } from '../channels/fake-zalo-account.ts';
import { textMessage } from '../channels/fake-zalo-api.ts';
import { waitFor } from '../channels/wait-for.ts';
import { freshMigratedUrl, postgresAvailable } from '../support/test-databases.ts';

const ALERT = 'alert for the office admins';
/**
 * Checks the lease often: takes over within milliseconds of a lease running out. Its own lease is as
 * long as LATE's, since a lease stamped further ahead than two of the reader's lengths counts as
 * stamped by a simulated clock (acquireLease).
 */
const QUICK: Partial<ListenerLeaseTiming> = { renewEveryMs: 50, ttlMs: 600_000, downLimitMs: 5_000 };
/**
 * Never renews during a test, and its lease runs out only when the test says so (leaseRunsOut): with
 * a short lease a slow start of the second process on a busy machine let it take over too early.
 */
const LATE: Partial<ListenerLeaseTiming> = { renewEveryMs: 600_000, ttlMs: 600_000, downLimitMs: 1_200_000 };
/** A holder on this host whose pid is gone. */
const DEAD_HOLDER = 'nowhere:999999:dead0000';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface BotProcess {
  app: App;
  log: string[];
  logged(text: string): boolean;
}

describe.each(['sqlite', 'postgresql'] as const)('a Zalo kick judged by the listener lease (%s)', (provider) => {
  let url: string;
  let credentialsFile: string;
  let account: FakeZaloAccount;

  async function setUp(kickWith?: { code: number; reason: string }): Promise<void> {
    const dir = mkdtempSync(join(tmpdir(), 'nhacviec-zalo-kick-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    credentialsFile = join(dir, 'zalo.json');
    await writeZaloCredentials(credentialsFile, { imei: 'imei-1', cookie: [{ key: 'k', value: 'v' }], userAgent: 't' });
    const database = await freshMigratedUrl(provider);
    cleanups.push(async () => void (await database.cleanup()));
    url = database.url;
    account = new FakeZaloAccount(kickWith);
  }

  async function startBot(timing: Partial<ListenerLeaseTiming>): Promise<BotProcess> {
    const log: string[] = [];
    const app = await startApp({
      config: parseConfig({ DATABASE_URL: url, ZALO_CREDENTIALS_FILE: credentialsFile, TELEGRAM_BOT_TOKEN: '' }),
      clock: new ManualClock('2026-11-23T08:00:00+07:00'),
      logger: createLogger('info', { write: (line: string) => void log.push(line) }),
      zaloConnect: account.login,
      listenerLeaseTiming: timing,
    });
    cleanups.push(() => app.stop());
    return { app, log, logged: (text) => log.some((line) => line.includes(text)) };
  }

  const leaseName = () => zaloListenerLease(credentialsFile);

  /** The holder's renewal comes too late: its lease is stamped as run out a minute ago. */
  async function leaseRunsOut(): Promise<void> {
    const database = await openDatabase(url);
    try {
      const { holder } = (await findLease(database.store, leaseName()))!;
      await acquireLease(database.store, leaseName(), holder, new Date(Date.now() - 60_000), 1_000);
    } finally {
      await database.close();
    }
  }

  it.each([
    { code: 3000, reason: 'DuplicateConnection' },
    { code: 3003, reason: 'KickConnection' },
  ])('stands down without an alert when another process of the bot took the account over ($reason)', async (kick) => {
    if (provider === 'postgresql' && !(await postgresAvailable())) return;
    await setUp(kick);
    const late = await startBot(LATE);
    await waitFor(() => account.listening.length === 1, 'the first process to listen');
    const other = await startBot(QUICK);
    expect(account.sessions).toHaveLength(1);

    // The first process does not renew in time: its lease runs out and the other process takes over.
    await leaseRunsOut();
    await waitFor(() => late.logged('standing down'), 'the first process to stand down', 15_000);

    expect(account.kicks).toBe(1);
    expect(account.listening).toEqual([account.sessions[1]]);
    expect(late.logged(ALERT)).toBe(false);
    expect(other.logged(ALERT)).toBe(false);
    account.sessions[1]!.emitMessage(textMessage({ threadId: 'u1', from: 'u1', text: 'giup' }));
    await waitFor(() => account.sessions[1]!.sent.length === 1, 'the reply from the process that took over');
    expect(account.sessions[0]!.sent).toEqual([]);
  });

  it('leaves the listening mark of the process that took over when the one that stood down stops', async () => {
    if (provider === 'postgresql' && !(await postgresAvailable())) return;
    await setUp({ code: 3003, reason: 'KickConnection' });
    const late = await startBot(LATE);
    await waitFor(() => account.listening.length === 1, 'the first process to listen');
    await startBot(QUICK);
    await leaseRunsOut();
    await waitFor(() => late.logged('standing down'), 'the first process to stand down', 15_000);
    const database = await openDatabase(url);
    cleanups.push(() => database.close());
    const holder = (await findLease(database.store, leaseName()))!.holder;
    const rows = zaloStateRows(database.store);
    const markOfNewHolder = await rows.readListeningMark();
    expect(markOfNewHolder).toBeDefined();

    await late.app.stop();

    expect(await rows.readListeningMark()).toBe(markOfNewHolder);
    expect(markOfNewHolder?.startsWith(`${holder} since `)).toBe(true);
  });

  it('reconnects quietly when Zalo drops the session of a holder that died listening', async () => {
    if (provider === 'postgresql' && !(await postgresAvailable())) return;
    await setUp({ code: 3003, reason: 'KickConnection' });
    // The previous holder was killed while listening: its lease row stays (expired, or its pid gone).
    const database = await openDatabase(url);
    await acquireLease(database.store, leaseName(), DEAD_HOLDER, new Date(Date.now() - 60_000), 1_000);
    await database.close();
    const bot = await startBot(QUICK);
    await waitFor(() => account.listening.length === 1, 'the new holder to listen');
    const session = account.listening[0]!;

    session.drop(3003, 'KickConnection');
    await waitFor(() => session.listening, 'the listener to reconnect', 10_000);
    expect(bot.logged("zalo kicked the previous process's session; reconnecting")).toBe(true);
    expect(bot.logged(ALERT)).toBe(false);
  });

  it('stops and alerts when someone opens the account elsewhere while this process holds the lease', async () => {
    if (provider === 'postgresql' && !(await postgresAvailable())) return;
    await setUp({ code: 3003, reason: 'KickConnection' });
    const bot = await startBot(QUICK);
    await waitFor(() => account.listening.length === 1, 'the holder to listen');

    (await account.login()).startListener();
    await waitFor(() => bot.logged(ALERT), 'the alert');
    expect(bot.logged('not reconnecting')).toBe(true);
  });
});
