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
//   Zalo announces the other connection with a frame first; zca-js then closes with 3000, which
//   arrives as 1006 when Zalo does not echo it — the frame, not the code, tells.
// - A 3003 soon after this process started, when the previous one died while listening, is Zalo
//   dropping the dead process's session (zca-js #95, #331): reconnect with backoff, no alert.
// - With several bot processes, a kick (3000 or 3003) right after another process of the bot took
//   the listener lease over is that process connecting: stand down quietly (kickSource decides).
// - A session Zalo expired or replaced refuses sends with code 600: log in again from the saved
//   file and retry once; if that fails, sends wait (pending, not failed) and the admins are told.
// - Zalo does not replay what arrived while the socket was down (zca-js #71): after every connect,
//   ask for old messages, and handle those newer than the last one handled, once each, in order.
// - A socket URL that keeps failing is swapped for zca-js's next one.
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
import { zaloAddresses } from '../address.ts';
import { splitText } from '../split-text.ts';
import { ZaloCloseCode, ZaloThread, type ZaloApiLike, type ZaloIncomingMessage, type ZaloMention } from './zalo-api.ts';
import { readZaloCredentials, writeZaloCredentials } from './zalo-credentials.ts';
import { cookieFingerprint } from './zalo-cookies.ts';
import { isSessionExpired, isUnknownPhone, sessionDownError, toChannelSendError } from './zalo-errors.ts';
import { ZALO_TEXT_LIMIT, toInboundMessage, zaloMentionsOf, zaloText, zaloThreadOf } from './zalo-messages.ts';
import { ZaloReplay } from './zalo-replay.ts';
import { memoryZaloState, type ZaloStateStore } from './zalo-state.ts';

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
  /** The last handled message and the listening mark, across restarts; memory when absent. */
  state?: ZaloStateStore;
  /** Names this process in the listening mark (the listener lease's holder); default `pid <pid>`. */
  listenerName?: string;
  /** A 3003 this soon after start, with an unclean previous stop, is our own old session's. */
  ownRestartGraceMs?: number;
  /**
   * Who closed the session with a KickConnection. Replaces the timing rule (an unclean previous
   * stop and a kick soon after start = our own old session); the listener lease answers here.
   * Asked on a DuplicateConnection too: a newer connection of another process of the bot is no alarm.
   */
  kickSource?: (context: KickContext) => KickSource | Promise<KickSource>;
}

export interface KickContext {
  /** The listening mark of a previous process was still set: it stopped without clearing it. */
  uncleanPreviousStop: boolean;
  sinceStartMs: number;
  /** The grace after start within which a kick may be our own old session's. */
  ownRestartGraceMs: number;
}

/**
 * - `own-old-session`: Zalo dropping the session of this bot's previous process: reconnect, quietly.
 * - `another-bot-process`: another process of this bot took the account over: stand down quietly.
 * - `another-device`: someone logged in elsewhere: stop and alert the office admins.
 */
export type KickSource = 'own-old-session' | 'another-bot-process' | 'another-device';

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
const DEFAULT_OWN_RESTART_GRACE_MS = 3 * 60_000;
/** More 3003s than this, even inside the grace period, are someone else's doing. */
const MAX_OWN_KICKS = 3;

/** Without a lease: a kick soon after start, when the previous process died listening, is its session's. */
export function kickSourceByTiming(context: KickContext): KickSource {
  return context.uncleanPreviousStop && context.sinceStartMs <= context.ownRestartGraceMs
    ? 'own-old-session'
    : 'another-device';
}

export class ZaloChannel implements Channel {
  readonly kind = 'zalo' as const;
  private readonly options: ZaloChannelOptions;
  private readonly logger: LogSink;
  private readonly sleep: Sleep;
  private readonly clock: Clock;
  private readonly state: ZaloStateStore;
  private readonly replay: ZaloReplay;
  private readonly stopSignal = new AbortController();
  private api: ZaloApiLike | undefined;
  private detach: (() => void) | undefined;
  private handler: MessageHandler | undefined;
  /** Set after another device took the session: no more reconnecting. */
  private halted = false;
  private reconnecting = false;
  /** startListener() was called on the current session and its socket has not closed since. */
  private socketStarted = false;
  private ownKicks = 0;
  private connectedAt: number | undefined;
  private startedAt = 0;
  private uncleanPreviousStop = false;
  /** The listening mark this process wrote last: the only one it may clear. */
  private listeningMark: string | undefined;
  private markWrite: Promise<void> = Promise.resolve();
  /** Zalo said another connection opened; the close that follows is a kick, whatever its code. */
  private duplicateNoticed = false;
  /** The current connect has no marker yet: its old-messages pages only set the baseline. */
  private baselineConnect = false;
  private reconnectAttempt = 0;
  private attemptsSinceConnected = 0;
  private reloginAlertSent = false;
  /** The login retries after a failed login, if any. */
  private loggingIn: Promise<void> = Promise.resolve();
  /** A re-login in progress, shared by every send that found the session expired. */
  private renewal: Promise<ZaloApiLike> | undefined;
  private savedCookies: string | undefined;
  private cookieWrites: Promise<void> = Promise.resolve();
  /** Inbound messages are handled one at a time per chat (thread), in arrival order; chats concurrently. */
  private readonly inbox = new KeyedSerialQueue<Address>();

