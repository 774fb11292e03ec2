import { describe, expect, it } from 'vitest';
import { createLinkCode, hashLinkCode, LINK_CODE_LENGTH } from '../../src/db/store/link-codes.ts';
import { listOfficials } from '../../src/db/store/officials.ts';
import { addTask, listTasks, markTaskDone } from '../../src/db/store/tasks.ts';
import { addUnit, listUnits, setFocalOfficial } from '../../src/db/store/units.ts';
import { UserError } from '../../src/domain/errors.ts';
import type { LocalDate } from '../../src/domain/local-date.ts';
import { cli, makeOfficial, makeTask, makeUnit } from '../support/factories.ts';
import { testProviders, useTestDatabase } from '../support/test-databases.ts';

const providers = await testProviders();
const day = (text: string) => text as LocalDate;

describe.each(providers)('the task database on %s', (provider) => {
  const db = useTestDatabase(provider);

  it('round-trips Vietnamese text with diacritics unchanged', async () => {
    const name = 'Phòng Kiểm soát thủ tục hành chính — Sở Tư pháp tỉnh Kon Tum (ĐẮK HÀ, Ứng dụng)';
    const unit = await makeUnit(db(), { code: 'KSTT', name });
    const official = await makeOfficial(db(), { unitCode: unit.code, fullName: 'Nguyễn Thị Ánh Tuyết' });
    const task = await makeTask(db(), {
      assigneeUsername: official.username,
      title: 'Trả lời phản ánh, kiến nghị về thủ tục hộ tịch 🙏',
    });
    expect((await listUnits(db())).find((u) => u.code === 'KSTT')?.name).toBe(name);
    expect((await listOfficials(db(), { unitCode: 'KSTT' }))[0]?.fullName).toBe('Nguyễn Thị Ánh Tuyết');
    const [stored] = await listTasks(db(), { unitCode: 'KSTT' }, day('2026-11-23'));
    expect(stored).toMatchObject({
      id: task.id,
      title: 'Trả lời phản ánh, kiến nghị về thủ tục hộ tịch 🙏',
      assigneeName: 'Nguyễn Thị Ánh Tuyết',
    });
  });

  it('refuses names and titles with hidden or line-breaking characters, whatever door they come through', async () => {
    const official = await makeOfficial(db());
    const units = (await listUnits(db())).length;
    await expect(addUnit(db(), { code: 'RTL', name: 'Phòng \u202Eabc' }, cli)).rejects.toThrow(/đảo chiều chữ/);
    expect(await listUnits(db())).toHaveLength(units);
    await expect(
      addTask(
        db(),
        { title: 'Báo cáo\ntháng', assigneeUsername: official.username, dueDate: '2026-12-01' as LocalDate },
        cli,
      ),
    ).rejects.toThrow(UserError);
    expect(await listTasks(db(), { assigneeUsername: official.username }, '2026-11-23' as LocalDate)).toEqual([]);
  });

  it('refuses a second unit with the same code and keeps the first', async () => {
    await makeUnit(db(), { code: 'TRUNG', name: 'Thứ nhất' });
    await expect(addUnit(db(), { code: 'TRUNG', name: 'Thứ hai' }, cli)).rejects.toMatchObject({ code: 'UNIT_EXISTS' });
    expect((await listUnits(db())).filter((u) => u.code === 'TRUNG').map((u) => u.name)).toEqual(['Thứ nhất']);
  });

  it('never duplicates a recurring duty task for the same unit and period', async () => {
    const official = await makeOfficial(db());
    const task = {
      title: 'Báo cáo tháng',
      assigneeUsername: official.username,
      dueDate: day('2026-11-19'),
      dutyCode: 'bao-cao-thang',
      periodKey: '2026-11',
    };
    await addTask(db(), task, cli);
    await expect(addTask(db(), task, cli)).rejects.toMatchObject({ code: 'TASK_EXISTS' });
    expect(await listTasks(db(), { unitCode: official.unitCode }, day('2026-11-01'))).toHaveLength(1);
  });

  it('never duplicates an event duty task for the same source reference', async () => {
    const official = await makeOfficial(db());
    const task = {
      title: 'Trả lời PAKN',
      assigneeUsername: official.username,
      dueDate: day('2026-12-04'),
      dutyCode: 'pakn',
      sourceRef: 'PAKN-2026-0042',
    };
    await addTask(db(), task, cli);
    await expect(addTask(db(), { ...task, title: 'khác' }, cli)).rejects.toBeInstanceOf(UserError);
  });

  it('lists a unit with its sub-units and tells overdue from open', async () => {
    await makeUnit(db(), { code: 'SO', name: 'Sở' });
    await makeUnit(db(), { code: 'SO-P1', name: 'Phòng 1', parentCode: 'SO' });
    const member = await makeOfficial(db(), { unitCode: 'SO-P1' });
    const late = await makeTask(db(), { assigneeUsername: member.username, dueDate: day('2026-11-20') });
    const dueToday = await makeTask(db(), { assigneeUsername: member.username, dueDate: day('2026-11-23') });
    const today = day('2026-11-23');
    expect((await listTasks(db(), { unitCode: 'SO' }, today)).map((t) => t.id)).toEqual([late.id, dueToday.id]);
    expect((await listTasks(db(), { unitCode: 'SO', status: 'overdue' }, today)).map((t) => t.id)).toEqual([late.id]);
    expect(await listTasks(db(), { unitCode: 'SO', status: 'done' }, today)).toEqual([]);
  });

  it('closes a task once, records who and when, silences its reminders and audits it', async () => {
    const official = await makeOfficial(db());
    const task = await makeTask(db(), { assigneeUsername: official.username, dueDate: day('2026-11-20') });
    await db().reminder.create({
      data: {
        taskId: task.id,
        recipientId: official.id,
        slot: 'due',
        scheduledFor: new Date(),
        nextAttemptAt: new Date(),
      },
    });
    const actor = { kind: 'official' as const, officialId: official.id, channel: 'telegram', chatId: '42' };
    const closed = await markTaskDone(db(), task.id, actor, new Date('2026-11-23T03:00:00Z'), 'đã gửi');
    expect(closed.daysLate).toBe(3);
    expect(closed.task).toMatchObject({ status: 'done', note: 'đã gửi' });
    await expect(markTaskDone(db(), task.id, actor, new Date())).rejects.toMatchObject({ code: 'TASK_ALREADY_DONE' });
    expect((await db().reminder.findMany({ where: { taskId: task.id } })).map((r) => r.state)).toEqual(['cancelled']);
    const audit = await db().auditEvent.findMany({ where: { taskId: task.id }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => [a.action, a.actorId, a.channel, a.chatId])).toEqual([
      ['task.add', null, 'cli', null],
      ['task.done', official.id, 'telegram', '42'],
    ]);
  });

  it('counts a task done on its due date (Vietnam time) as on time', async () => {
    const task = await makeTask(db(), { dueDate: day('2026-11-23') });
    // 23:30 on 23/11 in Hà Nội is still the due date although UTC says 16:30.
    const closed = await markTaskDone(db(), task.id, cli, new Date('2026-11-23T16:30:00Z'));
    expect(closed.daysLate).toBe(0);
  });

  it('refuses an unknown task id', async () => {
    await expect(markTaskDone(db(), 999_999, cli, new Date())).rejects.toMatchObject({ code: 'TASK_NOT_FOUND' });
  });

  it('stores only the hash of a link code', async () => {
    const official = await makeOfficial(db());
    const { code, expiresAt } = await createLinkCode(db(), official.username, new Date('2026-11-23T00:00:00Z'), cli);
    expect(code).toMatch(new RegExp(`^[A-Z2-9]{${LINK_CODE_LENGTH}}$`));
    expect(expiresAt.toISOString()).toBe('2026-11-24T00:00:00.000Z');
    const rows = await db().linkCode.findMany({ where: { officialId: official.id } });
    expect(rows.map((r) => r.codeHash)).toEqual([hashLinkCode(code)]);
    expect(JSON.stringify(rows)).not.toContain(code);
  });

  it('records the focal official of a unit', async () => {
    const official = await makeOfficial(db());
    const unit = await setFocalOfficial(db(), official.unitCode, official.username, cli);
    expect(unit.focalUsername).toBe(official.username);
  });
});
