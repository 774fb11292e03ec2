// Issue #10: /viec and /quahan typed in a group answered the whole group with one person's tasks.
// A personal list asked in a group is meant for the asker's private chat; the group sees a note.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addr } from '../support/address.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-databases.ts';
import { chatHarness, expectUnchanged, linkTelegram, makeSmallSo, type From } from './chat-harness.ts';

describe('personal lists asked in a group', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
  });
  afterAll(async () => {
    await database?.drop();
  });
  const db = () => database.client;
  let linked = 0;

  it.each([
    ['/viec', 'viec'],
    ['/tasks', 'viec'],
    ['/tinhtrang', 'tinhtrang'],
    ['/quahan', 'quahan'],
  ])('%s in a Telegram group: the list goes privately, the group gets a one-line note', async (text, name) => {
    const so = await makeSmallSo(db());
    const senderId = String(7100 + ++linked);
    await linkTelegram(db(), so.member, senderId);
    const group: From = { senderId, isGroup: true, address: addr('telegram:-100555') };
    const reply = await expectUnchanged(db(), () => chatHarness(db()).ask(group, text));
    expect(reply?.text).toBe(`🔒 Đã gửi riêng cho anh/chị ${so.member.fullName} kết quả /${name}.`);
    expect(reply?.actions).toBeUndefined();
    expect(reply?.privately?.unreachable.text).toContain('hãy nhắn riêng cho bot');
    expect(reply?.privately?.unreachable.text).not.toContain(so.overdue.title);
    if (name !== 'tinhtrang') expect(reply?.privately?.message.text).toContain(so.overdue.title);
    // The same person asking in private gets the list itself.
    const alone = await chatHarness(db()).ask({ senderId }, text);
    expect(alone?.privately).toBeUndefined();
    expect(alone?.text).toBe(reply?.privately?.message.text);
  });

  it("a head's /quahan in a Zalo group goes privately too", async () => {
    const so = await makeSmallSo(db());
    await db().chatIdentity.create({ data: { channel: 'zalo', externalId: 'zh-privacy', officialId: so.head.id } });
    const reply = await chatHarness(db()).ask(
      { channel: 'zalo', senderId: 'zh-privacy', isGroup: true, address: addr('zalo:group:g-privacy') },
      '/quahan',
    );
    expect(reply?.text).toBe(`🔒 Đã gửi riêng cho anh/chị ${so.head.fullName} kết quả /quahan.`);
    expect(reply?.privately?.message.text).toContain(so.subUnitOverdue.title);
  });

  it('refusals and other commands still answer in the group', async () => {
    const so = await makeSmallSo(db());
    await linkTelegram(db(), so.member, '7999');
    const chat = chatHarness(db());
    const badArgs = await chat.ask({ senderId: '7999', isGroup: true }, '/viec PTP');
    expect(badArgs?.privately).toBeUndefined();
    expect(badArgs?.text).toContain('Cách dùng: /viec');
    const unlinked = await chat.ask({ senderId: '7998', isGroup: true }, '/viec');
    expect(unlinked?.privately).toBeUndefined();
    expect(unlinked?.text).toContain('Bạn chưa liên kết tài khoản');
    const help = await chat.ask({ senderId: '7999', isGroup: true }, '/giup');
    expect(help?.privately).toBeUndefined();
  });
});
