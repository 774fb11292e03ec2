// Sign-in attempts per client address in a sliding window, in this process's memory: it slows a
// script that tries usernames or tokens. The per-official limit on links sent lives in the
// database (src/services/web-console.ts), so several processes cannot multiply it.
export class AttemptLimiter {
  private readonly attempts = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number,
  ) {}

  /** Counts one attempt by `key`; false when `key` has used up its attempts in the window. */
  allow(key: string): boolean {
    const now = this.now();
    const recent = (this.attempts.get(key) ?? []).filter((at) => at > now - this.windowMs);
    if (recent.length >= this.limit) {
      this.attempts.set(key, recent);
      return false;
    }
    recent.push(now);
    this.attempts.set(key, recent);
    // Keep the map small: forget addresses whose attempts have all aged out.
    if (this.attempts.size > 10_000) {
      for (const [other, times] of this.attempts)
        if (times.every((at) => at <= now - this.windowMs)) this.attempts.delete(other);
    }
    return true;
  }
}
