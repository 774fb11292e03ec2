// How fast each transport may be spoken to. Telegram publishes its limits (30 messages/s per bot,
// about 1/s per chat, 20/min per group); Zalo personal accounts have none published, and accounts
// that send fast or to many strangers get locked, so its limits are deliberately slow.
import type { ChannelKind } from '../channel.ts';

/**
 * At most `limit` sends in any `windowMs`, counted over the whole channel (`global`), per address
 * (`per-chat`), per group address only (`per-group`), or as the number of different addresses
 * written to (`distinct-recipients`; writing again to an address already counted is free).
 */
export interface WindowRule {
  scope: 'global' | 'per-chat' | 'per-group' | 'distinct-recipients';
  limit: number;
  windowMs: number;
}

export interface ChannelRateLimits {
  rules: WindowRule[];
  /** Least gap between two sends on the channel, plus a random extra of up to `jitterMs`. */
  minIntervalMs?: number;
  jitterMs?: number;
  /**
   * Added to every window: the server counts arrival times, which HTTP latency shifts a little,
   * so a send exactly one window after another could otherwise be counted inside it.
   */
  safetyMs?: number;
  /** A send that would wait longer than this fails at once as `rate-limited` (retried later by the outbox). */
  maxWaitMs?: number;
}

export const TELEGRAM_LIMITS: ChannelRateLimits = {
  rules: [
    { scope: 'global', limit: 30, windowMs: 1_000 },
    { scope: 'per-chat', limit: 1, windowMs: 1_000 },
    { scope: 'per-group', limit: 20, windowMs: 60_000 },
  ],
  safetyMs: 25,
  maxWaitMs: 120_000,
};

export const ZALO_LIMITS: ChannelRateLimits = {
  rules: [{ scope: 'distinct-recipients', limit: 80, windowMs: 60 * 60_000 }],
  minIntervalMs: 3_000,
  jitterMs: 1_500,
  // Waiting an hour for the recipient budget must not hold a claimed reminder: give it back.
  maxWaitMs: 120_000,
};

/** The console prints locally: no limit. */
export const NO_LIMITS: ChannelRateLimits = { rules: [] };

export function defaultLimitsFor(kind: ChannelKind): ChannelRateLimits {
  if (kind === 'telegram') return TELEGRAM_LIMITS;
  if (kind === 'zalo') return ZALO_LIMITS;
  return NO_LIMITS;
}
