// The daily recurring-duty generation runs once per Vietnam day across bot processes: the day it
// finished is in the database, not in a process's memory, and a run in progress elsewhere is left
// to finish.
import { describe, expect, it } from 'vitest';
import { dailyDutyGeneration } from '../../src/app/daily-duty-generation.ts';
import { loadReferenceData } from '../../src/app/reference-data.ts';
import { acquireLease } from '../../src/db/store/leases.ts';
import { ManualClock } from '../../src/domain/clock.ts';
import { createLogger } from '../../src/logging/logger.ts';
import { makeOfficial, makeUnit } from '../support/factories.ts';
import { testProviders, useTestDatabase } from '../support/test-databases.ts';

const reference = loadReferenceData({});
const logger = createLogger('silent');

for (const provider of await testProviders()) {
  describe(`daily duty generation across processes (${provider})`, () => {
    const store = useTestDatabase(provider);

    it('runs once a day whichever process asks, and again the next day', async () => {
      const db = store();
      await makeUnit(db, { code: 'PTP', name: 'Phòng Tư pháp' });
      await makeOfficial(db, { username: 'ptp-head', unitCode: 'PTP', role: 'head' });
      const clock = new ManualClock('2026-11-23T01:00:00Z');
      const [first, second] = ['host:1:a', 'host:2:b'].map((processId) =>
        dailyDutyGeneration({ db, clock, reference, logger, processId, realClock: clock }),
      );
      await first!();
      const generated = await db.task.count();
      expect(generated).toBeGreaterThan(0);
      // Someone removed a generated task today: the other process must not bring it back today.
      await db.task.deleteMany({ where: { id: (await db.task.findFirstOrThrow()).id } });
      await second!();
      expect(await db.task.count()).toBe(generated - 1);

      clock.set('2026-11-24T01:00:00Z');
      await second!();
      expect(await db.task.count()).toBe(generated);
      await first!();
      expect(await db.task.count()).toBe(generated);
    });

    it('leaves the run to the process already running it, and does it at a later sweep if that one died', async () => {
      const db = store();
      await makeUnit(db, { code: 'PKH', name: 'Phòng Kế hoạch' });
      await makeOfficial(db, { username: 'pkh-head', unitCode: 'PKH', role: 'head' });
      const clock = new ManualClock('2026-12-01T01:00:00Z');
      const generate = dailyDutyGeneration({ db, clock, reference, logger, processId: 'host:3:c', realClock: clock });
      const before = await db.task.count();
      await acquireLease(db, 'daily-job:duty-generation', 'otherhost:9:busy', clock.now(), 5 * 60_000);
      await generate();
      expect(await db.task.count()).toBe(before);
      clock.advance(5 * 60_000);
      await generate();
      expect(await db.task.count()).toBeGreaterThan(before);
    });
  });
}
