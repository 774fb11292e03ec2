import { Command } from 'commander';
import type { CliContext, CliIo } from './context.ts';
import { translateCommanderMessage } from './commander-messages.ts';
import { registerLinkCodeCommand } from './commands/link-code.ts';
import { registerOfficialCommands } from './commands/official.ts';
import { registerTaskCommands } from './commands/task.ts';
import { registerUnitCommands } from './commands/unit.ts';
import { registerCalendarCommands } from './commands/calendar.ts';
import { registerDeadlineCommand, registerDutiesCommands } from './commands/duties.ts';
import { registerEventDutyCommands } from './commands/event-duties.ts';
import { registerReportCommands } from './commands/report.ts';
import { registerAuditCommands } from './commands/audit.ts';
import { registerExportCommands } from './commands/export.ts';
import { registerImportCommands } from './commands/import.ts';
import { registerReminderCommands } from './commands/reminders.ts';
import { registerZaloCommands } from './commands/zalo.ts';

/** The admin command line; `context` is resolved when a command runs (after the database opens). */
export function buildProgram(context: () => CliContext, io: CliIo): Command {
  const program = new Command('nhacviec')
    .description('Quản trị nhacviec: đơn vị, cán bộ, việc, mã liên kết')
    .showHelpAfterError('(dùng --help để xem cách dùng)')
    .exitOverride();
  registerUnitCommands(program, context);
  registerOfficialCommands(program, context);
  registerLinkCodeCommand(program, context);
  registerTaskCommands(program, context);
  registerEventDutyCommands(program, context);
  registerDeadlineCommand(program, context);
  registerCalendarCommands(program, context);
  registerDutiesCommands(program, context);
  registerReportCommands(program, context);
  registerAuditCommands(program, context);
  registerExportCommands(program, context);
  registerImportCommands(program, context);
  registerReminderCommands(program, context);
  registerZaloCommands(program, context);
  const output = {
    writeOut: (text: string) => io.out(text.trimEnd()),
    writeErr: (text: string) => io.err(text.trimEnd()),
    outputError: (text: string) => io.err(translateCommanderMessage(text).trimEnd()),
  };
  for (const command of [program, ...allCommands(program)]) {
    command.exitOverride();
    command.configureOutput(output);
  }
  return program;
}

function allCommands(command: Command): Command[] {
  return command.commands.flatMap((child) => [child, ...allCommands(child)]);
}
