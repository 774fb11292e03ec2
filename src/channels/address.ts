// Where a message goes. An address is text (`telegram:<chatId>`, `zalo:user:<threadId>`,
// `zalo:group:<threadId>`, `console:<name>`) so it can be logged and audited as is, but it is
// typed: only the codecs below build or read one, each channel's in one place.
import type { ChannelKind } from '../domain/model.ts';

declare const addressBrand: unique symbol;
export type Address = string & { readonly [addressBrand]: true };

export interface AddressCodec<Parts> {
  readonly channel: ChannelKind;
  encode(parts: Parts): Address;
  /** The parts of one of this channel's addresses, or undefined for any other text. */
  decode(address: string): Parts | undefined;
}

export interface TelegramParts {
  /** Telegram chat id: a user's private chat has their user id; groups are negative. */
  chatId: string;
}

export const telegramAddresses: AddressCodec<TelegramParts> = {
  channel: 'telegram',
  encode: ({ chatId }) => `telegram:${chatId}` as Address,
  decode(address) {
    const match = /^telegram:(-?\d+)$/.exec(address);
    return match ? { chatId: match[1]! } : undefined;
  },
};

export interface ZaloParts {
  thread: 'user' | 'group';
  threadId: string;
}

export const zaloAddresses: AddressCodec<ZaloParts> = {
  channel: 'zalo',
  encode: ({ thread, threadId }) => `zalo:${thread}:${threadId}` as Address,
  decode(address) {
    const match = /^zalo:(user|group):([^:\s]+)$/.exec(address);
    return match ? { thread: match[1] as ZaloParts['thread'], threadId: match[2]! } : undefined;
  },
};

export interface ConsoleParts {
  /** Who sits at the terminal (a username, or the guest before /dangnhap). */
  name: string;
}

export const consoleAddresses: AddressCodec<ConsoleParts> = {
  channel: 'console',
  encode: ({ name }) => `console:${name}` as Address,
  decode(address) {
    const match = /^console:(.+)$/.exec(address);
    return match ? { name: match[1]! } : undefined;
  },
};

const CODECS: readonly AddressCodec<unknown>[] = [telegramAddresses, zaloAddresses, consoleAddresses];

/** The channel an address belongs to, or undefined when no channel would accept it. */
export function channelOfAddress(address: string): ChannelKind | undefined {
  return CODECS.find((codec) => codec.decode(address) !== undefined)?.channel;
}

/** Checks text from outside (a test, a config file) and types it as an address. */
export function parseAddress(text: string): Address | undefined {
  return channelOfAddress(text) ? (text as Address) : undefined;
}

/** Group chats have stricter rate limits: Telegram groups have negative ids, Zalo says so. */
export function isGroupAddress(address: Address): boolean {
  const telegram = telegramAddresses.decode(address);
  if (telegram) return telegram.chatId.startsWith('-');
  return zaloAddresses.decode(address)?.thread === 'group';
}

/**
 * The private chat of a linked chat identity: on Telegram a user's private chat id is their user
 * id; on Zalo the user thread is the user id; on the console, the name.
 */
export function privateAddress(identity: { channel: ChannelKind; externalId: string }): Address {
  switch (identity.channel) {
    case 'telegram':
      return telegramAddresses.encode({ chatId: identity.externalId });
    case 'zalo':
      return zaloAddresses.encode({ thread: 'user', threadId: identity.externalId });
    case 'console':
      return consoleAddresses.encode({ name: identity.externalId });
  }
}
