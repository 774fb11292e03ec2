// `import plan|pakn|dossiers <file>`: bring a plan's appendix table (CSV, XLSX, or the plan's own
// Word/PDF file — told apart by the import service, not here) or the one-stop system's exports
// in. Exit 0: every row understood; 1: some rows refused (listed with their row number and
// reason; nothing written unless --skip-bad); 2: the file itself cannot be read.
import type { Command } from 'commander';
import { importDossiers } from '../../import/one-stop/dossier-import.ts';
import { importPetitions } from '../../import/one-stop/pakn-import.ts';
import type { RegisterImportReport } from '../../import/one-stop/register-import.ts';
import { importPlan } from '../../import/plan/plan-import.ts';
import { planReportText, registerReportText } from '../../import/report-text.ts';
import { codeArgument } from '../arguments.ts';
import { refuseIfRowsRefused } from '../import-refusals.ts';
import { emit, type CliContext, type JsonOption } from '../context.ts';

interface ImportOptions extends JsonOption {
  dryRun?: boolean;
  skipBad?: boolean;
}

function withCommonOptions(command: Command): Command {
  return command
    .option('--dry-run', 'chỉ in những gì sẽ làm, không ghi gì')
    .option('--skip-bad', 'vẫn nhập các dòng hợp lệ khi có dòng lỗi (mã thoát vẫn là 1)')
    .option('--json', 'in JSON');
}

export function registerImportCommands(program: Command, context: () => CliContext): void {
  const command = program.command('import').description('nhập kế hoạch (CSV/XLSX/Word/PDF), PAKN, hồ sơ (CSV/XLSX)');

  withCommonOptions(
    command
      .command('plan')
      .description('nhập bảng phụ lục nhiệm vụ của kế hoạch KSTTHC: việc có hạn cụ thể thành việc của đơn vị chủ trì')
      .argument(
        '<file>',
        'tệp .csv, .xlsx, hoặc chính văn bản kế hoạch .docx/.pdf (PDF phải có lớp chữ, không phải bản scan)',
      )
      .option('--plan <code>', 'mã kế hoạch dùng để nhận ra việc đã nhập (mặc định: tên tệp)', codeArgument),
  ).action(async (file: string, options: ImportOptions & { plan?: string }) => {
    const { db, clock, actor, reference } = context();
    const report = await importPlan(
      db,
      { file, planCode: options.plan, dryRun: Boolean(options.dryRun), skipBad: Boolean(options.skipBad) },
      { calendar: reference.calendar, now: clock.now(), actor },
    );
    emit(context(), options, report, () => planReportText(report));
    refuseIfRowsRefused(report);
  });

  const registers: [string, string, typeof importPetitions][] = [
    [
      'pakn',
      'nhập PAKN từ tệp xuất của hệ thống một cửa (mã, ngày tiếp nhận, cán bộ/đơn vị, trạng thái, ngày trả lời)',
      importPetitions,
    ],
    [
      'dossiers',
      'nhập hồ sơ từ tệp xuất của hệ thống một cửa (mã, ngày hẹn trả, cán bộ/đơn vị, trạng thái, ngày trả kết quả)',
      importDossiers,
    ],
  ];
  for (const [name, description, run] of registers) {
    withCommonOptions(command.command(name).description(description).argument('<file>', 'tệp .csv hoặc .xlsx')).action(
      async (file: string, options: ImportOptions) => {
        const { db, clock, actor, reference } = context();
        const report: RegisterImportReport = await run(
          db,
          { file, dryRun: Boolean(options.dryRun), skipBad: Boolean(options.skipBad) },
          { reference, now: clock.now(), actor },
        );
        emit(context(), options, report, () => registerReportText(report));
        refuseIfRowsRefused(report);
      },
    );
  }
}
