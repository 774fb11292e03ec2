// The bookkeeping behind the rate limits, kept free of timers so it can be tested step by step:
// how long a send to an address must wait right now, and recording that it happened. Windows are
// sliding logs of send times (not token buckets): a token bucket lets a full bucket go out at the
// end of one second and a refill at the start of the next, twice the limit in one window as the
// server counts it.
import type { Address } from '../channel.ts';
import { isGroupAddress } from '../address.ts';
import type { ChannelRateLimits, WindowRule } from './limits.ts';

/** A send granted and not yet answered (see `record` with `untilSettled`). */
export interface SendTicket {
  readonly address: Address;
}

export class SendBudget {
  private readonly global: number[] = [];
  private readonly perAddress = new Map<Address, number[]>();
  /**
   * Sends granted but not yet answered. The server counts a send when it arrives, which can be
   * any time until the answer; a busy machine can hold a send back and let it land together with
   * later ones. So an unanswered send counts as arriving now, in every window, until settled.
   */
  private readonly inFlight = new Set<SendTicket>();
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

  /**
   * The send to `address` goes at `now`. With `untilSettled`, it counts as arriving "now" until
   * `settle` gives the time it was answered (the latest it can have reached the server).
   */
  record(address: Address, now: number, options: { untilSettled?: boolean } = {}): SendTicket {
    this.prune(now);
    const ticket: SendTicket = { address };
    if (options.untilSettled) this.inFlight.add(ticket);
    else this.log(address, now);
    this.lastSeen.set(address, now);
    this.lastSendAt = now;
    this.nextGapMs = this.drawGap();
    return ticket;
  }

  /** The send of `ticket` was answered (or failed) at `at`: from now on it counts from then. */
  settle(ticket: SendTicket, at: number): void {
    if (!this.inFlight.delete(ticket)) return;
    this.log(ticket.address, at);
  }

  private log(address: Address, at: number): void {
    this.global.push(at);
    const log = this.perAddress.get(address) ?? [];
    log.push(at);
    this.perAddress.set(address, log);
  }

  private pendingTo(address: Address): number {
    let count = 0;
    for (const ticket of this.inFlight) if (ticket.address === address) count++;
    return count;
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
        return nthLatest(this.global, this.inFlight.size, rule.limit, window, now);
      case 'per-chat':
        return nthLatest(this.perAddress.get(address) ?? [], this.pendingTo(address), rule.limit, window, now);
      case 'per-group':
        return isGroupAddress(address)
          ? nthLatest(this.perAddress.get(address) ?? [], this.pendingTo(address), rule.limit, window, now)
          : now;
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

/**
 * With `limit` sends allowed per `window`, `log` the settled send times and `pending` sends still
 * unanswered (they count until settled): the earliest instant the next one may go — infinity
 * when the unanswered ones alone fill the window (the next settle decides).
 */
function nthLatest(log: number[], pending: number, limit: number, window: number, now: number): number {
  const inWindow = log.filter((at) => at > now - window);
  const leaving = inWindow.length + pending - limit;
  if (leaving < 0) return now;
  if (leaving >= inWindow.length) return Number.POSITIVE_INFINITY;
  return inWindow[leaving]! + window;
}

function dropOlder(log: number[], horizon: number): void {
  let drop = 0;
  while (drop < log.length && (log[drop] ?? 0) <= horizon) drop++;
  if (drop > 0) log.splice(0, drop);
}
