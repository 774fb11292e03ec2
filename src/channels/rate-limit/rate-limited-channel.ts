// A Channel that paces its sends to the transport's limits. The app wraps each channel once, when
// it is built, and everything sends through the wrapped one: replies to inbound messages (start()
// hands the adapter a handler that sends the reply here), reminders, alerts and images share one
// budget. Sends wait in arrival order; a later send to another address may go first when the
// earlier one is held by a per-address limit, but two sends to one address never swap.
import { systemClock, type Clock } from '../../domain/clock.ts';
import {
  ChannelSendError,
  type Address,
  type Channel,
  type MessageHandler,
  type OutgoingMessage,
  type SendResult,
} from '../channel.ts';
import { defaultLimitsFor, type ChannelRateLimits } from './limits.ts';
import { SendBudget, type SendTicket } from './send-budget.ts';
import { sharedHorizonMs, sharedWaitMs, type SharedBudget, type SharedGrant } from './shared-budget.ts';

export interface RateLimitOptions {
  limits?: ChannelRateLimits;
  /** Pacing reads the time from here (tests pass a manual clock). */
  clock?: Clock;
  random?: () => number;
  /**
   * Several processes send for one account (PostgreSQL): the channel-wide limits are counted in
   * this shared budget too, each send recorded there when it goes. Per-chat limits stay here.
   */
  shared?: SharedBudget;
}

interface Waiter {
  address: Address;
  /** Called with the local ticket to settle when the send is answered (none with a shared budget). */
  grant: (ticket: SendTicket | undefined) => void;
  refuse: (error: ChannelSendError) => void;
}

export class RateLimitedChannel implements Channel {
  readonly kind: Channel['kind'];
  private readonly budget: SendBudget;
  private readonly limits: ChannelRateLimits;
  private readonly clock: Clock;
  private readonly queue: Waiter[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly shared: SharedBudget | undefined;
  private readonly random: () => number;
  /** Granted here, waiting for the shared budget: held, and recorded only when they go. */
  private readonly inFlight = new Map<Address, number>();
  private stopped = false;

  constructor(
    readonly inner: Channel,
    options: RateLimitOptions = {},
  ) {
    this.kind = inner.kind;
    this.limits = options.limits ?? defaultLimitsFor(inner.kind);
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.budget = new SendBudget(this.limits, this.random);
    this.shared = options.shared && this.limits.rules.length > 0 ? options.shared : undefined;
  }

  connected(): boolean {
    return this.inner.connected?.() ?? true;
  }

  canSend(): boolean {
    return this.inner.canSend?.() ?? true;
  }

  servedElsewhere(): boolean {
    return this.inner.servedElsewhere?.() ?? false;
  }

  /** A lookup is no message: the invitation queue spaces lookups out itself. */
  findByPhone(phone: string): Promise<Address | undefined> {
    if (!this.inner.findByPhone)
      return Promise.reject(new ChannelSendError(`${this.kind}: no lookup by phone`, 'permanent'));
    return this.inner.findByPhone(phone);
  }

  start(onMessage: MessageHandler): Promise<void> {
    // The adapter would send the reply itself, past the budget: send it from here instead.
    return this.inner.start(async (message) => {
      const reply = await onMessage(message);
      if (reply) await this.send(message.address, reply);
      return undefined;
    });
  }

  async send(address: Address, message: OutgoingMessage): Promise<SendResult> {
    const ticket = await this.turn(address);
    const settle = this.shared ? await this.sharedTurn(address) : undefined;
    try {
      return await this.inner.send(address, message);
    } catch (error) {
      // The server says we went too fast after all: hold the whole channel, not just this chat.
      if (error instanceof ChannelSendError && error.kind === 'rate-limited') {
        this.budget.pause(this.clock.now().getTime() + (error.retryAfterMs ?? 1_000));
      }
      throw error;
    } finally {
      if (ticket) {
        this.budget.settle(ticket, this.clock.now().getTime());
        this.pump();
      }
      // A lost settle only keeps the slot counted until the ledger's in-flight limit.
      await settle?.().catch(() => undefined);
    }
  }

  stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    for (const waiter of this.queue.splice(0)) waiter.refuse(new ChannelSendError('channel stopped', 'transient'));
    return this.inner.stop();
  }

