// Zalo transport on a personal account through zca-js (Zalo has no bot API for personal chats).
// What production taught us:
// - Zalo drops the listener's websocket about once a minute (close code 1006): reopen it, forever,
//   with capped, jittered backoff; a connection that lived long enough starts the backoff over.
// - If reopening keeps failing, the session is probably stale: log in again from the saved file.
// - Cookies are refreshed in memory by Zalo's responses: write them back to the credentials file,
//   or the next process start logs in with stale ones.
// - Zalo (or the network) may be down when the bot starts: keep logging in with the same backoff,
//   alerting the office admin once, rather than stopping the whole bot.
// - Opening Zalo Web elsewhere closes us with DuplicateConnection (3000) or KickConnection (3003):
//   reconnecting would fight the person using Zalo, so stop and alert the office admin instead.
import { systemClock, type Clock } from '../../domain/clock.ts';
import { backoffDelay, realSleep, type BackoffPolicy, type Sleep } from '../backoff.ts';
import { KeyedSerialQueue } from '../keyed-serial-queue.ts';
import {
  ChannelSendError,
  type Address,
  type Channel,
  type InboundMessage,
  type MessageHandler,
  type OutgoingMessage,
  type SendResult,
} from '../channel.ts';
import { describeError, type LogSink } from '../../domain/log-sink.ts';
import { splitText } from '../split-text.ts';
import { ZaloCloseCode, type ZaloApiLike, type ZaloIncomingMessage } from './zalo-api.ts';
import { readZaloCredentials, writeZaloCredentials } from './zalo-credentials.ts';
import { toChannelSendError } from './zalo-errors.ts';
import { ZALO_TEXT_LIMIT, toInboundMessage, zaloText, zaloThreadOf } from './zalo-messages.ts';

export interface ZaloChannelOptions {
  /** Logs in and returns a session; called at start, and again when reconnecting keeps failing. */
  connect: () => Promise<ZaloApiLike>;
  /** The credentials file the session came from; refreshed cookies are written back to it. */
  credentialsFile?: string;
  logger: LogSink;
  /** Tells a person (the office admin) that Zalo needs attention; the text is Vietnamese. */
  onAlert: (text: string) => void | Promise<void>;
  reconnectBackoff?: BackoffPolicy;
  /** A connection that stayed open this long counts as healthy and resets the backoff. */
  stableAfterMs?: number;
  /** Log in again after this many reopen attempts in a row that never connected. */
  reloginAfterFailures?: number;
  sleep?: Sleep;
  random?: () => number;
  clock?: Clock;
}

export const DUPLICATE_CONNECTION_ALERT =
  'Bot Zalo đã ngừng nhận tin: tài khoản Zalo của bot vừa được mở ở nơi khác (Zalo Web/PC). ' +
  'Hãy đóng phiên đó rồi khởi động lại bot.';
export const KICKED_ALERT =
  'Bot Zalo đã ngừng nhận tin: Zalo đã ngắt phiên đăng nhập của bot. ' +
  'Hãy đăng nhập lại bằng lệnh "npm run cli -- zalo login" rồi khởi động lại bot.';
export const RELOGIN_FAILED_ALERT =
  'Bot Zalo không đăng nhập lại được (phiên có thể đã hết hạn) và sẽ tiếp tục thử. ' +
  'Nếu kéo dài, hãy đăng nhập lại bằng lệnh "npm run cli -- zalo login".';
export const UNREACHABLE_AT_START_ALERT =
  'Bot Zalo chưa đăng nhập được khi khởi động (mạng hoặc Zalo không truy cập được) và sẽ tiếp tục thử. ' +
  'Nếu kéo dài, hãy kiểm tra mạng, hoặc đăng nhập lại bằng lệnh "npm run cli -- zalo login".';

const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 1_000, maxMs: 5 * 60_000 };

export class ZaloChannel implements Channel {
  readonly kind = 'zalo' as const;
  private readonly options: ZaloChannelOptions;
  private readonly logger: LogSink;
  private readonly sleep: Sleep;
  private readonly clock: Clock;
  private readonly stopSignal = new AbortController();
  private api: ZaloApiLike | undefined;
  private detach: (() => void) | undefined;
  private handler: MessageHandler | undefined;
  /** Set after DuplicateConnection/KickConnection: no more reconnecting. */
  private halted = false;
  private reconnecting = false;
  private connectedAt: number | undefined;
  private reconnectAttempt = 0;
  private attemptsSinceConnected = 0;
  private reloginAlertSent = false;
  /** The login retries after a failed login at start, if any. */
  private loggingIn: Promise<void> = Promise.resolve();
  private savedCookies: string | undefined;
  private cookieWrites: Promise<void> = Promise.resolve();
  /** Inbound messages are handled one at a time per chat (thread), in arrival order; chats concurrently. */
  private readonly inbox = new KeyedSerialQueue<Address>();

