// `web login-link <username>`: a one-time sign-in link to the web console, printed for the office
// admin (the first admin has no one to send them a link in chat). Same service as the console's
// sign-in form; the link is audited as issued by the CLI.
import type { Command } from 'commander';
import { formatVietnamTime } from '../../domain/local-date.ts';
import { createWebConsole } from '../../services/web-console.ts';
import { usernameArgument } from '../arguments.ts';
import { emit, type CliContext, type JsonOption } from '../context.ts';

export function registerWebCommands(program: Command, context: () => CliContext): void {
  const web = program.command('web').description('trang quản trị trên trình duyệt');
  web
    .command('login-link')
    .description('in một liên kết đăng nhập dùng một lần (10 phút) cho cán bộ')
    .argument('<username>', 'tên đăng nhập cán bộ', usernameArgument)
    .option('--json', 'in JSON')
    .action(async (username: string, options: JsonOption) => {
      const { db, clock, config } = context();
      const baseUrl = config.WEB_BASE_URL ?? `http://${config.WEB_HOST}:${config.WEB_PORT}`;
      const { url, expiresAt } = await createWebConsole({ store: db, clock, baseUrl }).signInLinkFor(username);
      emit(
        context(),
        options,
        { username, url, expiresAt: expiresAt.toISOString() },
        () =>
          `Liên kết đăng nhập của ${username} (dùng một lần, hết hạn ${formatVietnamTime(expiresAt)}):\n${url}\n` +
          'Mở liên kết này trên trình duyệt rồi bấm "Đăng nhập". Đừng gửi nó cho người khác.',
      );
    });
}
