// Runs the report/audit/export commands as the admin CLI would. Until src/cli/program.ts registers
// them, the commands are mounted on a small program of their own with the same context and error
// handling as runCli; once registered, the real CLI runs them.
import { Command, CommanderError } from 'commander';
import { loadReferenceData } from '../../../src/app/reference-data.ts';
import { clockFromConfig } from '../../../src/app/clock-from-config.ts';
import { registerAuditCommands } from '../../../src/cli/commands/audit.ts';
import { registerExportCommands } from '../../../src/cli/commands/export.ts';
import { registerReportCommands } from '../../../src/cli/commands/report.ts';
import type { CliContext, CliIo } from '../../../src/cli/context.ts';
import { buildProgram } from '../../../src/cli/program.ts';
import { parseConfig } from '../../../src/config/config.ts';
import { openDatabase } from '../../../src/db/database.ts';
import { UserError } from '../../../src/domain/errors.ts';
import { cli, type CliResult } from '../../support/run-cli.ts';

const silent: CliIo = { out: () => {}, err: () => {} };
const registered = buildProgram(() => ({}) as CliContext, silent).commands.some((c) => c.name() === 'report');

async function ownProgram(url: string, args: string[], env: Record<string, string>): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t) };
  const config = parseConfig({ DATABASE_URL: url, ...env });
  const database = await openDatabase(config.DATABASE_URL);
  const context: CliContext = { db: database.client, clock: clockFromConfig(config), io, actor: { kind: 'cli' }, reference: loadReferenceData(config) };
  const program = new Command('nhacviec');
  registerReportCommands(program, () => context);
  registerAuditCommands(program, () => context);
  registerExportCommands(program, () => context);
  const all = (c: Command): Command[] => [c, ...c.commands.flatMap(all)];
  for (const command of all(program)) {
    command.exitOverride();
    command.configureOutput({ writeOut: (t) => io.out(t.trimEnd()), writeErr: (t) => io.err(t.trimEnd()) });
  }
  let code = 0;
  try {
    await program.parseAsync(args, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) code = error.exitCode === 0 ? 0 : 1;
    else if (error instanceof UserError) {
      io.err(`Lỗi: ${error.message}`);
      code = 1;
    } else throw error;
  } finally {
    await database.close();
  }
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

export function reportCli(url: string, args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return registered ? cli(url, args, env) : ownProgram(url, args, env);
}
