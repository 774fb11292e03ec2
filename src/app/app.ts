// Wires the bot: config → logger → database (migrated) → services → channels → scheduler, and
// takes them down in reverse. Nothing here is a module-level singleton.
import { statSync } from 'node:fs';
import { privateAddress } from '../channels/address.ts';
import type { Channel, MessageHandler } from '../channels/channel.ts';
import { createOutbox, type Outbox } from '../channels/outbox.ts';
import { consoleAddress } from '../channels/console/console-channel.ts';
import type { ZaloApiLike } from '../channels/zalo/zalo-api.ts';
import { requireConsoleUser } from '../chat/console-users.ts';
import { createRouter, type Router } from '../chat/router.ts';
import type { Config } from '../config/config.ts';
import type { Clock } from '../domain/clock.ts';
import { openDatabase, type Database } from '../db/database.ts';
import { alertAdmins } from './admin-alerts.ts';
import { zaloStateRows } from '../db/store/zalo-state.ts';
import { applyMigrations } from '../db/migrate/migrations.ts';
import { vietnamDateOf } from '../domain/local-date.ts';
import type { Logger } from '../logging/logger.ts';
import { everySeconds, startTicker, type Ticker } from '../scheduler/ticker.ts';
import { createReminderEngine, newProcessId } from '../reminders/engine.ts';
import { dailyDutyGeneration } from './daily-duty-generation.ts';
import { warnOfProvisionalYears, weeklyProvisionalNotice } from './calendar-upkeep.ts';
import { followCalendarFile } from './calendar-reload.ts';
import { loadReferenceData } from './reference-data.ts';
import { COMMANDS } from '../../commands/index.ts';
import { buildChannels, type ConsoleOptions } from './channels.ts';
import type { ListenerLeaseTiming } from './listener-lease.ts';
import { DEMO_USERNAME, loadDemoData, requireDemoOnlyDatabase } from './demo-data.ts';
import { maskDatabaseUrl } from '../config/mask-url.ts';
import { sharedBudgetFor } from './shared-budget.ts';
import { dailyBackup } from './daily-backup.ts';
import { metricsSource } from './metrics-source.ts';
import { systemClock } from '../domain/clock.ts';
import { checkHealth, createStallAlarm, SweepMonitor } from '../reminders/scheduler-health.ts';
import { createMetrics, metricsRoute } from '../web/metrics.ts';
import { healthRoute } from '../web/health-route.ts';
import { createWebApp, startWebServer, type RunningWebServer } from '../web/server.ts';
import { consoleRoutes } from '../web/console/console-routes.ts';
import { createWebConsole, type SendToChat } from '../services/web-console.ts';
import { createWebConsolePeople } from '../services/web-console-people.ts';
import { purgeExpiredUploads } from '../db/store/pending-uploads.ts';
import { createWebConsoleUnits } from '../services/web-console-units.ts';
import { telegramBotName } from '../channels/telegram/telegram-bot-name.ts';
import { createConsoleOperations } from '../services/web-console-operations.ts';

export interface App {
  database: Database;
  channels: readonly Channel[];
  /** The one send path: any address, through its running (rate-limited) channel. */
  outbox: Outbox;
  /** Console mode only: resolves at end of input (piped scripts), so the process can exit. */
  consoleFinished?: Promise<{ linesRead: number }>;
  /** What the ticker runs every minute: duty generation, the provisional-calendar notice, then the reminder sweep. */
  sweep(): Promise<void>;
  stop(): Promise<void>;
  /** Where /healthz and /metrics answer, when the web server runs. */
  webUrl?: string;
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
  /** Serve /healthz and /metrics on WEB_HOST:WEB_PORT (the bot as a service; not the console try-out). */
  web?: boolean;
  /** Tests shorten the listener leases' renewal and expiry. */
  listenerLeaseTiming?: Partial<ListenerLeaseTiming>;
}

