// Telegram transport on telegraf. Long polling by default (works behind the office NAT), webhook
// when a public HTTPS endpoint exists. Telegraf's polling loop already waits and retries on
// network errors, 429 and 5xx; it gives up on anything else (401, 409 conflict, unexpected 4xx),
// so a supervisor relaunches it with backoff until stop().
import { systemClock, type Clock } from '../../domain/clock.ts';
import { Telegraf, type Telegram } from 'telegraf';
import { callbackQuery, message } from 'telegraf/filters';
import type { CallbackQuery, Chat, Message, User } from 'telegraf/types';
import { backoffDelay, realSleep, type BackoffPolicy, type Sleep } from '../backoff.ts';
import { KeyedSerialQueue } from '../keyed-serial-queue.ts';
import {
  ChannelSendError,
  type Address,
  type Channel,
  type InboundMessage,
  type MessageAction,
  type MessageHandler,
  type OutgoingMessage,
  type SendResult,
} from '../channel.ts';
import { describeError, type LogSink } from '../../domain/log-sink.ts';
import { splitText } from '../split-text.ts';
import { toChannelSendError } from './telegram-errors.ts';
import {
  TELEGRAM_TEXT_LIMIT,
  chatIdOf,
  inboundText,
  inlineKeyboard,
  isGroupChat,
  senderName,
  telegramAddress,
  typedActionHints,
} from './telegram-messages.ts';

export interface BotCommandEntry {
  command: string;
  description: string;
}

export type TelegramMode =
  | { kind: 'polling' }
  | {
      kind: 'webhook';
      /** Public host name Telegram calls, e.g. `bot.example.gov.vn`. */
      domain: string;
      /** Path of the webhook; keep it unguessable. */
      path?: string;
      port: number;
      host?: string;
      secretToken?: string;
    };

export interface TelegramChannelOptions {
  token: string;
  /** Bot API root; a self-hosted Bot API server or a test fake. */
  apiRoot?: string;
  mode?: TelegramMode;
  logger: LogSink;
  /** Published with setMyCommands so Telegram shows a (Vietnamese) command menu. */
  commands?: BotCommandEntry[];
  /** Pacing of polling relaunches after the loop dies. */
  restartBackoff?: BackoffPolicy;
  /** Give up on one sendMessage call after this long (telegraf's own timeout is 500 s). */
  sendTimeoutMs?: number;
  sleep?: Sleep;
  random?: () => number;
  clock?: Clock;
}

type CallApiOptions = NonNullable<Parameters<Telegram['callApi']>[2]>;

const ALLOWED_UPDATES = ['message', 'callback_query'] as const;

export class TelegramChannel implements Channel {
  readonly kind = 'telegram' as const;
  private readonly bot: Telegraf;
  private readonly logger: LogSink;
  private readonly options: TelegramChannelOptions;
  private readonly sleep: Sleep;
  private readonly clock: Clock;
  private readonly stopSignal = new AbortController();
  private handler: MessageHandler | undefined;
  private supervisor: Promise<void> | undefined;
  private webhookRunning = false;
  /** Inside telegraf's polling loop (between relaunches it is not). */
  private polling = false;
  private commandsPublished = false;
  private updatesSinceLaunch = 0;
  /**
   * Inbound messages are handled one at a time per chat, in arrival order, so replies in a chat
   * keep their order; different chats are handled concurrently, so one slow chat (or a database
   * lock held by an import) does not make everyone wait.
   */
  private readonly inbox = new KeyedSerialQueue<Address>();

  constructor(options: TelegramChannelOptions) {
    this.options = options;
    this.logger = options.logger;
    this.sleep = options.sleep ?? realSleep;
    this.clock = options.clock ?? systemClock;
    this.bot = new Telegraf(options.token, {
      telegram: options.apiRoot ? { apiRoot: options.apiRoot } : {},
    });
    // Never let one bad update crash the process or stop polling.
    this.bot.catch((error, ctx) => {
      this.logger.error({ err: describeError(error), updateId: ctx.update.update_id }, 'telegram update failed');
    });
    this.bot.on(message('text'), (ctx) => this.onText(ctx.message));
    this.bot.on(callbackQuery('data'), async (ctx) => {
      // Stop the button's spinner first; a failure here must not lose the press.
      await ctx.answerCbQuery().catch((error: unknown) => {
        this.logger.warn({ err: describeError(error) }, 'telegram answerCallbackQuery failed');
      });
      await this.onButton(ctx.callbackQuery);
    });
  }

