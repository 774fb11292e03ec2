// Thousands of random and hostile messages through the router: no crash, no change to the
// database, an answer for each (or silence for group chatter). And thousands of chat sentences
// that start with a command word, from someone who could close tasks: none changes a task. Seeded, so a failure reproduces:
// the failing message and seed are in the assertion message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelKind } from '../../src/channels/channel.ts';
import { COMMANDS } from '../../commands/index.ts';
import { chatHarness, linkTelegram, makeSmallSo, snapshot } from './chat-harness.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-databases.ts';

const SEED = 20261123;
const MESSAGES = 2500;

/** mulberry32: tiny, fast, good enough to pick test inputs. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOSTILE = [
  '',
  ' ',
  '/',
  '//',
  '/@',
  '#',
  '/xong',
  '/xong 0',
  '/xong -1',
  '/xong 99999999999999999999',
  '/xong 1; DROP TABLE Task; --',
  "/xong 1' OR '1'='1",
  '/hoan 1 1e9',
  '/hoan 1 NaN',
  '/hoan 1 -0',
  '/tinhtrang __proto__',
  '/lienket constructor',
  '/lienket AAAAAAAA',
  '/dangnhap admin',
  '/start',
  '/giup '.repeat(500),
  '/xong ' + '9'.repeat(10_000),
  'x'.repeat(100_000),
  '\u0000\u0000\u0000',
  '/xong\u0000 1',
  '\u202E/xong 1\u202C',
  '\u200F\u200E\u2066/quahan\u2069',
  '👍👍👍 xong',
  '🤖/viec',
  'مرحبا /xong ١٢',
  '/xong ١٢',
  '/xong １２',
  '日本語のメッセージ',
  'Привет /viec',
  '<script>alert(1)</script>',
  '${process.exit(1)}',
  '%s%s%s%n',
  '\r\n\r\n/viec\r\n',
  'xong rồi',
  'đã xong',
  '\uD800',
  '\uDFFF/xong 1',
];

const ALPHABET = [
  ...'abcdefghijklmnopqrstuvwxyz0123456789 /#@,.;!?-_',
  ...'àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ',
  '\u0000',
  '\u0007',
  '\u001B',
  '\u007F',
  '\u200B',
  '\u200F',
  '\u202E',
  '\uFEFF',
  '😀',
  '👨‍👩‍👧',
  '中',
  'ש',
  '٣',
  '１',
];

describe('the router under random and hostile input', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
  });
  afterAll(async () => {
    await database?.drop();
  });

  it(`answers ${MESSAGES} messages without crashing or changing the database (seed ${SEED})`, async () => {
    const db = database.client;
    const so = await makeSmallSo(db);
    // A linked member with no task of their own in reach of the random ids below except refusals:
    // every id they could type is someone else's, unknown, or beyond their scope.
    await linkTelegram(db, so.otherMember, '4242');
    await db.task.updateMany({
      where: { assignee: { username: so.otherMember.username } },
      data: { status: 'cancelled' },
    });
    const before = await snapshot(db);
    const chat = chatHarness(db);
    const random = prng(SEED);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const names = COMMANDS.flatMap((command) => command.names).filter(
      (name) => name !== 'dangnhap' && name !== 'login',
    );
    const randomText = (): string => {
      const roll = random();
      if (roll < 0.3) return pick(HOSTILE);
      const noise = Array.from({ length: Math.floor(random() * 40) }, () => pick(ALPHABET)).join('');
      if (roll < 0.7) return `${random() < 0.7 ? '/' : ''}${pick(names)} ${noise}`;
      return noise;
    };
    for (let index = 0; index < MESSAGES; index++) {
      const text = randomText();
      const isGroup = random() < 0.4;
      const channel: ChannelKind = pick(['telegram', 'zalo', 'console'] as const);
      const senderId =
        channel === 'console'
          ? pick(['khach', "'; --", so.otherMember.username])
          : pick(['4242', '1', 'x'.repeat(300)]);
      const quotedText = random() < 0.2 ? `Nhắc việc #${Math.floor(random() * 50)} ${randomText()}` : undefined;
      const message = chat.message(
        { channel, senderId, isGroup: channel === 'console' ? false : isGroup, ...(quotedText ? { quotedText } : {}) },
        text,
      );
      const where = `message #${index} (seed ${SEED}): ${JSON.stringify(message).slice(0, 300)}`;
      const reply = await chat.router(message);
      if (!message.isGroup) expect(reply?.text, where).toBeTruthy();
      if (reply) {
        expect(reply.text.trim(), where).not.toBe('');
        expect(reply.text, where).not.toMatch(/\n\s+at |TypeError|PrismaClient|stack/);
      }
    }
    expect(chat.logged.filter((entry) => entry.level === 'error')).toEqual([]);
    expect(await snapshot(db)).toBe(before);
  });

  it(`closes, snoozes or reopens nothing from ${MESSAGES} chatter messages of a member who owns open tasks`, async () => {
    const db = database.client;
    const so = await makeSmallSo(db);
    await linkTelegram(db, so.member, '4343');
    await db.chatIdentity.create({ data: { channel: 'zalo', externalId: 'z4343', officialId: so.member.id } });
    // Something to reopen or undo too, should chatter ever reach /mo or /hoantac.
    await chatHarness(db).say(so.member, `/xong ${so.upcoming.id}`);
    const before = await snapshot(db);
    const chat = chatHarness(db);
    const random = prng(SEED + 1);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const names = [
      ...COMMANDS.flatMap((command) => command.names),
      'Xong',
      'XONG',
      'đã xong',
      'hoãn',
      'mở',
      'hoàn tác',
      'tình trạng',
    ];
    const ids = [so.overdue.id, so.upcoming.id, so.subUnitOverdue.id].map(String);
    const values = [...ids, ...ids.map((id) => `#${id}`), `${ids[0]},`, `${ids[0]},${ids[1]}`, '3', '19/11/2026'];
    const prose = [
      'phút',
      'nữa',
      'em',
      'gửi',
      'rồi',
      'nhé',
      'anh',
      'ơi',
      'bản',
      'hồ',
      'sơ',
      'roi',
      'nhe',
      'chua',
      'ạ',
      'ok',
      '10h',
      '15p',
      'lúc',
      'và',
    ];
    for (let index = 0; index < MESSAGES; index++) {
      // A command word, some values, and at least one word of prose somewhere after the name.
      const words = [pick(names), ...Array.from({ length: Math.floor(random() * 3) }, () => pick(values))];
      const at = 1 + Math.floor(random() * words.length);
      words.splice(at, 0, ...Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(prose)));
      const isGroup = random() < 0.5;
      const channel: ChannelKind = pick(['telegram', 'zalo'] as const);
      const text = words.join(random() < 0.2 ? '  ' : ' ');
      // In a group even an exact unslashed command is talk.
      const groupExact = isGroup && random() < 0.3 ? `${pick(names)} ${pick(values)}` : undefined;
      const message = chat.message(
        { channel, senderId: channel === 'zalo' ? 'z4343' : '4343', isGroup },
        groupExact ?? text,
      );
      const reply = await chat.router(message);
      const where = `message #${index} (seed ${SEED + 1}): ${JSON.stringify(message.text)} group=${isGroup}`;
      if (reply) expect(reply.text, where).not.toMatch(/^✅|^↩️|^🔓|^⏰/);
      if (index % 250 === 0) expect(await snapshot(db), where).toBe(before);
    }
    expect(chat.logged.filter((entry) => entry.level === 'error')).toEqual([]);
    expect(await snapshot(db)).toBe(before);
  });
});
