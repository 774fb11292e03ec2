// `official invite`'s "dự kiến xong lúc …" after the bot was down: invitations still waiting from
// days ago go from now on, one per spacing, so the expected finish is never in the past.
import { afterEach, describe, expect, it } from 'vitest';
import { makeOfficial } from '../support/factories.ts';
import { cli as runCli } from '../support/run-cli.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-databases.ts';

// Monday 23/11/2026, 08:00 Vietnam time; the bot was down since Friday afternoon.
const ENV = {
  NHACVIEC_FAKE_NOW: '2026-11-23T08:00:00+07:00',
  ZALO_INVITE_SPACING_SECONDS: '600',
  ZALO_INVITE_DAILY_CAP: '30',
};

let database: TestDatabase | undefined;
afterEach(async () => {
  await database?.drop();
  database = undefined;
});

describe('official invite after the bot was down', () => {
  it('expects the queue to finish from now on, not at the stored times already past', async () => {
    database = await createTestDatabase('sqlite');
    const db = database.client;
    let phone = 912_000_000;
    const stale = ['14:00', '14:10', '14:20'];
    for (const time of stale) {
      const official = await makeOfficial(db);
      await db.official.update({ where: { id: official.id }, data: { phone: `0${++phone}` } });
      await db.zaloInvitation.create({
        data: { officialId: official.id, phone: `0${phone}`, notBefore: new Date(`2026-11-20T${time}:00+07:00`) },
      });
    }
    const last = await makeOfficial(db);
    await db.official.update({ where: { id: last.id }, data: { phone: `0${phone + 1}` } });

    const result = await runCli(database.url, ['official', 'invite', last.username, '--zalo'], ENV);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    // The three left from Friday go at 08:00, 08:10 and 08:20, the new one at 08:30.
    expect(result.stdout).toContain('dự kiến xong lúc 08:30 23/11');
  });
});
