// Which chat channels run: Telegram when TELEGRAM_BOT_TOKEN is set, Zalo when
// ZALO_CREDENTIALS_FILE is set, and the console (stdin/stdout) when neither is. Each is wrapped in
// its rate limiter here, once, so every message the bot sends counts against one budget.
import { basename } from 'node:path';
import type { Channel, ChannelKind } from '../channels/channel.ts';
import type { ChannelRateLimits } from '../channels/rate-limit/limits.ts';
import { withRateLimit } from '../channels/rate-limit/rate-limited-channel.ts';
import type { SharedBudget } from '../channels/rate-limit/shared-budget.ts';
import { ConsoleChannel } from '../channels/console/console-channel.ts';
import type { TelegramMode } from '../channels/telegram/telegram-channel.ts';
import type { ZaloApiLike } from '../channels/zalo/zalo-api.ts';
import { ZaloChannel } from '../channels/zalo/zalo-channel.ts';
import type { ZaloStateStore } from '../channels/zalo/zalo-state.ts';
import { loginWithCredentialsFile } from '../channels/zalo/zca-api.ts';
import type { AnyCommand } from '../chat/command.ts';
import { telegramMenu } from '../chat/telegram-menu.ts';
import type { Config } from '../config/config.ts';
import type { Clock } from '../domain/clock.ts';
import type { Logger } from '../logging/logger.ts';
import type { Store } from '../db/store/store.ts';
import { LeasedListener, type ListenerLeaseTiming, type ListenerLeaseView } from './listener-lease.ts';
import { kickSourceByLease } from './zalo-kick-source.ts';

export interface ConsoleOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Username the terminal acts as at first (`--as`); /dangnhap changes it. */
  actAs?: string;
  prompt?: string;
}

export interface ChannelSet {
  /** Rate limited: start, send and stop through these. */
  channels: Channel[];
  /** The terminal itself (who is acting, end of input); never send through it directly. */
  console?: ConsoleChannel;
}

/** The terminal's sender id before anyone logs in: not a username, so nothing is allowed yet. */
export const CONSOLE_GUEST = 'khach';

export function hasChatCredentials(config: Pick<Config, 'TELEGRAM_BOT_TOKEN' | 'ZALO_CREDENTIALS_FILE'>): boolean {
  return Boolean(config.TELEGRAM_BOT_TOKEN || config.ZALO_CREDENTIALS_FILE);
}

export async function buildChannels(input: {
  config: Config;
  clock: Clock;
  logger: Logger;
  commands: readonly AnyCommand[];
  console?: ConsoleOptions;
  /** Tells the office admins that Zalo needs attention. */
  onZaloAlert: (text: string) => Promise<void>;
  /** Tests replace the zca-js login. */
  zaloConnect?: () => Promise<ZaloApiLike>;
  /** Where Zalo keeps its last handled message and listening mark (the database). */
  zaloState?: ZaloStateStore;
  /** Tests and benchmarks replace the published limits (channels/rate-limit/limits.ts). */
  rateLimits?: Partial<Record<ChannelKind, ChannelRateLimits>>;
  /** PostgreSQL: the channel-wide limits are shared with the other bot processes through this. */
  sharedBudget?: SharedBudget;
  /** Inbound listeners (Telegram polling, Zalo) are leased in this database to this process. */
  listenerLease: { store: Store; holder: string; timing?: Partial<ListenerLeaseTiming> };
}): Promise<ChannelSet> {
  const { config, clock, logger } = input;
  const channels: Channel[] = [];
  const leased = (
    kind: Channel['kind'],
    leaseName: string,
    createListener: (lease: ListenerLeaseView) => Channel,
    sender?: Channel,
  ) =>
    new LeasedListener(kind, {
      ...input.listenerLease,
      leaseName,
      createListener,
      ...(sender ? { sender } : {}),
      logger: logger.child({ channel: kind }),
    });
  const telegramToken = config.TELEGRAM_BOT_TOKEN;
  if (telegramToken) {
    // telegraf loads only in a process that talks to Telegram (not the console try-out, nor Zalo-only).
    const { TelegramChannel } = await import('../channels/telegram/telegram-channel.ts');
    const telegram = () =>
      new TelegramChannel({
        token: telegramToken,
        apiRoot: config.TELEGRAM_API_ROOT,
        logger: logger.child({ channel: 'telegram' }),
        commands: telegramMenu(input.commands),
        clock,
        ...(config.TELEGRAM_WEBHOOK_URL ? { mode: webhookMode(config) } : {}),
      });
    // A webhook is served by every process behind the load balancer: no lease. Polling is leased;
    // sends are plain HTTP and go from whichever process delivers (an unstarted channel sends).
    channels.push(
      config.TELEGRAM_WEBHOOK_URL
        ? telegram()
        : leased('telegram', telegramListenerLease(telegramToken), telegram, telegram()),
    );
  }
  const credentialsFile = config.ZALO_CREDENTIALS_FILE;
  if (credentialsFile) {
    // One session per personal account: only the lease holder logs in, listens and sends.
    channels.push(
      leased(
        'zalo',
        zaloListenerLease(credentialsFile),
        (lease) =>
          new ZaloChannel({
            connect: input.zaloConnect ?? (() => loginWithCredentialsFile(credentialsFile)),
            credentialsFile,
            logger: logger.child({ channel: 'zalo' }),
            onAlert: input.onZaloAlert,
            clock,
            kickSource: (context) => kickSourceByLease(lease, context),
            listenerName: input.listenerLease.holder,
            ...(input.zaloState ? { state: input.zaloState } : {}),
          }),
      ),
    );
  }
  const limited = (channel: Channel) => {
    const limits = input.rateLimits?.[channel.kind];
    return withRateLimit(channel, {
      ...(limits ? { limits } : {}),
      ...(input.sharedBudget ? { shared: input.sharedBudget } : {}),
    });
  };
  if (channels.length > 0 || !input.console) return { channels: channels.map(limited) };
  const terminal = new ConsoleChannel({
    input: input.console.input,
    output: input.console.output,
    actorId: input.console.actAs ?? CONSOLE_GUEST,
    ...(input.console.prompt === undefined ? {} : { prompt: input.console.prompt }),
    clock,
  });
  return { channels: [limited(terminal)], console: terminal };
}

/** The bot id is the token's part before the colon: public, and the same in every process. */
export function telegramListenerLease(token: string): string {
  return `telegram:${token.split(':')[0]}`;
}

/** Every process of one bot reads the same credentials file name (the account's session). */
export function zaloListenerLease(credentialsFile: string): string {
  return `zalo:${basename(credentialsFile)}`;
}

/** TELEGRAM_WEBHOOK_URL = https://<domain><path>: telegraf serves that path on the given port. */
function webhookMode(config: Config): TelegramMode {
  const url = new URL(config.TELEGRAM_WEBHOOK_URL!);
  return {
    kind: 'webhook',
    domain: url.host,
    path: url.pathname,
    port: config.TELEGRAM_WEBHOOK_PORT,
    ...(config.TELEGRAM_WEBHOOK_SECRET ? { secretToken: config.TELEGRAM_WEBHOOK_SECRET } : {}),
  };
}