export async function startApp({
  config,
  clock,
  logger,
  console: consoleOptions,
  demo,
  zaloConnect,
  web,
  listenerLeaseTiming,
}: AppDeps): Promise<App> {
  // A broken calendar or duty file stops start-up here, before anything is touched.
  const reference = loadReferenceData(config);
  warnOfProvisionalYears({ clock, reference, logger });
  const applied = await applyMigrations(config.DATABASE_URL);
  if (applied.length > 0) logger.info({ migrations: applied }, 'database migrated');
  const database = await openDatabase(config.DATABASE_URL);
  logger.info({ provider: database.provider }, 'database ready');
  const db = database.store;

  try {
    if (demo) {
      await requireDemoOnlyDatabase(db, maskDatabaseUrl(config.DATABASE_URL));
      const loaded = await loadDemoData(db, vietnamDateOf(clock.now()));
      logger.info({ loaded }, loaded ? 'demo data loaded' : 'demo data already present');
    }
    // `--as` someone who is not there would leave the terminal acting as nobody: refuse at start.
    if (consoleOptions?.actAs) await requireConsoleUser(db, consoleOptions.actAs);
  } catch (error) {
    await database.close();
    throw error;
  }

  if (config.ZALO_CREDENTIALS_FILE) warnIfReadableByOthers(config.ZALO_CREDENTIALS_FILE, logger);

  // Names this process in the scheduler's claims and in the listener leases.
  const processId = newProcessId();
  // Declared before the channels exist: Zalo may need to alert through the others.
  let outbox: Outbox = createOutbox([]);
  // PostgreSQL: several processes may send for the same bot account; they share its rate budget.
  const sharedBudget = sharedBudgetFor(db);
  const { channels, console: terminal } = await buildChannels({
    config,
    clock,
    logger,
    commands: COMMANDS,
    ...(consoleOptions
      ? { console: { ...consoleOptions, actAs: consoleOptions.actAs ?? (demo ? DEMO_USERNAME : undefined) } }
      : {}),
    onZaloAlert: (text) => alertAdmins(db, logger, outbox, text),
    zaloState: zaloStateRows(db),
    ...(sharedBudget ? { sharedBudget } : {}),
    ...(zaloConnect ? { zaloConnect } : {}),
    listenerLease: {
      store: db,
      holder: processId,
      timing: {
        ttlMs: config.LISTENER_LEASE_TTL_MS,
        renewEveryMs: config.LISTENER_LEASE_RENEW_MS,
        ...listenerLeaseTiming,
      },
    },
  });
  outbox = createOutbox(channels);

  // /dangnhap takes effect after its own reply is printed, so that reply reads as the new user's.
  let consoleUser: string | undefined;
  const router = deliverPrivately(
    createRouter({
      db,
      clock,
      logger,
      commands: COMMANDS,
      reference,
      ...(terminal ? { switchConsoleUser: (username: string) => void (consoleUser = username) } : {}),
    }),
    outbox,
    logger,
  );
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
  const generateRecurringDuties = dailyDutyGeneration({ db, clock, reference, logger, processId });
  // A failure here must not stop reminders for the tasks that already exist.
  const generateDuties = () =>
    generateRecurringDuties().catch((error: unknown) =>
      logger.error({ err: error }, 'recurring duty generation failed'),
    );
  const provisionalCalendarNotice = weeklyProvisionalNotice({ db, clock, reference, logger });
  const noticeProvisionalCalendar = () =>
    provisionalCalendarNotice().catch((error: unknown) =>
      logger.error({ err: error }, 'provisional calendar notice failed'),
    );
  const calendarCheck = await followCalendarFile({ db, clock, reference, logger });
  const followCalendar = () =>
    calendarCheck().catch((error: unknown) => logger.error({ err: error }, 'calendar reload failed'));
  const monitor = new SweepMonitor(systemClock);
  const metrics = config.METRICS_ENABLED
    ? createMetrics(metricsSource(db, monitor, channels, config, clock))
    : undefined;
  const reminders = createReminderEngine({
    db,
    clock,
    // Read at each use: a reloaded calendar file takes effect at the next sweep.
    get calendar() {
      return reference.calendar;
    },
    catalogue: reference.catalogue,
    outbox,
    config,
    logger: logger.child({ component: 'reminders' }),
    processId,
    invitations: {
      spacingMs: config.ZALO_INVITE_SPACING_SECONDS * 1000,
      dailyCap: config.ZALO_INVITE_DAILY_CAP,
      linkCodeDays: config.LINK_SHEET_DAYS,
    },
    ...(metrics ? { observeDelivery: metrics.reminderOutcome } : {}),
    alertAdmins: (text, route) => alertAdmins(db, logger, outbox, text, route),
  });
  const backup = dailyBackup({
    config,
    clock,
    logger: logger.child({ component: 'backup' }),
    alert: (text) => alertAdmins(db, logger, outbox, text),
  });
  // The web console's unconfirmed uploads are forgotten at their expiry even when nobody opens the page again.
  const forgetExpiredUploads = () =>
    purgeExpiredUploads(db, clock.now()).catch((error: unknown) =>
      logger.error({ err: error }, 'purging expired uploads failed'),
    );
  const sweep = async (): Promise<void> => {
    await followCalendar();
    await forgetExpiredUploads();
    await generateDuties();
    await noticeProvisionalCalendar();
    const report = await reminders.sweep().catch((error: unknown) => {
      monitor.failed(error);
      throw error;
    });
    monitor.swept(report);
    if (!report.skipped) metrics?.sweepFinished(report.durationMs);
    logger.debug({ report }, 'sweep');
    // One process copies the file (on SQLite the lease holder), after the reminders of the minute.
    if (report.skipped !== 'not-lease-holder') await backup?.();
  };
  await generateDuties();
  await noticeProvisionalCalendar();
  const ticker: Ticker = startTicker(sweep, logger, everySeconds(config.REMINDER_SWEEP_SECONDS));
  // Its own timer, not the sweep's: it must speak up precisely when the sweeps stop.
  const stallAlarm = createStallAlarm({
    db,
    monitor,
    realClock: systemClock,
    processId: reminders.processId,
    clock,
    get calendar() {
      return reference.calendar;
    },
    schedule: { sendTimes: config.REMINDER_SEND_TIMES, workingHours: config.WORKING_HOURS, graceMs: 0 },
    alert: (text) => alertAdmins(db, logger, outbox, text),
  });
  const alarmTimer = setInterval(
    () => void stallAlarm().catch((error: unknown) => logger.error({ err: error }, 'stall alarm failed')),
    60_000,
  );
  alarmTimer.unref();

  let server: RunningWebServer | undefined;
  const stop = async () => {
    clearInterval(alarmTimer);
    await server?.close();
    await ticker.stop();
    await reminders.stop();
    await stopChannels(channels, logger);
    await database.close();
    logger.info('stopped');
  };
  if (web) {
    const baseUrl = config.WEB_BASE_URL ?? `http://${config.WEB_HOST}:${config.WEB_PORT}`;
    const webConsole = createWebConsole({
      store: db,
      clock,
      baseUrl,
      sendToChat: sendToChatVia(outbox, logger),
      reference,
    });
    const routes = [
      healthRoute(() => checkHealth({ db, monitor, realClock: systemClock, processId: reminders.processId })),
      ...(metrics ? [metricsRoute(metrics)] : []),
      // Last: its session guard covers every path the routes above do not answer.
      consoleRoutes(webConsole, {
        secureCookies: baseUrl.startsWith('https:'),
        now: () => systemClock.now().getTime(),
        logError: (error, where) => logger.error({ err: error, where }, 'web console request failed'),
        people: {
          service: createWebConsolePeople({
            store: db,
            clock,
            uploadMaxBytes: config.WEB_UPLOAD_MAX_MB * 1024 * 1024,
            linkSheetDays: config.LINK_SHEET_DAYS,
            telegramBot: () => telegramBotName(config),
          }),
          units: createWebConsoleUnits({ store: db, clock }),
          uploadMaxBytes: config.WEB_UPLOAD_MAX_MB * 1024 * 1024,
        },
        operations: createConsoleOperations({
          store: db,
          clock,
          reference,
          uploadMaxBytes: config.WEB_UPLOAD_MAX_MB * 1024 * 1024,
        }),
      }),
    ];
    try {
      server = await startWebServer(createWebApp(routes), { host: config.WEB_HOST, port: config.WEB_PORT });
    } catch (error) {
      await stop();
      throw error;
    }
    logger.info({ url: server.url, metrics: Boolean(metrics) }, `web server listening on ${server.url}`);
  }

  return {
    database,
    channels,
    outbox,
    ...(terminal ? { consoleFinished: terminal.finished.then(() => ({ linesRead: terminal.linesRead })) } : {}),
    sweep,
    ...(server ? { webUrl: server.url } : {}),
    stop,
  };
}

