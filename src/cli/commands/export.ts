import { InvalidArgumentError, type Command } from 'commander';
import { listReportUnits } from '../../db/store/report-queries.ts';
import { listTasks, type TaskListStatus } from '../../db/store/tasks.ts';
import { UserError } from '../../domain/errors.ts';
import { formatVietnamese, vietnamDateOf } from '../../domain/local-date.ts';
import { renderTaskCsv, renderTaskXlsx, taskExportRows } from '../../reports/task-export.ts';
import { writeOutputFile } from '../../reports/write-output.ts';
import { codeArgument } from '../arguments.ts';
import type { CliContext } from '../context.ts';

const STATUSES: TaskListStatus[] = ['open', 'done', 'overdue', 'cancelled'];
const FORMATS = ['csv', 'xlsx'] as const;
type ExportFormat = (typeof FORMATS)[number];

function statusArgument(text: string): TaskListStatus {
  if (!(STATUSES as string[]).includes(text))
    throw new InvalidArgumentError(`trạng thái phải là ${STATUSES.join(' | ')}.`);
  return text as TaskListStatus;
}

function formatArgument(text: string): ExportFormat {
  if (!(FORMATS as readonly string[]).includes(text))
    throw new InvalidArgumentError(`định dạng phải là ${FORMATS.join(' | ')}.`);
  return text as ExportFormat;
}

const STATUS_WORDS: Record<TaskListStatus, string> = {
  open: 'đang mở',
  done: 'đã xong',
  overdue: 'quá hạn',
  cancelled: 'đã huỷ',
};

export function registerExportCommands(program: Command, context: () => CliContext): void {
  program
    .command('export')
    .description('xuất dữ liệu ra tệp bảng tính')
    .command('tasks')
    .description('xuất danh sách việc (CSV UTF-8 cho Excel, hoặc XLSX)')
    .option('--status <status>', STATUSES.join(' | '), statusArgument)
    .option('--unit <code>', 'đơn vị (gồm cả đơn vị trực thuộc)', codeArgument)
    .option('--format <format>', FORMATS.join(' | '), formatArgument, 'csv')
    .option('--out <file>', 'ghi ra tệp (bắt buộc với xlsx; CSV không có --out thì in ra màn hình)')
    .action(async (options: { status?: TaskListStatus; unit?: string; format: ExportFormat; out?: string }) => {
      const { db, clock, io } = context();
      if (options.format === 'xlsx' && !options.out)
        throw new UserError('Định dạng xlsx cần --out <tệp>, ví dụ --out viec.xlsx', 'OUT_REQUIRED');
      const today = vietnamDateOf(clock.now());
      const tasks = await listTasks(db, { unitCode: options.unit, status: options.status }, today);
      const unitNames = new Map((await listReportUnits(db)).map((u) => [u.code, u.name]));
      const rows = taskExportRows(tasks, unitNames, today);
      if (options.format === 'csv' && !options.out) {
        io.out(renderTaskCsv(rows).trimEnd());
        return;
      }
      const heading = [
        options.unit
          ? `Đơn vị ${unitNames.get(options.unit) ?? options.unit} và các đơn vị trực thuộc`
          : 'Tất cả đơn vị',
        options.status ? `việc ${STATUS_WORDS[options.status]}` : 'mọi trạng thái',
        `xuất ngày ${formatVietnamese(today)}`,
      ].join('; ');
      const content = options.format === 'csv' ? renderTaskCsv(rows) : await renderTaskXlsx(rows, heading);
      const path = writeOutputFile(options.out!, content);
      io.out(`Đã xuất ${rows.length} việc (${options.format}) vào ${path}`);
    });
}
