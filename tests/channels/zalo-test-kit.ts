// Shared by the Zalo channel tests: a sleep the test releases by hand, and a logger that records.
import type { Sleep } from '../../src/channels/backoff.ts';
import type { LogSink } from '../../src/domain/log-sink.ts';

export const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A sleep the test releases by hand; it records every delay asked for. */
export function handSleep() {
  const waiting: (() => void)[] = [];
  const delays: number[] = [];
  const sleep: Sleep = (ms, signal) =>
    new Promise((resolve) => {
      delays.push(ms);
      const done = () => {
        signal?.removeEventListener('abort', done);
        resolve();
      };
      waiting.push(done);
      signal?.addEventListener('abort', done, { once: true });
    });
  return {
    sleep,
    delays,
    get sleeping() {
      return waiting.length;
    },
    async wake() {
      const next = waiting.shift();
      if (!next) throw new Error('nothing is sleeping');
      next();
      await flush();
    },
  };
}

export function recordingLogger() {
  const messages: string[] = [];
  const logger: LogSink = {
    info: (_details, message) => messages.push(message ?? ''),
    warn: (_details, message) => messages.push(message ?? ''),
    error: (_details, message) => messages.push(message ?? ''),
  };
  return { logger, messages };
}
