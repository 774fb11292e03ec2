// What every browser test of the web console shares: the demo Sở on a fresh SQLite file served by
// the console on a free port, Debian's headless Chromium driven by playwright-core (no browser is
// downloaded), and a page that records console errors, failed responses and sideways scrolling.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { loadDemoData } from '../../src/app/demo-data.ts';
import { openDatabase, type Database } from '../../src/db/database.ts';
import type { Store } from '../../src/db/store/store.ts';
import { applyMigrations } from '../../src/db/migrate/migrations.ts';
import { ManualClock } from '../../src/domain/clock.ts';
import { vietnamDateOf } from '../../src/domain/local-date.ts';
import { createWebConsole, type WebConsole } from '../../src/services/web-console.ts';
import { consoleRoutes, type ConsoleOptions } from '../../src/web/console/console-routes.ts';
import { createWebApp, startWebServer, type RunningWebServer } from '../../src/web/server.ts';
import { cli } from '../support/run-cli.ts';
import { freshSqliteUrl } from '../support/test-databases.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS = join(import.meta.dirname, '..', 'artifacts', 'web');
export const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1366, height: 768 },
] as const;
export type Viewport = (typeof VIEWPORTS)[number];

/** Runs where Debian's chromium is installed, and always in CI (where its absence must fail). */
export const describeInChromium = describe.runIf(existsSync(CHROMIUM) || process.env.CI);

export interface DemoConsole {
  /** the SQLite file's URL, for the CLI */
  url: string;
  database: Database;
  service: WebConsole;
  server: RunningWebServer;
  browser: Browser;
  /** errors the console's routes logged; a test ends with none */
  serverErrors: Error[];
}

/**
 * Starts the demo Sở at `now` behind the console before the file's tests and stops it after.
 * `pages` adds the optional pages (people, operations) from the store and the clock.
 */
export function useDemoConsoleInChromium(
  now: string,
  pages: (store: Store, clock: ManualClock) => Partial<ConsoleOptions> = () => ({}),
): () => DemoConsole {
  const { url, cleanup } = freshSqliteUrl();
  let running: DemoConsole | undefined;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    await applyMigrations(url);
    const database = await openDatabase(url);
    const clock = new ManualClock(now);
    await loadDemoData(database.store, vietnamDateOf(clock.now()));
    // Links printed by the CLI use WEB_BASE_URL (the bound address), not this service's.
    const service = createWebConsole({ store: database.store, clock, baseUrl: 'http://127.0.0.1' });
    const serverErrors: Error[] = [];
    const server = await startWebServer(
      createWebApp([
        consoleRoutes(service, {
          secureCookies: false,
          now: () => clock.now().getTime(),
          logError: (error) => serverErrors.push(error),
          ...pages(database.store, clock),
        }),
      ]),
      { host: '127.0.0.1', port: 0 },
    );
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    running = { url, database, service, server, browser, serverErrors };
  }, 60_000);

  afterAll(async () => {
    await running?.browser.close();
    await running?.server.close();
    await running?.database.close();
    cleanup();
  });

  return () => {
    if (!running) throw new Error('the demo console is not running (beforeAll failed?)');
    return running;
  };
}

export interface WatchedPage {
  context: BrowserContext;
  page: Page;
  /** console errors, uncaught page errors and responses ≥ 400, in order */
  consoleErrors: string[];
  /** Asserts nothing scrolls sideways, then saves a full-page screenshot `<name>-<viewport>.png`. */
  shot(name: string): Promise<void>;
}

/** A new browser window of the viewport's size, watched for errors. */
export async function openWatchedPage(browser: Browser, viewport: Viewport): Promise<WatchedPage> {
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
  const shot = async (name: string) => {
    // How many pixels the page is wider than the screen (0: nothing scrolls sideways).
    const overflow = await page.evaluate<number>(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    );
    expect(overflow, `${name}: page wider than the screen`).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, `${name}-${viewport.name}.png`), fullPage: true });
  };
  return { context, page, consoleErrors, shot };
}

/**
 * Signs `username` in as the first admin does: the link `cli web login-link` prints (the CLI at
 * the same simulated time), opened in the page, then *Đăng nhập*; ends on the dashboard.
 */
export async function signInByPrintedLink(demo: DemoConsole, page: Page, now: string, username = 'nguyenvana') {
  const printed = await cli(demo.url, ['web', 'login-link', username], {
    WEB_BASE_URL: demo.server.url,
    NHACVIEC_FAKE_NOW: now,
  });
  const link = /http:\/\/127\.0\.0\.1:\d+\/dang-nhap\/lien-ket\?token=[\w-]+/.exec(printed.stdout)?.[0];
  expect(link, printed.stdout + printed.stderr).toBeDefined();
  await page.goto(link!);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL('**/tong-quan');
}
