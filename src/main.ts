// `npm start`: the bot process. Stops cleanly on SIGINT/SIGTERM, and at end of input in console
// mode (no chat credentials), so `printf '/giup\n' | npm start` prints the help and exits 0.
import { ConfigError, parseConfig, type Config } from './config/config.ts';
import { loadConfig } from './config/load-env.ts';
import { clockFromConfig } from './app/clock-from-config.ts';
import { startApp } from './app/app.ts';
import { hasChatCredentials } from './app/channels.ts';
import { databaseUrlFor, parseStartOptions, START_USAGE, type StartOptions } from './app/start-options.ts';
import { createLogger } from './logging/logger.ts';
import { maskDatabaseUrl } from './config/mask-url.ts';
import { InputFileError, UserError } from './domain/errors.ts';
import { describeError } from './domain/log-sink.ts';

const NOTHING_TO_DO =
  'Bot không có kênh chat nào và không có lệnh nào ở đầu vào, nên dừng ngay.\n' +
  'Để chạy bot lâu dài (kể cả dưới systemd hay một trình quản lý dịch vụ), đặt TELEGRAM_BOT_TOKEN ' +
  'và/hoặc ZALO_CREDENTIALS_FILE trong .env (xem .env.example).\n' +
  "Để dùng thử trên cửa sổ dòng lệnh: npm start (gõ lệnh), hoặc printf '/giup\\n' | npm start.";

function readOptions(): StartOptions {
  try {
    return parseStartOptions(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${START_USAGE}\n`);
    process.exit(2);
  }
}

function readConfig(options: StartOptions): Config {
  try {
    const config = loadConfig();
    // The demo must never fill the real database with sample officials: it has its own,
    // whatever DATABASE_URL (environment or .env) says. Re-parsed so a bad --demo-db is refused.
    if (!options.demo) return config;
    return parseConfig({ ...process.env, DATABASE_URL: databaseUrlFor(options, config.DATABASE_URL) });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}

async function main(): Promise<void> {
  const options = readOptions();
  if (options.help) {
    process.stdout.write(`${START_USAGE}\n`);
    return;
  }
  const config = readConfig(options);
  const consoleMode = !hasChatCredentials(config);
  // On the console the chat shares the terminal with the (stderr) logs: keep them to warnings
  // unless LOG_LEVEL says otherwise.
  const level = consoleMode && process.env.LOG_LEVEL === undefined ? 'warn' : config.LOG_LEVEL;
  const logger = createLogger(level);
  const clock = clockFromConfig(config);
  if (config.NHACVIEC_FAKE_NOW) {
    logger.warn(
      { fakeNow: config.NHACVIEC_FAKE_NOW },
      '*** SIMULATED TIME: the clock starts at NHACVIEC_FAKE_NOW, not the real time ***',
    );
  }
  const interactive = Boolean(process.stdin.isTTY);
  let app;
  try {
    app = await startApp({
      config,
      clock,
      logger,
      demo: options.demo,
      // The web console, /healthz and /metrics: also on the console try-out (`npm start -- --demo`).
      web: true,
      ...(consoleMode
        ? {
            console: {
              input: process.stdin,
              output: process.stdout,
              ...(options.actAs ? { actAs: options.actAs } : {}),
              ...(interactive ? { prompt: '> ' } : {}),
            },
          }
        : {}),
    });
  } catch (error) {
    // A refused start option (`--as` nobody) is the person's mistake, not a failure to log.
    // A driver's error may quote the database URL: never with its password.
    const message = maskDatabaseUrl(error instanceof Error ? error.message : String(error));
    if (!(error instanceof UserError)) {
      logger.fatal({ err: { ...describeError(error), message } }, 'start-up failed');
    }
    process.stderr.write(`Không khởi động được bot: ${message}\n`);
    // A broken calendar or duty file is configuration, like a bad setting; so is `--as` nobody.
    process.exit(error instanceof InputFileError || error instanceof UserError ? 2 : 1);
  }
  logger.info({ now: clock.now().toISOString() }, 'nhacviec started');
  if (consoleMode && interactive) {
    process.stdout.write('nhacviec — dùng thử trên cửa sổ dòng lệnh. Gõ /giup để xem các lệnh, Ctrl+D để thoát.\n');
    if (app.webUrl)
      process.stdout.write(
        `Trang quản trị: ${app.webUrl} — liên kết đăng nhập: npm run --silent cli -- web login-link <tên đăng nhập>\n`,
      );
  }

  let stopping = false;
  const shutdown = async (reason: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ reason }, 'stopping');
    await app.stop();
    // The migration engine leaves an idle internal timer behind: exit explicitly.
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  void app.consoleFinished?.then(async ({ linesRead }) => {
    // No chat channel and nothing to read (a service manager, `npm start < /dev/null`): exiting 0
    // in silence would look like a bot that ran. Say what is missing, as for a bad setting.
    if (linesRead === 0 && !interactive && !stopping) {
      stopping = true;
      await app.stop();
      process.stderr.write(`${NOTHING_TO_DO}\n`);
      process.exit(2);
    }
    await shutdown('end of input');
  });
}

await main();
