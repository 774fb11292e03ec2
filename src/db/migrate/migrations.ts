// Applies the migration history of the database's provider, recording `_prisma_migrations`
// exactly as `prisma migrate deploy` does (same engine, compiled to WebAssembly).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MigrationList } from '@prisma/schema-engine-wasm';
import { adapterFactoryFor, providerOf, type DatabaseProvider } from '../database.ts';
import { openSchemaEngine } from './schema-engine.ts';

export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..');
export const NO_FILTER = { externalTables: [], externalEnums: [] };

export function schemaPath(provider: DatabaseProvider): string {
  return join(PROJECT_ROOT, 'prisma', provider, 'schema.prisma');
}

export function migrationsDir(provider: DatabaseProvider): string {
  return join(PROJECT_ROOT, 'prisma', provider, 'migrations');
}

export function readSchema(provider: DatabaseProvider): { path: string; content: string } {
  const path = schemaPath(provider);
  return { path, content: readFileSync(path, 'utf8') };
}

/** The migrations folder as the engine wants it (what Prisma's CLI reads from disk). */
export function readMigrationList(provider: DatabaseProvider, baseDir = migrationsDir(provider)): MigrationList {
  const lockPath = join(baseDir, 'migration_lock.toml');
  const directories = existsSync(baseDir)
    ? readdirSync(baseDir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort()
    : [];
  return {
    baseDir,
    lockfile: { path: 'migration_lock.toml', content: existsSync(lockPath) ? readFileSync(lockPath, 'utf8') : null },
    shadowDbInitScript: '',
    migrationDirectories: directories.map((name) => {
      const file = join(baseDir, name, 'migration.sql');
      return {
        path: name,
        migrationFile: {
          path: 'migration.sql',
          content: existsSync(file)
            ? { tag: 'ok', value: readFileSync(file, 'utf8') }
            : { tag: 'error', value: `missing ${file}` },
        },
      };
    }),
  };
}

/**
 * Names of migrations not yet finished in the database, read with one plain query. Most runs
 * (every admin command, every restart) find none and skip the schema engine, which would also
 * wait on the lock of a running bot's open SQLite connection.
 */
export async function pendingMigrationNames(databaseUrl: string): Promise<string[]> {
  const provider = providerOf(databaseUrl);
  const expected = readMigrationList(provider).migrationDirectories.map((d) => d.path);
  const adapter = await (await adapterFactoryFor(databaseUrl)).connect();
  try {
    const result = await adapter.queryRaw({
      sql: 'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
      args: [],
      argTypes: [],
    });
    const applied = new Set(result.rows.map((row) => String(row[0])));
    return expected.filter((name) => !applied.has(name));
  } catch {
    // No _prisma_migrations table yet: a new database.
    return expected;
  } finally {
    await adapter.dispose();
  }
}

/** Applies pending migrations; returns the names just applied (empty when up to date). */
export async function applyMigrations(databaseUrl: string): Promise<string[]> {
  if ((await pendingMigrationNames(databaseUrl)).length === 0) return [];
  const provider = providerOf(databaseUrl);
  const handle = await openSchemaEngine(await adapterFactoryFor(databaseUrl), readSchema(provider));
  try {
    const { appliedMigrationNames } = await handle.engine.applyMigrations({
      migrationsList: readMigrationList(provider),
      filters: NO_FILTER,
    });
    return appliedMigrationNames;
  } finally {
    await handle.close();
  }
}

/** SQL that would bring the live database to the model; empty migration text when in sync. */
export async function driftFromModel(databaseUrl: string): Promise<string> {
  const provider = providerOf(databaseUrl);
  const schema = readSchema(provider);
  const handle = await openSchemaEngine(await adapterFactoryFor(databaseUrl), schema);
  try {
    const files = [{ path: schema.path, content: schema.content }];
    const result = await handle.engine.diff({
      from: { tag: 'schemaDatasource', files, configDir: PROJECT_ROOT },
      to: { tag: 'schemaDatamodel', files },
      script: true,
      exitCode: null,
      filters: NO_FILTER,
    });
    return result.stdout ?? '';
  } finally {
    await handle.close();
  }
}
