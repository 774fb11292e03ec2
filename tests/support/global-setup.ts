// Migrates one template database per provider before the suite, so a test's fresh database is a
// copy (a file copy on SQLite, CREATE DATABASE … TEMPLATE on PostgreSQL) instead of a run of the
// schema engine each time: ~0.3–1.5 s each, a few hundred times per `npm test`. The templates are
// made by the production migration code, so what tests run on is what `npm start` migrates.
import type { TestProject } from 'vitest/node';
import { applyMigrations } from '../../src/db/migrate/migrations.ts';
import { sqlitePath } from '../../src/db/database.ts';
import { checkpointSqliteTemplate, freshPostgresUrl, freshSqliteUrl, postgresAvailable } from './test-databases.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated SQLite file to copy. */
    sqliteTemplate: string;
    /** The name of a migrated PostgreSQL database to clone, or '' when no server answers. */
    postgresTemplate: string;
  }
}

let cleanups: (() => Promise<void> | void)[] = [];

export async function setup(project: TestProject): Promise<void> {
  const sqlite = freshSqliteUrl();
  cleanups.push(sqlite.cleanup);
  await applyMigrations(sqlite.url);
  checkpointSqliteTemplate(sqlitePath(sqlite.url));
  project.provide('sqliteTemplate', sqlitePath(sqlite.url));
  let postgresTemplate = '';
  if (await postgresAvailable()) {
    const postgres = await freshPostgresUrl();
    cleanups.push(postgres.cleanup);
    await applyMigrations(postgres.url);
    postgresTemplate = new URL(postgres.url).pathname.slice(1);
  }
  project.provide('postgresTemplate', postgresTemplate);
}

export async function teardown(): Promise<void> {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
}
