// A stand-in for the zca-js session behind ZaloApiLike. It behaves like zca-js where the channel
// depends on it: start() on an open listener throws, stop() closes with 1000, a closed listener
// delivers nothing. Tests drive the socket's life with connect()/drop().
import type {
  ZaloApiLike,
  ZaloIncomingMessage,
  ZaloListenerEvents,
  ZaloThreadType,
} from '../../src/channels/zalo/zalo-api.ts';

export interface ZaloSent {
  text: string;
  threadId: string;
  threadType: ZaloThreadType;
}

export class FakeZaloApi implements ZaloApiLike {
  readonly sent: ZaloSent[] = [];
  cookies: unknown[] = [{ key: 'zpw_sek', value: 'first', domain: 'chat.zalo.me' }];
  listening = false;
  starts = 0;
  private readonly subscribers = new Set<ZaloListenerEvents>();
  private readonly sendFailures: unknown[] = [];
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
    if (this.listening) throw new Error('Already started');
    this.listening = true;
    this.starts += 1;
  }

  stopListener(): void {
    if (!this.listening) return;
    this.listening = false;
    // zca-js closes the socket with ManualClosure; the close event arrives asynchronously.
    queueMicrotask(() => this.each((events) => events.onClosed(1000, '')));
  }

  async sendText(text: string, threadId: string, threadType: ZaloThreadType): Promise<{ msgId?: string }> {
    const failure = this.sendFailures.shift();
    if (failure !== undefined) throw failure;
    this.sent.push({ text, threadId, threadType });
    return { msgId: String(this.nextMsgId++) };
  }

  currentCookies(): unknown[] {
    return this.cookies;
  }

  // ── test controls ──

  /** The websocket opened. */
  connect(): void {
    this.each((events) => events.onConnected());
  }

  /** Zalo closed the websocket with `code`. */
  drop(code = 1006, reason = ''): void {
    this.listening = false;
    this.each((events) => events.onClosed(code, reason));
  }

  emitError(error: unknown): void {
    this.each((events) => events.onError(error));
  }

  /** A message arrives on the socket (only while it is open, like the real listener). */
  emitMessage(message: ZaloIncomingMessage): void {
    if (!this.listening) return;
    this.each((events) => events.onMessage(message));
  }

  failNextSend(error: unknown): void {
    this.sendFailures.push(error);
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
}): ZaloIncomingMessage {
  return {
    type: input.group ? 1 : 0,
    threadId: input.threadId,
    isSelf: input.isSelf ?? false,
    data: {
      uidFrom: input.from,
      dName: input.name ?? `Người ${input.from}`,
      content: input.text,
      ...(input.quote === undefined ? {} : { quote: { ownerId: '42', msg: input.quote, fromD: 'Nhắc việc' } }),
    },
  };
}
