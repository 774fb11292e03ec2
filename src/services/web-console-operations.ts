// The office's operations pages of the web console (Nhắc việc lỗi, Lịch, Báo cáo, Nhập kế hoạch),
// each a small service bound to the store, built once by the wiring and handed to the routes.
import type { Store } from '../db/store/store.ts';
import { SHIPPED_CALENDAR_FILE } from '../domain/calendar/announcements.ts';
import type { Clock } from '../domain/clock.ts';
import type { ReferenceData } from '../domain/reference-data.ts';
import { createCalendarConsole, type CalendarConsole } from './web-console-calendar.ts';
import { createFailuresConsole, type FailuresConsole } from './web-console-failures.ts';
import { createImportsConsole, type ImportsConsole } from './web-console-imports.ts';
import { createReportsConsole, type ReportsConsole } from './web-console-reports.ts';

export interface ConsoleOperations {
  failures: FailuresConsole;
  calendar: CalendarConsole;
  reports: ReportsConsole;
  imports: ImportsConsole;
}

export interface OperationsDependencies {
  store: Store;
  clock: Clock;
  /** the loaded calendar and catalogue; the calendar is read at each use (the bot reloads it) */
  reference: ReferenceData;
  /** WEB_UPLOAD_MAX_MB in bytes */
  uploadMaxBytes: number;
}

export function createConsoleOperations({
  store,
  clock,
  reference,
  uploadMaxBytes,
}: OperationsDependencies): ConsoleOperations {
  return {
    failures: createFailuresConsole({ store, clock }),
    calendar: createCalendarConsole({
      calendar: () => reference.calendar,
      calendarFile: reference.calendarFile ?? SHIPPED_CALENDAR_FILE,
      clock,
    }),
    reports: createReportsConsole({ store, clock }),
    imports: createImportsConsole({ store, clock, reference, maxUploadBytes: uploadMaxBytes }),
  };
}
