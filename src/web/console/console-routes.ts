// The office's web console as one route module of the bot's HTTP server: sign-in, then the
// pages, each behind the session guard. The console gets its service from the wiring (src/app),
// already bound to the database and the chat channels.
import { Hono } from 'hono';
import type { WebConsole } from '../../services/web-console.ts';
import type { WebConsolePeople } from '../../services/web-console-people.ts';
import type { WebConsoleUnits } from '../../services/web-console-units.ts';
import type { ConsoleOperations } from '../../services/web-console-operations.ts';
import type { RouteModule } from '../server.ts';
import { AttemptLimiter } from './attempt-limiter.ts';
import { calendarPage } from './calendar-page.ts';
import { dashboardPage } from './dashboard-page.ts';
import { peopleImportPage } from './people-import-page.ts';
import { peoplePage } from './people-page.ts';
import { failedDeliveriesPage } from './failed-deliveries-page.ts';
import { reportsPage } from './reports-page.ts';
import { importsPage } from './imports-page.ts';
import { uploadLimit } from './upload-limit.ts';
import { requireSession, type ConsoleEnv } from './session.ts';
import { signInRoutes } from './sign-in.ts';
import { tasksPage } from './tasks-page.ts';
import { unitsPage } from './units-page.ts';

/** Sign-in attempts (link requests and link redemptions) per client address per 10 minutes. */
export const SIGN_IN_ATTEMPTS_PER_ADDRESS = 20;

export interface ConsoleOptions {
  /** Secure cookies: the console is reached over https (WEB_BASE_URL). */
  secureCookies: boolean;
  /** Milliseconds, for the sign-in limiter's window (injected clock). */
  now: () => number;
  /** Where an unexpected error goes (the app's logger). */
  logError: (error: Error, where: string) => void;
  /** The Cán bộ and Đơn vị pages, with the upload cap (WEB_UPLOAD_MAX_MB) of the import. */
  people?: { service: WebConsolePeople; units: WebConsoleUnits; uploadMaxBytes: number };
  /** The office's operations pages (Nhắc việc lỗi, Lịch, Báo cáo, Nhập kế hoạch); absent: not served. */
  operations?: ConsoleOperations;
}

export function consoleRoutes(service: WebConsole, options: ConsoleOptions): RouteModule {
  return (app) => {
    const console = new Hono<ConsoleEnv>();
    const limiter = new AttemptLimiter(SIGN_IN_ATTEMPTS_PER_ADDRESS, 10 * 60_000, options.now);
    // Browsers ask for it whatever the page says: no icon, and no 404 in their console.
    app.get('/favicon.ico', (c) => c.body(null, 204));
    // Before the session guard reads the body: an oversized upload is refused unread.
    if (options.people) console.use('/can-bo/nhap', uploadLimit(options.people.uploadMaxBytes, '/can-bo/nhap'));
    if (options.operations) console.use('/nhap/*', uploadLimit(options.operations.imports.maxUploadBytes, '/nhap'));
    console.use('*', requireSession(service));
    signInRoutes(console, service, limiter, options.secureCookies);
    dashboardPage(console, service);
    tasksPage(console, service);
    if (options.people) {
      const { service: people, units, uploadMaxBytes } = options.people;
      peopleImportPage(console, people, uploadMaxBytes); // before /can-bo/:username matches "nhap"
      peoplePage(console, service, people);
      unitsPage(console, service, units, people.mayChange);
    }
    if (options.operations) {
      failedDeliveriesPage(console, options.operations.failures);
      calendarPage(console, options.operations.calendar);
      reportsPage(console, options.operations.reports);
      importsPage(console, options.operations.imports);
    }
    console.onError((error, c) => {
      // A bug, not the person's mistake: a short apology; the server logs the rest.
      options.logError(error, `${c.req.method} ${c.req.path}`);
      return c.html('<!doctype html><meta charset="utf-8"><p>Xin lỗi, đã có lỗi ở máy chủ. Hãy thử lại sau.</p>', 500);
    });
    app.route('/', console);
  };
}
