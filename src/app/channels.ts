// Which chat channels run: Telegram when TELEGRAM_BOT_TOKEN is set, Zalo when
// ZALO_CREDENTIALS_FILE is set, and the console (stdin/stdout) when neither is. Each is wrapped in
// its rate limiter here, once, so every message the bot sends counts against one budget.
import type { Channel, ChannelKind } from '../channels/channel.ts';
import type { ChannelRateLimits } from '../channels/rate-limit/limits.ts';
import { withRateLimit } from '../channels/rate-limit/rate-limited-channel.ts';
import type { SharedBudget } from '../channels/rate-limit/shared-budget.ts';
import { ConsoleChannel } from '../channels/console/console-channel.ts';
import { TelegramChannel, type TelegramMode } from '../channels/telegram/telegram-channel.ts';
import type { ZaloApiLike } from '../channels/zalo/zalo-api.ts';
import { ZaloChannel } from '../channels/zalo/zalo-channel.ts';
import type { ZaloStateStore } from '../channels/zalo/zalo-state.ts';
import { loginWithCredentialsFile } from '../channels/zalo/zca-api.ts';
import type { AnyCommand } from '../chat/command.ts';
import { telegramMenu } from '../chat/telegram-menu.ts';
import type { Config } from '../config/config.ts';
import type { Clock } from '../domain/clock.ts';
import type { Logger } from '../logging/logger.ts';

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

export function buildChannels(input: {
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
}): ChannelSet {
  const { config, clock, logger } = input;
  const channels: Channel[] = [];
  if (config.TELEGRAM_BOT_TOKEN) {
    channels.push(
      new TelegramChannel({
        token: config.TELEGRAM_BOT_TOKEN,
        apiRoot: config.TELEGRAM_API_ROOT,
        logger: logger.child({ channel: 'telegram' }),
        commands: telegramMenu(input.commands),
        clock,
        ...(config.TELEGRAM_WEBHOOK_URL ? { mode: webhookMode(config) } : {}),
      }),
    );
  }
  const credentialsFile = config.ZALO_CREDENTIALS_FILE;
  if (credentialsFile) {
    channels.push(
      new ZaloChannel({
        connect: input.zaloConnect ?? (() => loginWithCredentialsFile(credentialsFile)),
        credentialsFile,
        logger: logger.child({ channel: 'zalo' }),
        onAlert: input.onZaloAlert,
        clock,
        ...(input.zaloState ? { state: input.zaloState } : {}),
      }),
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
