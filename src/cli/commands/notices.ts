// `notices [--failed] [--json]`: the "what changed" notices queued for officials by corrections,
// newest first, with their state and why the failed ones were given up on.
import { type Command, InvalidArgumentError } from 'commander';
import { retryFailedDelivery } from '../../db/store/delivery-retry.ts';
import { listNotices, type NoticeListing } from '../../db/store/notice-delivery.ts';
import { decimalInteger } from '../arguments.ts';
import { idArgument } from './reminders.ts';
import { emit, type CliContext, type JsonOption } from '../context.ts';

const STATE_LABELS: Record<NoticeListing['state'], string> = {
  pending: 'chờ gửi',
  sending: 'đang gửi',
  sent: 'đã gửi',
  failed: 'lỗi',
};

function limitArgument(text: string): number {
  const n = decimalInteger(text);
  if (n === undefined || n < 1 || n > 10_000) throw new InvalidArgumentError('phải là số từ 1 đến 10000.');
  return n;
}

/** One line: id, recipient, state, text (on one line), last error. */
function line(notice: NoticeListing): string {
  return [
    `#${notice.id}`,
    `${notice.recipient.username} (${notice.recipient.fullName})`,
    STATE_LABELS[notice.state],
    notice.text.replace(/\s*\n\s*/g, ' '),
    notice.lastError ?? '',
  ]
    .join('\t')
    .trimEnd();
}

export function registerNoticeCommands(program: Command, context: () => CliContext): void {
  const notices = program
    .command('notices')
    .description('thông báo thay đổi gửi cán bộ (đổi đơn vị, vai trò, mở lại việc, hệ thống một cửa), mới nhất trước')
    .option('--failed', 'chỉ những thông báo không gửi được')
    .option('--limit <n>', 'tối đa bao nhiêu dòng', limitArgument, 100)
    .option('--json', 'in JSON')
    .action(async (options: JsonOption & { failed?: boolean; limit: number }) => {
      const listed = await listNotices(context().db, { failedOnly: options.failed === true, limit: options.limit });
      const none = options.failed ? 'Không có thông báo nào bị lỗi.' : 'Chưa có thông báo nào.';
      emit(context(), options, listed, () => (listed.length === 0 ? none : listed.map(line).join('\n')));
    });

  notices
    .command('retry')
    .description('gửi lại các thông báo bị lỗi (số lấy từ notices --failed); ghi nhật ký')
    .argument('<ids...>', 'số của thông báo', idArgument)
    .option('--json', 'in JSON')
    .action(async (ids: number[], options: JsonOption) => {
      const { db, actor, clock } = context();
      const retried = [];
      for (const id of ids) retried.push(await retryFailedDelivery(db, 'notice', id, actor, clock.now()));
      emit(context(), options, retried, () => `Đã xếp lại ${retried.length} thông báo; bot sẽ gửi ở lượt quét tới.`);
    });
}
