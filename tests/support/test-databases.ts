// Real databases for tests: a fresh SQLite file per call, and (when a server is reachable, always
// in CI) a fresh PostgreSQL database per call. Both migrated with the production migration code.
import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import {
  openDatabase,
  sqlitePath,
  type Database,
  type DatabaseProvider,
  type DbClient,
} from '../../src/db/database.ts';
import { prismaOf, type Store } from '../../src/db/store/store.ts';
import { applyMigrations } from '../../src/db/migrate/migrations.ts';

export const POSTGRES_ADMIN_URL =
  process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres:postgres@127.0.0.1:5432/postgres';

/**
 * Tests hold the store both ways: as the app's opaque Store (to call store functions and services)
 * and as the Prisma client (to seed rows and check what was written).
 */
export type TestStore = Store & DbClient;

export function asTestStore(store: Store): TestStore {
  return prismaOf(store) as TestStore;
}

export interface TestDatabase extends Database {
  url: string;
  client: TestStore;
  drop(): Promise<void>;
}

export function freshSqliteUrl(): { url: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'nhacviec-test-'));
  return { url: `file:${join(dir, 'test.db')}`, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

async function withAdminClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 2000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A new, empty PostgreSQL database; a copy of `template` (a database name) when given. */
export async function freshPostgresUrl(template?: string): Promise<{ url: string; cleanup(): Promise<void> }> {
  const name = `nhacviec_test_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  // Names are ours (random hex or a name made here), never input: safe to put in the statement.
  await withAdminClient((client) => client.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`));
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    cleanup: () =>
      withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

let postgresReachable: Promise<boolean> | undefined;

/**
 * Whether PostgreSQL tests run. In CI a missing server is a failure, never a silent skip; locally
 * the tests are skipped and the reason printed.
 */
export function postgresAvailable(): Promise<boolean> {
  postgresReachable ??= withAdminClient(async () => true).catch((error: unknown) => {
    if (process.env.CI) throw new Error(`CI: PostgreSQL must be reachable at ${POSTGRES_ADMIN_URL}: ${String(error)}`);
    console.warn(`PostgreSQL tests SKIPPED: no server at ${POSTGRES_ADMIN_URL} (${String(error)})`);
    return false;
  });
  return postgresReachable;
}

/** Folds the WAL into the file and leaves rollback-journal mode, so copying the one file copies everything. */
export function checkpointSqliteTemplate(path: string): void {
  const db = new Sqlite(path);
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
}

/** The migrated template tests/support/global-setup.ts made, or undefined outside vitest or without it. */
function templateOf(provider: DatabaseProvider): string | undefined {
  try {
    return inject(provider === 'sqlite' ? 'sqliteTemplate' : 'postgresTemplate') || undefined;
  } catch {
    return undefined;
  }
}

/** A new SQLite file already migrated (for a spawned bot or CLI whose start-up migration is not the subject). */
export async function migratedSqliteUrl(): Promise<{ url: string; cleanup(): void }> {
  return (await freshMigratedUrl('sqlite')) as { url: string; cleanup(): void };
}

/** A fresh migrated database: a copy of the suite's migrated template when there is one. */
export async function freshMigratedUrl(provider: DatabaseProvider): Promise<{ url: string; cleanup(): unknown }> {
  const template = templateOf(provider);
  if (provider === 'sqlite') {
    const target = freshSqliteUrl();
    if (template) copyFileSync(template, sqlitePath(target.url));
    else await applyMigrations(target.url);
    return target;
  }
  const target = await freshPostgresUrl(template);
  if (!template) await applyMigrations(target.url);
  return target;
}

export async function createTestDatabase(provider: DatabaseProvider): Promise<TestDatabase> {
  const target = await freshMigratedUrl(provider);
  const database = await openDatabase(target.url);
  return {
    ...database,
    client: asTestStore(database.store),
    url: target.url,
    async drop() {
      await database.close();
      await target.cleanup();
    },
  };
}

/** The providers to run db-layer suites against: SQLite always, PostgreSQL when reachable. */
export async function testProviders(): Promise<DatabaseProvider[]> {
  return (await postgresAvailable()) ? ['sqlite', 'postgresql'] : ['sqlite'];
}

/**
 * A fresh database of `provider` for the enclosing describe block (created before its tests,
 * dropped after them); returns the client accessor.
 */
export function useTestDatabase(provider: DatabaseProvider): () => TestStore {
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await createTestDatabase(provider);
  });
  afterAll(async () => {
    await database?.drop();
  });
  return () => {
    if (!database) throw new Error('the test database is not ready yet');
    return database.client;
  };
}