  async start(onMessage: MessageHandler): Promise<void> {
    if (this.handler) throw new Error('telegram channel already started');
    this.handler = onMessage;
    await this.identifyBot();
    const mode = this.options.mode ?? { kind: 'polling' };
    if (mode.kind === 'webhook') {
      await this.publishCommands();
      await this.bot.launch({
        allowedUpdates: [...ALLOWED_UPDATES],
        webhook: {
          domain: mode.domain,
          ...(mode.path === undefined ? {} : { path: mode.path }),
          port: mode.port,
          ...(mode.host === undefined ? {} : { host: mode.host }),
          ...(mode.secretToken === undefined ? {} : { secretToken: mode.secretToken }),
        },
      });
      this.webhookRunning = true;
      this.logger.info({ domain: mode.domain }, 'telegram webhook started');
      return;
    }
    this.supervisor = this.superviseLongPolling();
  }

  connected(): boolean {
    return !this.stopping && (this.webhookRunning || this.polling);
  }

  async send(address: Address, message: OutgoingMessage): Promise<SendResult> {
    const sent = await this.sendText(address, message.text, message.actions);
    if (!message.image) return sent;
    return this.sendImage(address, await message.image.render(), message.image.caption);
  }

  private async sendText(address: Address, text: string, actions?: MessageAction[]): Promise<SendResult> {
    const chatId = chatIdOf(address);
    if (chatId === undefined) throw new ChannelSendError(`not a telegram address: ${address}`, 'permanent');
    const keyboard = inlineKeyboard(actions);
    if (keyboard.typedOnly.length > 0) {
      this.logger.warn(
        { address, commands: keyboard.typedOnly.map((a) => a.command) },
        'command too long for a button',
      );
    }
    const fullText = keyboard.typedOnly.length > 0 ? `${text}\n\n${typedActionHints(keyboard.typedOnly)}` : text;
    const chunks = splitText(fullText, TELEGRAM_TEXT_LIMIT);
    if (chunks.length === 0) throw new ChannelSendError('refusing to send an empty message', 'permanent');
    let last: Message.TextMessage | undefined;
    for (const [index, chunk] of chunks.entries()) {
      const isLast = index === chunks.length - 1;
      try {
        last = await this.bot.telegram.callApi(
          'sendMessage',
          { chat_id: chatId, text: chunk, ...(isLast && keyboard.markup ? { reply_markup: keyboard.markup } : {}) },
          { signal: this.sendTimeoutSignal() },
        );
      } catch (error) {
        throw toChannelSendError(error);
      }
    }
    return last ? { messageId: String(last.message_id) } : {};
  }

  /** A PNG as a photo (multipart upload), e.g. the monthly report's chart. */
  private async sendImage(address: Address, png: Uint8Array, caption?: string): Promise<SendResult> {
    const chatId = chatIdOf(address);
    if (chatId === undefined) throw new ChannelSendError(`not a telegram address: ${address}`, 'permanent');
    try {
      const sent = await this.bot.telegram.sendPhoto(
        chatId,
        { source: Buffer.from(png), filename: 'bieu-do.png' },
        caption ? { caption } : {},
      );
      return { messageId: String(sent.message_id) };
    } catch (error) {
      throw toChannelSendError(error);
    }
  }

  async stop(): Promise<void> {
    this.stopSignal.abort();
    if (this.webhookRunning) {
      this.bot.stop('channel stopped');
      this.webhookRunning = false;
    }
    if (this.supervisor) {
      await this.stopPolling(this.supervisor);
      this.supervisor = undefined;
    }
    await this.inbox.idle();
  }

  /** telegraf types its signal with the abort-controller polyfill; node-fetch accepts the native one. */
  private sendTimeoutSignal(): CallApiOptions['signal'] {
    return AbortSignal.timeout(this.options.sendTimeoutMs ?? 30_000) as unknown as CallApiOptions['signal'];
  }

