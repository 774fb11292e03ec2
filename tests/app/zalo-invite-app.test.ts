// From the office's command to a linked Zalo chat, through the running bot: `official invite
// --zalo` queues, the bot's sweep (holding the Zalo lease, its rate limiter and outbox) finds the
// person by phone on the fake zca-js API and writes them; their reply `lienket <code>` links them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startApp } from '../../src/app/app.ts';
import { writeZaloCredentials } from '../../src/channels/zalo/zalo-credentials.ts';
import { parseConfig } from '../../src/config/config.ts';
import { ManualClock } from '../../src/domain/clock.ts';
import { createLogger } from '../../src/logging/logger.ts';
import { FakeZaloApi, textMessage } from '../channels/fake-zalo-api.ts';
import { waitFor } from '../channels/wait-for.ts';
import { makeOfficial } from '../support/factories.ts';
import { cli } from '../support/run-cli.ts';
import { asTestStore, freshSqliteUrl } from '../support/test-databases.ts';

const NOW = '2026-11-23T08:00:00+07:00';
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('the running bot and Zalo invitations', () => {
  it('sends the invitation queued by the CLI and links the chat that answers it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nhacviec-invite-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const credentialsFile = join(dir, 'zalo.json');
    await writeZaloCredentials(credentialsFile, {
      imei: 'imei-1',
      cookie: [{ key: 'zpw_sek', value: 'first', domain: 'chat.zalo.me' }],
      userAgent: 'test',
    });
    const sqlite = freshSqliteUrl();
    cleanups.push(sqlite.cleanup);
    const zalo = new FakeZaloApi();
    const clock = new ManualClock(NOW);
    const config = parseConfig({ DATABASE_URL: sqlite.url, ZALO_CREDENTIALS_FILE: credentialsFile });
    const app = await startApp({ config, clock, logger: createLogger('silent'), zaloConnect: async () => zalo });
    cleanups.push(() => app.stop());
    zalo.connect();
    const db = asTestStore(app.database.store);
    const official = await makeOfficial(db, { fullName: 'Vũ Thị Giang' });
    await db.official.update({ where: { id: official.id }, data: { phone: '0987111222' } });
    zalo.addAccount('0987111222', 'u501');

    const queued = await cli(sqlite.url, ['official', 'invite', official.username, '--zalo'], {
      NHACVIEC_FAKE_NOW: NOW,
    });
    expect(queued).toMatchObject({ code: 0, stderr: '' });
    // The CLI's simulated time runs on from NOW while it works, so the invitation may be queued for
    // a moment after the bot's (stopped) clock: the bot's next sweep, a minute on, is after it.
    clock.advance(60_000);
    await app.sweep();
    await waitFor(() => zalo.sent.length === 1, 'the invitation on Zalo');
    const code = /^lienket ([A-Z0-9]{10})$/m.exec(zalo.sent[0]!.text)?.[1];
    expect(zalo.sent[0]).toMatchObject({ threadId: 'u501' });

    zalo.emitMessage(textMessage({ threadId: 'u501', from: 'u501', text: `lienket ${code}` }));
    await waitFor(() => zalo.sent.length === 2, 'link reply on Zalo');
    expect(zalo.sent[1]!.text).toMatch(/^✅ Đã liên kết/);
    const list = await cli(sqlite.url, ['official', 'list', '--unlinked'], { NHACVIEC_FAKE_NOW: NOW });
    expect(list.stdout).toBe('Mọi cán bộ đã liên kết tài khoản chat.');
  });
});
