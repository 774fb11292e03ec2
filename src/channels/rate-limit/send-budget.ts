// The bookkeeping behind the rate limits, kept free of timers so it can be tested step by step:
// how long a send to an address must wait right now, and recording that it happened. Windows are
// sliding logs of send times (not token buckets): a token bucket lets a full bucket go out at the
// end of one second and a refill at the start of the next, twice the limit in one window as the
// server counts it.
import type { Address } from '../channel.ts';
import { isGroupAddress } from '../address.ts';
import type { ChannelRateLimits, WindowRule } from './limits.ts';

export class SendBudget {
  private readonly global: number[] = [];
  private readonly perAddress = new Map<Address, number[]>();
  private readonly lastSeen = new Map<Address, number>();
  private lastSendAt = Number.NEGATIVE_INFINITY;
  private nextGapMs: number;
  private pausedUntil = Number.NEGATIVE_INFINITY;
  private readonly longestWindowMs: number;

  constructor(
    private readonly limits: ChannelRateLimits,
    private readonly random: () => number = Math.random,
  ) {
    this.nextGapMs = this.drawGap();
    this.longestWindowMs = Math.max(0, ...limits.rules.map((rule) => rule.windowMs + this.safety));
  }

  /** Milliseconds until a send to `address` is allowed at `now` (0 = now). */
  waitMs(address: Address, now: number): number {
    let until = Math.max(this.pausedUntil, this.lastSendAt + this.nextGapMs);
    for (const rule of this.limits.rules) until = Math.max(until, this.allowedFrom(rule, address, now));
    return Math.max(0, until - now);
  }

  record(address: Address, now: number): void {
    this.prune(now);
    this.global.push(now);
    const log = this.perAddress.get(address) ?? [];
    log.push(now);
    this.perAddress.set(address, log);
    this.lastSeen.set(address, now);
    this.lastSendAt = now;
    this.nextGapMs = this.drawGap();
  }

  /** The server pushed back (HTTP 429): nothing goes out on this channel before `until`. */
  pause(until: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, until);
  }

  private get safety(): number {
    return this.limits.safetyMs ?? 0;
  }

  private allowedFrom(rule: WindowRule, address: Address, now: number): number {
    const window = rule.windowMs + this.safety;
    switch (rule.scope) {
      case 'global':
        return nthLatest(this.global, rule.limit, window, now);
      case 'per-chat':
        return nthLatest(this.perAddress.get(address) ?? [], rule.limit, window, now);
      case 'per-group':
        return isGroupAddress(address) ? nthLatest(this.perAddress.get(address) ?? [], rule.limit, window, now) : now;
      case 'distinct-recipients': {
        const seen = this.lastSeen.get(address);
        if (seen !== undefined && seen > now - window) return now;
        const recent = [...this.lastSeen.values()].filter((at) => at > now - window).sort((a, b) => a - b);
        if (recent.length < rule.limit) return now;
        // The recipient budget frees up when the oldest of the last `limit` addresses leaves the window.
        return (recent[recent.length - rule.limit] ?? now) + window;
      }
    }
  }

  private drawGap(): number {
    const min = this.limits.minIntervalMs ?? 0;
    const jitter = this.limits.jitterMs ?? 0;
    return min + (jitter > 0 ? Math.round(this.random() * jitter) : 0);
  }

  /** Forget what no window can see any more, so memory stays bounded during long runs. */
  private prune(now: number): void {
    const horizon = now - this.longestWindowMs;
    dropOlder(this.global, horizon);
    for (const [address, log] of this.perAddress) {
      dropOlder(log, horizon);
      if (log.length === 0) this.perAddress.delete(address);
    }
    for (const [address, at] of this.lastSeen) if (at <= horizon) this.lastSeen.delete(address);
  }
}

/** With `limit` sends allowed per `window`: the earliest instant the next one may go. */
function nthLatest(log: number[], limit: number, window: number, now: number): number {
  const inWindow = log.filter((at) => at > now - window);
  if (inWindow.length < limit) return now;
  return (inWindow[inWindow.length - limit] ?? now) + window;
}

function dropOlder(log: number[], horizon: number): void {
  let drop = 0;
  while (drop < log.length && (log[drop] ?? 0) <= horizon) drop++;
  if (drop > 0) log.splice(0, drop);
}
