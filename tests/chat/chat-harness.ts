// Drives the router the way a channel does, against a real database, with a frozen clock and a
// recording logger. Also: a small Sở to test permissions on, and a snapshot of the rows a
// refusal must leave alone.
import type { Address, ChannelKind, InboundMessage } from '../../src/channels/channel.ts';
import type { LogSink } from '../../src/domain/log-sink.ts';
import { addr } from '../support/address.ts';
import { zaloAddresses } from '../../src/channels/address.ts';
import type { AnyCommand } from '../../src/chat/command.ts';
import { createRouter, type RoutedReply } from '../../src/chat/router.ts';
import type { TestStore } from '../support/test-databases.ts';
import { redeemLinkCode } from '../../src/db/store/identities.ts';
import { createLinkCode } from '../../src/db/store/link-codes.ts';
import { ManualClock } from '../../src/domain/clock.ts';
import type { LocalDate } from '../../src/domain/local-date.ts';
import type { Official, Task } from '../../src/domain/model.ts';
import { loadReferenceData } from '../../src/app/reference-data.ts';
import { COMMANDS } from '../../commands/index.ts';
import { cli, makeOfficial, makeTask, makeUnit } from '../support/factories.ts';

/** Monday 23/11/2026, 08:00 in Vietnam. */
export const NOW = '2026-11-23T08:00:00+07:00';
export const TODAY = '2026-11-23' as LocalDate;

export interface From {
  channel?: ChannelKind;
  senderId: string;
  isGroup?: boolean;
  /** Defaults to the private chat of the sender (or a group chat when isGroup). */
  address?: Address;
  quotedText?: string;
}

/** The sender's private chat, or a group chat when isGroup; the console has only one. */
/** The shipped calendar and duty catalogue, read once for all chat tests. */
const SHIPPED_REFERENCE = loadReferenceData({});

export function chatHarness(db: TestStore, options: { commands?: readonly AnyCommand[] } = {}) {
  const clock = new ManualClock(NOW);
  const logged: { level: string; details: object; message?: string }[] = [];
  const logger: LogSink = {
    info: (details, message) => logged.push({ level: 'info', details, message }),
    warn: (details, message) => logged.push({ level: 'warn', details, message }),
    error: (details, message) => logged.push({ level: 'error', details, message }),
  };
  const consoleSwitches: string[] = [];
  const router = createRouter({
    db,
    clock,
    logger,
    commands: options.commands ?? COMMANDS,
    reference: SHIPPED_REFERENCE,
    switchConsoleUser: (username) => consoleSwitches.push(username),
  });
  const message = (from: From, text: string): InboundMessage => {
    const channel = from.channel ?? 'telegram';
    const address = from.address ?? addr(chatAddressText(channel, from));
    return {
      channel,
      address,
      senderId: from.senderId,
      isGroup: from.isGroup ?? false,
      // As the Zalo adapter does (toInboundMessage): a group message carries its group's id.
      ...(channel === 'zalo' && from.isGroup ? { groupId: zaloAddresses.decode(address)!.threadId } : {}),
      text,
      ...(from.quotedText === undefined ? {} : { quotedText: from.quotedText }),
      receivedAt: clock.now(),
    };
  };
  return {
    clock,
    logged,
    consoleSwitches,
    router,
    message,
    /** The reply's text, or undefined for deliberate silence. */
    async say(from: From | Official, text: string): Promise<string | undefined> {
      return (await this.ask(from, text))?.text;
    },
    /** The whole reply: in a group, a personal list's private part is in `privately`. */
    async ask(from: From | Official, text: string): Promise<RoutedReply | undefined> {
      const sender = 'username' in from ? { channel: 'console' as const, senderId: from.username } : from;
      return router(message(sender, text));
    },
  };
}

/** Links a Telegram account to `official` the real way (a code, redeemed). */
export async function linkTelegram(db: TestStore, official: Official, telegramUserId: string): Promise<void> {
  const { code } = await createLinkCode(db, official.username, new Date(NOW), cli);
  const result = await redeemLinkCode(db, {
    channel: 'telegram',
    externalId: telegramUserId,
    chatId: `telegram:${telegramUserId}`,
    code,
    now: new Date(NOW),
  });
  if (!result.linked) throw new Error(`link failed: ${result.reason}`);
}

