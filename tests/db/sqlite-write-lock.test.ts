// Issue #10: a chat command that writes while a plan import (another connection, usually the CLI
// process) holds SQLite's write lock must wait for the lock and succeed, without freezing the bot's
// other chats meanwhile.
import Sqlite from 'better-sqlite3';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlitePath } from '../../src/db/database.ts';
import { withImmediateTransactions } from '../../src/db/sqlite-write-lock.ts';
import { findTask } from '../../src/db/store/tasks.ts';
import { chatHarness, makeSmallSo } from '../chat/chat-harness.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-databases.ts';

/** Another connection to the same file holding the write lock, as an import's write phase does. */
function holdWriteLock(url: string): { release(): void; released: () => boolean } {
  const importer = new Sqlite(sqlitePath(url));
  importer.prepare('BEGIN IMMEDIATE').run();
  importer.prepare(`UPDATE "Unit" SET "name" = "name"`).run();
  let released = false;
  return {
    release() {
      importer.prepare('COMMIT').run();
      importer.close();
      released = true;
    },
    released: () => released,
  };
}

describe('a chat command while another connection holds the SQLite write lock', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
  });
  afterAll(async () => {
    await database.drop();
  });

  it('waits for the lock and closes the task instead of apologising', async () => {
    const so = await makeSmallSo(database.client);
    const chat = chatHarness(database.client);
    const lock = holdWriteLock(database.url);
    // Released by a timer: it can fire only if waiting for the lock leaves the event loop free.
    const releasing = sleep(300).then(() => lock.release());
    const reply = await chat.say(so.member, `/xong ${so.overdue.id}`);
    const answeredAfterRelease = lock.released();
    await releasing;
    expect(reply).toContain(`Đã ghi nhận xong việc #${so.overdue.id}`);
    expect(answeredAfterRelease).toBe(true);
    expect(await findTask(database.client, so.overdue.id)).toMatchObject({ status: 'done' });
  });

  it("answers another person's read while a write waits for the lock", async () => {
    const so = await makeSmallSo(database.client);
    const chat = chatHarness(database.client);
    const lock = holdWriteLock(database.url);
    try {
      const closing = chat.say(so.member, `/xong ${so.upcoming.id}`);
      await sleep(200); // the close reaches the lock (had it failed or frozen the bot, the test fails)
      const list = await chat.say(so.otherMember, '/viec');
      expect(lock.released()).toBe(false);
      expect(list).toContain(`#${so.otherOverdue.id}`);
      lock.release();
      expect(await closing).toContain(`Đã ghi nhận xong việc #${so.upcoming.id}`);
    } finally {
      if (!lock.released()) lock.release();
    }
  });

  it('gives up after the wait bound with SQLITE_BUSY, and the connection serves the next transaction', async () => {
    const factory = withImmediateTransactions(
      new PrismaBetterSqlite3({ url: sqlitePath(database.url), timeout: 10_000 }),
      {
        busyTimeoutMs: 10_000,
        lockWaitMs: 200,
      },
    );
    const adapter = await factory.connect();
    const lock = holdWriteLock(database.url);
    try {
      await expect(adapter.startTransaction()).rejects.toMatchObject({ cause: { kind: 'SocketTimeout' } });
      lock.release();
      const transaction = await adapter.startTransaction();
      await transaction.executeRaw({ sql: `UPDATE "Unit" SET "name" = "name"`, args: [], argTypes: [] });
      await transaction.executeRaw({ sql: 'COMMIT', args: [], argTypes: [] });
      await transaction.commit();
    } finally {
      if (!lock.released()) lock.release();
      await adapter.dispose();
    }
  });
});