  /** Sends waiting for their turn right now. */
  get waiting(): number {
    return this.queue.length;
  }

  /**
   * After this process's own limits: wait until every process together may send (the ledger
   * records the send when it grants it), then record it here at the time it really goes.
   */
  private async sharedTurn(address: Address): Promise<(() => Promise<void>) | undefined> {
    const shared = this.shared!;
    const horizon = sharedHorizonMs(this.limits);
    const maxWait = this.limits.maxWaitMs ?? Number.POSITIVE_INFINITY;
    const started = this.clock.now().getTime();
    try {
      for (;;) {
        if (this.stopped) throw new ChannelSendError('channel stopped', 'transient');
        let grant: SharedGrant;
        try {
          grant = await shared.take(this.kind, address, horizon, (now, recent) =>
            sharedWaitMs(this.limits, address, now, recent, this.random),
          );
        } catch (error) {
          throw new ChannelSendError(`shared rate budget unavailable: ${String(error)}`, 'transient');
        }
        const wait = grant.waitMs;
        if (wait === 0) {
          this.budget.record(address, this.clock.now().getTime());
          return grant.settle;
        }
        const waited = this.clock.now().getTime() - started;
        if (waited + wait > maxWait) {
          throw new ChannelSendError(
            `rate limit (shared): next send to ${address} allowed in ${wait} ms`,
            'rate-limited',
            wait,
          );
        }
        // Sends in flight elsewhere count until answered: ask again soon rather than sleep it out.
        await new Promise((resolve) => setTimeout(resolve, Math.max(1, Math.ceil(Math.min(wait, 250)))));
      }
    } finally {
      const count = (this.inFlight.get(address) ?? 1) - 1;
      if (count > 0) this.inFlight.set(address, count);
      else this.inFlight.delete(address);
      this.pump();
    }
  }

  private turn(address: Address): Promise<SendTicket | undefined> {
    return new Promise((grant, refuse) => {
      this.queue.push({ address, grant, refuse });
      this.pump();
    });
  }

  private pump(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    let soonest = Number.POSITIVE_INFINITY;
    const maxWait = this.limits.maxWaitMs ?? Number.POSITIVE_INFINITY;
    const held = new Set<Address>(this.inFlight.keys());
    for (let index = 0; index < this.queue.length;) {
      const waiter = this.queue[index]!;
      const now = this.clock.now().getTime();
      // An earlier send to the same address is still waiting: keep their order.
      const wait = held.has(waiter.address) ? Number.POSITIVE_INFINITY : this.budget.waitMs(waiter.address, now);
      if (wait === 0) {
        let ticket: SendTicket | undefined;
        if (this.shared) this.inFlight.set(waiter.address, (this.inFlight.get(waiter.address) ?? 0) + 1);
        else ticket = this.budget.record(waiter.address, now, { untilSettled: true });
        this.queue.splice(index, 1);
        waiter.grant(ticket);
        continue;
      }
      if (wait !== Number.POSITIVE_INFINITY && wait > maxWait) {
        // Better to hand the reminder back to the outbox (retried at that time) than hold its claim.
        this.queue.splice(index, 1);
        waiter.refuse(
          new ChannelSendError(
            `rate limit: next send to ${waiter.address} allowed in ${wait} ms`,
            'rate-limited',
            wait,
          ),
        );
        continue;
      }
      held.add(waiter.address);
      soonest = Math.min(soonest, wait);
      index++;
    }
    if (this.queue.length > 0 && Number.isFinite(soonest)) {
      this.timer = setTimeout(() => this.pump(), Math.max(1, Math.ceil(soonest)));
    }
  }
}

/** Wraps `channel` unless it already is rate limited (wrapping twice would halve the budget). */
export function withRateLimit(channel: Channel, options: RateLimitOptions = {}): Channel {
  return channel instanceof RateLimitedChannel ? channel : new RateLimitedChannel(channel, options);
}