export interface SmallSo {
  admin: Official;
  head: Official;
  member: Official;
  subUnitMember: Official;
  otherHead: Official;
  otherMember: Official;
  /** member's, overdue since 19/11 */
  overdue: Task;
  /** member's, due 25/11 */
  upcoming: Task;
  /** subUnitMember's (sub-unit of head's unit), overdue since 20/11 */
  subUnitOverdue: Task;
  /** otherMember's (another unit), overdue since 18/11 */
  otherOverdue: Task;
}

/** A Sở with two phòng (one with a tổ under it), fresh codes every call so tests share a database. */
export async function makeSmallSo(db: TestStore): Promise<SmallSo> {
  const so = await makeUnit(db, { name: 'Sở Tư pháp' });
  const vp = await makeUnit(db, { name: 'Văn phòng Sở', parentCode: so.code });
  const phong = await makeUnit(db, { name: 'Phòng Tư pháp', parentCode: so.code });
  const to = await makeUnit(db, { name: 'Tổ KSTTHC', parentCode: phong.code });
  const other = await makeUnit(db, { name: 'Phòng Hành chính tư pháp', parentCode: so.code });
  const admin = await makeOfficial(db, { unitCode: vp.code, role: 'admin', fullName: 'Nguyễn Văn An' });
  const head = await makeOfficial(db, { unitCode: phong.code, role: 'head', fullName: 'Lê Thị Bích' });
  const member = await makeOfficial(db, { unitCode: phong.code, fullName: 'Trần Văn Cường' });
  const subUnitMember = await makeOfficial(db, { unitCode: to.code, fullName: 'Phạm Thị Dung' });
  const otherHead = await makeOfficial(db, { unitCode: other.code, role: 'head', fullName: 'Hoàng Văn Em' });
  const otherMember = await makeOfficial(db, { unitCode: other.code, fullName: 'Vũ Thị Giang' });
  const task = (assignee: Official, title: string, dueDate: string) =>
    makeTask(db, { assigneeUsername: assignee.username, title, dueDate: dueDate as LocalDate });
  return {
    admin,
    head,
    member,
    subUnitMember,
    otherHead,
    otherMember,
    overdue: await task(member, 'Báo cáo KSTTHC tháng 11', '2026-11-19'),
    upcoming: await task(member, 'Trả lời phản ánh số 15', '2026-11-25'),
    subUnitOverdue: await task(subUnitMember, 'Công khai danh sách trễ hạn', '2026-11-20'),
    otherOverdue: await task(otherMember, 'Cập nhật CSDL quốc gia', '2026-11-18'),
  };
}

/** The rows a refusal must not touch, in a comparable form. */
export async function snapshot(db: TestStore): Promise<string> {
  const [tasks, audit, identities] = await Promise.all([
    db.task.findMany({ orderBy: { id: 'asc' } }),
    db.auditEvent.findMany({ orderBy: { id: 'asc' } }),
    db.chatIdentity.findMany({ orderBy: { id: 'asc' } }),
  ]);
  return JSON.stringify({ tasks, audit, identities });
}

/** Runs `act` and checks that the database is exactly as before; returns what `act` returned. */
export async function expectUnchanged<T>(db: TestStore, act: () => Promise<T>): Promise<T> {
  const before = await snapshot(db);
  const result = await act();
  const after = await snapshot(db);
  if (after !== before) throw new Error('the database changed although the request was refused');
  return result;
}

/** Clear Vietnamese: a full sentence with Vietnamese letters, no stack trace or English error. */
export function looksLikeClearVietnamese(text: string | undefined): boolean {
  return (
    text !== undefined &&
    /[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/i.test(text) &&
    !/\bat .+:\d+:\d+|Error:|undefined|null|\[object/.test(text)
  );
}

/** Where a test message comes from: the sender's private chat, or a group on Telegram/Zalo. */
function chatAddressText(channel: ChannelKind, from: { senderId: string; isGroup?: boolean }): string {
  if (channel === 'console') return `console:${from.senderId}`;
  if (channel === 'zalo') return `zalo:${from.isGroup ? 'group' : 'user'}:${from.isGroup ? '777' : from.senderId}`;
  return `telegram:${from.isGroup ? '-100777' : numericChatId(from.senderId)}`;
}

/** Telegram chat ids are numbers; the fuzz test sends from made-up ids: give each a stable number. */
function numericChatId(senderId: string): string {
  if (/^\d{1,15}$/.test(senderId)) return senderId;
  let hash = 7;
  for (const char of senderId) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) % 1_000_000_007;
  return String(hash);
}
