// Several bot processes on one PostgreSQL database send through one bot account, so the
// channel-wide limits (Telegram's 30 messages/s, Zalo's gap between sends and recipients per hour)
// are budgets they share; per-chat and per-group limits stay in each process (one person's
// reminders are claimed and sent by one process). The ledger behind the shared budget is injected
// (src/app wires the store's implementation): this layer only knows its shape.
import type { Address, ChannelKind } from '../channel.ts';
import type { ChannelRateLimits } from './limits.ts';
import { SendBudget } from './send-budget.ts';

export interface SharedSend {
  address: Address;
  /** Epoch milliseconds on the ledger's clock. */
  at: number;
}

export interface SharedGrant {
  /** 0 = the send was recorded and may go now; else ask again after this many ms. */
  waitMs: number;
  /**
   * With a grant: call once the request is answered (or failed). Until then the send counts as
   * arriving "now" for every process, however long it takes to reach the server.
   */
  settle?: () => Promise<void>;
}

export interface SharedBudget {
  /**
   * Atomically over every process: `decide(now, the channel's sends in the last horizonMs, those
   * still in flight at now)` says how many ms the send to `address` must wait; when it says 0
   * the send is recorded at once.
   */
  take(
    channel: ChannelKind,
    address: Address,
    horizonMs: number,
    decide: (now: number, recent: SharedSend[]) => number,
  ): Promise<SharedGrant>;
}

/** The limits every process must count together: channel-wide rules and the gap between sends. */
export function sharedPart(limits: ChannelRateLimits): ChannelRateLimits {
  return {
    ...limits,
    rules: limits.rules.filter((rule) => rule.scope === 'global' || rule.scope === 'distinct-recipients'),
  };
}

/** How far back the shared rules look. */
export function sharedHorizonMs(limits: ChannelRateLimits): number {
  const shared = sharedPart(limits);
  const windows = shared.rules.map((rule) => rule.windowMs + (shared.safetyMs ?? 0));
  return Math.max(1_000, (shared.minIntervalMs ?? 0) + (shared.jitterMs ?? 0), ...windows);
}

/** Waits the shared rules impose on a send to `address`, given every process's recent sends. */
export function sharedWaitMs(
  limits: ChannelRateLimits,
  address: Address,
  now: number,
  recent: readonly SharedSend[],
  random: () => number,
): number {
  const budget = new SendBudget(sharedPart(limits), random);
  for (const send of recent) budget.record(send.address, send.at);
  return budget.waitMs(address, now);
}
