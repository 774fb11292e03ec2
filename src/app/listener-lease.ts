// One inbound listener per chat account across every bot process on the database. Telegram
// answers a second long poll on one token with 409 Conflict, and Zalo kicks the older of two
// connections on one account, so only the holder of the lease `telegram:<bot id>` /
// `zalo:<account>` listens. The holder renews it every few seconds while its listener is healthy;
// a holder that dies (the lease expires, or at once when its pid is gone on this host) or whose
// listener stays down gives way to another process within about a minute.
import {
  ChannelSendError,
  type Address,
  type Channel,
  type MessageHandler,
  type OutgoingMessage,
} from '../channels/channel.ts';
import { acquireLease, findLease, releaseLease, takeOverLease } from '../db/store/leases.ts';
import type { Store } from '../db/store/store.ts';
import { systemClock, type Clock } from '../domain/clock.ts';
import type { LogSink } from '../domain/log-sink.ts';
import { holderIsDeadHere } from '../reminders/engine.ts';

export interface ListenerLeaseTiming {
  /** The lease lasts this long unless renewed: the failover time when the holder dies elsewhere. */
  ttlMs: number;
  /** How often the holder renews and the others try to take over. */
  renewEveryMs: number;
  /** A listener disconnected this long gives the lease up, so a healthier process can listen. */
  downLimitMs: number;
}

export const DEFAULT_LISTENER_LEASE_TIMING: ListenerLeaseTiming = {
  ttlMs: 30_000,
  renewEveryMs: 10_000,
  downLimitMs: 40_000,
};

/** Who holds a listener lease now, as the database says. */
export type LeaseHolderNow = 'this-process' | 'another-process' | 'nobody';

/** What a listener may ask about the lease it runs under (Zalo: whose kick closed its session). */
export interface ListenerLeaseView {
  /** Read from the database at the call: an expired lease, or one whose holder died here, is nobody's. */
  holderNow(): Promise<LeaseHolderNow>;
  /** This process took the lease from a holder that never gave it up (it died, or its lease ran out). */
  readonly tookOverFromUncleanHolder: boolean;
}

export interface LeasedListenerOptions {
  store: Store;
  /** `telegram:<bot id>` or `zalo:<account>`. */
  leaseName: string;
  /** This process (host:pid:random), as the reminder engine names it. */
  holder: string;
  /** A fresh listening channel each time this process takes the lease (a stopped one cannot restart). */
  createListener: (lease: ListenerLeaseView) => Channel;
  /**
   * Sends when this process does not listen (Telegram: plain HTTP, from any process). Absent:
   * only the holder sends (Zalo: one session per account).
   */
  sender?: Channel;
  logger: LogSink;
  timing?: Partial<ListenerLeaseTiming>;
  /** Leases are stamped in real time, never in NHACVIEC_FAKE_NOW's. */
  realClock?: Clock;
}

export class LeasedListener implements Channel {
  readonly kind: Channel['kind'];
  private readonly options: LeasedListenerOptions;
  private readonly timing: ListenerLeaseTiming;
  private readonly realClock: Clock;
  private handler: MessageHandler | undefined;
  private listener: Channel | undefined;
  private timer: NodeJS.Timeout | undefined;
  private downSince: number | undefined;
  /** After giving the lease up for an unhealthy listener, leave it to the others for a while. */
  private yieldUntil = 0;
  private ticking: Promise<void> | undefined;
  private stopped = false;
  /** Real time until which our lease runs (last renewal + TTL): past it, another process may listen. */
  private heldUntil = 0;
  /** Another process held the lease at the last check (it serves the account). */
  private heldElsewhere = false;

  constructor(kind: Channel['kind'], options: LeasedListenerOptions) {
    this.kind = kind;
    this.options = options;
    this.timing = { ...DEFAULT_LISTENER_LEASE_TIMING, ...options.timing };
    this.realClock = options.realClock ?? systemClock;
  }

  /** This process holds the lease and its listener runs: it may send where only the holder may. */
  listens(): boolean {
    return this.listener !== undefined;
  }

  /** Whether this process can send on the channel now (the Zalo outbox waits for the holder). */
  canSend(): boolean {
    return this.options.sender !== undefined || this.listens();
  }

  /** Another process held the lease at the last check and this one does not listen. */
  servedElsewhere(): boolean {
    return !this.listens() && this.heldElsewhere;
  }

  /**
   * The account is served: our listener is connected, or another process holds the lease (the
   * metric and alerts must not count every process without the lease as down).
   */
  connected(): boolean {
    if (!this.listener) return this.heldElsewhere;
    return this.listener.connected?.() ?? true;
  }

