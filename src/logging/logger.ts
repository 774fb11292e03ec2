// Structured logs. Secrets (tokens, cookies, link codes) are redacted by key wherever they appear.
import pino, { type Logger, type DestinationStream } from 'pino';

export type { Logger };

export const REDACTED_KEYS = ['token', 'cookie', 'cookies', 'code', 'linkCode', 'password', 'authorization', 'imei'];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  const paths = REDACTED_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]);
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
