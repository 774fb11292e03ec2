// A stand-in for the zca-js session behind ZaloApiLike. It behaves like zca-js and Zalo where the
// channel depends on it: start() on an open listener throws, stop() closes with 1000 (or, while the
// socket is still connecting, errors then closes with 1006), an error with no listener attached
// counts as a crash (an EventEmitter would throw), a closed listener delivers nothing, an expired
// session refuses sends with code 600, and Zalo keeps every message so `requestOldMessages`
// answers with the recent ones — newest first and including already-delivered ones, so the
// channel must filter, de-duplicate and order them. Group messages keep their mentions as zca-js
// posts them (dropped in private threads, refused when longer than the text). Tests drive the socket with connect()/drop().
import { loadZca } from '../../src/channels/zalo/zca-module.ts';
import type {
  ZaloApiLike,
  ZaloIncomingMessage,
  ZaloListenerEvents,
  ZaloMention,
  ZaloThreadType,
} from '../../src/channels/zalo/zalo-api.ts';

const zca = await loadZca();

/** How many recent messages Zalo answers an old-messages request with. */
const OLD_MESSAGES_PAGE = 50;
let nextZaloMsgId = 7_000_000_000;

/** A message id as Zalo hands them out: decimal, growing, shared by all sessions. */
export function newZaloMsgId(): string {
  nextZaloMsgId += 1;
  return String(nextZaloMsgId);
}

export interface ZaloSent {
  text: string;
  threadId: string;
  threadType: ZaloThreadType;
  /** As zca-js posts them (`mentionInfo`): group messages only, each with its `type`. */
  mentions?: { pos: number; uid: string; len: number; type: 0 | 1 }[];
}

export class FakeZaloApi implements ZaloApiLike {
  readonly sent: ZaloSent[] = [];
  cookies: unknown[] = [{ key: 'zpw_sek', value: 'first', domain: 'chat.zalo.me' }];
  listening = false;
  /** Started and not yet connected: stopping now makes the socket error before it closes. */
  connecting = false;
  starts = 0;
  socketUrlRotations = 0;
  sessionExpired = false;
  /** Every message Zalo holds for this account, oldest first (delivered live or not). */
  readonly history: ZaloIncomingMessage[] = [];
  /** Errors emitted with no 'error' listener: each would have been an uncaught exception. */
  readonly crashes: unknown[] = [];
  readonly oldMessageRequests: { threadType: ZaloThreadType; lastMsgId: string | null }[] = [];
  private readonly subscribers = new Set<ZaloListenerEvents>();
  /** Zalo accounts by phone as Zalo keys them (84xxxxxxxxx): who findUser finds. */
  readonly accounts = new Map<string, { uid: string; displayName: string }>();
  /** Every phone looked up, as zca-js sends it. */
  readonly lookups: string[] = [];
  private readonly sendFailures: unknown[] = [];
  private readonly findFailures: unknown[] = [];
  private readonly startFailures: unknown[] = [];
  private nextMsgId = 100;

  get subscriberCount(): number {
    return this.subscribers.size;
  }

  subscribe(events: ZaloListenerEvents): () => void {
    this.subscribers.add(events);
    return () => this.subscribers.delete(events);
  }

  startListener(): void {
    const failure = this.startFailures.shift();
    if (failure !== undefined) throw failure;
    if (this.listening) throw new zca.ZaloApiError('Already started');
    this.listening = true;
    this.connecting = true;
    this.starts += 1;
  }

  stopListener(): void {
    if (!this.listening) return;
    const wasConnecting = this.connecting;
    this.listening = false;
    this.connecting = false;
    if (wasConnecting) {
      // ws: "WebSocket was closed before the connection was established", an 'error' then 1006.
      queueMicrotask(() => {
        this.emitError(new Error('WebSocket was closed before the connection was established'));
        this.each((events) => events.onClosed(1006, ''));
      });
      return;
    }
    // zca-js closes the socket with ManualClosure; the close event arrives asynchronously.
    queueMicrotask(() => this.each((events) => events.onClosed(1000, '')));
  }

  requestOldMessages(threadType: ZaloThreadType, lastMsgId: string | null): void {
    this.oldMessageRequests.push({ threadType, lastMsgId });
    if (!this.listening || this.connecting) return;
    const page = this.history
      .filter((message) => message.type === threadType)
      .slice(-OLD_MESSAGES_PAGE)
      .reverse();
    queueMicrotask(() => this.each((events) => events.onOldMessages(page, threadType)));
  }

  rotateSocketUrl(): void {
    this.socketUrlRotations += 1;
  }

