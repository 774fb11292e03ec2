// What closes a task and what does not. Officials talk in unit groups and in private chats, with
// and without diacritics, and on Zalo nobody types a slash: ordinary sentences that happen to
// start with a command word must change nothing; only a slash command, an exact unslashed command
// in a private chat, or a reply to the bot's own reminder does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelKind } from '../../src/channels/channel.ts';
import { findTask } from '../../src/db/store/tasks.ts';
import type { Official } from '../../src/domain/model.ts';
import { createTestDatabase, type TestDatabase, type TestStore } from '../support/test-databases.ts';
import { chatHarness, expectUnchanged, makeSmallSo, type From, type SmallSo } from './chat-harness.ts';

/** `{a}` the member's overdue task, `{b}` their upcoming one, `{s}` a task of the head's sub-unit. */
const CHATTER = [
  'xong {a} phút nữa em gửi',
  'Xong {a} bản rồi anh ơi',
  'xong {s} hồ sơ rồi nhé',
  'xong {a} cái rồi, còn {b} cái nữa',
  'Em xong {a} rồi nhé',
  'xong {a} ho so roi nhe',
  'xong {a} phut nua em gui',
  'Chị ơi xong {a} chưa ạ?',
  'xong {a} chưa em?',
  'chua xong {a} dau',
  'Xong rồi ạ',
  'xong',
  'đã xong {a} bộ hồ sơ',
  'xong {a}h chiều nay nộp',
  'xong {a}p nữa',
  'xong lúc {a}:30',
  'xong: {a} phút nữa',
  'xong {a} nhé',
  'xong {a} ạ',
  'xong #{a} rồi',
  'xong {a}, {b} rồi nha',
  'Xong {a} và {b}',
  'xong {a} {b} hom nay',
  'hoan {a} ngày nữa nhé',
  'hoãn {a} hôm nữa',
  'hoan {a} 2 ngay',
  'mở {a} ra xem lại',
  'mo {a} di em',
  'hoàn tác {a} giúp chị',
  'viec {a} the nao roi',
  'việc {a} xong chưa',
  'tình trạng {a} sao rồi',
  'done {a} already',
  'Done {a} nha anh',
  'ok xong {a}',
  'OK xong {a} nhé',
  '{a} xong',
  'xong {a} ban roi anh oi',
  'XONG {a} BẢN RỒI',
  'xong {a} 10h',
  'da xong {a} chua',
  'daxong {a} roi',
  'xong {a} - đã gửi',
  'xong {a} ghi chú đã gửi',
  'hồ sơ xong {a} bản',
  'báo cáo {a}/2026 xong chưa',
  'xong {a}. Em gửi rồi',
  'pakn PAKN-{a} 10/11/2026 công dân phản ánh chậm',
  'hoso xong HS-{a} rồi anh',
];

/** Exact commands: changes in a private chat, but in a group people are talking to each other. */
const EXACT_IN_GROUP = ['xong {a}', 'xong #{a} #{b}', 'xong {a}, {b}', 'xong {a}: đã gửi', 'hoan {a} 3', 'mo {a}'];

function fill(template: string, so: SmallSo): string {
  return template
    .replaceAll('{a}', String(so.overdue.id))
    .replaceAll('{b}', String(so.upcoming.id))
    .replaceAll('{s}', String(so.subUnitOverdue.id));
}

async function linkZalo(db: TestStore, official: Official, userId: string): Promise<void> {
  await db.chatIdentity.create({ data: { channel: 'zalo', externalId: userId, officialId: official.id } });
}

