import { type Command, InvalidArgumentError } from 'commander';
import { listFailedReminders } from '../../db/store/reminder-failures.ts';
import { formatVietnamese, vietnamDateOf } from '../../domain/local-date.ts';
import { decimalInteger } from '../arguments.ts';
import { emit, type CliContext, type JsonOption } from '../context.ts';

function limitArgument(text: string): number {
  const n = decimalInteger(text);
  if (n === undefined || n < 1 || n > 10_000) throw new InvalidArgumentError('phải là số từ 1 đến 10000.');
  return n;
}

export function registerReminderCommands(program: Command, context: () => CliContext): void {
  program
    .command('reminders')
    .description('nhắc việc')
    .command('failed')
    .description('các lời nhắc không gửi được (chưa liên kết chat, bị chặn…), mới nhất trước')
    .option('--limit <n>', 'tối đa bao nhiêu dòng', limitArgument, 100)
    .option('--json', 'in JSON')
    .action(async (options: JsonOption & { limit: number }) => {
      const failed = await listFailedReminders(context().db, options.limit);
      emit(context(), options, failed, () =>
        failed.length === 0
          ? 'Không có lời nhắc nào bị lỗi.'
          : failed
              .map(
                (r) =>
                  `${formatVietnamese(vietnamDateOf(r.scheduledFor))}\t#${r.taskId}\t${r.recipient.username} (${r.recipient.fullName})\t${r.lastError ?? '?'}\t${r.task.title}`,
              )
              .join('\n'),
      );
    });
}
