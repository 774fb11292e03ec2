import { addr } from '../support/address.ts';
import { describe, expect, it } from 'vitest';
import type { Channel } from '../../src/channels/channel.ts';
import { TELEGRAM_LIMITS, ZALO_LIMITS, type ChannelRateLimits } from '../../src/channels/rate-limit/limits.ts';
import { RateLimitedChannel, withRateLimit } from '../../src/channels/rate-limit/rate-limited-channel.ts';
import { SendBudget } from '../../src/channels/rate-limit/send-budget.ts';
import type { SharedBudget, SharedSend } from '../../src/channels/rate-limit/shared-budget.ts';

/** Drives a budget in virtual time: each send goes as soon as the budget allows. */
function simulate(limits: ChannelRateLimits, addresses: string[]): number[] {
  const budget = new SendBudget(limits, () => 0.5);
  let now = 0;
  const times: number[] = [];
  for (const address of addresses) {
    now += budget.waitMs(addr(address), now);
    budget.record(addr(address), now);
    times.push(now);
  }
  return times;
}

function peak(times: number[], windowMs: number): number {
  let best = 0;
  let first = 0;
  for (let last = 0; last < times.length; last++) {
    while (times[last]! - times[first]! >= windowMs) first++;
    best = Math.max(best, last - first + 1);
  }
  return best;
}

describe('send budget', () => {
  it('counts a send until it is answered, so sends held back by a busy machine cannot land together', () => {
    const limits: ChannelRateLimits = { rules: [{ scope: 'global', limit: 2, windowMs: 1_000 }] };
    const budget = new SendBudget(limits, () => 0.5);
    const first = budget.record(addr('telegram:1'), 0, { untilSettled: true });
    budget.record(addr('telegram:2'), 10, { untilSettled: true });
    // Both still unanswered: they may reach the server at any moment, so the window stays full.
    expect(budget.waitMs(addr('telegram:3'), 5_000)).toBe(Number.POSITIVE_INFINITY);
    // The first was answered at 6 000: it counts from then, not from when it was granted at 0,
    // and leaves the window at 7 000 while the second, unanswered, still counts.
    budget.settle(first, 6_000);
    expect(budget.waitMs(addr('telegram:3'), 6_500)).toBe(500);
  });

  it('frees the window a second after the answer', () => {
    const limits: ChannelRateLimits = { rules: [{ scope: 'global', limit: 1, windowMs: 1_000 }] };
    const budget = new SendBudget(limits, () => 0.5);
    const ticket = budget.record(addr('telegram:1'), 0, { untilSettled: true });
    budget.settle(ticket, 400);
    expect(budget.waitMs(addr('telegram:2'), 500)).toBe(900);
    expect(budget.waitMs(addr('telegram:2'), 1_400)).toBe(0);
  });

  it('drains a Telegram burst of 2 000 chats at close to 30 per second and never more in any second', () => {
    const times = simulate(
      TELEGRAM_LIMITS,
      Array.from({ length: 2_000 }, (_, i) => `telegram:${i}`),
    );
    expect(peak(times, 1_000)).toBeLessThanOrEqual(30);
    const rate = 2_000 / ((times.at(-1)! - times[0]!) / 1_000);
    expect(rate).toBeGreaterThan(0.95 * 30);
  });

  it('sends to one Telegram chat at most once a second and to a group at most 20 times a minute', () => {
    const chat = simulate(
      TELEGRAM_LIMITS,
      Array.from({ length: 10 }, () => 'telegram:42'),
    );
    expect(peak(chat, 1_000)).toBe(1);
    const group = simulate(
      TELEGRAM_LIMITS,
      Array.from({ length: 45 }, () => 'telegram:-100777'),
    );
    expect(peak(group, 60_000)).toBeLessThanOrEqual(20);
  });

  it('spaces Zalo sends by at least three seconds and writes to at most 80 people an hour', () => {
    const people = Array.from({ length: 100 }, (_, i) => `zalo:user:${i}`);
    const times = simulate(ZALO_LIMITS, people);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(3_000);
    // The 81st new person waits until the first leaves the one-hour window.
    expect(times[80]! - times[0]!).toBeGreaterThanOrEqual(60 * 60_000);
    // Writing again to someone already counted is not held by the recipient budget.
    const again = simulate(ZALO_LIMITS, [...people.slice(0, 80), 'zalo:user:0']);
    expect(again[80]! - again[79]!).toBeLessThan(5_000);
  });

  it('holds everything after the server asks to slow down', () => {
    const budget = new SendBudget(TELEGRAM_LIMITS);
    budget.pause(5_000);
    expect(budget.waitMs(addr('telegram:1'), 1_000)).toBe(4_000);
  });
});

