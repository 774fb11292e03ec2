// The office's operations pages of the web console (Nhắc việc lỗi, Lịch, Báo cáo, Nhập kế hoạch),
// each a small service bound to the store, built once by the wiring and handed to the routes.
import type { Store } from '../db/store/store.ts';
import type { Clock } from '../domain/clock.ts';
import type { WorkCalendar } from '../domain/calendar/work-calendar.ts';
import { createCalendarConsole, type CalendarConsole } from './web-console-calendar.ts';
import { createReportsConsole, type ReportsConsole } from './web-console-reports.ts';
import { createFailuresConsole, type FailuresConsole } from './web-console-failures.ts';

export interface ConsoleOperations {
  failures: FailuresConsole;
  calendar: CalendarConsole;
  reports: ReportsConsole;
}

export interface OperationsDependencies {
  store: Store;
  clock: Clock;
  /** the loaded work calendar, read at each use (the bot reloads a changed calendar file) */
  calendar: () => WorkCalendar;
  calendarFile: string;
}

export function createConsoleOperations(dependencies: OperationsDependencies): ConsoleOperations {
  return {
    failures: createFailuresConsole(dependencies),
    calendar: createCalendarConsole(dependencies),
    reports: createReportsConsole(dependencies),
  };
}