  constructor(options: ZaloChannelOptions) {
    this.options = options;
    this.logger = options.logger;
    this.sleep = options.sleep ?? realSleep;
    this.clock = options.clock ?? systemClock;
  }

  async start(onMessage: MessageHandler): Promise<void> {
    if (this.handler) throw new Error('zalo channel already started');
    this.handler = onMessage;
    await this.rememberSavedCookies();
    let api: ZaloApiLike;
    try {
      api = await this.options.connect();
    } catch (error) {
      // The rest of the bot (Telegram, reminders, the outbox's retries) runs meanwhile; sends to
      // Zalo fail as transient until the login succeeds.
      this.logger.error({ err: describeError(error) }, 'zalo login failed at start; will keep trying');
      void this.alert(UNREACHABLE_AT_START_ALERT);
      this.loggingIn = this.logInUntilConnected();
      return;
    }
    this.attach(api);
    this.api?.startListener();
    await this.saveCookiesIfChanged();
  }

  /** After a failed login at start: try again with backoff until it works or the channel stops. */
  private async logInUntilConnected(): Promise<void> {
    for (let attempt = 1; !this.stopping; attempt += 1) {
      const delayMs = backoffDelay(attempt, this.options.reconnectBackoff ?? DEFAULT_BACKOFF, this.options.random);
      this.logger.info({ delayMs, attempt }, 'zalo login retry scheduled');
      await this.sleep(delayMs, this.stopSignal.signal);
      if (this.stopping) return;
      try {
        const api = await this.options.connect();
        if (this.stopping) return;
        this.attach(api);
        this.api?.startListener();
        this.logger.info({ attempt }, 'zalo logged in after failing at start');
        void this.saveCookiesIfChanged();
        return;
      } catch (error) {
        this.logger.error({ err: describeError(error), attempt }, 'zalo login failed; will keep trying');
      }
    }
  }

  connected(): boolean {
    return this.connectedAt !== undefined && !this.halted;
  }

  async send(address: Address, message: OutgoingMessage): Promise<SendResult> {
    const target = zaloThreadOf(address);
    if (!target) throw new ChannelSendError(`not a zalo address: ${address}`, 'permanent');
    const api = this.api;
    if (!api) throw new ChannelSendError('zalo is not logged in', 'transient');
    const chunks = splitText(zaloText(message), ZALO_TEXT_LIMIT);
    if (chunks.length === 0) throw new ChannelSendError('refusing to send an empty message', 'permanent');
    let messageId: string | undefined;
    for (const chunk of chunks) {
      try {
        ({ msgId: messageId } = await api.sendText(chunk, target.threadId, target.threadType));
      } catch (error) {
        throw toChannelSendError(error);
      }
    }
    void this.saveCookiesIfChanged();
    return messageId === undefined ? {} : { messageId };
  }

  async stop(): Promise<void> {
    this.stopSignal.abort();
    // A login retry in flight attaches nothing once stopping: wait for it, then detach.
    await this.loggingIn;
    const api = this.api;
    this.detach?.();
    this.detach = undefined;
    api?.stopListener();
    await this.inbox.idle();
    await this.cookieWrites;
  }

  private get stopping(): boolean {
    return this.stopSignal.signal.aborted;
  }

  private attach(api: ZaloApiLike): void {
    this.detach?.();
    this.api = api;
    this.detach = api.subscribe({
      onConnected: () => this.onConnected(),
      onClosed: (code, reason) => this.onClosed(code, reason),
      onError: (error) => this.logger.warn({ err: describeError(error) }, 'zalo listener error'),
      onMessage: (message) => this.onMessage(message),
    });
  }

  private onConnected(): void {
    this.connectedAt = this.clock.now().getTime();
    this.attemptsSinceConnected = 0;
    this.reloginAlertSent = false;
    this.logger.info({}, 'zalo listener connected');
    void this.saveCookiesIfChanged();
  }

