// Drives the router the way a channel does, against a real database, with a frozen clock and a
// recording logger. Also: a small Sở to test permissions on, and a snapshot of the rows a
// refusal must leave alone.
import type { ChannelKind, InboundMessage } from '../../src/channels/channel.ts';
import type { ChannelLogger } from '../../src/channels/channel-logger.ts';
import type { AnyCommand } from '../../src/chat/command.ts';
import { createRouter } from '../../src/chat/router.ts';
import type { DbClient } from '../../src/db/database.ts';
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
  address?: string;
  quotedText?: string;
}

/** The sender's private chat, or a group chat when isGroup; the console has only one. */
function defaultAddress(channel: ChannelKind, from: From): string {
  if (channel === 'console') return `console:${from.senderId}`;
  return from.isGroup ? `${channel}:-100777` : `${channel}:${from.senderId}`;
}

/** The shipped calendar and duty catalogue, read once for all chat tests. */
const SHIPPED_REFERENCE = loadReferenceData({});

export function chatHarness(db: DbClient, options: { commands?: readonly AnyCommand[] } = {}) {
  const clock = new ManualClock(NOW);
  const logged: { level: string; details: object; message?: string }[] = [];
  const logger: ChannelLogger = {
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
    const address = from.address ?? defaultAddress(channel, from);
    return {
      channel,
      address,
      senderId: from.senderId,
      isGroup: from.isGroup ?? false,
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
      const sender = 'username' in from ? { channel: 'console' as const, senderId: from.username } : from;
      return (await router(message(sender, text)))?.text;
    },
  };
}

/** Links a Telegram account to `official` the real way (a code, redeemed). */
export async function linkTelegram(db: DbClient, official: Official, telegramUserId: string): Promise<void> {
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
export async function makeSmallSo(db: DbClient): Promise<SmallSo> {
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
export async function snapshot(db: DbClient): Promise<string> {
  const [tasks, audit, identities] = await Promise.all([
    db.task.findMany({ orderBy: { id: 'asc' } }),
    db.auditEvent.findMany({ orderBy: { id: 'asc' } }),
    db.chatIdentity.findMany({ orderBy: { id: 'asc' } }),
  ]);
  return JSON.stringify({ tasks, audit, identities });
}

/** Runs `act` and checks that the database is exactly as before; returns what `act` returned. */
export async function expectUnchanged<T>(db: DbClient, act: () => Promise<T>): Promise<T> {
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
