// The one interface every chat transport implements. Channel code knows nothing of tasks or
// commands; commands know nothing of Telegram or Zalo.

import type { ChannelKind } from '../domain/model.ts';
import type { Address } from './address.ts';

export type { Address, ChannelKind };

/** A button under a message; pressing it acts like the user typing `command`. */
export interface MessageAction {
  label: string;
  command: string;
}

/**
 * A picture sent after the text (the /baocao chart). Rendered only by a channel that can show it;
 * one that cannot sends the caption and `elsewhere` instead.
 */
export interface MessageImage {
  caption: string;
  render(): Promise<Uint8Array>;
  /** Where else the picture can be had, e.g. the CLI command that writes it to a file. */
  elsewhere: string;
}

/**
 * A person named in a group message so their phone tells them (Zalo mentions). `offset` and
 * `length` count UTF-16 code units of `text`, as JavaScript strings and zca-js do; the span is the
 * `@Name` shown.
 */
export interface MessageMention {
  offset: number;
  length: number;
  /** The person's id on the channel (a Zalo user id). */
  userId: string;
}

/** What the bot says: a reply, a reminder digest, an alert. */
export interface OutgoingMessage {
  text: string;
  actions?: MessageAction[];
  image?: MessageImage;
  /** Group messages only; a channel without mentions sends the text as is. */
  mentions?: MessageMention[];
}

export type Reply = OutgoingMessage;

/** The text a channel without pictures sends in place of one. */
export function imageFallbackText(image: MessageImage): string {
  return `🖼 ${image.caption}: biểu đồ chỉ hiển thị trên Telegram. ${image.elsewhere}`;
}

export interface InboundMessage {
  channel: ChannelKind;
  /** Where the answer goes (the private chat or the group). */
  address: Address;
  /** The person who wrote it, as the channel identifies them (never the group). */
  senderId: string;
  senderName?: string;
  isGroup: boolean;
  /** The transport's id of the group it was written in (Zalo), when isGroup. */
  groupId?: string;
  /** What was typed, or the `command` of a pressed button. */
  text: string;
  /** Text of the message this one answers (Zalo: replying "xong" to a reminder). */
  quotedText?: string;
  receivedAt: Date;
}

export type MessageHandler = (message: InboundMessage) => Promise<Reply | undefined>;

export interface SendResult {
  /** The transport's id for the delivered message, when it gives one. */
  messageId?: string;
}

/**
 * Why a send failed, in terms the outbox can act on: retry later (`transient`), retry after the
 * given delay (`rate-limited`), or give up and tell a person (`permanent`).
 */
export type SendFailureKind = 'transient' | 'rate-limited' | 'permanent';

export class ChannelSendError extends Error {
  constructor(
    message: string,
    readonly kind: SendFailureKind,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'ChannelSendError';
  }
}

export interface Channel {
  readonly kind: ChannelKind;
  /** Begin receiving; each message's reply (if any) is sent back to its address. */
  start(onMessage: MessageHandler): Promise<void>;
  /** Sends text (split to the transport's limit), buttons where it has them, and the image if any. */
  send(address: Address, message: OutgoingMessage): Promise<SendResult>;
  stop(): Promise<void>;
  /** Connected to its transport now (Telegram polling or webhook, Zalo listener); absent = whenever started. */
  connected?(): boolean;
  /**
   * Can send from this process now; absent = whenever started. False where another process holds
   * the account's one session (Zalo): its messages wait in the outbox for that process.
   */
  canSend?(): boolean;
  /**
   * Another process of the bot sends on this account now (it holds the session's lease); absent =
   * never. Reminders that process's unit-group pass carries are left to it.
   */
  servedElsewhere?(): boolean;
  /**
   * The private chat of whoever has this phone number (0xxxxxxxxx) on the transport, or undefined
   * when nobody does; absent = the transport cannot look people up (only Zalo can). Failures throw
   * ChannelSendError like `send`.
   */
  findByPhone?(phone: string): Promise<Address | undefined>;
}
