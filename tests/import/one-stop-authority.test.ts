// The one-stop system is authoritative: a petition or dossier a member registered first in chat
// takes the export's assignee and dates when the office imports it, end to end through the chat
// router and the CLI.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RegisterImportReport } from '../../src/import/one-stop/register-import.ts';
import { chatHarness, makeSmallSo, type SmallSo } from '../chat/chat-harness.ts';
import { cli } from '../support/run-cli.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-databases.ts';
import { snapshot } from './support/office.ts';

const NOV_23 = { NHACVIEC_FAKE_NOW: '2026-11-23T09:00:00+07:00' };

function tempCsv(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'nhacviec-onestop-')), 'export.csv');
  writeFileSync(file, text);
  return file;
}

describe('the one-stop export wins over what was registered first in chat', () => {
  let database: TestDatabase;
  let so: SmallSo;
  beforeEach(async () => {
    database = await createTestDatabase('sqlite');
    so = await makeSmallSo(database.client);
  });
  afterEach(async () => {
    await database.drop();
  });

  it("reassigns and re-dates a member's /pakn to the export's official, says so, and lists who must be told", async () => {
    const chat = chatHarness(database.client);
    const registered = await chat.say(so.member, '/pakn PAKN-0042 20/11/2026 Hỏi về lệ phí');
    expect(registered).toContain('hạn trả lời 04/12/2026');
    expect(registered).toContain('chưa đối chiếu với hệ thống một cửa');
    const task = await database.client.task.findFirstOrThrow({ where: { sourceRef: 'PAKN-0042' } });
    expect(await chat.say(so.admin, `/tinhtrang ${task.id}`)).toContain('⚠️ Chưa đối chiếu với hệ thống một cửa');
    expect(await chat.say(so.member, '/viec')).toContain(
      `#${task.id} Trả lời PAKN PAKN-0042: Hỏi về lệ phí — hạn 04/12/2026 (còn 9 ngày làm việc) · chưa đối chiếu`,
    );
    // A reminder already waiting for the member must not reach them once the task is not theirs.
    const waiting = await database.client.reminder.create({
      data: {
        taskId: task.id,
        recipientId: so.member.id,
        slot: 'before-3:2026-11-23',
        scheduledFor: new Date('2026-11-23T08:00:00+07:00'),
        nextAttemptAt: new Date('2026-11-23T08:00:00+07:00'),
      },
    });

    const file = tempCsv(
      [
        'Mã hồ sơ,Ngày tiếp nhận,Nội dung,Cán bộ xử lý,Trạng thái',
        `PAKN-0042,10/11/2026,Phản ánh chậm trả kết quả chứng thực,${so.otherMember.username},Đang xử lý`,
      ].join('\n'),
    );
    const result = await cli(database.url, ['import', 'pakn', file], NOV_23);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain(
      `dòng 2: PAKN-0042 (việc #${task.id}) — đã sửa theo hệ thống một cửa: người xử lý ${so.member.username} → ${so.otherMember.username}, ngày tiếp nhận 20/11/2026 → 10/11/2026, hạn trả lời 04/12/2026 → 24/11/2026, nội dung "Hỏi về lệ phí" → "Phản ánh chậm trả kết quả chứng thực"`,
    );

    const after = await database.client.task.findUniqueOrThrow({
      where: { id: task.id },
      include: { assignee: true, unit: true },
    });
    expect(after).toMatchObject({
      dueDate: '2026-11-24',
      eventDate: '2026-11-10',
      title: 'Trả lời PAKN PAKN-0042: Phản ánh chậm trả kết quả chứng thực',
      note: 'Phản ánh chậm trả kết quả chứng thực',
      status: 'open',
      nextReminderOn: '0000-00-00',
    });
    expect(after.assignee?.username).toBe(so.otherMember.username);
    expect(after.unit.code).toBe(so.otherMember.unitCode);
    expect(after.confirmedAt).not.toBeNull();
    expect((await database.client.reminder.findUniqueOrThrow({ where: { id: waiting.id } })).state).toBe('cancelled');

    const audit = await database.client.auditEvent.findFirstOrThrow({
      where: { taskId: task.id, action: 'onestop.reconcile' },
    });
    expect(audit.actorKind).toBe('cli');
    expect(JSON.parse(audit.payload!)).toMatchObject({
      before: { assignee: so.member.username, eventDate: '2026-11-20', dueDate: '2026-12-04' },
      after: { assignee: so.otherMember.username, eventDate: '2026-11-10', dueDate: '2026-11-24' },
      reason: expect.stringContaining('đã sửa theo hệ thống một cửa'),
    });
    expect(await chat.say(so.admin, `/tinhtrang ${task.id}`)).toContain('• Đã đối chiếu với hệ thống một cửa');

    // The same file again: nothing to do, nothing written.
    const before = await snapshot(database);
    const again = await cli(database.url, ['import', 'pakn', file, '--json'], NOV_23);
    const report = JSON.parse(again.stdout) as RegisterImportReport;
    expect(report).toMatchObject({ corrected: [], confirmed: [], notify: [], duplicates: [{ code: 'PAKN-0042' }] });
    expect(await snapshot(database)).toEqual(before);
  });

  it('reports each correction and the officials to tell in --json, and a dry run changes nothing', async () => {
    await chatHarness(database.client).say(so.member, '/pakn PAKN-7 20/11/2026');
    const file = tempCsv(`Mã hồ sơ,Ngày tiếp nhận,Cán bộ xử lý\nPAKN-7,10/11/2026,${so.otherMember.username}\n`);
    const before = await snapshot(database);
    const dry = await cli(database.url, ['import', 'pakn', file, '--dry-run'], NOV_23);
    expect(dry.stdout).toContain('Sẽ sửa theo hệ thống một cửa (1):');
    expect(await snapshot(database)).toEqual(before);

    const result = await cli(database.url, ['import', 'pakn', file, '--json'], NOV_23);
    const report = JSON.parse(result.stdout) as RegisterImportReport;
    const taskId = (await database.client.task.findFirstOrThrow({ where: { sourceRef: 'PAKN-7' } })).id;
    expect(report.corrected).toEqual([
      {
        row: 2,
        code: 'PAKN-7',
        taskId,
        change: `đã sửa theo hệ thống một cửa: người xử lý ${so.member.username} → ${so.otherMember.username}, ngày tiếp nhận 20/11/2026 → 10/11/2026, hạn trả lời 04/12/2026 → 24/11/2026`,
        changes: [
          { field: 'assignee', from: so.member.username, to: so.otherMember.username },
          { field: 'receivedOn', from: '2026-11-20', to: '2026-11-10' },
          { field: 'dueDate', from: '2026-12-04', to: '2026-11-24' },
        ],
      },
    ]);
    expect(report.notify).toEqual([
      {
        username: so.member.username,
        text: `🔄 Theo hệ thống một cửa, PAKN PAKN-7 (việc #${taskId}) do ${so.otherMember.username} xử lý; bạn không còn được nhắc việc này.`,
      },
      {
        username: so.otherMember.username,
        text: `📌 Theo hệ thống một cửa, PAKN PAKN-7 (việc #${taskId}) do bạn xử lý: hạn trả lời 24/11/2026.`,
      },
    ]);
    // Queued with the correction, for the bot's sweep to send (the CLI runs no chat channel).
    const notices = await database.client.notice.findMany({ orderBy: { id: 'asc' } });
    expect(
      notices.map((n) => ({ recipientId: n.recipientId, taskId: n.taskId, text: n.text, state: n.state })),
    ).toEqual(
      report.notify.map((n) => ({
        recipientId: n.username === so.member.username ? so.member.id : so.otherMember.id,
        taskId,
        text: n.text,
        state: 'pending',
      })),
    );
    // Due at once: NHACVIEC_FAKE_NOW starts the CLI's clock there, and it runs on from then.
    const start = new Date(NOV_23.NHACVIEC_FAKE_NOW).getTime();
    expect(notices[0]!.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(start);
    expect(notices[0]!.nextAttemptAt.getTime()).toBeLessThan(start + 60_000);
  });

  it("moves a member's /hoso to the export's promised date and official, with the apology task one working day before", async () => {
    const chat = chatHarness(database.client);
    expect(await chat.say(so.member, '/hoso HS-9 31/12/2026')).toContain('chưa đối chiếu với hệ thống một cửa');
    const file = tempCsv(
      `Mã hồ sơ;Tên hồ sơ;Ngày hẹn trả;Cán bộ xử lý\nHS-9;Cấp phiếu lý lịch tư pháp;10/12/2026;${so.otherMember.username}\n`,
    );
    const result = await cli(database.url, ['import', 'dossiers', file, '--json'], NOV_23);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as RegisterImportReport;
    expect(report.corrected[0]?.change).toBe(
      `đã sửa theo hệ thống một cửa: người xử lý ${so.member.username} → ${so.otherMember.username}, hẹn trả 31/12/2026 → 10/12/2026, hạn phiếu xin lỗi nếu quá hạn 30/12/2026 → 09/12/2026, tên hồ sơ (trống) → "Cấp phiếu lý lịch tư pháp"`,
    );
    expect(report.notify.map((n) => n.username)).toEqual([so.member.username, so.otherMember.username]);
    const queued = await database.client.notice.findMany({ orderBy: { id: 'asc' }, include: { recipient: true } });
    expect(queued.map((n) => [n.recipient.username, n.text, n.taskId])).toEqual(
      report.notify.map((n) => [n.username, n.text, report.corrected[0]?.taskId]),
    );
    const dossier = await database.client.dossier.findUniqueOrThrow({
      where: { code: 'HS-9' },
      include: { assignee: true },
    });
    expect(dossier).toMatchObject({ dueDate: '2026-12-10', title: 'Cấp phiếu lý lịch tư pháp' });
    expect(dossier.assignee?.username).toBe(so.otherMember.username);
    expect(dossier.confirmedAt).not.toBeNull();
    const apology = await database.client.task.findFirstOrThrow({
      where: { dutyCode: 'thu-xin-loi', sourceRef: 'HS-9' },
      include: { assignee: true },
    });
    expect(apology).toMatchObject({
      dueDate: '2026-12-09',
      eventDate: '2026-12-10',
      title: 'Phiếu xin lỗi và hẹn lại ngày trả kết quả nếu hồ sơ HS-9 quá hạn (hẹn trả 10/12/2026)',
      nextReminderOn: '0000-00-00',
    });
    expect(apology.assignee?.username).toBe(so.otherMember.username);
    expect(apology.confirmedAt).not.toBeNull();
  });

  it('confirms a chat registration the export repeats exactly, once, changing nothing else', async () => {
    await chatHarness(database.client).say(so.member, '/pakn PAKN-8 20/11/2026');
    const task = await database.client.task.findFirstOrThrow({ where: { sourceRef: 'PAKN-8' } });
    const file = tempCsv(`Mã hồ sơ,Ngày tiếp nhận,Cán bộ xử lý\nPAKN-8,20/11/2026,${so.member.username}\n`);
    const first = JSON.parse((await cli(database.url, ['import', 'pakn', file, '--json'], NOV_23)).stdout);
    expect(first).toMatchObject({ corrected: [], confirmed: [{ row: 2, code: 'PAKN-8' }], notify: [] });
    const confirmed = await database.client.task.findUniqueOrThrow({ where: { id: task.id } });
    expect(confirmed).toMatchObject({ dueDate: task.dueDate, assigneeId: task.assigneeId, title: task.title });
    expect(confirmed.nextReminderOn).toBe(task.nextReminderOn);
    expect(confirmed.confirmedAt).not.toBeNull();

    const before = await snapshot(database);
    const second = JSON.parse((await cli(database.url, ['import', 'pakn', file, '--json'], NOV_23)).stdout);
    expect(second).toMatchObject({ confirmed: [], duplicates: [{ code: 'PAKN-8' }] });
    expect(await snapshot(database)).toEqual(before);
  });
});
