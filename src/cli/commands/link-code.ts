import type { Command } from 'commander';
import { createLinkCode, revokeLinkCodes } from '../../db/store/link-codes.ts';
import { formatVietnamTime } from '../../domain/local-date.ts';
import { nonEmptyText, usernameArgument } from '../arguments.ts';
import { emit, type CliContext, type JsonOption } from '../context.ts';

export function registerLinkCodeCommand(program: Command, context: () => CliContext): void {
  const linkCode = program
    .command('link-code')
    .description('tạo mã liên kết dùng một lần (24 giờ) để cán bộ gắn tài khoản chat: /lienket <mã>')
    .argument('<username>', 'tên đăng nhập cán bộ', usernameArgument)
    .option('--json', 'in JSON')
    // `link-code revoke lethib --json`: an option after the subcommand is the subcommand's own.
    .enablePositionalOptions()
    .action(async (username: string, options: JsonOption) => {
      const { code, expiresAt } = await createLinkCode(context().db, username, context().clock.now(), context().actor);
      emit(
        context(),
        options,
        { username, code, expiresAt: expiresAt.toISOString() },
        () =>
          `Mã liên kết của ${username}: ${code} (dùng một lần, hết hạn ${formatVietnamTime(expiresAt)}).\n` +
          `Cán bộ mở cuộc trò chuyện với bot trên Telegram hoặc Zalo và gõ: /lienket ${code}`,
      );
    });

  linkCode
    .command('revoke')
    .description('thu hồi mọi mã liên kết chưa dùng của cán bộ')
    .argument('<username>', 'tên đăng nhập cán bộ', usernameArgument)
    .option('--reason <text>', 'lý do, ghi vào nhật ký', nonEmptyText)
    .option('--json', 'in JSON')
    .action(async (username: string, options: JsonOption & { reason?: string }) => {
      const { db, clock, actor } = context();
      const result = await revokeLinkCodes(db, username, { now: clock.now(), reason: options.reason }, actor);
      emit(context(), options, result, () =>
        result.revoked === 0
          ? `Cán bộ ${username} không có mã liên kết nào còn hiệu lực: không có gì để thu hồi.`
          : `Đã thu hồi ${result.revoked} mã liên kết chưa dùng của ${username}.`,
      );
    });
}
