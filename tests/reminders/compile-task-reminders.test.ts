// The office's compile task is reminded with the phòng that have not sent their report yet.
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { loadReferenceData } from '../../src/app/reference-data.ts';
import type { DbClient } from '../../src/db/database.ts';
import { bindStore, type Store } from '../../src/db/store/store.ts';
import { markTaskDone } from '../../src/db/store/tasks.ts';
import type { LocalDate } from '../../src/domain/local-date.ts';
import { generateRecurringTasks } from '../../src/services/duty-generation.ts';
import { cli } from '../support/factories.ts';
import type { TestDatabase } from '../support/test-databases.ts';
import { createHarness, makeUnit, vn, type Harness } from './support.ts';

const AN_GIANG = fileURLToPath(new URL('../support/an-giang-stp-duties.yaml', import.meta.url));

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

/** The harness's database as a store that counts the queries asking who has sent to a compile task. */
function countingCompilationQueries(database: TestDatabase): { store: Store; queries(): number } {
  let queries = 0;
  const client = database.client.$extends({
    query: {
      task: {
        findMany({ args, query }) {
          if (args.where && 'compileTaskId' in args.where) queries++;
          return query(args);
        },
      },
    },
  });
  return { store: bindStore(client as unknown as DbClient, database.provider), queries: () => queries };
}

describe("reminders of the office's compile task", () => {
  it('name the phòng whose report is still missing, counted at send time', async () => {
    harness = await createHarness(vn('2026-12-14', '07:00'));
    const db = harness.db;
    await makeUnit(db, { code: 'VP', name: 'Văn phòng Sở' });
    await makeUnit(db, { code: 'PHC', name: 'Phòng Hành chính tư pháp' });
    await makeUnit(db, { code: 'PBT', name: 'Phòng Bổ trợ tư pháp' });
    const office = await harness.person({ unitCode: 'VP', role: 'admin' });
    await harness.person({ unitCode: 'PHC', role: 'head' });
    await harness.person({ unitCode: 'PBT', role: 'head' });
    const today = '2026-12-14' as LocalDate;
    await generateRecurringTasks(db, { ...loadReferenceData({ DUTIES_FILE: AN_GIANG }), today }, cli);
    const december = { dutyCode: 'bao-cao-thang', periodKey: '2026-12' };
    const compile = await db.task.findFirstOrThrow({ where: { ...december, unit: { code: 'VP' } } });
    const phc = await db.task.findFirstOrThrow({ where: { ...december, unit: { code: 'PHC' } } });
    const pbt = await db.task.findFirstOrThrow({ where: { ...december, unit: { code: 'PBT' } } });
    await markTaskDone(db, phc.id, cli, vn('2026-12-14', '07:30'));

    const counting = countingCompilationQueries(harness.database);
    harness.newEngine({}, undefined, { db: counting.store });
    await harness.runUntil(vn('2026-12-22', '17:00'), 60);

    expect(counting.queries()).toBeGreaterThan(0);
    const aboutCompile = harness.telegram.to(office.address).filter((m) => m.text.includes(`#${compile.id} `));
    expect(aboutCompile.length).toBeGreaterThan(0);
    for (const message of aboutCompile)
      expect(message.text).toContain(`📥 1/2 phòng đã nộp; chưa nộp: Phòng Bổ trợ tư pháp (#${pbt.id})`);
  });

  it('are the only reminders that ask who has sent: a task outside any reporting chain costs no such query', async () => {
    harness = await createHarness(vn('2026-12-14', '07:00'));
    await makeUnit(harness.db, { code: 'VP', name: 'Văn phòng Sở' });
    const office = await harness.person({ unitCode: 'VP', role: 'admin' });
    const member = await harness.person({ unitCode: 'VP' });
    await harness.task(office, '2026-12-16', { title: 'Rà soát hồ sơ' });
    await harness.task(member, '2026-12-16', { title: 'Cập nhật sổ theo dõi' });
    const counting = countingCompilationQueries(harness.database);
    harness.newEngine({}, undefined, { db: counting.store });

    await harness.runUntil(vn('2026-12-16', '17:00'), 60);

    expect(harness.telegram.to(office.address).some((m) => m.text.includes('Rà soát hồ sơ'))).toBe(true);
    expect(harness.telegram.to(member.address).some((m) => m.text.includes('Cập nhật sổ theo dõi'))).toBe(true);
    expect(harness.telegram.sent.every((m) => !m.text.includes('📥'))).toBe(true);
    expect(counting.queries()).toBe(0);
  });
});