async function stopChannels(channels: readonly Channel[], logger: Logger): Promise<void> {
  for (const channel of [...channels].reverse()) {
    await channel
      .stop()
      .catch((error: unknown) => logger.error({ err: error, channel: channel.kind }, 'channel did not stop cleanly'));
  }
}

/** The Zalo credentials file is a logged-in session: anyone who can read it is the bot on Zalo. */
function warnIfReadableByOthers(file: string, logger: Logger): void {
  let mode: number;
  try {
    mode = statSync(file).mode & 0o777;
  } catch {
    return; // the Zalo channel reports a missing or unreadable file itself
  }
  if ((mode & 0o077) === 0) return;
  logger.warn(
    { file, mode: mode.toString(8).padStart(4, '0') },
    `the Zalo credentials file ${file} can be read by other users (a logged-in Zalo session): run chmod 600 ${file}`,
  );
}

/**
 * A personal list asked in a group goes to the asker's private chat (Telegram: their user id; Zalo:
 * their user thread) through the outbox; the group gets the router's one-line note, or, when
 * that chat cannot be reached (a Telegram user who never started the bot), "message the bot".
 */
function deliverPrivately(router: Router, outbox: Outbox, logger: Logger): MessageHandler {
  return async (message) => {
    const reply = await router(message);
    if (!reply?.privately) return reply;
    const { privately, ...note } = reply;
    try {
      await outbox.send(privateAddress({ channel: message.channel, externalId: message.senderId }), privately.message);
      return note;
    } catch (error) {
      logger.warn(
        { err: error, channel: message.channel, chat: message.address, sender: message.senderId },
        'private reply not delivered',
      );
      return privately.unreachable;
    }
  };
}

/** A sign-in link goes straight to the official's private chat through the outbox (rate-limited like every send). */
function sendToChatVia(outbox: Outbox, logger: Logger): SendToChat {
  return async (identity, text) => {
    try {
      await outbox.send(privateAddress(identity), { text });
      return true;
    } catch (error) {
      logger.warn({ err: error, channel: identity.channel }, 'sign-in link not delivered');
      return false;
    }
  };
}
