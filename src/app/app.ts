// Wires the bot: config → logger → database (migrated) → services → channels → scheduler, and
// takes them down in reverse. Nothing here is a module-level singleton.
import { privateAddress } from '../channels/address.ts';
import type { Channel, MessageHandler } from '../channels/channel.ts';
import { createOutbox, type Outbox } from '../channels/outbox.ts';
import { consoleAddress } from '../channels/console/console-channel.ts';
import type { ZaloApiLike } from '../channels/zalo/zalo-api.ts';
import { requireConsoleUser } from '../chat/console-users.ts';
import { createRouter } from '../chat/router.ts';
import type { Config } from '../config/config.ts';
import type { Clock } from '../domain/clock.ts';
import { openDatabase, type Database } from '../db/database.ts';
import type { Store } from '../db/store/store.ts';
import { listAdminChatIdentities } from '../db/store/identities.ts';
import { applyMigrations } from '../db/migrate/migrations.ts';
import { vietnamDateOf } from '../domain/local-date.ts';
import type { Logger } from '../logging/logger.ts';
import { startTicker, type Ticker } from '../scheduler/ticker.ts';
import { createReminderEngine } from '../reminders/engine.ts';
import { dailyDutyGeneration } from './daily-duty-generation.ts';
import { loadReferenceData } from './reference-data.ts';
import { COMMANDS } from '../../commands/index.ts';
import { buildChannels, type ConsoleOptions } from './channels.ts';
import { sharedBudgetFor } from './shared-budget.ts';
import { DEMO_USERNAME, loadDemoData } from './demo-data.ts';

export interface App {
  database: Database;
  channels: readonly Channel[];
  /** The one send path: any address, through its running (rate-limited) channel. */
  outbox: Outbox;
  /** Console mode only: resolves at end of input (piped scripts), so the process can exit. */
  consoleFinished?: Promise<void>;
  /** What the ticker runs every minute: duty generation, then the reminder sweep. */
  sweep(): Promise<void>;
  stop(): Promise<void>;
}

export interface AppDeps {
  config: Config;
  clock: Clock;
  logger: Logger;
  /** Where the console channel reads and writes when no chat credentials are configured. */
  console?: ConsoleOptions;
  /** Load the demo Sở first and act as its demo head on the console. */
  demo?: boolean;
  /** Tests replace the zca-js login. */
  zaloConnect?: () => Promise<ZaloApiLike>;
}

export async function startApp({
  config,
  clock,
  logger,
  console: consoleOptions,
  demo,
  zaloConnect,
}: AppDeps): Promise<App> {
  // A broken calendar or duty file stops start-up here, before anything is touched.
  const reference = loadReferenceData(config);
  const applied = await applyMigrations(config.DATABASE_URL);
  if (applied.length > 0) logger.info({ migrations: applied }, 'database migrated');
  const database = await openDatabase(config.DATABASE_URL);
  logger.info({ provider: database.provider }, 'database ready');
  const db = database.store;

  try {
    if (demo) {
      const loaded = await loadDemoData(db, vietnamDateOf(clock.now()));
      logger.info({ loaded }, loaded ? 'demo data loaded' : 'demo data already present');
    }
    // `--as` someone who is not there would leave the terminal acting as nobody: refuse at start.
    if (consoleOptions?.actAs) await requireConsoleUser(db, consoleOptions.actAs);
  } catch (error) {
    await database.close();
    throw error;
  }

  // Declared before the channels exist: Zalo may need to alert through the others.
  let outbox: Outbox = createOutbox([]);
  // PostgreSQL: several processes may send for the same bot account; they share its rate budget.
  const sharedBudget = sharedBudgetFor(db);
  const { channels, console: terminal } = buildChannels({
    config,
    clock,
    logger,
    commands: COMMANDS,
    ...(consoleOptions
      ? { console: { ...consoleOptions, actAs: consoleOptions.actAs ?? (demo ? DEMO_USERNAME : undefined) } }
      : {}),
    onZaloAlert: (text) => alertAdmins(db, logger, outbox, text),
    ...(sharedBudget ? { sharedBudget } : {}),
    ...(zaloConnect ? { zaloConnect } : {}),
  });
  outbox = createOutbox(channels);

  // /dangnhap takes effect after its own reply is printed, so that reply reads as the new user's.
  let consoleUser: string | undefined;
  const router = createRouter({
    db,
    clock,
    logger,
    commands: COMMANDS,
    reference,
    ...(terminal ? { switchConsoleUser: (username: string) => void (consoleUser = username) } : {}),
  });
  const consoleHandler: MessageHandler = async (message) => {
    const reply = await router(message);
    if (!terminal || consoleUser === undefined) return reply;
    terminal.setActor(consoleUser);
    consoleUser = undefined;
    if (reply) await outbox.send(consoleAddress(terminal.actorId), reply);
    return undefined;
  };
  const started: Channel[] = [];
  try {
    for (const channel of channels) {
      await channel.start(channel.kind === 'console' ? consoleHandler : router);
      started.push(channel);
    }
  } catch (error) {
    await stopChannels(started, logger);
    await database.close();
    throw error;
  }
  logger.info(
    { channels: channels.map((channel) => channel.kind) },
    channels.length ? 'chat channels started' : 'no chat channel',
  );

  // The ticker only triggers; the sweep reads what is due from the database each minute.
  const generateRecurringDuties = dailyDutyGeneration({ db, clock, reference, logger });
  // A failure here must not stop reminders for the tasks that already exist.
  const generateDuties = () =>
    generateRecurringDuties().catch((error: unknown) =>
      logger.error({ err: error }, 'recurring duty generation failed'),
    );
  const reminders = createReminderEngine({
    db,
    clock,
    calendar: reference.calendar,
    catalogue: reference.catalogue,
    outbox,
    config,
    logger: logger.child({ component: 'reminders' }),
  });
  const sweep = async (): Promise<void> => {
    await generateDuties();
    const report = await reminders.sweep();
    logger.debug({ report }, 'sweep');
  };
  await generateDuties();
  const ticker: Ticker = startTicker(sweep, logger);

  return {
    database,
    channels,
    outbox,
    ...(terminal ? { consoleFinished: terminal.finished } : {}),
    sweep,
    async stop() {
      await ticker.stop();
      await reminders.stop();
      await stopChannels(channels, logger);
      await database.close();
      logger.info('stopped');
    },
  };
}

async function stopChannels(channels: readonly Channel[], logger: Logger): Promise<void> {
  for (const channel of [...channels].reverse()) {
    await channel
      .stop()
      .catch((error: unknown) => logger.error({ err: error, channel: channel.kind }, 'channel did not stop cleanly'));
  }
}

/** Zalo trouble goes to the office admins on their other channels, and always to the log. */
async function alertAdmins(db: Store, logger: Logger, outbox: Outbox, text: string): Promise<void> {
  logger.warn({ alert: text }, 'alert for the office admins');
  const admins = await listAdminChatIdentities(db).catch(() => []);
  for (const admin of admins.filter((identity) => identity.channel !== 'zalo' && identity.channel !== 'console')) {
    await outbox
      .send(privateAddress(admin), { text: `⚠️ ${text}` })
      .catch((error: unknown) => logger.error({ err: error, username: admin.username }, 'admin alert not delivered'));
  }
}