  private get stopping(): boolean {
    return this.stopSignal.signal.aborted;
  }

  /**
   * Learn the bot's username (needed to recognise `/cmd@bot`). A wrong token is a configuration
   * error worth failing start for; an unreachable Telegram is not — polling retries later.
   */
  private async identifyBot(): Promise<void> {
    try {
      this.bot.botInfo = await this.bot.telegram.getMe();
      this.logger.info({ username: this.bot.botInfo.username }, 'telegram bot identified');
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (code === 401 || code === 404) throw error;
      this.logger.warn({ err: describeError(error) }, 'telegram unreachable at start; will keep trying');
    }
  }

  private async publishCommands(): Promise<void> {
    const commands = this.options.commands;
    if (!commands || commands.length === 0 || this.commandsPublished) return;
    try {
      await this.bot.telegram.setMyCommands(commands);
      this.commandsPublished = true;
    } catch (error) {
      this.logger.warn({ err: describeError(error) }, 'telegram setMyCommands failed; will retry on next launch');
    }
  }

  private async superviseLongPolling(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      this.updatesSinceLaunch = 0;
      try {
        await this.publishCommands();
        // Resolves only when polling ends.
        this.polling = true;
        await this.bot.launch({ allowedUpdates: [...ALLOWED_UPDATES] });
        this.polling = false;
        if (this.stopping) return;
        this.logger.warn({}, 'telegram polling ended by itself; relaunching');
      } catch (error) {
        this.polling = false;
        if (this.stopping) return;
        this.logger.error({ err: describeError(error) }, 'telegram polling died; relaunching');
      }
      // Updates since the last launch prove the loop worked: start the backoff over.
      failures = this.updatesSinceLaunch > 0 ? 1 : failures + 1;
      const delayMs = backoffDelay(failures, this.restartPolicy(), this.options.random);
      this.logger.info({ delayMs, failures }, 'telegram polling relaunch scheduled');
      await this.sleep(delayMs, this.stopSignal.signal);
    }
  }

  private restartPolicy(): BackoffPolicy {
    return this.options.restartBackoff ?? { initialMs: 1_000, maxMs: 60_000 };
  }

  /**
   * telegraf refuses to stop a bot whose polling has not begun yet (launch is still calling
   * getMe/deleteWebhook); keep asking until the supervisor notices and ends.
   */
  private async stopPolling(supervisor: Promise<void>): Promise<void> {
    let ended = false;
    void supervisor.finally(() => (ended = true));
    while (!ended) {
      try {
        this.bot.stop('channel stopped');
      } catch {
        // Not polling at this instant (between launches or still launching).
      }
      await Promise.race([supervisor, realSleep(20)]);
    }
  }

  private onText(msg: Message.TextMessage): Promise<void> {
    if (!msg.from || msg.from.is_bot) return Promise.resolve();
    const text = inboundText(msg.text, this.bot.botInfo?.username);
    if (text === undefined) return Promise.resolve();
    return this.receive(msg.chat, msg.from, text);
  }

  private onButton(query: CallbackQuery.DataQuery): Promise<void> {
    // Buttons under our own messages always have `message`; fall back to the presser's private chat.
    const chat = query.message?.chat;
    return this.receive(chat ?? { id: query.from.id, type: 'private' }, query.from, query.data);
  }

  private receive(chat: Pick<Chat, 'id' | 'type'>, from: User, text: string): Promise<void> {
    this.updatesSinceLaunch += 1;
    const inbound: InboundMessage = {
      channel: 'telegram',
      address: telegramAddress(chat.id),
      senderId: String(from.id),
      senderName: senderName(from),
      isGroup: isGroupChat(chat.type),
      text,
      receivedAt: this.clock.now(),
    };
    return this.inbox.run(inbound.address, () => this.handle(inbound));
  }

  private async handle(inbound: InboundMessage): Promise<void> {
    const handler = this.handler;
    if (!handler || this.stopping) return;
    try {
      const reply = await handler(inbound);
      if (reply) await this.send(inbound.address, reply);
    } catch (error) {
      this.logger.error({ err: describeError(error), address: inbound.address }, 'telegram message not answered');
    }
  }
}
