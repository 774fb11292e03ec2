// Recurring duties are materialised once per Vietnam day (at the first sweep of the day, and at
// start): cheap, idempotent, and safe when several processes do it at once (unique keys).
import type { Store } from '../db/store/store.ts';
import type { Clock } from '../domain/clock.ts';
import { vietnamDateOf, type LocalDate } from '../domain/local-date.ts';
import type { Logger } from '../logging/logger.ts';
import { generateRecurringTasks } from '../services/duty-generation.ts';
import type { ReferenceData } from '../domain/reference-data.ts';

export function dailyDutyGeneration(deps: {
  db: Store;
  clock: Clock;
  reference: ReferenceData;
  logger: Logger;
}): () => Promise<void> {
  let doneFor: LocalDate | undefined;
  return async () => {
    const today = vietnamDateOf(deps.clock.now());
    if (doneFor === today) return;
    const result = await generateRecurringTasks(deps.db, { ...deps.reference, today }, { kind: 'system' });
    doneFor = today;
    if (result.created.length > 0 || result.skipped.length > 0) {
      deps.logger.info(
        { created: result.created.length, skipped: result.skipped.length, today },
        'recurring duties generated',
      );
    }
  };
}