  private onClosed(code: number, reason: string): void {
    if (this.stopping || this.halted) return;
    if (code === ZaloCloseCode.DuplicateConnection || code === ZaloCloseCode.KickConnection) {
      void this.halt(code);
      return;
    }
    const livedMs = this.connectedAt === undefined ? undefined : this.clock.now().getTime() - this.connectedAt;
    if (livedMs !== undefined && livedMs >= (this.options.stableAfterMs ?? 30_000)) this.reconnectAttempt = 0;
    if (livedMs === undefined) this.attemptsSinceConnected += 1;
    this.connectedAt = undefined;
    this.logger.info({ code, reason, livedMs }, 'zalo listener closed');
    void this.reconnect();
  }

  private async reconnect(): Promise<void> {
    if (this.reconnecting) return;
    this.reconnecting = true;
    while (!this.stopping && !this.halted) {
      this.reconnectAttempt += 1;
      const delayMs = backoffDelay(
        this.reconnectAttempt,
        this.options.reconnectBackoff ?? DEFAULT_BACKOFF,
        this.options.random,
      );
      this.logger.info({ delayMs, attempt: this.reconnectAttempt }, 'zalo listener reopening');
      await this.sleep(delayMs, this.stopSignal.signal);
      if (this.stopping) break;
      try {
        if (this.attemptsSinceConnected >= (this.options.reloginAfterFailures ?? 5)) await this.relogin();
        // Cleared before opening: the new socket may close again at any moment after this.
        this.reconnecting = false;
        this.api?.startListener();
        void this.saveCookiesIfChanged();
        return;
      } catch (error) {
        this.reconnecting = true;
        this.attemptsSinceConnected += 1;
        this.logger.error({ err: describeError(error) }, 'zalo listener could not reopen');
      }
    }
    this.reconnecting = false;
  }

  private async relogin(): Promise<void> {
    this.logger.warn({ attempts: this.attemptsSinceConnected }, 'zalo reconnects keep failing; logging in again');
    const previous = this.api;
    this.detach?.();
    this.detach = undefined;
    previous?.stopListener();
    try {
      this.attach(await this.options.connect());
      this.attemptsSinceConnected = 0;
    } catch (error) {
      if (!this.reloginAlertSent) {
        this.reloginAlertSent = true;
        await this.alert(RELOGIN_FAILED_ALERT);
      }
      throw error;
    }
  }

  private async halt(code: number): Promise<void> {
    this.halted = true;
    this.api?.stopListener();
    const text = code === ZaloCloseCode.DuplicateConnection ? DUPLICATE_CONNECTION_ALERT : KICKED_ALERT;
    this.logger.error({ code }, 'zalo listener closed by another session; not reconnecting');
    await this.alert(text);
  }

  private async alert(text: string): Promise<void> {
    try {
      await this.options.onAlert(text);
    } catch (error) {
      this.logger.error({ err: describeError(error) }, 'zalo alert could not be delivered');
    }
  }

  private onMessage(message: ZaloIncomingMessage): void {
    const inbound = toInboundMessage(message, this.clock.now());
    if (!inbound) return;
    void this.inbox.run(inbound.address, () => this.handle(inbound));
  }

  private async handle(inbound: InboundMessage): Promise<void> {
    const handler = this.handler;
    if (!handler || this.stopping) return;
    try {
      const reply = await handler(inbound);
      if (reply) await this.send(inbound.address, reply);
    } catch (error) {
      this.logger.error({ err: describeError(error), address: inbound.address }, 'zalo message not answered');
    }
  }

  /** Starts from the file's cookies so an unchanged session is not rewritten at every start. */
  private async rememberSavedCookies(): Promise<void> {
    const file = this.options.credentialsFile;
    if (!file) return;
    try {
      this.savedCookies = JSON.stringify((await readZaloCredentials(file)).cookie);
    } catch (error) {
      this.logger.warn({ err: describeError(error) }, 'zalo credentials file unreadable; cookies will be rewritten');
    }
  }

  /** Writes are queued so two refreshes never interleave on the file. */
  private saveCookiesIfChanged(): Promise<void> {
    const write = this.cookieWrites.then(async () => {
      const file = this.options.credentialsFile;
      const cookies = this.api?.currentCookies();
      if (!file || !cookies || cookies.length === 0) return;
      const serialized = JSON.stringify(cookies);
      if (serialized === this.savedCookies) return;
      const credentials = await readZaloCredentials(file);
      await writeZaloCredentials(file, { ...credentials, cookie: cookies });
      this.savedCookies = serialized;
      this.logger.info({ count: cookies.length }, 'zalo cookies saved');
    });
    this.cookieWrites = write.catch((error: unknown) => {
      this.logger.error({ err: describeError(error) }, 'zalo cookies could not be saved');
    });
    return this.cookieWrites;
  }
}
