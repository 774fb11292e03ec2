import { describe, expect, it } from 'vitest';
import { findLinkedOfficial } from '../../src/db/store/identities.ts';
import { createLinkCode } from '../../src/db/store/link-codes.ts';
import { chatHarness, expectUnchanged, looksLikeClearVietnamese, makeSmallSo, NOW } from '../chat/chat-harness.ts';
import { cli, makeOfficial } from '../support/factories.ts';
import { createTestDatabase, testProviders, useTestDatabase } from '../support/test-databases.ts';

const providers = await testProviders();
const HOUR = 3_600_000;

describe.each(providers)('/lienket, /giup and /dangnhap on %s', (provider) => {
  const db = useTestDatabase(provider);
  const codeFor = async (username: string, issuedAt = new Date(NOW)) =>
    (await createLinkCode(db(), username, issuedAt, cli)).code;

  it('links this chat to the official of a good code, and audits the link', async () => {
    const official = await makeOfficial(db(), { fullName: 'Lê Thị Bích' });
    const code = await codeFor(official.username);
    const reply = await chatHarness(db()).say({ senderId: '8101' }, `/lienket ${code.toLowerCase()}`);
    expect(reply).toContain('✅ Đã liên kết: từ nay bot nhắc việc cho Lê Thị Bích');
    expect(await findLinkedOfficial(db(), 'telegram', '8101')).toMatchObject({ username: official.username });
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: 'identity.link', actorId: official.id } });
    expect(audit).toMatchObject({ channel: 'telegram', chatId: 'telegram:8101' });
  });

  it('links from a Telegram deep link (/start <mã>)', async () => {
    const official = await makeOfficial(db());
    const reply = await chatHarness(db()).say({ senderId: '8102' }, `/start ${await codeFor(official.username)}`);
    expect(reply).toMatch(/^✅ Đã liên kết/);
    expect(await findLinkedOfficial(db(), 'telegram', '8102')).toMatchObject({ id: official.id });
  });

  it('refuses a code that was already used, changing nothing', async () => {
    const official = await makeOfficial(db());
    const code = await codeFor(official.username);
    const chat = chatHarness(db());
    await chat.say({ senderId: '8103' }, `/lienket ${code}`);
    const reply = await expectUnchanged(db(), () =>
      chat.say({ channel: 'zalo', senderId: 'z8103' }, `/lienket ${code}`),
    );
    expect(reply).toBe('Mã liên kết này đã được dùng. Mỗi mã chỉ dùng một lần; hãy xin Văn phòng Sở mã mới.');
    expect(await findLinkedOfficial(db(), 'zalo', 'z8103')).toBeUndefined();
  });

  it('refuses an expired code (older than 24 hours), changing nothing', async () => {
    const official = await makeOfficial(db());
    const code = await codeFor(official.username, new Date(new Date(NOW).getTime() - 25 * HOUR));
    const reply = await expectUnchanged(db(), () => chatHarness(db()).say({ senderId: '8104' }, `/lienket ${code}`));
    expect(reply).toContain('Mã liên kết đã hết hạn');
  });

  it('refuses the 6th wrong try within 15 minutes, even with a good code, and allows it again later', async () => {
    const official = await makeOfficial(db());
    const good = await codeFor(official.username);
    const chat = chatHarness(db());
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect(await chat.say({ senderId: '8105' }, `/lienket WRONGCODE${attempt}`)).toMatch(/^Mã liên kết không đúng/);
      chat.clock.advance(60_000);
    }
    const refused = await expectUnchanged(db(), () => chat.say({ senderId: '8105' }, `/lienket ${good}`));
    expect(refused).toBe('Bạn đã nhập sai mã 5 lần. Vui lòng đợi 15 phút rồi thử lại.');
    // Another chat is not held back by this one's mistakes.
    expect(await chat.say({ senderId: '8106' }, '/lienket WRONGCODE9')).toMatch(/^Mã liên kết không đúng/);
    chat.clock.advance(15 * 60_000);
    expect(await chat.say({ senderId: '8105' }, `/lienket ${good}`)).toMatch(/^✅ Đã liên kết/);
  });

  it('refuses a link code sent in a group without spending it', async () => {
    const official = await makeOfficial(db());
    const code = await codeFor(official.username);
    const chat = chatHarness(db());
    const reply = await expectUnchanged(db(), () => chat.say({ senderId: '8107', isGroup: true }, `/lienket ${code}`));
    expect(reply).toContain('nhắn riêng cho bot');
    expect(await chat.say({ senderId: '8107' }, `/lienket ${code}`)).toMatch(/^✅/);
  });

  it.each([['/lienket'], ['/lienket ABC'], ['/lienket ABCD EFGH'], ['/lienket ĐĐĐĐĐĐĐĐĐ']])(
    'explains the code format on bad arguments (%s), changing nothing',
    async (text) => {
      const reply = await expectUnchanged(db(), () => chatHarness(db()).say({ senderId: '8108' }, text));
      expect(reply).toContain('Cách dùng: /lienket <mã>');
      expect(looksLikeClearVietnamese(reply)).toBe(true);
    },
  );

  it('/giup tells an unlinked person how to link and lists only what they may use', async () => {
    const reply = (await chatHarness(db()).say({ senderId: '8109' }, '/giup'))!;
    expect(reply).toContain('Bot nhắc việc kiểm soát thủ tục hành chính');
    expect(reply).toContain('/lienket <mã>');
    expect(reply).not.toContain('/xong <số việc>');
    expect(reply).not.toContain('/dangnhap');
  });

  it('/giup lists the commands of a linked official, with /help and /start as aliases', async () => {
    const so = await makeSmallSo(db());
    const chat = chatHarness(db());
    for (const text of ['/giup', '/help', '/start', 'giúp']) {
      const reply = (await chat.say(so.member, text))!;
      expect(reply).toContain('/xong <số việc> [số việc…] [ghi chú] — Báo đã xong việc');
      expect(reply).toContain('/dangnhap');
      expect(reply).not.toContain('/lienket');
    }
  });

  it('/dangnhap switches the console to an existing official and refuses unknown names', async () => {
    const official = await makeOfficial(db(), { fullName: 'Hoàng Văn Em', role: 'head' });
    const chat = chatHarness(db());
    const reply = await chat.say({ channel: 'console', senderId: 'khach' }, `/dangnhap ${official.username}`);
    expect(reply).toContain('Hoàng Văn Em — lãnh đạo đơn vị');
    expect(chat.consoleSwitches).toEqual([official.username]);
    const refusal = await expectUnchanged(db(), () =>
      chat.say({ channel: 'console', senderId: 'khach' }, '/dangnhap khongco'),
    );
    expect(refusal).toContain('Không có cán bộ "khongco". Có: ');
    expect(refusal).toContain(official.username);
    expect(refusal).toContain('npm run --silent cli -- official add');
    expect(refusal).toContain('npm start -- --demo');
    expect(await chat.say({ channel: 'console', senderId: 'khach' }, '/dangnhap')).toContain('Cách dùng: /dangnhap');
    expect(chat.consoleSwitches).toHaveLength(1);
  });

  it('/dangnhap on a database without officials says the demo has them and how to add one', async () => {
    const empty = await createTestDatabase(provider);
    try {
      const reply = await chatHarness(empty.client).say({ channel: 'console', senderId: 'khach' }, '/dangnhap lethib');
      expect(reply).toBe(
        'Không có cán bộ "lethib". Chưa có cán bộ nào trong cơ sở dữ liệu này.\n' +
          'Thêm cán bộ: npm run --silent cli -- official add <tên đăng nhập> "<Họ và tên>" --unit <mã đơn vị>.\n' +
          'Dùng thử với dữ liệu mẫu (có sẵn cán bộ lethib, trưởng phòng): npm start -- --demo.',
      );
    } finally {
      await empty.drop();
    }
  });

  it('/dangnhap does not exist outside the console', async () => {
    const official = await makeOfficial(db());
    const chat = chatHarness(db());
    const reply = await expectUnchanged(db(), () => chat.say({ senderId: '8110' }, `/dangnhap ${official.username}`));
    expect(reply).toBe('Bot không có lệnh "/dangnhap". Gõ /giup để xem các lệnh bạn dùng được.');
    expect(chat.consoleSwitches).toEqual([]);
  });
});
