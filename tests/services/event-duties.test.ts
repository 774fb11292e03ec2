import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadReferenceData } from '../../src/app/reference-data.ts';
import { markDossierReturned } from '../../src/db/store/dossiers.ts';
import type { LocalDate } from '../../src/domain/local-date.ts';
import { addEventDutyTask, registerDossier, registerPetition } from '../../src/services/event-duties.ts';
import { cli, makeOfficial } from '../support/factories.ts';
import { createTestDatabase, testProviders, type TestDatabase } from '../support/test-databases.ts';

const providers = await testProviders();
const reference = loadReferenceData({});
const day = (text: string) => text as LocalDate;

describe.each(providers)('event duties on %s', (provider) => {
  let database: TestDatabase;
  let username: string;
  beforeAll(async () => {
    database = await createTestDatabase(provider);
    username = (await makeOfficial(database.client)).username;
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('gives a petition 10 working days from receipt, across Tết, once per code', async () => {
    const task = await registerPetition(
      database.client,
      {
        code: 'PAKN-01',
        receivedOn: day('2026-02-10'),
        assigneeUsername: username,
        summary: 'Chậm cấp lý lịch tư pháp',
      },
      reference,
      cli,
    );
    expect(task).toMatchObject({
      dutyCode: 'pakn',
      sourceRef: 'PAKN-01',
      eventDate: '2026-02-10',
      dueDate: '2026-03-03',
    });
    await expect(
      registerPetition(
        database.client,
        { code: 'PAKN-01', receivedOn: day('2026-02-11'), assigneeUsername: username },
        reference,
        cli,
      ),
    ).rejects.toMatchObject({
      code: 'TASK_EXISTS',
      message: expect.stringContaining('PAKN-01'),
    });
  });

  it('creates the apology-letter task one working day before the dossier is due, and cancels it when the dossier is returned in time', async () => {
    const { apologyTaskId, apologyDueDate } = await registerDossier(
      database.client,
      { code: 'HS-001', dueDate: day('2026-02-23'), assigneeUsername: username },
      reference,
      cli,
    );
    expect(apologyDueDate).toBe('2026-02-13');
    const returned = await markDossierReturned(
      database.client,
      'HS-001',
      day('2026-02-23'),
      new Date('2026-02-23T03:00:00Z'),
      cli,
    );
    expect(returned).toMatchObject({ onTime: true, apologyCancelled: true });
    expect((await database.client.task.findUniqueOrThrow({ where: { id: apologyTaskId } })).status).toBe('cancelled');
    await expect(
      markDossierReturned(database.client, 'HS-001', day('2026-02-24'), new Date(), cli),
    ).rejects.toMatchObject({ code: 'DOSSIER_ALREADY_RETURNED' });
  });

  it('keeps the apology-letter task when the dossier is returned late', async () => {
    const { apologyTaskId } = await registerDossier(
      database.client,
      { code: 'HS-002', dueDate: day('2026-03-02'), assigneeUsername: username },
      reference,
      cli,
    );
    const returned = await markDossierReturned(
      database.client,
      'HS-002',
      day('2026-03-03'),
      new Date('2026-03-03T03:00:00Z'),
      cli,
    );
    expect(returned).toMatchObject({ onTime: false, apologyCancelled: false });
    expect((await database.client.task.findUniqueOrThrow({ where: { id: apologyTaskId } })).status).toBe('open');
  });

  it('refuses a second dossier with the same code and leaves no half-created task', async () => {
    const before = await database.client.task.count();
    await expect(
      registerDossier(
        database.client,
        { code: 'HS-002', dueDate: day('2026-04-01'), assigneeUsername: username },
        reference,
        cli,
      ),
    ).rejects.toMatchObject({ code: 'DOSSIER_EXISTS' });
    expect(await database.client.task.count()).toBe(before);
  });

  it('counts other event duties from the given date and refuses recurring ones', async () => {
    const task = await addEventDutyTask(
      database.client,
      {
        dutyCode: 'quy-trinh-dien-tu',
        from: day('2026-04-28'),
        assigneeUsername: username,
        sourceRef: 'QĐ 12/QĐ-UBND',
      },
      reference,
      cli,
    );
    // 5 working days after Tue 28/4/2026, skipping 30/4 and 1/5: 29/4, 4, 5, 6, 7/5.
    expect(task.dueDate).toBe('2026-05-07');
    await expect(
      addEventDutyTask(
        database.client,
        { dutyCode: 'bao-cao-thang', from: day('2026-04-28'), assigneeUsername: username },
        reference,
        cli,
      ),
    ).rejects.toMatchObject({ code: 'DUTY_IS_RECURRING' });
  });
});
