// Wires the bot: config → logger → database (migrated) → services → channels → scheduler, and
// takes them down in reverse. Nothing here is a module-level singleton.
import type { Config } from '../config/config.ts';
import type { Clock } from '../domain/clock.ts';
import { openDatabase, type Database } from '../db/database.ts';
import { applyMigrations } from '../db/migrate/migrations.ts';
import type { Logger } from '../logging/logger.ts';
import { startTicker, type Ticker } from '../scheduler/ticker.ts';

export interface App {
  database: Database;
  stop(): Promise<void>;
}

export interface AppDeps {
  config: Config;
  clock: Clock;
  logger: Logger;
}

export async function startApp({ config, clock, logger }: AppDeps): Promise<App> {
  const applied = await applyMigrations(config.DATABASE_URL);
  if (applied.length > 0) logger.info({ migrations: applied }, 'database migrated');
  const database = await openDatabase(config.DATABASE_URL);
  logger.info({ provider: database.provider }, 'database ready');

  const channels = configuredChannelNames(config);
  logger.info({ channels }, channels.length ? 'chat channels configured' : 'no chat credentials: chat channels not started');

  const ticker: Ticker = startTicker(async () => {
    logger.debug({ now: clock.now().toISOString() }, 'sweep');
  }, logger);

  return {
    database,
    async stop() {
      await ticker.stop();
      await database.close();
      logger.info('stopped');
    },
  };
}

function configuredChannelNames(config: Config): string[] {
  return [config.TELEGRAM_BOT_TOKEN ? 'telegram' : undefined, config.ZALO_CREDENTIALS_FILE ? 'zalo' : undefined].filter(
    (name): name is string => name !== undefined,
  );
}
