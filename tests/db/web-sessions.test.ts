// The console's sign-in links, sessions and dashboard counts on each database (SQLite, and
// PostgreSQL when reachable): one use per link, expiry, sign-out everywhere.
import { describe, expect, it } from 'vitest';
import { countOpenTasksByUnit } from '../../src/db/store/console-queries.ts';
import {
  createSignInToken,
  endAllWebSessions,
  findWebSession,
  redeemSignInToken,
} from '../../src/db/store/web-sessions.ts';
import type { LocalDate } from '../../src/domain/local-date.ts';
import { cli, makeOfficial, makeTask, makeUnit } from '../support/factories.ts';
import { testProviders, useTestDatabase } from '../support/test-databases.ts';

const providers = await testProviders();
const NOW = new Date('2026-11-23T02:00:00Z');

describe.each(providers)('web sign-in on %s', (provider) => {
  const database = useTestDatabase(provider);

  it('opens one session per link, refuses it used or expired, and ends every session of the official', async () => {
    const db = database();
    const official = await makeOfficial(db);
    const { token } = await createSignInToken(db, official, cli, NOW);
    const opened = await redeemSignInToken(db, token, NOW);
    expect(opened).toMatchObject({ ok: true, official: { username: official.username } });
    expect(await redeemSignInToken(db, token, NOW)).toEqual({ ok: false, reason: 'used' });
    const late = await createSignInToken(db, official, cli, NOW);
    expect(await redeemSignInToken(db, late.token, new Date(NOW.getTime() + 10 * 60_000))).toEqual({
      ok: false,
      reason: 'expired',
    });
    expect(await db.webSignInLink.count({ where: { officialId: official.id } })).toBe(2);
    expect(JSON.stringify(await db.webSignInLink.findMany())).not.toContain(token);

    const session = opened.ok ? opened.sessionToken : '';
    expect(await findWebSession(db, session, NOW)).toMatchObject({ official: { id: official.id } });
    expect(await findWebSession(db, session, new Date(NOW.getTime() + 8 * 3_600_000))).toBeUndefined();
    expect(await endAllWebSessions(db, official.id)).toBe(1);
    expect(await findWebSession(db, session, NOW)).toBeUndefined();
  });

  it('counts open, due-this-week and overdue tasks per unit', async () => {
    const db = database();
    const unit = await makeUnit(db);
    const person = await makeOfficial(db, { unitCode: unit.code });
    for (const dueDate of ['2026-11-20', '2026-11-24', '2026-11-29', '2026-12-10'])
      await makeTask(db, { assigneeUsername: person.username, dueDate: dueDate as LocalDate });
    const rows = await countOpenTasksByUnit(db, {
      today: '2026-11-23' as LocalDate,
      weekEnd: '2026-11-29' as LocalDate,
      unitIds: [unit.id],
    });
    expect(rows).toEqual([{ unitCode: unit.code, unitName: unit.name, open: 4, dueThisWeek: 2, overdue: 1 }]);
  });
});
