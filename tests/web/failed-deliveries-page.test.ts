// Nhắc việc lỗi over HTTP on a real SQLite database: the office sees failed reminders and notices
// with reason, official and task, and sends one again (audited `web`); heads and members may not.
import { describe, expect, it } from 'vitest';
import { makeOfficial, makeTask, makeUnit } from '../support/factories.ts';
import { useTestDatabase, type TestStore } from '../support/test-databases.ts';
import { operationsUnderTest, signedIn } from './operations-support.ts';

const database = useTestDatabase('sqlite');
let sequence = 0;

async function failures(db: TestStore) {
  const n = ++sequence;
  const unit = await makeUnit(db, { code: `PF${n}`, name: `Phòng F ${n}` });
  const admin = await makeOfficial(db, { username: `vanphongf${n}`, unitCode: unit.code, role: 'admin' });
  const head = await makeOfficial(db, { username: `truongf${n}`, unitCode: unit.code, role: 'head' });
  const member = await makeOfficial(db, { username: `canbof${n}`, unitCode: unit.code, fullName: `Lê Thị F${n}` });
  const task = await makeTask(db, { title: `Báo cáo quý ${n}`, assigneeUsername: member.username });
  const at = new Date('2026-11-20T01:00:00Z');
  const reminder = await db.reminder.create({
    data: {
      taskId: task.id,
      recipientId: member.id,
      slot: 'due',
      scheduledFor: at,
      nextAttemptAt: at,
      state: 'failed',
      attempts: 3,
      lastError: 'chưa liên kết Telegram/Zalo (/lienket)',
    },
  });
  const notice = await db.notice.create({
    data: {
      recipientId: member.id,
      taskId: task.id,
      text: `Việc #${task.id} đã được giao lại cho anh/chị.`,
      state: 'failed',
      attempts: 1,
      lastError: 'bot bị chặn',
      nextAttemptAt: at,
    },
  });
  return { admin, head, member, task, reminder, notice };
}

describe('Nhắc việc lỗi', () => {
  it('lists failed reminders and notices with reason, official and task for the office', async () => {
    const db = database();
    const { admin, member, task, reminder, notice } = await failures(db);
    const under = operationsUnderTest(db);
    const browser = await signedIn(under, admin.username);
    const listed = await browser.get('/nhac-viec-loi');
    expect(listed.status).toBe(200);
    expect(listed.body).toContain(`Lời nhắc #${reminder.id}`);
    expect(listed.body).toContain(`Thông báo #${notice.id}`);
    expect(listed.body).toContain('chưa liên kết Telegram/Zalo (/lienket)');
    expect(listed.body).toContain('bot bị chặn');
    expect(listed.body).toContain(member.fullName);
    expect(listed.body).toContain(`href="/viec/${task.id}"`);
    expect(listed.body).toContain(task.title);
    expect(listed.body).toContain('href="/nhac-viec-loi"');
  });

  it('sends a reminder and a notice again: pending, due now, audited with channel web; twice is refused', async () => {
    const db = database();
    const { admin, reminder, notice } = await failures(db);
    const under = operationsUnderTest(db);
    const browser = await signedIn(under, admin.username);
    await browser.get('/nhac-viec-loi');

    const retried = await browser.post(`/nhac-viec-loi/nhac/${reminder.id}/gui-lai`);
    expect(retried.status).toBe(303);
    expect(await db.reminder.findUniqueOrThrow({ where: { id: reminder.id } })).toMatchObject({
      state: 'pending',
      attempts: 0,
      lastError: null,
      nextAttemptAt: under.clock.now(),
    });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: 'reminder.retried' } });
    expect(audit).toMatchObject({ channel: 'web', actorId: admin.id, taskId: reminder.taskId });
    expect(JSON.parse(audit.payload!)).toMatchObject({
      before: { state: 'failed', attempts: 3, lastError: 'chưa liên kết Telegram/Zalo (/lienket)' },
      after: { state: 'pending' },
    });
    const after = await browser.get('/nhac-viec-loi?gui-lai=nhac-1');
    expect(after.body).toContain('Đã xếp lại để gửi');
    expect(after.body).not.toContain(`Lời nhắc #${reminder.id}`);

    expect((await browser.post(`/nhac-viec-loi/thong-bao/${notice.id}/gui-lai`)).status).toBe(303);
    expect((await db.notice.findUniqueOrThrow({ where: { id: notice.id } })).state).toBe('pending');
    expect(await db.auditEvent.count({ where: { action: 'notice.retried', channel: 'web' } })).toBe(1);

    const twice = await browser.post(`/nhac-viec-loi/nhac/${reminder.id}/gui-lai`);
    expect(twice.status).toBe(400);
    expect(twice.body).toContain(`Lời nhắc số ${reminder.id} không ở trạng thái lỗi`);
    const unknown = await browser.post('/nhac-viec-loi/nhac/999999/gui-lai');
    expect(unknown.status).toBe(400);
    expect(unknown.body).toContain('Không có lời nhắc số 999999');
    expect(await db.auditEvent.count({ where: { action: { in: ['reminder.retried', 'notice.retried'] } } })).toBe(2);
  });

  it('is the office’s: a head and a member can neither see the list nor retry, and nothing changes', async () => {
    const db = database();
    const { head, member, reminder } = await failures(db);
    const under = operationsUnderTest(db);
    for (const username of [head.username, member.username]) {
      const browser = await signedIn(under, username);
      expect(browser.lastPage).not.toContain('href="/nhac-viec-loi"');
      const listed = await browser.get('/nhac-viec-loi');
      expect(listed.status).toBe(403);
      expect(listed.body).toContain('Chỉ Văn phòng Sở');
      expect(listed.body).not.toContain('chưa liên kết Telegram/Zalo');
      expect((await browser.post(`/nhac-viec-loi/nhac/${reminder.id}/gui-lai`)).status).toBe(403);
    }
    expect((await db.reminder.findUniqueOrThrow({ where: { id: reminder.id } })).state).toBe('failed');
  });

  it('refuses a retry without the CSRF token and changes nothing', async () => {
    const db = database();
    const { admin, reminder } = await failures(db);
    const under = operationsUnderTest(db);
    const browser = await signedIn(under, admin.username);
    const forged = await browser.post(`/nhac-viec-loi/nhac/${reminder.id}/gui-lai`, { _csrf: 'forged' });
    expect(forged.status).toBe(403);
    expect((await db.reminder.findUniqueOrThrow({ where: { id: reminder.id } })).state).toBe('failed');
  });
});
