// Structured logs. Secrets (tokens, cookies, link codes, passwords, credentials) are redacted by
// key name at any depth up to three levels; other fields, error codes included (`ECONNREFUSED`,
// `P2002`, a Zalo close code), are logged as they are.
import pino, { type Logger, type DestinationStream } from 'pino';

export type { Logger };

export const REDACTED_KEYS = [
  'token',
  'botToken',
  'secretToken',
  'secret',
  'cookie',
  'cookies',
  'linkCode',
  'password',
  'authorization',
  'credentials',
  'imei',
];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  const paths = REDACTED_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`, `*.*.*.${key}`]);
  return pino(
    {
      name: 'nhacviec',
      level,
      redact: { paths, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination ?? pino.destination(2),
  );
}
