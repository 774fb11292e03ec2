// The migration that adds confirmedAt also decides which existing one-stop records count as
// reconciled: those the office brought in (import or CLI), not those an official typed in chat.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadReferenceData } from '../../src/app/reference-data.ts';
import { migrationsDir } from '../../src/db/migrate/migrations.ts';
import type { LocalDate } from '../../src/domain/local-date.ts';
import type { Actor } from '../../src/domain/model.ts';
import { registerDossier, registerPetition } from '../../src/services/event-duties.ts';
import { cli, makeOfficial } from '../support/factories.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-databases.ts';

const MIGRATION = '20261201161315_one_stop_confirmed_at';

/** The migration's data statements (everything after its ALTER TABLEs). */
function backfillStatements(): string[] {
  const text = readFileSync(join(migrationsDir('sqlite'), MIGRATION, 'migration.sql'), 'utf8');
  return text
    .split(';')
    .map((statement) => statement.replace(/--.*$/gm, '').trim())
    .filter((statement) => statement.startsWith('UPDATE'));
}

describe('the confirmedAt backfill of existing one-stop records', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('counts records the office brought in as reconciled and leaves chat registrations unreconciled', async () => {
    const db = database.client;
    const reference = loadReferenceData({});
    const member = await makeOfficial(db, { username: 'thanh' });
    const inChat: Actor = { kind: 'official', officialId: member.id, channel: 'telegram', chatId: 'telegram:1' };
    const received = '2026-11-10' as LocalDate;
    await registerPetition(db, { code: 'P-CHAT', receivedOn: received, assigneeUsername: 'thanh' }, reference, inChat);
    await registerPetition(db, { code: 'P-CLI', receivedOn: received, assigneeUsername: 'thanh' }, reference, cli);
    const due = '2026-12-10' as LocalDate;
    await registerDossier(db, { code: 'HS-CHAT', dueDate: due, assigneeUsername: 'thanh' }, reference, inChat);
    await registerDossier(db, { code: 'HS-CLI', dueDate: due, assigneeUsername: 'thanh' }, reference, cli);
    expect(await db.task.count({ where: { confirmedAt: { not: null } } })).toBe(0);

    const statements = backfillStatements();
    expect(statements).toHaveLength(2);
    for (const statement of statements) await db.$executeRawUnsafe(statement);

    const tasks = await db.task.findMany({ orderBy: { sourceRef: 'asc' } });
    expect(tasks.map((t) => [t.sourceRef, t.confirmedAt !== null])).toEqual([
      ['HS-CHAT', false],
      ['HS-CLI', true],
      ['P-CHAT', false],
      ['P-CLI', true],
    ]);
    const dossiers = await db.dossier.findMany({ orderBy: { code: 'asc' } });
    expect(dossiers.map((d) => [d.code, d.confirmedAt?.getTime() === d.createdAt.getTime()])).toEqual([
      ['HS-CHAT', false],
      ['HS-CLI', true],
    ]);
  });
});
