import { addr } from '../support/address.ts';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineCommand } from '../../src/chat/command.ts';
import { createLinkCode } from '../../src/db/store/link-codes.ts';
import { findTask } from '../../src/db/store/tasks.ts';
import { cli } from '../support/factories.ts';
import { COMMANDS } from '../../commands/index.ts';
import { chatHarness, expectUnchanged, linkTelegram, makeSmallSo } from './chat-harness.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-databases.ts';

describe('the chat router', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
  });
  afterAll(async () => {
    await database?.drop();
  });
  const db = () => database.client;

  it('in a group chat acts as the linked sender, and audits the group as the chat', async () => {
    const so = await makeSmallSo(db());
    await linkTelegram(db(), so.member, '9101');
    const chat = chatHarness(db());
    const reply = await chat.say(
      { senderId: '9101', isGroup: true, address: addr('telegram:-100999') },
      `/xong ${so.overdue.id}`,
    );
    expect(reply).toMatch(/^✅/);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: 'task.done', taskId: so.overdue.id } });
    expect(audit).toMatchObject({ actorId: so.member.id, channel: 'telegram', chatId: 'telegram:-100999' });
  });

  it('in a group chat refuses an unlinked sender even when others in the group are linked', async () => {
    const so = await makeSmallSo(db());
    await linkTelegram(db(), so.admin, '9102');
    const reply = await expectUnchanged(db(), () =>
      chatHarness(db()).say(
        { senderId: '9103', isGroup: true, address: addr('telegram:-100999') },
        `/xong ${so.overdue.id}`,
      ),
    );
    expect(reply).toContain('Bạn chưa liên kết tài khoản');
  });

  it('closes the tasks a quoted Zalo reminder named when the reply is "xong"', async () => {
    const so = await makeSmallSo(db());
    const chat = chatHarness(db());
    // Linked on Zalo through the router, as a person would (no slash on Zalo).
    const { code } = await createLinkCode(db(), so.member.username, chat.clock.now(), cli);
    expect(
      await chat.say({ channel: 'zalo', senderId: 'zu1', address: addr('zalo:user:zu1') }, `lienket ${code}`),
    ).toMatch(/^✅/);
    const quoted = `🔔 Nhắc việc #${so.overdue.id} Báo cáo KSTTHC tháng 11 — hạn 19/11/2026\n👉 ✅ Xong #${so.overdue.id}: gõ /xong ${so.overdue.id}`;
    const reply = await chat.say(
      { channel: 'zalo', senderId: 'zu1', address: addr('zalo:user:zu1'), quotedText: quoted },
      'Đã xong rồi ạ',
    );
    expect(reply).toContain(`✅ Đã ghi nhận xong việc #${so.overdue.id}`);
    expect(await findTask(db(), so.overdue.id)).toMatchObject({ status: 'done' });
  });

  it('answers `xong 12` without a slash in a private Zalo chat', async () => {
    const so = await makeSmallSo(db());
    const reply = await chatHarness(db()).say(so.member, `xong ${so.upcoming.id}`);
    expect(reply).toMatch(/^✅/);
  });

  it('stays silent on group chatter, even chatter that starts with a command word, and hints in private', async () => {
    const so = await makeSmallSo(db());
    await linkTelegram(db(), so.member, '9104');
    const chat = chatHarness(db());
    for (const text of ['chào cả nhà', 'việc này ai làm?', 'xong rồi', 'xong', 'viec']) {
      expect(await expectUnchanged(db(), () => chat.say({ senderId: '9104', isGroup: true }, text))).toBeUndefined();
    }
    expect(await chat.say({ senderId: '9104' }, 'chào bot')).toBe(
      'Bot nhắc việc chỉ hiểu các lệnh, ví dụ /viec hoặc /xong 12. Gõ /giup để xem các lệnh.',
    );
  });

  it('answers an unknown command with a pointer to /giup, in private and in groups', async () => {
    const chat = chatHarness(db());
    const expected = 'Bot không có lệnh "/thongke". Gõ /giup để xem các lệnh bạn dùng được.';
    expect(await chat.say({ senderId: '9105' }, '/thongke thang 11')).toBe(expected);
    expect(await chat.say({ senderId: '9105', isGroup: true }, '/thongke')).toBe(expected);
  });

  it('logs an unexpected failure with channel, chat and command, and apologises without details', async () => {
    const broken = defineCommand({
      names: ['hong'],
      description: 'luôn lỗi',
      usage: '/hong',
      audience: 'everyone',
      args: z.array(z.string()),
      async run() {
        throw new Error('connection refused at db.example:5432 secret=abc');
      },
    });
    const chat = chatHarness(db(), { commands: [...COMMANDS, broken] });
    const reply = await chat.say(
      { channel: 'zalo', senderId: 'z9', address: addr('zalo:group:g1'), isGroup: true },
      '/hong',
    );
    expect(reply).toBe(
      'Xin lỗi, bot đang gặp sự cố nên chưa thực hiện được lệnh /hong. Vui lòng thử lại sau ít phút; nếu vẫn lỗi, hãy báo Văn phòng Sở.',
    );
    expect(chat.logged).toEqual([
      expect.objectContaining({
        level: 'error',
        details: expect.objectContaining({
          channel: 'zalo',
          chat: 'zalo:group:g1',
          command: 'hong',
          err: expect.objectContaining({ message: expect.stringContaining('connection refused') }),
        }),
      }),
    ]);
  });
});
