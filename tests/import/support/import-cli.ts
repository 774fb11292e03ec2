// Runs `import …` as the admin CLI would. Once src/cli/program.ts registers the import commands
// this is exactly tests/support/run-cli.ts; until then it mounts them on a bare program with the
// same error-to-exit-code mapping as src/cli/run-cli.ts (UserError → 1, file error → 2).
import { Command, CommanderError } from 'commander';
import { clockFromConfig } from '../../../src/app/clock-from-config.ts';
import { loadReferenceData } from '../../../src/app/reference-data.ts';
import { registerImportCommands } from '../../../src/cli/commands/import.ts';
import type { CliContext } from '../../../src/cli/context.ts';
import { buildProgram } from '../../../src/cli/program.ts';
import { parseConfig } from '../../../src/config/config.ts';
import { openDatabase } from '../../../src/db/database.ts';
import { UserError } from '../../../src/domain/errors.ts';
import { YamlFileError } from '../../../src/domain/yaml-file.ts';
import { cli, type CliResult } from '../../support/run-cli.ts';

const quiet = { out: () => undefined, err: () => undefined };
const registered = buildProgram(() => {
  throw new Error('not run');
}, quiet).commands.some((command) => command.name() === 'import');

export async function importCli(databaseUrl: string, args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  if (registered) return cli(databaseUrl, args, env);
  const out: string[] = [];
  const err: string[] = [];
  const io = { out: (text: string) => out.push(text), err: (text: string) => err.push(text) };
  const config = parseConfig({ DATABASE_URL: databaseUrl, ...env });
  const database = await openDatabase(config.DATABASE_URL);
  const context: CliContext = { db: database.client, clock: clockFromConfig(config), io, actor: { kind: 'cli' }, reference: loadReferenceData(config) };
  const program = new Command('nhacviec').exitOverride();
  registerImportCommands(program, () => context);
  const all = (command: Command): Command[] => command.commands.flatMap((child) => [child, ...all(child)]);
  for (const command of [program, ...all(program)]) {
    command.exitOverride();
    command.configureOutput({ writeOut: io.out, writeErr: io.err, outputError: io.err });
  }
  let code = 0;
  try {
    await program.parseAsync(args, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) code = error.exitCode === 0 ? 0 : 1;
    else if (error instanceof UserError) {
      io.err(`Lỗi: ${error.message}`);
      code = 1;
    } else if (error instanceof YamlFileError) {
      io.err(error.message);
      code = 2;
    } else throw error;
  } finally {
    await database.close();
  }
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}
