// The narrow slice of zca-js the Zalo channel uses. Production wraps the real zca-js API
// (zca-api.ts); tests pass a fake. Message shapes mirror zca-js's own (models/Message.d.ts) so the
// translation to InboundMessage is exercised against what zca-js really emits.

/** zca-js `ThreadType`: 0 = a person, 1 = a group. */
export const ZaloThread = { User: 0, Group: 1 } as const;
export type ZaloThreadType = (typeof ZaloThread)[keyof typeof ZaloThread];

/** zca-js `CloseReason` codes of the listener's websocket. */
export const ZaloCloseCode = {
  ManualClosure: 1000,
  AbnormalClosure: 1006,
  DuplicateConnection: 3000,
  KickConnection: 3003,
} as const;

/** The parts of zca-js `UserMessage | GroupMessage` we read. */
export interface ZaloIncomingMessage {
  type: ZaloThreadType;
  threadId: string;
  /** Sent by the logged-in account itself (from another device, or echoed back). */
  isSelf: boolean;
  data: {
    /** Zalo's id for the message: a decimal number as a string, growing over time. */
    msgId: string;
    uidFrom: string;
    dName?: string;
    /** A string for plain text; an object for stickers, photos, links… */
    content: unknown;
    /** Present when the message replies to (quotes) another one; `msg` is the quoted text. */
    quote?: { msg?: string; ownerId?: string; fromD?: string } | undefined;
  };
}

export interface ZaloListenerEvents {
  onConnected(): void;
  /** The socket got its cipher key (zca-js `cipher_key`): requests such as old messages can go now. */
  onReady(): void;
  /** Zalo announced that another connection opened (frame cmd 3000); a close of any code follows. */
  onDuplicateNotice(): void;
  /** Zalo's answer to `requestOldMessages`: recent messages of one thread type, in no promised order. */
  onOldMessages(messages: ZaloIncomingMessage[], threadType: ZaloThreadType): void;
  onClosed(code: number, reason: string): void;
  onError(error: unknown): void;
  onMessage(message: ZaloIncomingMessage): void;
}

/** zca-js `Mention`: the `@Name` span at `pos` (UTF-16 units), `len` long, naming user `uid`. */
export interface ZaloMention {
  pos: number;
  uid: string;
  len: number;
}

export interface ZaloApiLike {
  /** Attaches the handlers to the websocket listener; returns a function that detaches them. */
  subscribe(events: ZaloListenerEvents): () => void;
  /** Opens the websocket (zca-js `listener.start()`); throws if it is already open. */
  startListener(): void;
  stopListener(): void;
  /** Asks Zalo for recent messages of one thread type (answered through `onOldMessages`). */
  requestOldMessages(threadType: ZaloThreadType, lastMsgId: string | null): void;
  /** Points the next `startListener()` at Zalo's next socket URL (zca-js keeps several). */
  rotateSocketUrl(): void;
  /**
   * Sends plain text, with `mentions` in a group (zca-js `MessageContent.mentions`: UTF-16 `pos`
   * and `len` in `text`); resolves with Zalo's message id when Zalo returns one.
   */
  sendText(
    text: string,
    threadId: string,
    threadType: ZaloThreadType,
    mentions?: readonly ZaloMention[],
  ): Promise<{ msgId?: string }>;
  /**
   * zca-js `findUser(phone)`: the Zalo user with this phone number, or undefined when Zalo answers
   * without one. Throws zca-js's ZaloApiError like a send (code 216: no such user).
   */
  findUser(phone: string): Promise<{ uid: string; displayName?: string } | undefined>;
  /** The session's cookies as zca-js would accept them back at login (tough-cookie JSON). */
  currentCookies(): unknown[] | undefined;
}