  async start(onMessage: MessageHandler): Promise<void> {
    if (this.handler) throw new Error(`${this.options.leaseName}: listener already started`);
    this.handler = onMessage;
    // Not through checkLease: a listener that cannot start (a token Telegram rejects) fails start-up.
    await this.renew();
    this.timer = setInterval(() => void this.checkLease(), this.timing.renewEveryMs);
    this.timer.unref();
  }

  send(address: Address, message: OutgoingMessage) {
    const through = this.options.sender ?? this.listener;
    if (!through) {
      return Promise.reject(
        new ChannelSendError(`${this.options.leaseName}: another process holds the listener`, 'transient', 60_000),
      );
    }
    return through.send(address, message);
  }

  /** Only the session holder can look people up (Zalo: one session per account). */
  findByPhone(phone: string): Promise<Address | undefined> {
    const through = this.listener;
    if (!through?.findByPhone) {
      return Promise.reject(
        new ChannelSendError(`${this.options.leaseName}: no lookup by phone in this process`, 'transient', 60_000),
      );
    }
    return through.findByPhone(phone);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.ticking?.catch(() => undefined);
    const listened = this.listens();
    await this.stopListener('stopping');
    // Given up at once on a clean stop: the next process need not wait for it to expire.
    if (listened)
      await releaseLease(this.options.store, this.options.leaseName, this.options.holder).catch(() => undefined);
    await this.options.sender?.stop();
  }

  /** One renewal (or takeover attempt), run every renewEveryMs; serialised, never overlapping. */
  checkLease(): Promise<void> {
    if (this.ticking || this.stopped) return this.ticking ?? Promise.resolve();
    this.ticking = this.renew()
      .catch(async (error: unknown) => {
        this.options.logger.error({ err: error, lease: this.options.leaseName }, 'listener lease check failed');
        // Unable to renew (the database is unreachable): stop if the next check would come after
        // the lease ran out, when another process may already listen.
        if (this.realClock.now().getTime() + this.timing.renewEveryMs >= this.heldUntil)
          await this.stopListener('lease not renewed in time');
      })
      .finally(() => (this.ticking = undefined));
    return this.ticking;
  }

  private async renew(): Promise<void> {
    const { store, leaseName, holder, logger } = this.options;
    const now = this.realClock.now();
    if (this.listener && this.unhealthyFor(now.getTime()) >= this.timing.downLimitMs) {
      logger.warn(
        { lease: leaseName, downMs: this.unhealthyFor(now.getTime()) },
        'listener down too long: giving the lease up',
      );
      await this.stopListener('unhealthy');
      await releaseLease(store, leaseName, holder);
      this.yieldUntil = now.getTime() + this.timing.ttlMs;
      return;
    }
    if (!this.listener && now.getTime() < this.yieldUntil) return;
    let lease = await acquireLease(store, leaseName, holder, now, this.timing.ttlMs);
    if (!lease.held && holderIsDeadHere(lease.holder)) {
      lease = await takeOverLease(store, leaseName, lease.holder, holder, now, this.timing.ttlMs);
    }
    this.heldElsewhere = !lease.held;
    if (!lease.held) {
      if (this.listener) await this.stopListener(`lease now held by ${lease.holder}`);
      return;
    }
    this.heldUntil = lease.expiresAt.getTime();
    if (this.listener || this.stopped || !this.handler) return;
    const listener = this.options.createListener(this.viewOfLease(lease.tookOver));
    this.listener = listener;
    this.downSince = undefined;
    try {
      await listener.start(this.handler);
    } catch (error) {
      this.listener = undefined;
      await releaseLease(store, leaseName, holder).catch(() => undefined);
      throw error;
    }
    logger.info({ lease: leaseName, holder }, 'listener lease acquired: this process listens');
  }

  private viewOfLease(tookOverFromUncleanHolder: boolean): ListenerLeaseView {
    const { store, leaseName, holder } = this.options;
    return {
      tookOverFromUncleanHolder,
      holderNow: async () => {
        const lease = await findLease(store, leaseName);
        if (!lease || lease.expiresAt.getTime() <= this.realClock.now().getTime()) return 'nobody';
        if (lease.holder === holder) return 'this-process';
        return holderIsDeadHere(lease.holder) ? 'nobody' : 'another-process';
      },
    };
  }

  private unhealthyFor(now: number): number {
    if (this.listener?.connected?.() ?? true) {
      this.downSince = undefined;
      return 0;
    }
    this.downSince ??= now;
    return now - this.downSince;
  }

  private async stopListener(reason: string): Promise<void> {
    const listener = this.listener;
    if (!listener) return;
    this.listener = undefined;
    this.options.logger.info({ lease: this.options.leaseName, reason }, 'listener stopped');
    await listener
      .stop()
      .catch((error: unknown) => this.options.logger.error({ err: error }, 'listener did not stop cleanly'));
  }
}
