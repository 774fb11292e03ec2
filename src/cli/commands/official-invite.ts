// `official invite <username> --zalo` (or `--unit <code>` / `--all-unlinked`): queue Zalo
// invitations carrying a link code, sent by the running bot spaced out over hours;
// `official invite <username> --cancel` takes one out of the queue.
import type { Command } from 'commander';
import type { InvitationPace } from '../../domain/invitation-schedule.ts';
import { UserError } from '../../domain/errors.ts';
import { formatVietnamTime, formatVietnamTimeShort } from '../../domain/local-date.ts';
import {
  cancelZaloInvitation,
  queueZaloInvitations,
  type InviteReport,
  type InviteSelection,
} from '../../db/store/zalo-invitations.ts';
import { expectedQueueFinish } from '../../db/store/zalo-invitation-summary.ts';
import { codeArgument, nonEmptyText, usernameArgument } from '../arguments.ts';
import { emit, type CliContext, type JsonOption } from '../context.ts';

type InviteOptions = JsonOption & {
  zalo?: boolean;
  unit?: string;
  allUnlinked?: boolean;
  cancel?: boolean;
  reason?: string;
};

/** "10 phút", "45 giây", "2 giờ": the spacing as the office reads it. */
export function spacingText(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600} giờ`;
  if (seconds % 60 === 0) return `${seconds / 60} phút`;
  return `${seconds} giây`;
}

export function paceOf(context: CliContext): InvitationPace {
  const { config, reference } = context;
  return {
    spacingMs: config.ZALO_INVITE_SPACING_SECONDS * 1000,
    dailyCap: config.ZALO_INVITE_DAILY_CAP,
    hours: [config.WORKING_HOURS.start, config.WORKING_HOURS.end],
    isWorkingDay: (date) => reference.calendar.isWorkingDay(date),
  };
}

function selectionOf(username: string | undefined, options: InviteOptions): InviteSelection {
  const chosen = [username !== undefined, options.unit !== undefined, Boolean(options.allUnlinked)].filter(Boolean);
  if (chosen.length !== 1)
    throw new UserError(
      'Chọn đúng một trong: <tên đăng nhập>, --unit <mã đơn vị>, --all-unlinked. Ví dụ: official invite lethib --zalo',
      'INVITE_SELECTION',
    );
  if (username !== undefined) return { username };
  if (options.unit !== undefined) return { unitCode: options.unit };
  return { allUnlinked: true };
}

/** `last`: when the whole queue should be done (expectedQueueFinish), new ones being at its end. */
export function inviteReportText(report: InviteReport, context: CliContext, last: Date | undefined): string {
  const lines: string[] = [];
  for (const official of report.queued)
    lines.push(
      `${official.username}\t${official.fullName}\t${official.phone}\tgửi từ ${formatVietnamTime(official.notBefore)}`,
    );
  for (const official of report.waiting)
    lines.push(
      `${official.username}\t${official.fullName}\tđã trong hàng chờ, gửi từ ${formatVietnamTime(official.notBefore)}`,
    );
  for (const refusal of report.refused)
    lines.push(`${refusal.username}\t${refusal.fullName}\tkhông mời: ${refusal.reason}`);
  const all = [...report.queued, ...report.waiting];
  const { ZALO_INVITE_SPACING_SECONDS, ZALO_INVITE_DAILY_CAP } = context.config;
  if (all.length === 0) lines.push('Không có lời mời nào được xếp hàng.');
  else
    lines.push(
      `Đã xếp hàng ${report.queued.length} lời mời` +
        (report.waiting.length > 0 ? ` (${report.waiting.length} đã chờ từ trước)` : '') +
        `; gửi dần 1 lời mời/${spacingText(ZALO_INVITE_SPACING_SECONDS)}, tối đa ${ZALO_INVITE_DAILY_CAP}/ngày trong giờ làm việc` +
        (last ? `, dự kiến xong lúc ${formatVietnamTimeShort(last)}` : '') +
        '. Bot đang chạy (giữ phiên Zalo) sẽ gửi; xem tiến độ: official list --unlinked',
    );
  return lines.join('\n');
}

export function registerOfficialInvite(official: Command, context: () => CliContext): void {
  official
    .command('invite')
    .description('mời cán bộ chưa liên kết qua Zalo (tìm theo số điện thoại, gửi mã liên kết), gửi dần theo hàng chờ')
    .argument('[username]', 'tên đăng nhập cán bộ', usernameArgument)
    .option('--zalo', 'mời qua Zalo (bắt buộc khi mời)')
    .option('--unit <code>', 'mời mọi cán bộ chưa liên kết của đơn vị này', codeArgument)
    .option('--all-unlinked', 'mời mọi cán bộ chưa liên kết')
    .option('--cancel', 'huỷ lời mời đang chờ gửi của cán bộ này')
    .option('--reason <text>', 'lý do huỷ, ghi vào nhật ký', nonEmptyText)
    .option('--json', 'in JSON')
    .action(async (username: string | undefined, options: InviteOptions) => {
      const ctx = context();
      const now = ctx.clock.now();
      if (options.cancel) {
        if (username === undefined || options.unit !== undefined || options.allUnlinked)
          throw new UserError('Huỷ từng lời mời: official invite <tên đăng nhập> --cancel', 'INVITE_SELECTION');
        const cancelled = await cancelZaloInvitation(
          ctx.db,
          username,
          { now, ...(options.reason ? { reason: options.reason } : {}) },
          ctx.actor,
        );
        emit(ctx, options, cancelled, () => `Đã huỷ lời mời Zalo của ${cancelled.username} (chưa gửi).`);
        return;
      }
      const selection = selectionOf(username, options);
      if (!options.zalo)
        throw new UserError(
          'Hiện chỉ mời được qua Zalo: thêm --zalo (ví dụ official invite lethib --zalo).',
          'INVITE_CHANNEL',
        );
      const report = await queueZaloInvitations(ctx.db, selection, { now, pace: paceOf(ctx) }, ctx.actor);
      // From now on at the pace: invitations left waiting while the bot was down go from now, not at their times.
      const finish = await expectedQueueFinish(ctx.db, ctx.clock.now(), paceOf(ctx));
      emit(ctx, options, report, () => inviteReportText(report, ctx, finish));
    });
}
