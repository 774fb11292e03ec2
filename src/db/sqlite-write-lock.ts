// SQLite transactions that take the write lock when they start, waiting for it without blocking.
//
// What production taught us (issue #10): the Prisma better-sqlite3 adapter starts every
// interactive transaction with a plain (deferred) BEGIN. A chat command that reads, then writes,
// while a plan import in the CLI holds the write lock cannot upgrade its read transaction — SQLite
// fails it at once with SQLITE_BUSY, busy_timeout or not, and the person got an apology. BEGIN
// IMMEDIATE takes the lock up front, so waiting is possible; but better-sqlite3 waits
// synchronously, which would freeze every other chat of the bot while an import writes. So the
// lock is tried without waiting (busy_timeout 0) and retried after a short asynchronous pause.
import { setTimeout as sleep } from 'node:timers/promises';
import type {
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
  SqlQuery,
  Transaction,
} from '@prisma/driver-adapter-utils';

export interface WriteLockOptions {
  /** The connection's usual busy_timeout (ms), restored after each try. */
  busyTimeoutMs: number;
  /** Give up (SQLITE_BUSY) when the lock is still held after this long. */
  lockWaitMs: number;
}

const FIRST_PAUSE_MS = 5;
/** A command waits at most this long after the lock is released. */
const LONGEST_PAUSE_MS = 50;

export function withImmediateTransactions(
  factory: SqlMigrationAwareDriverAdapterFactory,
  options: WriteLockOptions,
): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => immediateStarts(await factory.connect(), options),
    connectToShadowDb: async () => immediateStarts(await factory.connectToShadowDb(), options),
  };
}

function immediateStarts(adapter: SqlDriverAdapter, options: WriteLockOptions): SqlDriverAdapter {
  const startDeferred = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel) => {
    // The adapter serialises this process's transactions on its connection, then runs BEGIN; a
    // deferred BEGIN takes no lock yet, so it is undone and replaced by BEGIN IMMEDIATE.
    const transaction = await startDeferred(isolationLevel);
    try {
      await transaction.executeRaw(statement('ROLLBACK'));
      await beginImmediate(transaction, options);
      return transaction;
    } catch (error) {
      await transaction.rollback(); // releases the adapter's lock on the connection
      throw error;
    }
  };
  return adapter;
}

async function beginImmediate(transaction: Transaction, options: WriteLockOptions): Promise<void> {
  const giveUpAt = performance.now() + options.lockWaitMs;
  for (let pause = FIRST_PAUSE_MS; ; pause = Math.min(pause * 2, LONGEST_PAUSE_MS)) {
    await transaction.queryRaw(statement('PRAGMA busy_timeout = 0'));
    try {
      await transaction.executeRaw(statement('BEGIN IMMEDIATE'));
      return;
    } catch (error) {
      if (!isBusy(error) || performance.now() + pause > giveUpAt) throw error;
    } finally {
      await transaction.queryRaw(statement(`PRAGMA busy_timeout = ${Math.trunc(options.busyTimeoutMs)}`));
    }
    await sleep(pause);
  }
}

function statement(sql: string): SqlQuery {
  return { sql, args: [], argTypes: [] };
}

function isBusy(error: unknown): boolean {
  const cause = (error as { cause?: { kind?: unknown; originalCode?: unknown } } | null)?.cause;
  return cause?.kind === 'SocketTimeout' || String(cause?.originalCode ?? '').startsWith('SQLITE_BUSY');
}