describe('rate-limited channel', () => {
  function recorder() {
    const sent: { address: string; text: string }[] = [];
    const channel: Channel = {
      kind: 'telegram',
      start: async () => {},
      stop: async () => {},
      send: async (address, { text }) => {
        sent.push({ address, text });
        return {};
      },
    };
    return { channel, sent };
  }

  it('keeps the order of sends to one address', async () => {
    const { channel, sent } = recorder();
    const limited = new RateLimitedChannel(channel, {
      limits: { rules: [{ scope: 'per-chat', limit: 1, windowMs: 20 }] },
    });
    await Promise.all(['a', 'b', 'c', 'd'].map((text) => limited.send(addr('telegram:1'), { text: text })));
    expect(sent.map((s) => s.text)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('refuses at once, as rate-limited, a send that would wait longer than allowed', async () => {
    const { channel } = recorder();
    const limited = new RateLimitedChannel(channel, {
      limits: { rules: [{ scope: 'per-chat', limit: 1, windowMs: 60_000 }], maxWaitMs: 1_000 },
    });
    await limited.send(addr('telegram:1'), { text: 'first' });
    await expect(limited.send(addr('telegram:1'), { text: 'second' })).rejects.toMatchObject({ kind: 'rate-limited' });
  });

  /** One ledger for several limiters (processes), in memory: what the database's send ledger does. */
  function memoryLedger(): SharedBudget & { log: SharedSend[] } {
    const log: SharedSend[] = [];
    return {
      log,
      take: async (_channel, address, horizonMs, decide) => {
        const now = Date.now();
        const waitMs = decide(
          now,
          log.filter((send) => send.at > now - horizonMs),
        );
        if (waitMs > 0) return { waitMs };
        log.push({ address, at: now });
        return { waitMs: 0, settle: async () => {} };
      },
    };
  }

  it('counts the channel-wide limits of several processes together in the shared budget', async () => {
    const ledger = memoryLedger();
    const limits: ChannelRateLimits = {
      rules: [
        { scope: 'distinct-recipients', limit: 2, windowMs: 60 * 60_000 },
        { scope: 'per-chat', limit: 5, windowMs: 60_000 },
      ],
      maxWaitMs: 1_000,
    };
    const first = new RateLimitedChannel(recorder().channel, { limits, shared: ledger });
    const second = new RateLimitedChannel(recorder().channel, { limits, shared: ledger });
    await first.send(addr('telegram:1'), { text: 'a' });
    await second.send(addr('telegram:2'), { text: 'b' });
    // Each process alone has written to one recipient; together they have used the hour's two.
    await expect(second.send(addr('telegram:3'), { text: 'c' })).rejects.toMatchObject({ kind: 'rate-limited' });
    await second.send(addr('telegram:1'), { text: 'again' });
    expect(ledger.log.map((send) => send.address)).toEqual(['telegram:1', 'telegram:2', 'telegram:1']);
  });

  it('is applied once even when wrapped twice', () => {
    const { channel } = recorder();
    const once = withRateLimit(channel);
    expect(withRateLimit(once)).toBe(once);
  });
});
