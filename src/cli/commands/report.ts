import { InvalidArgumentError, type Command } from 'commander';
import { vietnamDateOf } from '../../domain/local-date.ts';
import { UserError } from '../../domain/errors.ts';
import { buildMonthlyReport } from '../../reports/build-monthly-report.ts';
import { monthlyReportDataPeriod } from '../../domain/duties/catalogue.ts';
import { parseReportMonth } from '../../reports/month.ts';
import {
  REPORT_FORMATS as FORMATS,
  REPORT_RENDERERS as RENDERERS,
  type ReportFormat,
} from '../../reports/report-files.ts';
import { writeOutputFile } from '../../reports/write-output.ts';
import { codeArgument } from '../arguments.ts';
import type { CliContext, JsonOption } from '../context.ts';

function formatArgument(text: string): ReportFormat {
  if (!(FORMATS as readonly string[]).includes(text))
    throw new InvalidArgumentError(`định dạng phải là ${FORMATS.join(' | ')}.`);
  return text as ReportFormat;
}

function monthArgument(text: string): string {
  const month = parseReportMonth(text);
  if (!month)
    throw new InvalidArgumentError(`tháng "${text}" không hợp lệ (dùng YYYY-MM, ví dụ 2026-11, hoặc MM/yyyy).`);
  return month.key;
}

/** `95` or `95%` → 0.95 */
function percentArgument(text: string): number {
  const value = Number(text.replace(/%$/, '').replace(',', '.'));
  if (!Number.isFinite(value) || value <= 0 || value > 100)
    throw new InvalidArgumentError(`chỉ tiêu "${text}" phải là phần trăm từ 1 đến 100.`);
  return value / 100;
}

interface ReportOptions extends JsonOption {
  month: string;
  unit?: string;
  format: ReportFormat;
  out?: string;
  target?: number;
}

export function registerReportCommands(program: Command, context: () => CliContext): void {
  program
    .command('report')
    .description('báo cáo tháng: việc, PAKN, hồ sơ, danh sách quá hạn')
    .requiredOption('--month <month>', 'tháng báo cáo (YYYY-MM)', monthArgument)
    .option('--unit <code>', 'chỉ đơn vị này và các đơn vị trực thuộc', codeArgument)
    .option('--format <format>', FORMATS.join(' | '), formatArgument, 'md')
    .option('--out <file>', 'ghi ra tệp (bắt buộc với xlsx, png)')
    .option('--target <percent>', 'chỉ tiêu tỷ lệ việc đúng hạn cho biểu đồ (mặc định 100)', percentArgument)
    .option('--json', 'in số liệu báo cáo dạng JSON')
    .action(async (options: ReportOptions) => {
      const { db, clock, io, reference } = context();
      if ((options.format === 'xlsx' || options.format === 'png') && !options.out) {
        throw new UserError(
          `Định dạng ${options.format} cần --out <tệp>, ví dụ --out bao-cao-${options.month}.${options.format}`,
          'OUT_REQUIRED',
        );
      }
      const report = await buildMonthlyReport(db, {
        month: options.month,
        unitCode: options.unit,
        today: vietnamDateOf(clock.now()),
        dataPeriod: monthlyReportDataPeriod(reference.catalogue),
        ...(options.target !== undefined ? { targets: { tasks: options.target } } : {}),
      });
      // --json prints the figures; a file is written only when --out asks for one.
      if (options.json && !options.out) {
        io.out(JSON.stringify(report, null, 2));
        return;
      }
      const content = await RENDERERS[options.format](report);
      if (options.out) {
        const path = writeOutputFile(options.out, content);
        io.out(
          options.json
            ? JSON.stringify(report, null, 2)
            : `Đã ghi báo cáo tháng ${options.month} (${options.format}) vào ${path}`,
        );
      } else {
        io.out(String(content).trimEnd());
      }
    });
}
