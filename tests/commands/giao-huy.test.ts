// /giao and /huy: a head reassigns or cancels the tasks of their unit tree, the office admin any;
// a member neither. They call the same store functions as `task reassign` / `task cancel`.
import { describe, expect, it } from 'vitest';
import { findTask } from '../../src/db/store/tasks.ts';
import type { Official, Task } from '../../src/domain/model.ts';
import type { TestStore } from '../support/test-databases.ts';
import { testProviders, useTestDatabase } from '../support/test-databases.ts';
import {
  chatHarness,
  expectUnchanged,
  looksLikeClearVietnamese,
  makeSmallSo,
  type SmallSo,
} from '../chat/chat-harness.ts';

const providers = await testProviders();

async function noticesOf(db: TestStore, taskId: number) {
  const rows = await db.notice.findMany({ where: { taskId }, orderBy: { id: 'asc' }, include: { recipient: true } });
  return rows.map((notice) => ({ to: notice.recipient.username, text: notice.text }));
}

/** A refusal: the reply, with tasks, audit, identities, notices and reminders untouched. */
async function refusedBy(db: TestStore, act: () => Promise<string | undefined>): Promise<string | undefined> {
  const others = async () =>
    JSON.stringify([
      await db.notice.findMany({ orderBy: { id: 'asc' } }),
      await db.reminder.findMany({ orderBy: { id: 'asc' } }),
    ]);
  const before = await others();
  const reply = await expectUnchanged(db, act);
  expect(await others()).toBe(before);
  expect(looksLikeClearVietnamese(reply)).toBe(true);
  return reply;
}

async function pendingReminder(db: TestStore, task: Task, official: Official, slot: string) {
  const at = new Date('2026-11-24T01:00:00Z');
  return db.reminder.create({
    data: { taskId: task.id, recipientId: official.id, slot, scheduledFor: at, nextAttemptAt: at },
  });
}

