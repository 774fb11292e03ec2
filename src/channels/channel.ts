// The one interface every chat transport implements. Channel code knows nothing of tasks or
// commands; commands know nothing of Telegram or Zalo.

export type ChannelKind = 'telegram' | 'zalo' | 'console';

/**
 * Where a message goes, as text: `telegram:<chatId>`, `zalo:user:<threadId>`,
 * `zalo:group:<threadId>`, `console:<name>`.
 */
export type Address = string;

/** A button under a message; pressing it acts like the user typing `command`. */
export interface MessageAction {
  label: string;
  command: string;
}

export interface Reply {
  text: string;
  actions?: MessageAction[];
  /** A picture sent after the text where the channel can show one (the /baocao chart on Telegram). */
  image?: { png: Uint8Array; caption?: string };
}

export interface InboundMessage {
  channel: ChannelKind;
  /** Where the answer goes (the private chat or the group). */
  address: Address;
  /** The person who wrote it, as the channel identifies them (never the group). */
  senderId: string;
  senderName?: string;
  isGroup: boolean;
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
  send(address: Address, text: string, actions?: MessageAction[]): Promise<SendResult>;
  stop(): Promise<void>;
}
