// The slice of a pino logger that channels and the reminder engine use, so tests can pass a
// silent or recording one.
export interface LogSink {
  info(details: object, message?: string): void;
  warn(details: object, message?: string): void;
  error(details: object, message?: string): void;
}

export const silentLogger: LogSink = { info() {}, warn() {}, error() {} };
/** What we log about a failure: enough to diagnose, never the request (tokens sit in URLs). */
export function describeError(error: unknown): { name?: string; message: string; code?: unknown } {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { name: error.name, message: error.message, ...(code === undefined ? {} : { code }) };
  }
  return { message: String(error) };
}