describe.each(providers)('/giao and /huy on %s', (provider) => {
  const db = useTestDatabase(provider);

  describe('/giao', () => {
    it('lets a head give their unit’s task to someone in a sub-unit: both told, old reminders cancelled, audited', async () => {
      const so = await makeSmallSo(db());
      const own = await pendingReminder(db(), so.overdue, so.member, 'overdue:2026-11-24');

      const reply = await chatHarness(db()).say(so.head, `/giao ${so.overdue.id} ${so.subUnitMember.username}`);

      expect(reply).toBe(
        `👤 Đã giao việc #${so.overdue.id} «Báo cáo KSTTHC tháng 11» cho Phạm Thị Dung (trước đây: ${so.member.username}), ` +
          'hạn 19/11/2026. Bot sẽ nhắc Phạm Thị Dung từ hôm nay.',
      );
      expect(await findTask(db(), so.overdue.id)).toMatchObject({
        assigneeUsername: so.subUnitMember.username,
        unitCode: so.subUnitMember.unitCode,
      });
      expect(await noticesOf(db(), so.overdue.id)).toEqual([
        {
          to: so.subUnitMember.username,
          text:
            `Việc #${so.overdue.id} «Báo cáo KSTTHC tháng 11» đã được giao cho anh/chị ` +
            '(trước đây: Trần Văn Cường), hạn 19/11/2026.',
        },
        {
          to: so.member.username,
          text: `Việc #${so.overdue.id} «Báo cáo KSTTHC tháng 11» đã được chuyển cho Phạm Thị Dung.`,
        },
      ]);
      expect((await db().reminder.findUniqueOrThrow({ where: { id: own.id } })).state).toBe('cancelled');
      expect((await db().task.findUniqueOrThrow({ where: { id: so.overdue.id } })).nextReminderOn).toBe('0000-00-00');
      const audit = await db().auditEvent.findFirstOrThrow({
        where: { taskId: so.overdue.id, action: 'task.reassign' },
      });
      expect(audit).toMatchObject({ actorId: so.head.id, channel: 'console' });
      expect(JSON.parse(audit.payload!)).toEqual({
        before: { assignee: so.member.username, unit: so.member.unitCode },
        after: { assignee: so.subUnitMember.username, unit: so.subUnitMember.unitCode },
      });
    });

    it('does not tell the head who takes a task themselves, only the former assignee', async () => {
      const so = await makeSmallSo(db());
      await chatHarness(db()).say(so.head, `/assign #${so.upcoming.id} @${so.head.username.toUpperCase()}`);
      expect(await noticesOf(db(), so.upcoming.id)).toEqual([
        {
          to: so.member.username,
          text: `Việc #${so.upcoming.id} «Trả lời phản ánh số 15» đã được chuyển cho Lê Thị Bích.`,
        },
      ]);
    });

    type Who = 'head' | 'otherHead' | 'member' | 'admin';
    type TaskOf = 'overdue' | 'otherOverdue';
    type To = 'subUnitMember' | 'otherMember' | 'member';
    it.each<[string, Who, TaskOf, To, string | undefined]>([
      ['a head, inside their unit tree', 'head', 'overdue', 'subUnitMember', undefined],
      ['a head, a task of another unit', 'otherHead', 'overdue', 'otherMember', 'không thuộc phạm vi của bạn'],
      ['a head, to someone of another unit', 'head', 'overdue', 'otherMember', 'không thuộc đơn vị bạn phụ trách'],
      ['a member', 'member', 'overdue', 'subUnitMember', 'chỉ dành cho lãnh đạo đơn vị hoặc Văn phòng Sở'],
      ['the office admin, across units', 'admin', 'otherOverdue', 'member', undefined],
    ])('/giao by %s', async (_case, who, taskOf, to, refusal) => {
      const so: SmallSo = await makeSmallSo(db());
      const chat = chatHarness(db());
      const task = so[taskOf];
      const command = `/giao ${task.id} ${so[to].username}`;
      if (refusal) {
        expect(await refusedBy(db(), () => chat.say(so[who], command))).toContain(refusal);
        expect((await findTask(db(), task.id))?.assigneeUsername).toBe(task.assigneeUsername);
      } else {
        expect(await chat.say(so[who], command)).toMatch(/^👤 Đã giao việc/);
        expect((await findTask(db(), task.id))?.assigneeUsername).toBe(so[to].username);
      }
    });

    it('refuses, changing nothing: a closed task, the same assignee, an unknown person, bad arguments', async () => {
      const so = await makeSmallSo(db());
      const chat = chatHarness(db());
      await chat.say(so.member, `/xong ${so.upcoming.id}`);
      const say = (text: string) => refusedBy(db(), () => chat.say(so.head, text));

      expect(await say(`/giao ${so.upcoming.id} ${so.subUnitMember.username}`)).toBe(
        `Việc #${so.upcoming.id} đã được báo xong, không giao lại được nữa.`,
      );
      expect(await say(`/giao ${so.overdue.id} ${so.member.username}`)).toContain('đã do Trần Văn Cường');
      expect(await say(`/giao ${so.overdue.id} khongai`)).toBe('Không có cán bộ "khongai".');
      expect(await say(`/giao ${so.overdue.id}`)).toContain('Cách dùng: /giao <số việc> <tên đăng nhập>');
      expect(await say(`/giao ${so.overdue.id} Trần Văn`)).toContain('tên đăng nhập');
      expect(await say('/giao 99999 ' + so.member.username)).toContain('Không có việc số 99999');
    });
  });

  describe('/huy', () => {
    it('lets a head cancel a sub-unit’s task with a reason: reminders stopped, assignee told, audited', async () => {
      const so = await makeSmallSo(db());
      const own = await pendingReminder(db(), so.subUnitOverdue, so.subUnitMember, 'overdue:2026-11-24');

      const reply = await chatHarness(db()).say(so.head, `/huy ${so.subUnitOverdue.id} đã gộp vào báo cáo quý.`);

      expect(reply).toBe(
        `🗑️ Đã huỷ việc #${so.subUnitOverdue.id} «Công khai danh sách trễ hạn»: đã gộp vào báo cáo quý. ` +
          'Bot thôi nhắc việc này.',
      );
      expect((await findTask(db(), so.subUnitOverdue.id))?.status).toBe('cancelled');
      expect((await db().reminder.findUniqueOrThrow({ where: { id: own.id } })).state).toBe('cancelled');
      expect(await noticesOf(db(), so.subUnitOverdue.id)).toEqual([
        {
          to: so.subUnitMember.username,
          text: `Việc #${so.subUnitOverdue.id} «Công khai danh sách trễ hạn» đã bị huỷ: đã gộp vào báo cáo quý.`,
        },
      ]);
      const audit = await db().auditEvent.findFirstOrThrow({
        where: { taskId: so.subUnitOverdue.id, action: 'task.cancel' },
      });
      expect(audit.actorId).toBe(so.head.id);
      expect(JSON.parse(audit.payload!)).toEqual({
        before: { status: 'open' },
        after: { status: 'cancelled' },
        reason: 'đã gộp vào báo cáo quý.',
      });
    });

    type Who = 'head' | 'otherHead' | 'member' | 'admin';
    it.each<[string, Who, string | undefined]>([
      ['a head of the task’s unit', 'head', undefined],
      ['a head of another unit', 'otherHead', 'không thuộc phạm vi của bạn'],
      ['a member, even their own task', 'member', 'chỉ dành cho lãnh đạo đơn vị hoặc Văn phòng Sở'],
      ['the office admin', 'admin', undefined],
    ])('/huy by %s', async (_case, who, refusal) => {
      const so = await makeSmallSo(db());
      const chat = chatHarness(db());
      const command = `/cancel ${so.overdue.id} trùng việc`;
      if (refusal) {
        expect(await refusedBy(db(), () => chat.say(so[who], command))).toContain(refusal);
        expect((await findTask(db(), so.overdue.id))?.status).toBe('open');
      } else {
        expect(await chat.say(so[who], command)).toMatch(/^🗑️ Đã huỷ việc/);
        expect((await findTask(db(), so.overdue.id))?.status).toBe('cancelled');
      }
    });

    it('refuses, changing nothing: no reason, a task already done or cancelled', async () => {
      const so = await makeSmallSo(db());
      const chat = chatHarness(db());
      await chat.say(so.member, `/xong ${so.upcoming.id}`);
      await chat.say(so.head, `/huy ${so.subUnitOverdue.id} trùng việc`);
      const say = (text: string) => refusedBy(db(), () => chat.say(so.head, text));

      expect(await say(`/huy ${so.overdue.id}`)).toContain('Hãy ghi lý do');
      expect(await say(`/huy ${so.upcoming.id} trùng`)).toBe(
        `Việc #${so.upcoming.id} đã được báo xong, không huỷ được nữa.`,
      );
      expect(await say(`/huy ${so.subUnitOverdue.id} trùng`)).toBe(
        `Việc #${so.subUnitOverdue.id} đã bị huỷ, không huỷ được nữa.`,
      );
    });
  });
});
