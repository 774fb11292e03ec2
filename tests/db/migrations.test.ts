import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import pg from 'pg';
import Sqlite from 'better-sqlite3';
import { schemaFor, PROVIDERS } from '../../scripts/prisma-generate.mjs';
import { sqlitePath, type DatabaseProvider } from '../../src/db/database.ts';
import {
  applyMigrations,
  driftFromModel,
  migrationsDir,
  PROJECT_ROOT,
  readMigrationList,
} from '../../src/db/migrate/migrations.ts';
import { freshPostgresUrl, freshSqliteUrl, testProviders } from '../support/test-databases.ts';

const providers = await testProviders();
const EMPTY = '-- This is an empty migration.';

async function appliedRows(url: string): Promise<{ migration_name: string; checksum: string; finished_at: unknown }[]> {
  if (url.startsWith('file:')) {
    const db = new Sqlite(sqlitePath(url), { readonly: true });
    try {
      return db
        .prepare('SELECT migration_name, checksum, finished_at FROM _prisma_migrations ORDER BY migration_name')
        .all() as never;
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (
      await client.query('SELECT migration_name, checksum, finished_at FROM _prisma_migrations ORDER BY migration_name')
    ).rows;
  } finally {
    await client.end();
  }
}

describe('the per-database Prisma schemas', () => {
  it.each(PROVIDERS)('prisma/%s/schema.prisma is generated from prisma/models.prisma', (provider) => {
    const models = readFileSync(join(PROJECT_ROOT, 'prisma/models.prisma'), 'utf8');
    expect(readFileSync(join(PROJECT_ROOT, `prisma/${provider}/schema.prisma`), 'utf8')).toBe(
      schemaFor(provider, models),
    );
  });

  it('has a migration for every change to the model (run npm run db:new-migration otherwise)', () => {
    const models = readFileSync(join(PROJECT_ROOT, 'prisma/models.prisma'), 'utf8');
    expect(readFileSync(join(PROJECT_ROOT, 'prisma/models.migrated.prisma'), 'utf8')).toBe(models);
  });

  it.each(PROVIDERS)('the %s history has the same migration names as the other database', (provider) => {
    const names = (p: string) => readMigrationList(p as DatabaseProvider).migrationDirectories.map((d) => d.path);
    expect(names(provider)).toEqual(names('sqlite'));
    expect(readFileSync(join(migrationsDir(provider as DatabaseProvider), 'migration_lock.toml'), 'utf8')).toContain(
      `provider = "${provider}"`,
    );
  });
});

describe.each(providers)('migrations on %s', (provider) => {
  const fresh = async () => (provider === 'sqlite' ? freshSqliteUrl() : await freshPostgresUrl());

  it('apply the whole history once, recorded as prisma migrate deploy records it', async () => {
    const target = await fresh();
    try {
      const expected = readMigrationList(provider).migrationDirectories.map((d) => d.path);
      expect(await applyMigrations(target.url)).toEqual(expected);
      expect(await applyMigrations(target.url)).toEqual([]);
      const rows = await appliedRows(target.url);
      expect(rows.map((r) => r.migration_name)).toEqual(expected);
      for (const row of rows) {
        const sql = readFileSync(join(migrationsDir(provider), row.migration_name, 'migration.sql'));
        expect(row.checksum).toBe(createHash('sha256').update(sql).digest('hex'));
        expect(row.finished_at).not.toBeNull();
      }
    } finally {
      await target.cleanup();
    }
  });

  // The engine cannot introspect PostgreSQL through the pg adapter (its catalog's "char" columns),
  // so the exact check runs on SQLite and PostgreSQL is compared with SQLite below.
  it.runIf(provider === 'sqlite')('leave the database exactly as the model describes it', async () => {
    const target = await fresh();
    try {
      await applyMigrations(target.url);
      expect((await driftFromModel(target.url)).trim()).toBe(EMPTY);
    } finally {
      await target.cleanup();
    }
  });

  it.runIf(provider === 'postgresql')('build the same tables, columns and indexes as the SQLite history', async () => {
    const sqlite = freshSqliteUrl();
    const postgres = await fresh();
    try {
      await applyMigrations(sqlite.url);
      await applyMigrations(postgres.url);
      expect(await postgresShape(postgres.url)).toEqual(sqliteShape(sqlite.url));
    } finally {
      sqlite.cleanup();
      await postgres.cleanup();
    }
  });
});

interface Shape {
  columns: string[];
  indexes: string[];
}

function sqliteShape(url: string): Shape {
  const db = new Sqlite(sqlitePath(url), { readonly: true });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .all() as { name: string }[];
    const columns = tables.flatMap(({ name }) =>
      (db.prepare(`SELECT name FROM pragma_table_info('${name}')`).all() as { name: string }[]).map(
        (c) => `${name}.${c.name}`,
      ),
    );
    const indexes = (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'").all() as {
        name: string;
      }[]
    ).map((i) => i.name);
    return { columns: columns.sort(), indexes: indexes.sort() };
  } finally {
    db.close();
  }
}

async function postgresShape(url: string): Promise<Shape> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const columns = await client.query(
      "SELECT table_name || '.' || column_name AS c FROM information_schema.columns WHERE table_schema = 'public'",
    );
    const indexes = await client.query(
      "SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND indexname NOT LIKE '%_pkey'",
    );
    return {
      columns: columns.rows.map((r) => r.c as string).sort(),
      indexes: indexes.rows.map((r) => r.indexname as string).sort(),
    };
  } finally {
    await client.end();
  }
}