  constructor(options: ZaloChannelOptions) {
    this.options = options;
    this.logger = options.logger;
    this.sleep = options.sleep ?? realSleep;
    this.clock = options.clock ?? systemClock;
    this.state = options.state ?? memoryZaloState();
    this.replay = new ZaloReplay(this.state, this.logger);
  }

  async start(onMessage: MessageHandler): Promise<void> {
    if (this.handler) throw new Error('zalo channel already started');
    this.handler = onMessage;
    this.startedAt = this.clock.now().getTime();
    await this.rememberSavedCookies();
    await this.replay.load();
    this.uncleanPreviousStop = (await this.state.readListeningMark().catch(() => undefined)) !== undefined;
    let api: ZaloApiLike;
    try {
      api = await this.options.connect();
    } catch (error) {
      // The rest of the bot (Telegram, reminders, the outbox's retries) runs meanwhile; sends to
      // Zalo wait until the login succeeds.
      this.logger.error({ err: describeError(error) }, 'zalo login failed at start; will keep trying');
      void this.alert(UNREACHABLE_AT_START_ALERT);
      this.loggingIn = this.logInUntilConnected();
      return;
    }
    this.attach(api);
    this.startSocket(api);
    await this.saveCookiesIfChanged();
  }

  /** After a failed login: try again with backoff until it works or the channel stops. */
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
        this.startSocket(api);
        this.logger.info({ attempt }, 'zalo logged in after failing');
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
    const mentions = zaloMentionsOf(message, target.threadType);
    const text = zaloText(message);
    // Mentions point into the whole text: it goes as one message or not at all.
    if (mentions.length > 0 && text.length > ZALO_TEXT_LIMIT)
      throw new ChannelSendError(`group message with mentions longer than ${ZALO_TEXT_LIMIT} characters`, 'permanent');
    const chunks = mentions.length > 0 ? [text] : splitText(text, ZALO_TEXT_LIMIT);
    if (chunks.length === 0) throw new ChannelSendError('refusing to send an empty message', 'permanent');
    let messageId: string | undefined;
    for (const chunk of chunks) {
      ({ msgId: messageId } = await this.sendChunk(chunk, target, mentions));
    }
    void this.saveCookiesIfChanged();
    return messageId === undefined ? {} : { messageId };
  }

  /** Zalo's "find by phone": the person's private chat, undefined when the number has no (findable) account. */
  async findByPhone(phone: string): Promise<Address | undefined> {
    const api = this.api;
    if (!api) throw sessionDownError('not logged in');
    try {
      const user = await api.findUser(phone);
      return user ? zaloAddresses.encode({ thread: 'user', threadId: user.uid }) : undefined;
    } catch (error) {
      if (isUnknownPhone(error)) return undefined;
      throw toChannelSendError(error);
    }
  }

  /** One text; an expired session is renewed once (shared with concurrent sends) and the text retried. */
  private async sendChunk(
    text: string,
    target: NonNullable<ReturnType<typeof zaloThreadOf>>,
    mentions: readonly ZaloMention[],
  ) {
    if (this.renewal) await this.renewal.catch(() => undefined);
    const api = this.api;
    if (!api) throw sessionDownError('not logged in');
    try {
      return await api.sendText(text, target.threadId, target.threadType, mentions);
    } catch (error) {
      if (!isSessionExpired(error)) throw toChannelSendError(error);
      this.logger.warn({ err: describeError(error) }, 'zalo session expired while sending; logging in again');
    }
    const renewed = await this.renewSession(api);
    try {
      return await renewed.sendText(text, target.threadId, target.threadType, mentions);
    } catch (error) {
      throw toChannelSendError(error);
    }
  }

  private renewSession(dead: ZaloApiLike): Promise<ZaloApiLike> {
    if (this.api && this.api !== dead) return Promise.resolve(this.api);
    this.renewal ??= this.logInAgain().finally(() => (this.renewal = undefined));
    return this.renewal;
  }

  private async logInAgain(): Promise<ZaloApiLike> {
    this.retireSession();
    try {
      const api = await this.options.connect();
      if (this.stopping) throw sessionDownError('stopping');
      this.attach(api);
      this.startSocket(api);
      this.attemptsSinceConnected = 0;
      void this.saveCookiesIfChanged();
      return api;
    } catch (error) {
      this.logger.error({ err: describeError(error) }, 'zalo login again failed; sends wait');
      if (!this.reloginAlertSent) {
        this.reloginAlertSent = true;
        void this.alert(RELOGIN_FAILED_ALERT);
      }
      if (!this.stopping) this.loggingIn = this.logInUntilConnected();
      throw sessionDownError(error instanceof Error ? error.message : String(error));
    }
  }

  async stop(): Promise<void> {
    this.stopSignal.abort();
    // A login retry in flight attaches nothing once stopping: wait for it.
    await this.loggingIn;
    await this.renewal?.catch(() => undefined);
    // The handlers stay attached: stopping a socket that is still connecting emits an 'error'
    // (ws: "closed before the connection was established"), which must find a listener.
    this.api?.stopListener();
    await this.inbox.idle();
    await this.replay.idle();
    await this.cookieWrites;
    // Cleared after it was written, never before: a stop right after connecting leaves no mark.
    await this.markWrite;
    if (this.listeningMark !== undefined) {
      await this.state.clearListeningMark(this.listeningMark).catch((error: unknown) => {
        this.logger.error({ err: describeError(error) }, 'zalo listening mark not cleared');
      });
    }
  }

  private get stopping(): boolean {
    return this.stopSignal.signal.aborted;
  }

  /** Stops the current session's listener; its late events (an error, the close) are ignored. */
  private retireSession(): void {
    const previous = this.api;
    this.api = undefined;
    this.connectedAt = undefined;
    this.socketStarted = false;
    previous?.stopListener();
  }

  private startSocket(api: ZaloApiLike): void {
    api.startListener();
    this.socketStarted = true;
  }

  private attach(api: ZaloApiLike): void {
    this.api = api;
    const current = () => this.api === api;
    const detach = api.subscribe({
      onConnected: () => current() && this.onConnected(),
      onReady: () => current() && this.onReady(api),
      onDuplicateNotice: () => {
        if (current()) this.duplicateNoticed = true;
      },
      onClosed: (code, reason) => {
        if (current()) this.onClosed(code, reason);
        // A retired session's close is its last event: let it go.
        else detach();
      },
      onError: (error) => this.logger.warn({ err: describeError(error), stale: !current() }, 'zalo listener error'),
      onMessage: (message) => current() && this.onMessage(message),
      onOldMessages: (messages) => current() && this.onOldMessages(messages),
    });
    this.detach = detach;
  }

  private onConnected(): void {
    this.connectedAt = this.clock.now().getTime();
    this.duplicateNoticed = false;
    this.attemptsSinceConnected = 0;
    this.reloginAlertSent = false;
    this.logger.info({}, 'zalo listener connected');
    const mark = `${this.options.listenerName ?? `pid ${process.pid}`} since ${new Date(this.connectedAt).toISOString()}`;
    this.listeningMark = mark;
    this.markWrite = this.state
      .writeListeningMark(mark)
      .catch((error: unknown) => this.logger.error({ err: describeError(error) }, 'zalo listening mark not set'));
    void this.saveCookiesIfChanged();
  }

  /** The socket can carry requests: fetch what arrived while it was down. */
  private onReady(api: ZaloApiLike): void {
    const since = this.replay.lastHandledMsgId ?? null;
    this.baselineConnect = since === null;
    api.requestOldMessages(ZaloThread.User, since);
    api.requestOldMessages(ZaloThread.Group, since);
  }

  private onClosed(code: number, reason: string): void {
    if (this.stopping || this.halted) return;
    const livedMs = this.connectedAt === undefined ? undefined : this.clock.now().getTime() - this.connectedAt;
    this.connectedAt = undefined;
    this.socketStarted = false;
    if (this.duplicateNoticed || code === ZaloCloseCode.DuplicateConnection) {
      void this.onDuplicate(reason);
      return;
    }
    if (code === ZaloCloseCode.KickConnection) {
      void this.onKicked(reason);
      return;
    }
    if (livedMs !== undefined && livedMs >= (this.options.stableAfterMs ?? 30_000)) this.reconnectAttempt = 0;
    if (livedMs === undefined) this.attemptsSinceConnected += 1;
    this.logger.info({ code, reason, livedMs }, 'zalo listener closed');
    void this.reconnect({ rotateUrl: livedMs === undefined });
  }

  /** A newer connection on the account: another device's, unless the lease says another process of ours. */
  private async onDuplicate(reason: string): Promise<void> {
    if (this.options.kickSource && (await this.kickSource(this.kickContext())) === 'another-bot-process') {
      this.standDown(reason);
      return;
    }
    await this.halt(ZaloCloseCode.DuplicateConnection);
  }

  private kickContext(): KickContext {
    return {
      uncleanPreviousStop: this.uncleanPreviousStop,
      sinceStartMs: this.clock.now().getTime() - this.startedAt,
      ownRestartGraceMs: this.options.ownRestartGraceMs ?? DEFAULT_OWN_RESTART_GRACE_MS,
    };
  }

  private async onKicked(reason: string): Promise<void> {
    const context = this.kickContext();
    const source = await this.kickSource(context);
    if (source === 'another-bot-process') {
      this.standDown(reason);
      return;
    }
    this.ownKicks += 1;
    if (source !== 'own-old-session' || this.ownKicks > MAX_OWN_KICKS) {
      await this.halt(ZaloCloseCode.KickConnection);
      return;
    }
    this.logger.warn({ reason, ...context }, "zalo kicked the previous process's session; reconnecting");
    void this.reconnect({ rotateUrl: false });
  }

  private async kickSource(context: KickContext): Promise<KickSource> {
    if (!this.options.kickSource) return kickSourceByTiming(context);
    try {
      return await this.options.kickSource(context);
    } catch (error) {
      this.logger.error(
        { err: describeError(error) },
        'zalo kick source unknown (lease unreadable); judging by timing',
      );
      return kickSourceByTiming(context);
    }
  }

  /** Another process of this bot listens on the account now: no reconnecting, and nobody to alert. */
  private standDown(reason: string): void {
    this.halted = true;
    this.api?.stopListener();
    this.logger.info({ reason }, 'zalo session taken over by another bot process; standing down');
  }

  private async reconnect({ rotateUrl }: { rotateUrl: boolean }): Promise<void> {
    if (this.reconnecting) return;
    this.reconnecting = true;
    let rotate = rotateUrl;
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
        if (this.renewal) await this.renewal;
        if (this.attemptsSinceConnected >= (this.options.reloginAfterFailures ?? 5)) await this.relogin();
        const api = this.api;
        if (!api) throw new Error('no zalo session');
        if (this.socketStarted) break;
        // A socket URL that never connected may be the problem: try zca-js's next one.
        if (rotate) api.rotateSocketUrl();
        // Cleared before opening: the new socket may close again at any moment after this.
        this.reconnecting = false;
        // A re-login for a send may have opened the new session's socket meanwhile.
        if (!this.socketStarted) this.startSocket(api);
        void this.saveCookiesIfChanged();
        return;
      } catch (error) {
        this.reconnecting = true;
        rotate = true;
        this.attemptsSinceConnected += 1;
        this.logger.error({ err: describeError(error) }, 'zalo listener could not reopen');
      }
    }
    this.reconnecting = false;
  }

  private async relogin(): Promise<void> {
    this.logger.warn({ attempts: this.attemptsSinceConnected }, 'zalo reconnects keep failing; logging in again');
    this.retireSession();
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
    if (!this.replay.admit(message)) return;
    this.enqueue(message);
  }

  private onOldMessages(messages: ZaloIncomingMessage[]): void {
    const missed = this.replay.admitOld(messages, this.baselineConnect);
    if (missed.length > 0) this.logger.info({ count: missed.length }, 'zalo messages missed while disconnected');
    for (const message of missed) this.enqueue(message);
  }

  private enqueue(message: ZaloIncomingMessage): void {
    const inbound = toInboundMessage(message, this.clock.now());
    if (!inbound) {
      this.replay.handled(message);
      return;
    }
    void this.inbox.run(inbound.address, async () => {
      // Not handled because stopping: left unmarked, so the next start replays it.
      if (await this.handle(inbound)) this.replay.handled(message);
    });
  }

  /** False when the message was not given to the handler at all. */
  private async handle(inbound: InboundMessage): Promise<boolean> {
    const handler = this.handler;
    if (!handler || this.stopping) return false;
    try {
      const reply = await handler(inbound);
      if (reply) await this.send(inbound.address, reply);
    } catch (error) {
      // Marked handled anyway: a message that breaks the handler would break it again on replay.
      this.logger.error({ err: describeError(error), address: inbound.address }, 'zalo message not answered');
    }
    return true;
  }

  /** Starts from the file's cookies so an unchanged session is not rewritten at every start. */
  private async rememberSavedCookies(): Promise<void> {
    const file = this.options.credentialsFile;
    if (!file) return;
    try {
      this.savedCookies = cookieFingerprint((await readZaloCredentials(file)).cookie);
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
      const fingerprint = cookieFingerprint(cookies);
      if (fingerprint === this.savedCookies) return;
      const credentials = await readZaloCredentials(file);
      await writeZaloCredentials(file, { ...credentials, cookie: cookies });
      this.savedCookies = fingerprint;
      this.logger.info({ count: cookies.length }, 'zalo cookies saved');
    });
    this.cookieWrites = write.catch((error: unknown) => {
      this.logger.error({ err: describeError(error) }, 'zalo cookies could not be saved');
    });
    return this.cookieWrites;
  }
}
