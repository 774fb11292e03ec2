// node-cron only triggers; the sweep it calls holds the logic and reads what is due from the
// database, so a missed tick or an hour of downtime is caught up by the next one.
import cron from 'node-cron';
import type { Logger } from '../logging/logger.ts';
import { VIETNAM_TIME_ZONE } from '../domain/local-date.ts';

export const EVERY_MINUTE = '* * * * *';

/** Every `seconds` (a divisor of 60) on the clock's seconds; 60 = at each minute. */
export function everySeconds(seconds: number): string {
  return seconds >= 60 ? EVERY_MINUTE : `*/${seconds} * * * * *`;
}

export interface Ticker {
  stop(): Promise<void>;
}

export function startTicker(sweep: () => Promise<void>, logger: Logger, expression = EVERY_MINUTE): Ticker {
  let running: Promise<void> | undefined;
  const task = cron.schedule(
    expression,
    async () => {
      running = sweep().catch((error: unknown) => logger.error({ err: error }, 'sweep failed'));
      await running;
    },
    { timezone: VIETNAM_TIME_ZONE, noOverlap: true, name: 'nhacviec-sweep' },
  );
  logger.info({ schedule: expression, timeZone: VIETNAM_TIME_ZONE }, 'scheduler started');
  return {
    async stop() {
      await task.stop();
      await running;
    },
  };
}
