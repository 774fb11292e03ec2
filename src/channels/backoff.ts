// Reconnect pacing shared by the transports: exponential, capped, with jitter so that several
// bots restarted together do not hammer the server in lock-step.

export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
}

/** Pause `ms`, or less if `signal` aborts (it resolves either way; callers re-check their state). */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });

/**
 * Delay before attempt number `attempt` (1-based): half of the exponential step is fixed, the
 * other half random ("equal jitter"), so delays still grow visibly while being spread out.
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 30);
  const step = Math.min(policy.maxMs, policy.initialMs * 2 ** exponent);
  return Math.round(step / 2 + random() * (step / 2));
}
