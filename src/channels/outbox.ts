// The one send path: a message to any address goes through the running channel that owns it.
// Replies, reminder digests and admin alerts all come here (replies through the same wrapped
// channels, see rate-limited-channel.ts), so every message counts against one rate budget.
import { channelOfAddress, type Address } from './address.ts';
import { ChannelSendError, type Channel, type ChannelKind, type OutgoingMessage, type SendResult } from './channel.ts';

export interface Outbox {
  /** The channels this process can send on now (a reminder goes to a person on one of them). */
  readonly running: ReadonlySet<ChannelKind>;
  /** Every channel the bot has, including those only another process sends on now (Zalo). */
  readonly configured: ReadonlySet<ChannelKind>;
  /** Channels another process of the bot sends on now (it holds the Zalo session's lease). */
  readonly servedElsewhere: ReadonlySet<ChannelKind>;
  send(address: Address, message: OutgoingMessage): Promise<SendResult>;
  /** The private chat of the person with `phone` on channel `kind`; undefined when there is nobody. */
  findByPhone(kind: ChannelKind, phone: string): Promise<Address | undefined>;
}

/** `channels` must already be the rate-limited ones (see withRateLimit). */
export function createOutbox(channels: readonly Channel[]): Outbox {
  const byKind = new Map(channels.map((channel) => [channel.kind, channel]));
  return {
    // Asked at each use: the Zalo session moves between processes with its lease.
    get running() {
      return new Set(channels.filter((channel) => channel.canSend?.() ?? true).map((channel) => channel.kind));
    },
    configured: new Set(byKind.keys()),
    get servedElsewhere() {
      return new Set(channels.filter((channel) => channel.servedElsewhere?.() ?? false).map((channel) => channel.kind));
    },
    async send(address, message) {
      const kind = channelOfAddress(address);
      const channel = kind && byKind.get(kind);
      if (!channel) throw new ChannelSendError(`no running channel for ${address}`, 'permanent');
      return channel.send(address, message);
    },
    async findByPhone(kind, phone) {
      const channel = byKind.get(kind);
      if (!channel?.findByPhone)
        throw new ChannelSendError(`no ${kind} channel that finds people by phone`, 'permanent');
      return channel.findByPhone(phone);
    },
  };
}
