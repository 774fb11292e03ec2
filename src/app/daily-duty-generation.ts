// Recurring duties are materialised once per Vietnam day across all bot processes (at the first
// sweep of the day, and at start). The generation itself is idempotent (unique keys); the
// database remembers the day it last finished, and a lease keeps two processes from running it
// at the same moment. A failed run is tried again at the next sweep.
import { acquireLease, releaseLease } from '../db/store/leases.ts';
import { dailyJobDoneFor, markDailyJobDone } from '../db/store/daily-jobs.ts';
import type { Store } from '../db/store/store.ts';
import { systemClock, type Clock } from '../domain/clock.ts';
import { vietnamDateOf, type LocalDate } from '../domain/local-date.ts';
import type { Logger } from '../logging/logger.ts';
import { generateRecurringTasks } from '../services/duty-generation.ts';
import type { ReferenceData } from '../domain/reference-data.ts';

export const DUTY_GENERATION_JOB = 'duty-generation';
/** Longer than any generation takes; a holder that dies mid-run hands over after this. */
const RUN_LEASE_MS = 5 * 60_000;

export function dailyDutyGeneration(deps: {
  db: Store;
  clock: Clock;
  reference: ReferenceData;
  logger: Logger;
  /** This process, as named in leases. */
  processId: string;
  /** Leases are stamped in real time (default: the system clock). */
  realClock?: Clock;
}): () => Promise<void> {
  const realClock = deps.realClock ?? systemClock;
  let doneFor: LocalDate | undefined;
  return async () => {
    const today = vietnamDateOf(deps.clock.now());
    if (doneFor === today) return;
    if ((await dailyJobDoneFor(deps.db, DUTY_GENERATION_JOB)) === today) {
      doneFor = today;
      return;
    }
    const lease = `daily-job:${DUTY_GENERATION_JOB}`;
    if (!(await acquireLease(deps.db, lease, deps.processId, realClock.now(), RUN_LEASE_MS)).held) return;
    try {
      // Another process may have finished it between our check and the lease.
      if ((await dailyJobDoneFor(deps.db, DUTY_GENERATION_JOB)) !== today) {
        const result = await generateRecurringTasks(deps.db, { ...deps.reference, today }, { kind: 'system' });
        await markDailyJobDone(deps.db, DUTY_GENERATION_JOB, today);
        if (result.created.length > 0 || result.skipped.length > 0) {
          deps.logger.info(
            { created: result.created.length, skipped: result.skipped.length, today },
            'recurring duties generated',
          );
        }
      }
      doneFor = today;
    } finally {
      await releaseLease(deps.db, lease, deps.processId);
    }
  };
}
