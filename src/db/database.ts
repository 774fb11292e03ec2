// Opens the database a URL names: `file:…` → SQLite (better-sqlite3), `postgresql://…` →
// PostgreSQL (pg). Code above this layer gets a `Store` and never knows which one runs.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type { PrismaClient as SqliteClient } from './generated/sqlite/client.ts';
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

// Only the chosen database's driver and client are loaded (pg alone costs ~40 ms a CLI call).
export async function adapterFactoryFor(url: string): Promise<SqlMigrationAwareDriverAdapterFactory> {
  if (providerOf(url) === 'sqlite') {
    const path = sqlitePath(url);
    mkdirSync(dirname(path), { recursive: true });
    const { PrismaBetterSqlite3 } = await import('@prisma/adapter-better-sqlite3');
    // A second process (the admin CLI beside the bot) waits for the lock instead of failing.
    return new PrismaBetterSqlite3({ url: path, timeout: 10_000 });
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
    return new PrismaClient({ adapter });
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
