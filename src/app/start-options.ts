// `npm start -- [--as <username>] [--demo [--demo-db <url>]] [--help]`: the options of the bot process.
import { parseArgs } from 'node:util';

export interface StartOptions {
  actAs?: string;
  demo: boolean;
  /** `--demo-db <url>`: where the demo runs instead of ./data/demo.db. */
  demoDb?: string;
  help: boolean;
}

/** The demo's own database; DATABASE_URL (environment or .env) never applies to the demo. */
export const DEMO_DATABASE_URL = 'file:./data/demo.db';

export const START_USAGE = `Cách dùng: npm start -- [--as <tên đăng nhập>] [--demo [--demo-db <url>]] [--help]

  --as <tên>        khi chưa cấu hình Telegram/Zalo: dùng bot trên cửa sổ dòng lệnh với tư cách cán bộ này
  --demo            nạp dữ liệu mẫu (một Sở, các phòng, cán bộ, việc, có việc quá hạn) rồi dùng thử,
                    luôn trên cơ sở dữ liệu riêng ./data/demo.db (DATABASE_URL không áp dụng);
                    từ chối chạy trên cơ sở dữ liệu có dữ liệu thật
  --demo-db <url>   cùng --demo: dùng cơ sở dữ liệu mẫu này thay cho ./data/demo.db
  --help            in hướng dẫn này

Không có TELEGRAM_BOT_TOKEN và ZALO_CREDENTIALS_FILE: bot đọc lệnh từ bàn phím (hoặc từ ống dẫn,
ví dụ printf '/giup\\n' | npm start) và in trả lời; hết dữ liệu vào thì bot dừng.`;

/** Throws a TypeError (with Node's message, or ours) on an unknown option or a missing value. */
export function parseStartOptions(argv: string[]): StartOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      as: { type: 'string' },
      demo: { type: 'boolean' },
      'demo-db': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  const demo = values.demo ?? false;
  if (values['demo-db'] !== undefined && !demo) throw new TypeError('--demo-db chỉ dùng cùng với --demo.');
  return {
    ...(values.as ? { actAs: values.as } : {}),
    demo,
    ...(values['demo-db'] ? { demoDb: values['demo-db'] } : {}),
    help: values.help ?? false,
  };
}

/** The database the bot opens: the demo's own whatever DATABASE_URL says, else DATABASE_URL. */
export function databaseUrlFor(options: StartOptions, configured: string): string {
  if (!options.demo) return configured;
  return options.demoDb ?? DEMO_DATABASE_URL;
}
