// The web console in a real headless Chromium (Debian's `chromium`, driven by playwright-core; no
// browser is downloaded): the admin signs in with the link `cli web login-link` prints, sees the
// demo Sở's dashboard, filters the tasks, closes and reopens one. On a phone (390×844) and a desktop (1366×768): no
// horizontal scrolling of the page, no console error; screenshots in tests/artifacts/web/.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoData } from '../../src/app/demo-data.ts';
import { openDatabase, type Database } from '../../src/db/database.ts';
import { applyMigrations } from '../../src/db/migrate/migrations.ts';
import { ManualClock } from '../../src/domain/clock.ts';
import { vietnamDateOf } from '../../src/domain/local-date.ts';
import { createWebConsole } from '../../src/services/web-console.ts';
import { consoleRoutes } from '../../src/web/console/console-routes.ts';
import { createWebApp, startWebServer, type RunningWebServer } from '../../src/web/server.ts';
import { cli } from '../support/run-cli.ts';
import { asTestStore, freshSqliteUrl } from '../support/test-databases.ts';

const CHROMIUM = '/usr/bin/chromium';
// Mid-month, so the dashboard's on-time column has figures; the CLI runs at the same simulated time.
const NOW = '2026-12-16T03:00:00Z';
const ARTIFACTS = join(import.meta.dirname, '..', 'artifacts', 'web');
const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1366, height: 768 },
] as const;

describe.runIf(existsSync(CHROMIUM) || process.env.CI)('the web console in Chromium', () => {
  const { url, cleanup } = freshSqliteUrl();
  let database: Database;
  let server: RunningWebServer;
  let browser: Browser;
  const serverErrors: Error[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    await applyMigrations(url);
    database = await openDatabase(url);
    const clock = new ManualClock(NOW);
    await loadDemoData(database.store, vietnamDateOf(clock.now()));
    // The links come from the CLI (WEB_BASE_URL = the bound address), not from this service.
    const service = createWebConsole({ store: database.store, clock, baseUrl: 'http://127.0.0.1' });
    server = await startWebServer(
      createWebApp([
        consoleRoutes(service, {
          secureCookies: false,
          now: () => clock.now().getTime(),
          logError: (error) => serverErrors.push(error),
        }),
      ]),
      { host: '127.0.0.1', port: 0 },
    );
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await database?.close();
    cleanup();
  });

  for (const viewport of VIEWPORTS) {
    it(`signs in by the printed link, shows the dashboard, filters, closes and reopens a task (${viewport.width}×${viewport.height})`, async () => {
      const printed = await cli(url, ['web', 'login-link', 'nguyenvana'], {
        WEB_BASE_URL: server.url,
        NHACVIEC_FAKE_NOW: NOW,
      });
      const link = /http:\/\/127\.0\.0\.1:\d+\/dang-nhap\/lien-ket\?token=[\w-]+/.exec(printed.stdout)?.[0];
      expect(link, printed.stdout + printed.stderr).toBeDefined();

      const context = await browser.newContext({ viewport: { width: viewport.width, height: viewport.height } });
      const page = await context.newPage();
      const consoleErrors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') consoleErrors.push(message.text());
      });
      page.on('pageerror', (error) => consoleErrors.push(error.message));
      page.on('response', (response) => {
        if (response.status() >= 400) consoleErrors.push(`${response.status()} ${response.url()}`);
      });
      // How many pixels the page is wider than the screen (0: nothing scrolls sideways).
      const overflow = () =>
        page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');

      await page.goto(link!);
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await page.waitForURL('**/tong-quan');
      await expect(page.getByRole('heading', { name: 'Tổng quan' }).isVisible()).resolves.toBe(true);
      await expect(page.getByRole('link', { name: 'Phòng Tư pháp' }).isVisible()).resolves.toBe(true);
      // The month's chart: an image the console draws, loaded (a broken image has no width).
      await page.waitForFunction(
        "document.querySelector('figure.chart img')?.complete && document.querySelector('figure.chart img').naturalWidth > 0",
      );
      expect(await overflow()).toBe(0);
      await page.screenshot({ path: join(ARTIFACTS, `dashboard-${viewport.name}.png`), fullPage: true });

      // Filter as an office clerk would: open tasks due from a date typed dd/MM/yyyy.
      await page.goto(`${server.url}/viec`);
      await page.getByLabel('Tình trạng').selectOption('open');
      await page.getByLabel('Hạn từ').fill('01/11/2026');
      await page.getByRole('button', { name: 'Lọc' }).click();
      await page.waitForURL('**/viec?*from=01%2F11%2F2026*');
      expect(await overflow()).toBe(0);
      await page.screenshot({ path: join(ARTIFACTS, `tasks-${viewport.name}.png`), fullPage: true });
      const first = page.locator('tbody tr td.n a').first();
      const taskId = Number((await first.textContent())!.replace('#', ''));
      await first.click();
      await page.waitForURL(`**/viec/${taskId}`);
      await page.getByLabel('Ghi chú (không bắt buộc)').fill('Đã xong, báo qua trang quản trị');
      await page.getByRole('button', { name: 'Báo xong' }).click();
      await page.waitForURL(`**/viec/${taskId}?xong=xong`);
      await expect(page.getByRole('status').textContent()).resolves.toContain('Đã báo xong việc.');
      expect(await overflow()).toBe(0);
      await page.screenshot({ path: join(ARTIFACTS, `task-closed-${viewport.name}.png`), fullPage: true });

      const task = await asTestStore(database.store).task.findUniqueOrThrow({ where: { id: taskId } });
      expect(task.status).toBe('done');

      // Closed by mistake: reopened from the same page, with the reason.
      await page.getByLabel('Lý do mở lại').fill('Báo xong nhầm');
      await page.getByRole('button', { name: 'Mở lại' }).click();
      await page.waitForURL(`**/viec/${taskId}?xong=mo-lai`);
      await expect(page.getByRole('status').textContent()).resolves.toContain('Đã mở lại việc');
      const reopened = await asTestStore(database.store).task.findUniqueOrThrow({ where: { id: taskId } });
      expect(reopened.status).toBe('open');
      expect(consoleErrors).toEqual([]);
      expect(serverErrors).toEqual([]);
      await context.close();
    }, 60_000);
  }
});
