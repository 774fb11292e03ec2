// The office's compile task is reminded with the phòng that have not sent their report yet.
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { loadReferenceData } from '../../src/app/reference-data.ts';
import { markTaskDone } from '../../src/db/store/tasks.ts';
import type { LocalDate } from '../../src/domain/local-date.ts';
import { generateRecurringTasks } from '../../src/services/duty-generation.ts';
import { cli } from '../support/factories.ts';
import { createHarness, makeUnit, vn, type Harness } from './support.ts';

const AN_GIANG = fileURLToPath(new URL('../support/an-giang-stp-duties.yaml', import.meta.url));

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

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

    await harness.runUntil(vn('2026-12-22', '17:00'), 60);

    const aboutCompile = harness.telegram.to(office.address).filter((m) => m.text.includes(`#${compile.id} `));
    expect(aboutCompile.length).toBeGreaterThan(0);
    for (const message of aboutCompile)
      expect(message.text).toContain(`📥 1/2 phòng đã nộp; chưa nộp: Phòng Bổ trợ tư pháp (#${pbt.id})`);
  });
});
