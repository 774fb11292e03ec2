// The office's operations pages of the web console (Nhắc việc lỗi, Lịch, Báo cáo, Nhập kế hoạch),
// each a small service bound to the store, built once by the wiring and handed to the routes.
import type { Store } from '../db/store/store.ts';
import type { Clock } from '../domain/clock.ts';
import { createFailuresConsole, type FailuresConsole } from './web-console-failures.ts';

export interface ConsoleOperations {
  failures: FailuresConsole;
}

export interface OperationsDependencies {
  store: Store;
  clock: Clock;
}

export function createConsoleOperations(dependencies: OperationsDependencies): ConsoleOperations {
  return {
    failures: createFailuresConsole(dependencies),
  };
}
