// Opens the database a URL names: `file:…` → SQLite (better-sqlite3), `postgresql://…` →
// PostgreSQL (pg). Code above this layer gets a `Store` and never knows which one runs.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaClient as SqliteClient } from './generated/sqlite/client.ts';
import { PrismaClient as PostgresClient } from './generated/postgresql/client.ts';
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

export function adapterFactoryFor(url: string): SqlMigrationAwareDriverAdapterFactory {
  if (providerOf(url) === 'sqlite') {
    const path = sqlitePath(url);
    mkdirSync(dirname(path), { recursive: true });
    // A second process (the admin CLI beside the bot) waits for the lock instead of failing.
    return new PrismaBetterSqlite3({ url: path, timeout: 10_000 });
  }
  return new PrismaPg({ connectionString: url });
}

export async function openDatabase(url: string): Promise<Database> {
  const provider = providerOf(url);
  const adapter = adapterFactoryFor(url);
  const client =
    provider === 'sqlite' ? new SqliteClient({ adapter }) : (new PostgresClient({ adapter }) as unknown as DbClient);
  if (provider === 'sqlite') {
    // WAL lets the CLI read while the bot writes; NORMAL sync is durable in WAL mode.
    await client.$queryRawUnsafe('PRAGMA journal_mode = WAL');
    await client.$executeRawUnsafe('PRAGMA synchronous = NORMAL');
    await client.$executeRawUnsafe('PRAGMA foreign_keys = ON');
  }
  return { provider, store: bindStore(client, provider), close: () => client.$disconnect() };
}
