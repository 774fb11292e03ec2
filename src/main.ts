// `npm start`: the bot process. Stops cleanly on SIGINT/SIGTERM.
import { ConfigError } from './config/config.ts';
import { loadConfig } from './config/load-env.ts';
import { clockFromConfig } from './app/clock-from-config.ts';
import { startApp } from './app/app.ts';
import { createLogger } from './logging/logger.ts';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.LOG_LEVEL);
  const clock = clockFromConfig(config);
  if (config.NHACVIEC_FAKE_NOW) {
    logger.warn({ fakeNow: config.NHACVIEC_FAKE_NOW }, '*** SIMULATED TIME: the clock starts at NHACVIEC_FAKE_NOW, not the real time ***');
  }
  const app = await startApp({ config, clock, logger });
  logger.info({ now: clock.now().toISOString() }, 'nhacviec started');

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    await app.stop();
    // The migration engine leaves an idle internal timer behind: exit explicitly.
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

await main();
