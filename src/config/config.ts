// Every setting comes from the environment (and `.env`), validated once. A bad value stops
// start-up with one message naming each bad key and why.
import { z } from 'zod';
import { maskDatabaseUrl } from './mask-url.ts';

const timeOfDay = /^([01]\d|2[0-3]):[0-5]\d$/;

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const configSchema = z
  .object({
    DATABASE_URL: z
      .string()
      .trim()
      .default('file:./data/nhacviec.db')
      .refine((url) => url.startsWith('file:') || /^postgres(ql)?:\/\//.test(url), {
        message: 'phải bắt đầu bằng file: (SQLite) hoặc postgresql:// (PostgreSQL)',
      }),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    TELEGRAM_BOT_TOKEN: optionalText.pipe(
      z
        .string()
        .regex(/^\d+:[\w-]{20,}$/, 'không đúng dạng <số>:<chuỗi> do BotFather cấp')
        .optional(),
    ),
    TELEGRAM_API_ROOT: z.url({ message: 'phải là một địa chỉ URL' }).default('https://api.telegram.org'),
    // Webhook instead of long polling: the public https URL Telegram posts to (its path should be
    // unguessable), the local port telegraf listens on, and the secret Telegram echoes back.
    TELEGRAM_WEBHOOK_URL: optionalText.pipe(
      z
        .url({ protocol: /^https$/, message: 'phải là địa chỉ https://…, ví dụ https://bot.so-tu-phap.gov.vn/tg-8f3a' })
        .optional(),
    ),
    TELEGRAM_WEBHOOK_PORT: z.coerce.number().int().min(1).max(65535, 'cổng từ 1 đến 65535').default(8443),
    TELEGRAM_WEBHOOK_SECRET: optionalText.pipe(
      z
        .string()
        .regex(/^[A-Za-z0-9_-]{16,256}$/, '16–256 ký tự A-Z a-z 0-9 _ -')
        .optional(),
    ),
    // The bot's Telegram username, for the deep links printed on link sheets (t.me/<name>?start=…).
    // Unset: asked from Telegram with the token (getMe).
    TELEGRAM_BOT_USERNAME: optionalText.pipe(
      z
        .string()
        .transform((name) => name.replace(/^@/, ''))
        .pipe(z.string().regex(/^[A-Za-z][A-Za-z0-9_]{3,31}$/, 'tên bot Telegram, ví dụ NhacViecSTPBot (không có @)'))
        .optional(),
    ),
    // How long the codes printed on a link sheet stay valid.
    LINK_SHEET_DAYS: z.coerce.number().int().min(1).max(60, 'từ 1 đến 60 ngày').default(7),
    ZALO_CREDENTIALS_FILE: optionalText,
    // Zalo invitations to strangers (official invite --zalo): the gap between two, and how many a day.
    ZALO_INVITE_SPACING_SECONDS: z.coerce.number().int().min(30, 'ít nhất 30 giây').max(86_400).default(600),
    ZALO_INVITE_DAILY_CAP: z.coerce.number().int().min(1).max(500).default(30),
    CALENDAR_FILE: optionalText,
    DUTIES_FILE: optionalText,
    REMINDER_SEND_TIMES: z
      .string()
      .default('08:00')
      .transform((value) =>
        value
          .split(',')
          .map((time) => time.trim())
          .filter(Boolean),
      )
      .pipe(
        z
          .array(z.string().regex(timeOfDay, 'mỗi giờ gửi phải có dạng HH:mm'))
          .min(1)
          .transform((t) => [...new Set(t)].sort()),
      ),
    WORKING_HOURS: z
      .string()
      .default('07:30-17:00')
      .transform((value) => value.split('-').map((time) => time.trim()))
      .pipe(
        z
          .tuple([z.string().regex(timeOfDay), z.string().regex(timeOfDay)], {
            message: 'phải có dạng HH:mm-HH:mm',
          })
          .refine(([start, end]) => start < end, 'giờ bắt đầu phải trước giờ kết thúc')
          .transform(([start, end]) => ({ start, end })),
      ),
    // Backups (SQLite): where the daily copy goes, how many days of copies stay, and when (Vietnam time).
    // Unset: `backups/` beside the SQLite file (./data/backups for the default database).
    BACKUP_DIR: optionalText,
    BACKUP_KEEP: z.coerce.number().int('phải là số nguyên').min(1, 'ít nhất 1 ngày').max(3650).default(30),
    BACKUP_TIME: z.string().trim().regex(timeOfDay, 'phải có dạng HH:mm, ví dụ 02:30').default('02:30'),
    // The bot's HTTP server (/healthz, /metrics; later the office console). Port 0 = any free port.
    WEB_PORT: z.coerce.number().int().min(0).max(65535, 'cổng từ 0 đến 65535').default(8080),
    WEB_HOST: z.string().trim().min(1, 'không được để trống').default('127.0.0.1'),
    // How the office reaches the console (behind a reverse proxy: its https address); sign-in links
    // start with it. Unset: http://WEB_HOST:WEB_PORT.
    WEB_BASE_URL: optionalText.pipe(
      z
        .url({ protocol: /^https?$/, message: 'phải là địa chỉ http(s)://…, ví dụ https://nhacviec.so.gov.vn' })
        .optional(),
    ),
    // The largest file the web console accepts as an upload (a plan, PAKN or dossier export, the
    // officials list), in megabytes.
    WEB_UPLOAD_MAX_MB: z.coerce.number().positive('phải lớn hơn 0').max(200, 'tối đa 200 MB').default(10),
    METRICS_ENABLED: z
      .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'phải là true hoặc false' })
      .default('true')
      .transform((value) => value === 'true' || value === '1' || value === 'yes'),
    // Advanced (and tests): the inbound-listener lease of several bot processes on one database. The
    // TTL is how long a dead holder on another host keeps the listener (the failover time); the holder
    // renews, and the others try to take over, every LISTENER_LEASE_RENEW_MS.
    LISTENER_LEASE_TTL_MS: z.coerce
      .number()
      .int('phải là số nguyên (mili giây)')
      .min(1_000, 'ít nhất 1000 ms')
      .max(600_000, 'nhiều nhất 600000 ms (10 phút)')
      .default(30_000),
    LISTENER_LEASE_RENEW_MS: z.coerce
      .number()
      .int('phải là số nguyên (mili giây)')
      .min(100, 'ít nhất 100 ms')
      .max(300_000, 'nhiều nhất 300000 ms (5 phút)')
      .default(10_000),
    // Advanced (and tests): how often the scheduler looks for due reminders, in seconds (60 = at
    // each minute). The sweep is idempotent, so sweeping more often only costs queries.
    REMINDER_SWEEP_SECONDS: z.coerce
      .number()
      .int('phải là số nguyên (giây)')
      .min(1, 'từ 1 đến 60 giây')
      .max(60, 'từ 1 đến 60 giây')
      // Evenly spaced within each minute (a cron seconds step).
      .refine((seconds) => 60 % seconds === 0, 'phải là ước của 60: 1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30 hoặc 60')
      .default(60),
    NHACVIEC_FAKE_NOW: optionalText.pipe(
      z.iso
        .datetime({ offset: true, message: 'phải là thời điểm ISO 8601, ví dụ 2026-11-23T08:00:00+07:00' })
        .optional(),
    ),
  })
  // A holder renewing no faster than its lease runs out would lose it between renewals.
  .refine((config) => config.LISTENER_LEASE_RENEW_MS * 2 <= config.LISTENER_LEASE_TTL_MS, {
    path: ['LISTENER_LEASE_RENEW_MS'],
    message: 'phải nhỏ hơn hoặc bằng một nửa LISTENER_LEASE_TTL_MS, để gia hạn kịp trước khi hết hạn',
  });

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Cấu hình không hợp lệ (invalid configuration):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Pure: parses an environment object, throwing one ConfigError listing every bad key. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = configSchema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const key = String(issue.path[0] ?? '?');
    const value = env[key];
    const secret = value === undefined || /TOKEN|COOKIE|SECRET|PASSWORD/i.test(key);
    const shown = secret ? '' : ` (giá trị: "${key === 'DATABASE_URL' ? maskDatabaseUrl(value) : value}")`;
    return `${key}: ${issue.message}${shown}`;
  });
  throw new ConfigError(problems);
}

export const CONFIG_KEYS = Object.keys(configSchema.shape) as (keyof Config)[];
