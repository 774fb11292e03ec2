// Runs one admin command: config → database (migrated) → command → exit code.
// 0 success, 1 refused (bad input, unknown id…: nothing changed), 2 bad configuration (settings,
// calendar or duty file).
import { CommanderError, type Command } from 'commander';
import { ConfigError, parseConfig } from '../config/config.ts';
import { clockFromConfig } from '../app/clock-from-config.ts';
import type { Database } from '../db/database.ts';
import type { Store } from '../db/store/store.ts';
import { InputFileError, UserError } from '../domain/errors.ts';
import { lazyReferenceData } from '../app/reference-data.ts';
import type { CliContext, CliIo } from './context.ts';
import { buildProgram } from './program.ts';

/**
 * Commands that answer from the calendar and the duty catalogue alone. They neither open the
 * database nor run migrations (Prisma and its engines are not even loaded); the settings are
 * still validated first, exactly like every other command.
 */
const DATABASE_FREE = new Set([
  'calendar is-working-day',
  'calendar add-working-days',
  'calendar days-off',
  'deadline',
  'duties list',
]);

export async function runCli(argv: string[], env: Record<string, string | undefined>, io: CliIo): Promise<number> {
  let database: Database | undefined;
  let context: CliContext | undefined;
  try {
    const program = await buildProgram(() => context!, io, argv);
    program.hook('preAction', async (_program, command) => {
      const config = parseConfig(env);
      let db = noDatabase;
      if (!DATABASE_FREE.has(commandPath(command))) {
        // Loaded here, not at the top: Prisma and the SQL drivers are most of the CLI's start-up.
        const [{ applyMigrations }, { openDatabase }] = await Promise.all([
          import('../db/migrate/migrations.ts'),
          import('../db/database.ts'),
        ]);
        await applyMigrations(config.DATABASE_URL);
        database = await openDatabase(config.DATABASE_URL);
        db = database.store;
      }
      // Each reference file is read when a command first needs it (an unusable one still exits 2,
      // before any change): parsing and checking both is a good part of a short command's start.
      const reference = lazyReferenceData(config);
      context = { db, clock: clockFromConfig(config), io, actor: { kind: 'cli' }, reference, config };
    });
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

/** `calendar is-working-day` for that subcommand: its names below the program. */
function commandPath(command: Command): string {
  const names: string[] = [];
  for (let current: Command | null = command; current?.parent; current = current.parent) names.unshift(current.name());
  return names.join(' ');
}

/** The database of a DATABASE_FREE command: touching it is a bug in that list, said plainly. */
const noDatabase = new Proxy({} as Store, {
  get(_target, property) {
    throw new Error(
      `this command was declared database-free (DATABASE_FREE) but used the database (${String(property)})`,
    );
  },
});
