// The web console with its operations pages (Nhắc việc lỗi, Lịch, Báo cáo, Nhập kế hoạch) for
// HTTP-level tests: the same app as the bot serves, on a real database, a manual clock.
import { loadCalendarFile, SHIPPED_CALENDAR_FILE } from '../../src/domain/calendar/announcements.ts';
import { WorkCalendar } from '../../src/domain/calendar/work-calendar.ts';
import { ManualClock } from '../../src/domain/clock.ts';
import { loadDutyCatalogue } from '../../src/domain/duties/catalogue.ts';
import { createConsoleOperations, type ConsoleOperations } from '../../src/services/web-console-operations.ts';
import { createWebConsole } from '../../src/services/web-console.ts';
import { consoleRoutes } from '../../src/web/console/console-routes.ts';
import { createWebApp } from '../../src/web/server.ts';
import type { TestStore } from '../support/test-databases.ts';
import { BASE_URL, Browser, tokenOf, type ConsoleUnderTest } from './console-support.ts';

/** Small, so a test can go over it without a big file. */
export const UPLOAD_MAX_BYTES = 64 * 1024;

const calendar = new WorkCalendar(loadCalendarFile());
const catalogue = loadDutyCatalogue();

export interface OperationsUnderTest extends ConsoleUnderTest {
  operations: ConsoleOperations;
  errors: Error[];
}

export function operationsUnderTest(db: TestStore, start = '2026-11-23T03:00:00Z'): OperationsUnderTest {
  const clock = new ManualClock(start);
  const sent: ConsoleUnderTest['sent'] = [];
  const service = createWebConsole({
    store: db,
    clock,
    baseUrl: BASE_URL,
    sendToChat: async (identity, text) => {
      sent.push({ ...identity, text });
      return true;
    },
  });
  const operations = createConsoleOperations({
    store: db,
    clock,
    reference: { calendar, catalogue: catalogue, calendarFile: SHIPPED_CALENDAR_FILE },
    uploadMaxBytes: UPLOAD_MAX_BYTES,
  });
  const errors: Error[] = [];
  const app = createWebApp([
    consoleRoutes(service, {
      secureCookies: false,
      now: () => clock.now().getTime(),
      logError: (error) => errors.push(error),
      operations,
    }),
  ]);
  return { app, service, clock, sent, operations, errors };
}

export async function signedIn(under: ConsoleUnderTest, username: string): Promise<Browser> {
  const browser = new Browser(under.app);
  await browser.signInWith(tokenOf((await under.service.signInLinkFor(username)).url));
  return browser;
}