  async sendText(
    text: string,
    threadId: string,
    threadType: ZaloThreadType,
    mentions?: readonly ZaloMention[],
  ): Promise<{ msgId?: string }> {
    const failure = this.sendFailures.shift();
    if (failure !== undefined) throw failure;
    if (this.sessionExpired) throw new zca.ZaloApiError('Phiên đăng nhập đã hết hạn', 600);
    // zca-js sendMessage's handleMentions: groups only, invalid ones dropped, total length checked.
    const kept =
      threadType === 1
        ? (mentions ?? [])
            .filter((m) => m.pos >= 0 && m.uid && m.len > 0)
            .map((m) => ({ pos: m.pos, uid: m.uid, len: m.len, type: (m.uid === '-1' ? 1 : 0) as 0 | 1 }))
        : [];
    if (kept.reduce((sum, m) => sum + m.len, 0) > text.length)
      throw new zca.ZaloApiError('Invalid mentions: total mention characters exceed message length');
    this.sent.push({ text, threadId, threadType, ...(kept.length > 0 ? { mentions: kept } : {}) });
    return { msgId: String(this.nextMsgId++) };
  }

  /**
   * Like zca-js 2.2 `findUser` (apis/findUser.js): no phone → "Missing phoneNumber"; a leading 0
   * becomes 84; Zalo answers an unknown number with error 216, which zca-js throws as ZaloApiError.
   */
  async findUser(phone: string): Promise<{ uid: string; displayName?: string } | undefined> {
    if (!phone) throw new zca.ZaloApiError('Missing phoneNumber');
    const asSent = phone.startsWith('0') ? `84${phone.slice(1)}` : phone;
    this.lookups.push(asSent);
    const failure = this.findFailures.shift();
    if (failure !== undefined) throw failure;
    if (this.sessionExpired) throw new zca.ZaloApiError('Phiên đăng nhập đã hết hạn', 600);
    const account = this.accounts.get(asSent);
    if (!account) throw new zca.ZaloApiError('Không tìm thấy người dùng', 216);
    return { uid: account.uid, displayName: account.displayName };
  }

  currentCookies(): unknown[] {
    return this.cookies;
  }

  // ── test controls ──

  /** The websocket opened and got its cipher key. */
  connect(): void {
    this.connecting = false;
    this.each((events) => events.onConnected());
    this.each((events) => events.onReady());
  }

  /** Zalo closed the websocket with `code`. */
  drop(code = 1006, reason = ''): void {
    this.listening = false;
    this.connecting = false;
    this.each((events) => events.onClosed(code, reason));
  }

  /**
   * Another device opened Zalo Web: Zalo sends the cmd-3000 frame and zca-js closes with 3000;
   * when Zalo does not echo the close frame the code that arrives is 1006.
   */
  kickByAnotherDevice({ echoed = true } = {}): void {
    this.each((events) => events.onDuplicateNotice());
    this.drop(echoed ? 3000 : 1006, echoed ? 'DuplicateConnection' : '');
  }

  /** The socket fails while connecting: an 'error' event, then a 1006 close. */
  failWhileConnecting(error: unknown = new Error('Unexpected server response: 502')): void {
    this.emitError(error);
    this.drop(1006);
  }

  /** Zalo ends the session: every later send is refused with code 600. */
  expireSession(): void {
    this.sessionExpired = true;
  }

  /**
   * Like an EventEmitter's 'error': with nobody listening, a real one throws and crashes the
   * process; the fake records the crash for the test to see.
   */
  emitError(error: unknown): void {
    if (this.subscribers.size === 0) {
      this.crashes.push(error);
      return;
    }
    this.each((events) => events.onError(error));
  }

  /** A message reaches Zalo: it is kept, and delivered on the socket only while it is started. */
  emitMessage(message: ZaloIncomingMessage): void {
    this.history.push(message);
    if (!this.listening) return;
    this.each((events) => events.onMessage(message));
  }

  failNextSend(error: unknown): void {
    this.sendFailures.push(error);
  }

  /** A Zalo account with this phone (0xxxxxxxxx) exists. */
  addAccount(phone: string, uid: string, displayName = `Người ${uid}`): void {
    this.accounts.set(`84${phone.slice(1)}`, { uid, displayName });
  }

  failNextFind(error: unknown): void {
    this.findFailures.push(error);
  }

  failNextStart(error: unknown): void {
    this.startFailures.push(error);
  }

  private each(action: (events: ZaloListenerEvents) => void): void {
    for (const events of [...this.subscribers]) action(events);
  }
}

export function textMessage(input: {
  threadId: string;
  group?: boolean;
  from: string;
  text: unknown;
  name?: string;
  isSelf?: boolean;
  quote?: string;
  msgId?: string;
}): ZaloIncomingMessage {
  return {
    type: input.group ? 1 : 0,
    threadId: input.threadId,
    isSelf: input.isSelf ?? false,
    data: {
      msgId: input.msgId ?? newZaloMsgId(),
      uidFrom: input.from,
      dName: input.name ?? `Người ${input.from}`,
      content: input.text,
      ...(input.quote === undefined ? {} : { quote: { ownerId: '42', msg: input.quote, fromD: 'Nhắc việc' } }),
    },
  };
}