describe('what a chat message may change', () => {
  let database: TestDatabase;
  let so: SmallSo;
  const db = () => database.client;
  /** Who speaks where: the member and their head, privately and in the unit group, on both apps. */
  const places: { where: string; from: () => From | Official }[] = [
    { where: 'the member, private Telegram', from: () => ({ senderId: '6101' }) },
    { where: 'the member, Telegram group', from: () => ({ senderId: '6101', isGroup: true }) },
    { where: 'the member, private Zalo', from: () => ({ channel: 'zalo' as ChannelKind, senderId: 'zm1' }) },
    {
      where: 'the member, Zalo group',
      from: () => ({ channel: 'zalo' as ChannelKind, senderId: 'zm1', isGroup: true }),
    },
    { where: 'the head, Zalo group', from: () => ({ channel: 'zalo' as ChannelKind, senderId: 'zh1', isGroup: true }) },
    { where: 'the head, console', from: () => so.head },
  ];

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    so = await makeSmallSo(db());
    await db().chatIdentity.create({ data: { channel: 'telegram', externalId: '6101', officialId: so.member.id } });
    await linkZalo(db(), so.member, 'zm1');
    await linkZalo(db(), so.head, 'zh1');
  });
  afterAll(async () => {
    await database?.drop();
  });

  it(`has at least 40 chatter sentences (${CHATTER.length})`, () => {
    expect(CHATTER.length).toBeGreaterThanOrEqual(40);
  });

  it.each(CHATTER)('changes nothing for %j, from anyone, anywhere', async (template) => {
    const chat = chatHarness(db());
    for (const place of places) {
      const reply = await expectUnchanged(db(), () => chat.say(place.from(), fill(template, so))).catch(
        (error: Error) => {
          throw new Error(`${place.where}: ${error.message}`);
        },
      );
      if (reply !== undefined) expect(reply, place.where).not.toMatch(/^✅|^↩️|^🔓|^⏰/);
    }
  });

  it.each(EXACT_IN_GROUP)('stays silent on the exact %j in a group, changing nothing', async (template) => {
    const chat = chatHarness(db());
    for (const place of places.filter((each) => 'isGroup' in each.from() && (each.from() as From).isGroup)) {
      expect(await expectUnchanged(db(), () => chat.say(place.from(), fill(template, so))), place.where).toBe(
        undefined,
      );
    }
  });
});

describe('the forms that close a task', () => {
  let database: TestDatabase;
  const db = () => database.client;
  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
  });
  afterAll(async () => {
    await database?.drop();
  });

  const zaloPrivate: From = { channel: 'zalo', senderId: 'zc1' };
  const telegramGroup: From = { senderId: '6201', isGroup: true };
  it.each<[string, From, string, ('a' | 'b')[], string | null]>([
    ['xong {a}', zaloPrivate, '', ['a'], null],
    ['xong #{a} #{b}', zaloPrivate, '', ['a', 'b'], null],
    ['xong {a}, {b}', zaloPrivate, '', ['a', 'b'], null],
    ['Xong {a}: đã gửi', zaloPrivate, '', ['a'], 'đã gửi'],
    ['/xong {a} ghi chú', telegramGroup, '', ['a'], 'ghi chú'],
    ['/xong@NhacViecBot {a}', telegramGroup, '', ['a'], null],
    ['xong rồi', { ...zaloPrivate, isGroup: true }, '🔔 Nhắc việc #{a} Báo cáo — hạn 19/11/2026', ['a'], null],
  ])('closes with %j', async (template, from, quoted, closes, note) => {
    const so = await makeSmallSo(db());
    const chat = chatHarness(db());
    await db().chatIdentity.upsert({
      where: { channel_externalId: { channel: from.channel ?? 'telegram', externalId: from.senderId } },
      update: { officialId: so.member.id },
      create: { channel: from.channel ?? 'telegram', externalId: from.senderId, officialId: so.member.id },
    });
    const sender = quoted ? { ...from, quotedText: fill(quoted, so) } : from;
    const reply = await chat.router(chat.message(sender, fill(template, so)));
    const ids = closes.map((key) => (key === 'a' ? so.overdue.id : so.upcoming.id));
    expect(reply?.text).toContain(`#${so.overdue.id} «Báo cáo KSTTHC tháng 11»`);
    expect(reply?.actions).toEqual([{ label: '↩️ Hoàn tác', command: `/hoantac ${ids.join(' ')}` }]);
    for (const id of ids) expect(await findTask(db(), id)).toMatchObject({ status: 'done' });
    if (!closes.includes('b')) expect(await findTask(db(), so.upcoming.id)).toMatchObject({ status: 'open' });
    expect((await findTask(db(), so.overdue.id))?.note).toBe(note);
  });
});
