// Opens the database a URL names: `file:…` → SQLite (better-sqlite3), `postgresql://…` →
// PostgreSQL (pg). Code above this layer gets a `Store` and never knows which one runs.
import { accessSync, closeSync, constants, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type { PrismaClient as SqliteClient } from './generated/sqlite/client.ts';
import { withImmediateTransactions } from './sqlite-write-lock.ts';
import { bindStore, type Store } from './store/store.ts';

export type DatabaseProvider = 'sqlite' | 'postgresql';

/**
 * Both generated clients come from one model file, so their APIs are the same; the SQLite one's
 * type stands for both. It never leaves src/db: other layers hold a `Store`.
 */
export type DbClient = SqliteClient;

export interface Database {
  provider: DatabaseProvider;
  store: Store;
  close(): Promise<void>;
}

export function providerOf(url: string): DatabaseProvider {
  if (url.startsWith('file:')) return 'sqlite';
  if (/^postgres(ql)?:\/\//.test(url)) return 'postgresql';
  throw new Error(`DATABASE_URL không được hỗ trợ: phải là file:… hoặc postgresql://…`);
}

/** `file:./data/x.db` → absolute path, relative to the working directory. */
export function sqlitePath(url: string): string {
  return resolve(url.slice('file:'.length).replace(/\?.*$/, ''));
}

/** The SQLite file (or its directory) cannot be written: start-up stops here, naming both. */
export class DatabaseNotWritableError extends Error {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`Không ghi được vào cơ sở dữ liệu SQLite ${path}: ${reason}`);
    this.name = 'DatabaseNotWritableError';
  }
}

/**
 * Creates a new SQLite file and its missing directories private to the bot's user (0600/0700:
 * the file holds chat ids and link codes; SQLite gives its -wal/-shm files the file's mode), and
 * probes that both can be written, so a read-only file fails start-up instead of every write
 * later. Existing directories and files keep their modes.
 */
export function prepareSqliteFile(path: string): void {
  const dir = dirname(path);
  try {
    if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (!existsSync(path)) closeSync(openSync(path, 'wx', 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw new DatabaseNotWritableError(path, reasonOf(error));
  }
  probeWritable(path, path, 'tệp không cho ghi');
  // SQLite writes its -wal and -shm files beside the database.
  probeWritable(path, dir, `thư mục ${dir} không cho ghi (SQLite cần tạo tệp -wal, -shm trong đó)`);
}

function probeWritable(database: string, target: string, what: string): void {
  try {
    accessSync(target, constants.R_OK | constants.W_OK);
  } catch (error) {
    throw new DatabaseNotWritableError(database, `${what} — ${reasonOf(error)}`);
  }
}

function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM')
    return `không có quyền ghi (${code}); kiểm tra chủ sở hữu và quyền của tệp`;
  if (code === 'EROFS') return 'hệ thống tệp chỉ đọc (EROFS)';
  if (code === 'ENOTDIR') return 'một phần của đường dẫn không phải thư mục (ENOTDIR)';
  return error instanceof Error ? error.message : String(error);
}

/** How long one statement outside a transaction waits for SQLite's write lock (synchronously). */
const SQLITE_BUSY_TIMEOUT_MS = 10_000;
/**
 * How long a transaction may wait for the write lock (asynchronously) — a plan import's write phase
 * lasts seconds. Prisma's own `maxWait` (SQLITE_TRANSACTION_MAX_WAIT_MS by default) ends the wait
 * sooner for most transactions.
 */
const SQLITE_LOCK_WAIT_MS = 30_000;
const SQLITE_TRANSACTION_MAX_WAIT_MS = 10_000;

// Only the chosen database's driver and client are loaded (pg alone costs ~40 ms a CLI call).
export async function adapterFactoryFor(url: string): Promise<SqlMigrationAwareDriverAdapterFactory> {
  if (providerOf(url) === 'sqlite') {
    const path = sqlitePath(url);
    prepareSqliteFile(path);
    const { PrismaBetterSqlite3 } = await import('@prisma/adapter-better-sqlite3');
    // A second process (the admin CLI beside the bot) waits for the lock instead of failing; a
    // transaction takes the lock when it starts, waiting without freezing the event loop.
    return withImmediateTransactions(new PrismaBetterSqlite3({ url: path, timeout: SQLITE_BUSY_TIMEOUT_MS }), {
      busyTimeoutMs: SQLITE_BUSY_TIMEOUT_MS,
      lockWaitMs: SQLITE_LOCK_WAIT_MS,
    });
  }
  const { PrismaPg } = await import('@prisma/adapter-pg');
  return new PrismaPg({ connectionString: url });
}

async function newClient(
  provider: DatabaseProvider,
  adapter: SqlMigrationAwareDriverAdapterFactory,
): Promise<DbClient> {
  if (provider === 'sqlite') {
    const { PrismaClient } = await import('./generated/sqlite/client.ts');
    // Prisma's default (2 s) would give up on the write lock during an import's write phase.
    return new PrismaClient({ adapter, transactionOptions: { maxWait: SQLITE_TRANSACTION_MAX_WAIT_MS } });
  }
  const { PrismaClient } = await import('./generated/postgresql/client.ts');
  return new PrismaClient({ adapter }) as unknown as DbClient;
}

export async function openDatabase(url: string): Promise<Database> {
  const provider = providerOf(url);
  const client = await newClient(provider, await adapterFactoryFor(url));
  if (provider === 'sqlite') {
    // WAL lets the CLI read while the bot writes; NORMAL sync is durable in WAL mode.
    await client.$queryRawUnsafe('PRAGMA journal_mode = WAL');
    await client.$executeRawUnsafe('PRAGMA synchronous = NORMAL');
    await client.$executeRawUnsafe('PRAGMA foreign_keys = ON');
  }
  return { provider, store: bindStore(client, provider), close: () => client.$disconnect() };
}
