// The Cán bộ and Đơn vị pages in a real headless Chromium (Debian's `chromium`, driven by
// playwright-core): the admin adds an official and finds them in the list, then looks at the unit
// tree. On a phone (390×844) and a desktop (1366×768): no horizontal scrolling of the page, no
// console error; screenshots in tests/artifacts/web/.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoData } from '../../src/app/demo-data.ts';
import { openDatabase, type Database } from '../../src/db/database.ts';
import { applyMigrations } from '../../src/db/migrate/migrations.ts';
import { ManualClock } from '../../src/domain/clock.ts';
import { vietnamDateOf } from '../../src/domain/local-date.ts';
import { createWebConsolePeople } from '../../src/services/web-console-people.ts';
import { createWebConsoleUnits } from '../../src/services/web-console-units.ts';
import { createWebConsole } from '../../src/services/web-console.ts';
import { consoleRoutes } from '../../src/web/console/console-routes.ts';
import { createWebApp, startWebServer, type RunningWebServer } from '../../src/web/server.ts';
import { cli } from '../support/run-cli.ts';
import { asTestStore, freshSqliteUrl } from '../support/test-databases.ts';

const CHROMIUM = '/usr/bin/chromium';
const NOW = '2026-12-16T03:00:00Z';
const ARTIFACTS = join(import.meta.dirname, '..', 'artifacts', 'web');
const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1366, height: 768 },
] as const;

describe.runIf(existsSync(CHROMIUM) || process.env.CI)('the Cán bộ and Đơn vị pages in Chromium', () => {
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
    const store = database.store;
    const uploadMaxBytes = 5 * 1024 * 1024;
    server = await startWebServer(
      createWebApp([
        consoleRoutes(createWebConsole({ store, clock, baseUrl: 'http://127.0.0.1' }), {
          secureCookies: false,
          now: () => clock.now().getTime(),
          logError: (error) => serverErrors.push(error),
          people: {
            service: createWebConsolePeople({
              store,
              clock,
              uploadMaxBytes,
              linkSheetDays: 7,
              telegramBot: async () => 'NhacViecThuBot',
            }),
            units: createWebConsoleUnits({ store, clock }),
            uploadMaxBytes,
          },
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
    it(`adds an official and sees them in the list, then the unit tree (${viewport.width}×${viewport.height})`, async () => {
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
      const overflow = () =>
        page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');

      await page.goto(link!);
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await page.waitForURL('**/tong-quan');
      await page.getByRole('link', { name: 'Cán bộ', exact: true }).click();
      await page.waitForURL('**/can-bo');
      expect(await overflow()).toBe(0);

      const fullName = `Đỗ Thị Mới ${viewport.name}`;
      await page.getByText('Thêm cán bộ').click();
      await page.getByLabel('Họ và tên').fill(fullName);
      await page.locator('form[action="/can-bo/them"] select[name="unit"]').selectOption('PTP');
      await page.getByRole('button', { name: 'Thêm', exact: true }).click();
      await page.waitForURL('**/can-bo/*?xong=them');
      await expect(page.getByRole('status').textContent()).resolves.toContain('Đã thêm cán bộ');
      expect(await overflow()).toBe(0);
      await page.screenshot({ path: join(ARTIFACTS, `official-added-${viewport.name}.png`), fullPage: true });

      await page.goto(`${server.url}/can-bo?unit=PTP`);
      await expect(page.getByRole('link', { name: fullName }).isVisible()).resolves.toBe(true);
      expect(await overflow()).toBe(0);
      await page.screenshot({ path: join(ARTIFACTS, `officials-${viewport.name}.png`), fullPage: true });

      await page.goto(`${server.url}/don-vi`);
      await expect(page.getByRole('cell', { name: /Tổ Kiểm soát thủ tục hành chính/ }).isVisible()).resolves.toBe(true);
      expect(await overflow()).toBe(0);
      await page.screenshot({ path: join(ARTIFACTS, `units-${viewport.name}.png`), fullPage: true });

      const added = await asTestStore(database.store).official.findFirstOrThrow({ where: { fullName } });
      expect(added.active).toBe(true);
      expect(consoleErrors).toEqual([]);
      expect(serverErrors).toEqual([]);
      await context.close();
    }, 60_000);
  }
});
