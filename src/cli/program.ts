import { Command, Help, type Option } from 'commander';
import type { CliContext, CliIo } from './context.ts';
import { translateCommanderMessage } from './commander-messages.ts';

type Register = (program: Command, context: () => CliContext) => void;

/**
 * Every top-level command, in the order `--help` lists them, with the module that defines it.
 * Modules are imported only when their command runs: `report` pulls in chart rendering and
 * spreadsheets, `import` the spreadsheet and CSV readers, `zalo` the Zalo SDK; a calendar question
 * should not pay for them.
 */
const COMMANDS: [name: string, load: () => Promise<Register>][] = [
  ['unit', async () => (await import('./commands/unit.ts')).registerUnitCommands],
  ['official', async () => (await import('./commands/official.ts')).registerOfficialCommands],
  ['link-code', async () => (await import('./commands/link-code.ts')).registerLinkCodeCommand],
  ['link-sheet', async () => (await import('./commands/link-sheet.ts')).registerLinkSheetCommand],
  ['task', async () => (await import('./commands/task.ts')).registerTaskCommands],
  // One module defines both `pakn` and `dossier`.
  ['pakn dossier', async () => (await import('./commands/event-duties.ts')).registerEventDutyCommands],
  ['deadline', async () => (await import('./commands/duties.ts')).registerDeadlineCommand],
  ['calendar', async () => (await import('./commands/calendar.ts')).registerCalendarCommands],
  ['duties', async () => (await import('./commands/duties.ts')).registerDutiesCommands],
  ['report', async () => (await import('./commands/report.ts')).registerReportCommands],
  ['audit', async () => (await import('./commands/audit.ts')).registerAuditCommands],
  ['export', async () => (await import('./commands/export.ts')).registerExportCommands],
  ['import', async () => (await import('./commands/import.ts')).registerImportCommands],
  ['reminders', async () => (await import('./commands/reminders.ts')).registerReminderCommands],
  ['notices', async () => (await import('./commands/notices.ts')).registerNoticeCommands],
  ['backup restore', async () => (await import('./commands/backup.ts')).registerBackupCommands],
  ['zalo', async () => (await import('./commands/zalo.ts')).registerZaloCommands],
  ['web', async () => (await import('./commands/web.ts')).registerWebCommands],
];

/**
 * The admin command line; `context` is resolved when a command runs (after the database opens).
 * When `argv` starts with a known command name only that command's module is loaded; anything
 * else (no command, `--help`, a misspelt name) loads them all, so help and "did you mean"
 * suggestions list every command as before.
 */
export async function buildProgram(context: () => CliContext, io: CliIo, argv: readonly string[]): Promise<Command> {
  const program = new Command('nhacviec')
    .description('Quản trị nhacviec: đơn vị, cán bộ, việc, mã liên kết')
    .showHelpAfterError('(dùng --help để xem cách dùng)')
    // Options belong to the command they follow: `link-code revoke lethib --json` is revoke's --json,
    // not that of `link-code <username>`, which has its own.
    .enablePositionalOptions()
    .exitOverride();
  const first = argv[0];
  const only = COMMANDS.filter(([names]) => first !== undefined && names.split(' ').includes(first));
  const registers = await Promise.all((only.length > 0 ? only : COMMANDS).map(([, load]) => load()));
  for (const register of registers) register(program, context);
  const output = {
    writeOut: (text: string) => io.out(text.trimEnd()),
    writeErr: (text: string) => io.err(text.trimEnd()),
    outputError: (text: string) => io.err(translateCommanderMessage(text).trimEnd()),
  };
  for (const command of [program, ...allCommands(program)]) {
    command.exitOverride();
    command.configureOutput(output);
    command.helpOption('-h, --help', 'xem hướng dẫn của lệnh');
    if (command.commands.length > 0) command.helpCommand('help [lệnh]', 'xem hướng dẫn của một lệnh');
    command.configureHelp(VIETNAMESE_HELP);
  }
  return program;
}

/** Commander's help headings and notes, as the office reads them. */
const HEADINGS: Record<string, string> = {
  'Usage:': 'Cách dùng:',
  'Options:': 'Tuỳ chọn:',
  'Commands:': 'Lệnh:',
  'Arguments:': 'Đối số:',
  'Global Options:': 'Tuỳ chọn chung:',
};

const VIETNAMESE_HELP: Partial<Help> = {
  styleTitle: (title: string) => HEADINGS[title] ?? title,
  optionDescription(option: Option): string {
    return Help.prototype.optionDescription
      .call(this as Help, option)
      .replace('(default: ', '(mặc định: ')
      .replace('(choices: ', '(một trong: ');
  },
};

function allCommands(command: Command): Command[] {
  return command.commands.flatMap((child) => [child, ...allCommands(child)]);
}
