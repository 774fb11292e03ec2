// Zalo kicks the older of two connections on one personal account (DuplicateConnection), which
// the adapter takes for "someone opened Zalo Web" and stops. Two bot processes on one database
// must therefore never both log in: only the Zalo lease holder does, and the other takes over
// when it stops.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startApp, type App } from '../../src/app/app.ts';
import { writeZaloCredentials } from '../../src/channels/zalo/zalo-credentials.ts';
import { parseConfig } from '../../src/config/config.ts';
import { ManualClock } from '../../src/domain/clock.ts';
import { createLogger } from '../../src/logging/logger.ts';
import { textMessage } from '../channels/fake-zalo-api.ts';
import { FakeZaloAccount } from '../channels/fake-zalo-account.ts';
import { waitFor } from '../channels/wait-for.ts';
import { freshPostgresUrl, migratedSqliteUrl, postgresAvailable } from '../support/test-databases.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function databaseUrl(provider: 'sqlite' | 'postgresql'): Promise<string> {
  if (provider === 'sqlite') {
    const { url, cleanup } = await migratedSqliteUrl();
    cleanups.push(cleanup);
    return url;
  }
  const { url, cleanup } = await freshPostgresUrl();
  cleanups.push(cleanup);
  return url;
}

describe.each(['sqlite', 'postgresql'] as const)('two bot processes on one Zalo account (%s)', (provider) => {
  it('only the lease holder logs in and listens; the other takes over when it stops', async (context) => {
    if (provider === 'postgresql' && !(await postgresAvailable())) return context.skip();
    const dir = mkdtempSync(join(tmpdir(), 'nhacviec-zalo-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const credentialsFile = join(dir, 'zalo.json');
    await writeZaloCredentials(credentialsFile, {
      imei: 'imei-1',
      cookie: [{ key: 'k', value: 'v' }],
      userAgent: 'test',
    });
    const url = await databaseUrl(provider);
    const account = new FakeZaloAccount();
    const start = () =>
      startApp({
        config: parseConfig({ DATABASE_URL: url, ZALO_CREDENTIALS_FILE: credentialsFile, TELEGRAM_BOT_TOKEN: '' }),
        clock: new ManualClock('2026-11-23T08:00:00+07:00'),
        logger: createLogger('silent'),
        zaloConnect: account.login,
        listenerLeaseTiming: { renewEveryMs: 50, ttlMs: 2_000, downLimitMs: 5_000 },
      });
    const first: App = await start();
    let firstStopped = false;
    cleanups.push(() => (firstStopped ? undefined : first.stop()));
    const second: App = await start();
    cleanups.push(() => second.stop());

    expect(account.sessions).toHaveLength(1);
    await waitFor(() => account.listening.length === 1, 'the holder to listen');
    account.listening[0]!.emitMessage(textMessage({ threadId: 'u1', from: 'u1', text: 'giup' }));
    await waitFor(() => account.sessions[0]!.sent.length === 1, 'the reply on Zalo');

    await first.stop();
    firstStopped = true;
    await waitFor(() => account.listening.length === 1 && account.sessions.length === 2, 'the other process to listen');
    const taken = account.sessions[1]!;
    taken.emitMessage(textMessage({ threadId: 'u2', from: 'u2', text: 'giup' }));
    await waitFor(() => taken.sent.length === 1, 'the reply from the process that took over');
    expect(account.kicks).toBe(0);
    expect(account.sessions.flatMap((session) => session.sent)).toHaveLength(2);
  });
});
