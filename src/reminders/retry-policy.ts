// What happens to a reminder whose send failed. Transient failures (network, 5xx) are retried
// with exponential backoff and jitter until `maxAttempts`; rate limiting waits exactly as long as
// the transport asks and does not count as an attempt (the transport told us when to come back);
// permanent failures (blocked bot, chat not found, no linked chat) stop at once.
import { backoffDelay, type BackoffPolicy } from '../channels/backoff.ts';
import { ChannelSendError } from '../channels/channel.ts';

export interface RetryPolicy {
  backoff: BackoffPolicy;
  maxAttempts: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  backoff: { initialMs: 30_000, maxMs: 30 * 60_000 },
  // With the backoff above, about four hours of failures before a person is told.
  maxAttempts: 12,
};

export type FailureOutcome =
  { kind: 'retry'; delayMs: number; countsAsAttempt: boolean; reason: string } | { kind: 'give-up'; reason: string };

export function outcomeOf(
  error: unknown,
  attempts: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): FailureOutcome {
  const failure =
    error instanceof ChannelSendError
      ? error
      : new ChannelSendError(error instanceof Error ? error.message : String(error), 'transient');
  const reason = failure.message.slice(0, 500);
  if (failure.kind === 'permanent') return { kind: 'give-up', reason };
  if (failure.kind === 'rate-limited') {
    // A little jitter so that several processes told the same delay do not come back together.
    const delayMs = (failure.retryAfterMs ?? 1_000) + Math.round(random() * 500);
    return { kind: 'retry', delayMs, countsAsAttempt: false, reason };
  }
  if (attempts >= policy.maxAttempts) return { kind: 'give-up', reason: `${reason} (đã thử ${attempts} lần)` };
  return { kind: 'retry', delayMs: backoffDelay(attempts, policy.backoff, random), countsAsAttempt: true, reason };
}
