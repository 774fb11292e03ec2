import { type Command, InvalidArgumentError } from 'commander';
import { retryFailedDelivery } from '../../db/store/delivery-retry.ts';
import { listFailedReminders } from '../../db/store/reminder-failures.ts';
import { formatVietnamese, vietnamDateOf } from '../../domain/local-date.ts';
import { decimalInteger } from '../arguments.ts';
import { emit, type CliContext, type JsonOption } from '../context.ts';

function limitArgument(text: string): number {
  const n = decimalInteger(text);
  if (n === undefined || n < 1 || n > 10_000) throw new InvalidArgumentError('phải là số từ 1 đến 10000.');
  return n;
}

export function idArgument(text: string, previous: number[] = []): number[] {
  const n = decimalInteger(text);
  if (n === undefined || n < 1) throw new InvalidArgumentError(`"${text}" không phải số hợp lệ.`);
  return [...previous, n];
}

export function registerReminderCommands(program: Command, context: () => CliContext): void {
  const reminders = program.command('reminders').description('nhắc việc');
  reminders
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

  reminders
    .command('retry')
    .description('gửi lại các lời nhắc bị lỗi (số lấy từ reminders failed --json); ghi nhật ký')
    .argument('<ids...>', 'số của lời nhắc', idArgument)
    .option('--json', 'in JSON')
    .action(async (ids: number[], options: JsonOption) => {
      const { db, actor, clock } = context();
      const retried = [];
      for (const id of ids) retried.push(await retryFailedDelivery(db, 'reminder', id, actor, clock.now()));
      emit(context(), options, retried, () => `Đã xếp lại ${retried.length} lời nhắc; bot sẽ gửi ở lượt quét tới.`);
    });
}
