// `npm start -- [--as <username>] [--demo] [--help]`: the options of the bot process.
import { parseArgs } from 'node:util';

export interface StartOptions {
  actAs?: string;
  demo: boolean;
  help: boolean;
}

export const START_USAGE = `Cách dùng: npm start -- [--as <tên đăng nhập>] [--demo] [--help]

  --as <tên>   khi chưa cấu hình Telegram/Zalo: dùng bot trên cửa sổ dòng lệnh với tư cách cán bộ này
  --demo       nạp dữ liệu mẫu (một Sở, các phòng, cán bộ, việc, có việc quá hạn) rồi dùng thử;
               mặc định dùng cơ sở dữ liệu riêng ./data/demo.db trừ khi DATABASE_URL được đặt
  --help       in hướng dẫn này

Không có TELEGRAM_BOT_TOKEN và ZALO_CREDENTIALS_FILE: bot đọc lệnh từ bàn phím (hoặc từ ống dẫn,
ví dụ printf '/giup\\n' | npm start) và in trả lời; hết dữ liệu vào thì bot dừng.`;

/** Throws a TypeError (with Node's message) on an unknown option or a missing value. */
export function parseStartOptions(argv: string[]): StartOptions {
  const { values } = parseArgs({
    args: argv,
    options: { as: { type: 'string' }, demo: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
    allowPositionals: false,
  });
  return { ...(values.as ? { actAs: values.as } : {}), demo: values.demo ?? false, help: values.help ?? false };
}
