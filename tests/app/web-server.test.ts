// The real bot process serves /healthz and /metrics on the port it was given (0 here: a free one,
// read back from its log line, the readiness signal), and stops with a clear message when that
// port is taken.
import { createServer } from 'node:net';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { describe, expect, it } from 'vitest';
import { FakeTelegramServer } from '../channels/fake-telegram-server.ts';
import { freshSqliteUrl } from '../support/test-databases.ts';
import { spawnProcess } from '../support/spawn-process.ts';

const startBot = (env: Record<string, string>) =>
  // As npm start runs it (scripts/launch.mjs): tsx's CLI runs the bot in a child and, killed, could exit 143.
  spawnProcess(process.execPath, ['scripts/launch.mjs', 'main'], env);

const LISTENING = /web server listening on (http:\/\/127\.0\.0\.1:(\d+))/;

describe('the bot web server', { timeout: 180_000 }, () => {
  it('logs the address it bound on WEB_PORT=0 and answers /healthz and /metrics there', async () => {
    const fake = await FakeTelegramServer.start('123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ_test');
    const { url, cleanup } = freshSqliteUrl();
    try {
      const bot = startBot({
        DATABASE_URL: url,
        TELEGRAM_BOT_TOKEN: fake.token,
        TELEGRAM_API_ROOT: fake.apiRoot,
        WEB_PORT: '0',
        LOG_LEVEL: 'info',
      });
      await bot.waitFor(LISTENING, 120_000);
      const [, base, port] = LISTENING.exec(bot.output())!;
      expect(Number(port)).toBeGreaterThan(0);
      expect(Number(port)).not.toBe(8080);

      const health = await fetch(`${base}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ ok: true, database: 'ok' });
      const metrics = await fetch(`${base}/metrics`);
      expect(metrics.status).toBe(200);
      const names = parsePrometheusTextFormat(await metrics.text()).map((family) => family.name);
      expect(names).toEqual(
        expect.arrayContaining([
          'nhacviec_reminders_due_unsent',
          'nhacviec_channel_connected',
          'nhacviec_backup_age_seconds',
        ]),
      );

      bot.child.kill('SIGTERM');
      expect((await bot.exited).code).toBe(0);
    } finally {
      await fake.close();
      cleanup();
    }
  });

  it('exits 1 saying in Vietnamese that WEB_PORT is taken', async () => {
    const fake = await FakeTelegramServer.start('123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ_test');
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    const { url, cleanup } = freshSqliteUrl();
    try {
      const bot = startBot({
        DATABASE_URL: url,
        TELEGRAM_BOT_TOKEN: fake.token,
        TELEGRAM_API_ROOT: fake.apiRoot,
        WEB_PORT: String(port),
      });
      expect((await bot.exited).code).toBe(1);
      expect(bot.output()).toContain(
        `Không khởi động được bot: Cổng ${port} trên 127.0.0.1 đang được một chương trình khác dùng`,
      );
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
      await fake.close();
      cleanup();
    }
  });
});
