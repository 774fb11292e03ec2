import type { Command } from 'commander';
import { createLinkCode } from '../../db/store/link-codes.ts';
import { usernameArgument } from '../arguments.ts';
import { emit, type CliContext, type JsonOption } from '../context.ts';

export function registerLinkCodeCommand(program: Command, context: () => CliContext): void {
  program
    .command('link-code')
    .description('tạo mã liên kết dùng một lần (24 giờ) để cán bộ gắn tài khoản chat: /lienket <mã>')
    .argument('<username>', 'tên đăng nhập cán bộ', usernameArgument)
    .option('--json', 'in JSON')
    .action(async (username: string, options: JsonOption) => {
      const { code, expiresAt } = await createLinkCode(context().db, username, context().clock.now(), context().actor);
      emit(context(), options, { username, code, expiresAt: expiresAt.toISOString() }, () => code);
    });
}
