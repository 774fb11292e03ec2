// The slice of a pino logger the reminder engine uses, so tests can pass a silent or recording one.
export interface ReminderLogger {
  info(details: object, message?: string): void;
  warn(details: object, message?: string): void;
  error(details: object, message?: string): void;
}

export const silentLogger: ReminderLogger = { info() {}, warn() {}, error() {} };
