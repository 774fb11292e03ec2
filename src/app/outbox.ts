// Sends a message to any address through the channel that owns it (`telegram:…`, `zalo:…`,
// `console:…`). The reminder sweep and the Zalo alerts deliver through this.
import {
  ChannelSendError,
  type Address,
  type Channel,
  type MessageAction,
  type SendResult,
} from '../channels/channel.ts';

export type Deliver = (address: Address, text: string, actions?: MessageAction[]) => Promise<SendResult>;

export function createOutbox(channels: readonly Channel[]): Deliver {
  return async (address, text, actions) => {
    const kind = address.slice(0, address.indexOf(':'));
    const channel = channels.find((candidate) => candidate.kind === kind);
    if (!channel) throw new ChannelSendError(`no running channel for ${address}`, 'permanent');
    return channel.send(address, text, actions);
  };
}

/** The private-chat address of a chat identity (Telegram: a user's private chat id is their id). */
export function privateAddress(channel: string, externalId: string): Address | undefined {
  if (channel === 'telegram') return `telegram:${externalId}`;
  if (channel === 'zalo') return `zalo:user:${externalId}`;
  return undefined;
}
