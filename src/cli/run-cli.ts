// Runs one admin command: config → database (migrated) → command → exit code.
// 0 success, 1 refused (bad input, unknown id…: nothing changed), 2 bad configuration (settings,
// calendar or duty file).
import { CommanderError } from 'commander';
import { ConfigError, parseConfig } from '../config/config.ts';
import { clockFromConfig } from '../app/clock-from-config.ts';
import { openDatabase, type Database } from '../db/database.ts';
import { applyMigrations } from '../db/migrate/migrations.ts';
import { InputFileError, UserError } from '../domain/errors.ts';
import { loadReferenceData } from '../app/reference-data.ts';
import type { CliContext, CliIo } from './context.ts';
import { buildProgram } from './program.ts';

export async function runCli(argv: string[], env: Record<string, string | undefined>, io: CliIo): Promise<number> {
  let database: Database | undefined;
  let context: CliContext | undefined;
  const program = buildProgram(() => context!, io);
  program.hook('preAction', async () => {
    const config = parseConfig(env);
    const reference = loadReferenceData(config);
    await applyMigrations(config.DATABASE_URL);
    database = await openDatabase(config.DATABASE_URL);
    context = { db: database.store, clock: clockFromConfig(config), io, actor: { kind: 'cli' }, reference };
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 1;
    if (error instanceof UserError) {
      io.err(`Lỗi: ${error.message}`);
      return 1;
    }
    if (error instanceof ConfigError || error instanceof InputFileError) {
      io.err(error.message);
      return 2;
    }
    throw error;
  } finally {
    await database?.close();
  }
}
