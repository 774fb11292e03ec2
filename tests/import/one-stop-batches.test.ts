// Issue #10: the new records of a one-stop export are written in batches, in one transaction, and
// leave exactly what registering them one by one (as chat does) would leave.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseProvider } from '../../src/db/database.ts';
import { markDossierReturned } from '../../src/db/store/dossiers.ts';
import { markTaskDone } from '../../src/db/store/tasks.ts';
import { vietnamDateOf } from '../../src/domain/local-date.ts';
import { loadReferenceData } from '../../src/app/reference-data.ts';
import { AssigneeResolver } from '../../src/import/one-stop/assignee-resolver.ts';
import { importDossiers } from '../../src/import/one-stop/dossier-import.ts';
import { importPetitions } from '../../src/import/one-stop/pakn-import.ts';
import { finishedAt } from '../../src/import/one-stop/register-import.ts';
import { parseRegisterRows } from '../../src/import/one-stop/register-rows.ts';
import { readTable } from '../../src/import/table-reader.ts';
import { registerDossier, registerPetition } from '../../src/services/event-duties.ts';
import { cli as cliActor } from '../support/factories.ts';
import { cli } from '../support/run-cli.ts';
import { testProviders, type TestDatabase } from '../support/test-databases.ts';
import { writeLargeDossiers, writeLargePetitions } from './support/large-register.ts';
import { oneStopState } from './support/one-stop-state.ts';
import { officeDatabase, snapshot } from './support/office.ts';

const NOW = new Date('2025-01-15T02:00:00Z');
const reference = loadReferenceData({});
const context = { reference, now: NOW, actor: cliActor };
const write = { dryRun: false, skipBad: false };
const tempDir = () => mkdtempSync(join(tmpdir(), 'nhacviec-one-stop-'));

async function rowsOf(database: TestDatabase, file: string, required: 'received' | 'due') {
  const parsed = parseRegisterRows(file, await readTable(file), required, await AssigneeResolver.load(database.client));
  expect(parsed.refused).toEqual([]);
  return parsed.rows;
}

describe.each(await testProviders())('new one-stop records on %s', (provider: DatabaseProvider) => {
  let batched: TestDatabase;
  let oneByOne: TestDatabase;
  beforeEach(async () => {
    [batched, oneByOne] = await Promise.all([officeDatabase(provider), officeDatabase(provider)]);
  });
  afterEach(async () => {
    await Promise.all([batched.drop(), oneByOne.drop()]);
  });

  it('are written as registering and closing each petition would write them', async () => {
    const file = writeLargePetitions(tempDir(), 36);
    const report = await importPetitions(batched.client, { file, ...write }, context);
    expect(report.created).toHaveLength(36);
    for (const row of await rowsOf(oneByOne, file, 'received')) {
      const task = await registerPetition(
        oneByOne.client,
        {
          code: row.code,
          receivedOn: row.received!,
          assigneeUsername: row.assigneeUsername,
          summary: row.title,
          confirmedAt: NOW,
        },
        reference,
        cliActor,
      );
      if (row.progress === 'finished')
        await markTaskDone(
          oneByOne.client,
          task.id,
          cliActor,
          finishedAt(row.finishedOn, NOW),
          'nhập từ hệ thống một cửa: đã trả lời',
        );
    }
    expect(await oneStopState(batched.client)).toEqual(await oneStopState(oneByOne.client));
  });

  it('are written as registering and returning each dossier would write them', async () => {
    const file = writeLargeDossiers(tempDir(), 36);
    const report = await importDossiers(batched.client, { file, ...write }, context);
    expect(report.created).toHaveLength(36);
    for (const row of await rowsOf(oneByOne, file, 'due')) {
      await registerDossier(
        oneByOne.client,
        {
          code: row.code,
          dueDate: row.due!,
          assigneeUsername: row.assigneeUsername,
          title: row.title,
          confirmedAt: NOW,
        },
        reference,
        cliActor,
      );
      if (row.progress === 'finished')
        await markDossierReturned(
          oneByOne.client,
          row.code,
          row.finishedOn ?? vietnamDateOf(NOW),
          finishedAt(row.finishedOn, NOW),
          cliActor,
        );
    }
    const state = (await oneStopState(batched.client)) as { tasks: { status: string }[] };
    expect(new Set(state.tasks.map((task) => task.status))).toEqual(new Set(['open', 'cancelled']));
    expect(state).toEqual(await oneStopState(oneByOne.client));
  });

  it('report the id of each task across several batches', async () => {
    const file = writeLargePetitions(tempDir(), 1_100);
    const report = await importPetitions(batched.client, { file, ...write }, context);
    const tasks = await batched.client.task.findMany({
      where: { dutyCode: 'pakn' },
      select: { id: true, sourceRef: true },
    });
    const idOf = new Map(tasks.map((task) => [task.sourceRef, task.id]));
    expect(tasks).toHaveLength(1_100);
    expect(report.created.every((entry) => entry.taskId === idOf.get(entry.code))).toBe(true);
    expect(await batched.client.auditEvent.count({ where: { action: 'task.add' } })).toBe(1_100);
  });
});

describe('a one-stop import that fails while writing', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await officeDatabase();
  });
  afterEach(async () => {
    await database.drop();
  });

  it('writes none of the file, and says so in Vietnamese without the database’s text', async () => {
    const file = writeLargeDossiers(tempDir(), 600);
    // Fails late: after hundreds of records would have been written one by one.
    await database.client.$executeRawUnsafe(
      `CREATE TRIGGER refuse_late_audit BEFORE INSERT ON AuditEvent WHEN NEW.taskId > 550
       BEGIN SELECT RAISE(ABORT, 'disk full (test)'); END`,
    );
    const before = await snapshot(database);
    const result = await cli(database.url, ['import', 'dossiers', file], {
      NHACVIEC_FAKE_NOW: '2025-01-15T09:00:00+07:00',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^Lỗi: Không ghi được 600 hồ sơ vào cơ sở dữ liệu; không ghi gì/);
    expect(result.stderr).not.toMatch(/prisma|disk full|SQLITE|invocation/i);
    expect(await snapshot(database)).toEqual(before);
  });
});
