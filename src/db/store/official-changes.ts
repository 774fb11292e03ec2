// Corrections to the people on record: an official leaves, comes back, moves to another unit,
// changes role, loses a phone. Each change is one transaction with its audit row ({ before, after });
// each refusal is a UserError saying why, before anything is written. A move or a role change
// queues a notice telling the official (delivered by the bot's sweep); a deactivation does not:
// it unlinks every chat, so there is nobody left to tell.
import { prismaOf, type Store } from './store.ts';
import type { Actor, ChannelKind, Official, Role } from '../../domain/model.ts';
import { UserError } from '../../domain/errors.ts';
import { formatVietnamese, vietnamDateOf, type LocalDate } from '../../domain/local-date.ts';
import { recordAudit } from './audit.ts';
import { unusedCodes } from './link-codes.ts';
import { queueNotices } from './notices.ts';
import { requireOfficial, toOfficial, withUnit } from './officials.ts';
import type { DbTransaction } from './transaction.ts';
import { requireActiveUnit, requireUnit } from './units.ts';

/** A chat account linked to an official. */
export interface LinkedIdentity {
  channel: ChannelKind;
  externalId: string;
}

/** An open task of an official, for the office to reassign. */
export interface OpenTaskSummary {
  id: number;
  title: string;
  dueDate: LocalDate;
  unitCode: string;
}

export interface Deactivation {
  official: Official;
  unlinked: LinkedIdentity[];
  revokedLinkCodes: number;
  /** Units whose focal official (cán bộ đầu mối) this was; they now have none. */
  focalCleared: string[];
  openTasks: OpenTaskSummary[];
}

export interface Move {
  official: Official;
  fromUnitCode: string;
  focalCleared: string[];
  /** Open tasks stay with their unit and assignee; listed so the office can reassign them. */
  openTasks: OpenTaskSummary[];
}

type Options = { reason?: string };

const withReason = (options: Options) => (options.reason ? { reason: options.reason } : {});

/** How a role reads to the official told of it. */
const ROLE_LABELS: Record<Role, string> = {
  member: 'cán bộ',
  head: 'lãnh đạo đơn vị',
  admin: 'quản trị viên (Văn phòng Sở)',
};

const taskNumbers = (tasks: OpenTaskSummary[]) =>
  tasks
    .slice(0, 10)
    .map((t) => `#${t.id}`)
    .join(', ') + (tasks.length > 10 ? ', …' : '');

const reasonSuffix = (options: Options) => (options.reason ? ` Lý do: ${options.reason}.` : '');

async function reload(tx: DbTransaction, id: number): Promise<Official> {
  return toOfficial(await tx.official.findUniqueOrThrow({ where: { id }, include: withUnit }));
}

async function identitiesOf(tx: DbTransaction, officialId: number): Promise<LinkedIdentity[]> {
  return tx.chatIdentity.findMany({
    where: { officialId },
    select: { channel: true, externalId: true },
    orderBy: { id: 'asc' },
  });
}

async function openTasksOf(tx: DbTransaction, officialId: number): Promise<OpenTaskSummary[]> {
  const rows = await tx.task.findMany({
    where: { assigneeId: officialId, status: 'open' },
    select: { id: true, title: true, dueDate: true, unit: { select: { code: true } } },
    orderBy: [{ dueDate: 'asc' }, { id: 'asc' }],
  });
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    dueDate: row.dueDate as LocalDate,
    unitCode: row.unit.code,
  }));
}

/** Clears the official as focal official of every unit but `keepUnitId`; returns those units' codes. */
async function clearFocal(tx: DbTransaction, officialId: number, keepUnitId?: number): Promise<string[]> {
  const units = await tx.unit.findMany({
    where: { focalOfficialId: officialId, ...(keepUnitId === undefined ? {} : { id: { not: keepUnitId } }) },
    select: { id: true, code: true },
    orderBy: { code: 'asc' },
  });
  if (units.length > 0)
    await tx.unit.updateMany({ where: { id: { in: units.map((u) => u.id) } }, data: { focalOfficialId: null } });
  return units.map((u) => u.code);
}

/** The office must keep one active admin: failure alerts go to admins, and someone must administer. */
async function refuseLosingLastAdmin(tx: DbTransaction, official: Official, change: string): Promise<void> {
  if (official.role !== 'admin' || !official.active) return;
  const admins = await tx.official.count({ where: { role: 'admin', active: true } });
  if (admins <= 1)
    throw new UserError(
      `Không thể ${change} ${official.username}: đây là quản trị viên (admin) cuối cùng còn hoạt động — ` +
        'Văn phòng Sở cần ít nhất một admin để quản trị và nhận cảnh báo nhắc việc gửi lỗi. ' +
        'Hãy cấp quyền admin cho một cán bộ khác trước (official role <tên đăng nhập> admin).',
      'LAST_ADMIN',
    );
}

/**
 * The official left: inactive, every chat account unlinked, every unused link code revoked, no
 * longer focal official of any unit. Their open tasks stay assigned (history) and are returned for
 * the office to reassign; the reminder planner already skips inactive assignees.
 */
export async function deactivateOfficial(
  store: Store,
  username: string,
  options: Options & { now: Date },
  actor: Actor,
): Promise<Deactivation> {
  const db = prismaOf(store);
  const official = await requireOfficial(store, username);
  if (!official.active)
    throw new UserError(`Cán bộ ${username} đã ngừng hoạt động từ trước.`, 'OFFICIAL_ALREADY_INACTIVE');
  return db.$transaction(async (tx) => {
    await refuseLosingLastAdmin(tx, official, 'ngừng hoạt động');
    // Conditional: two offices deactivating at once cannot both record it.
    const { count } = await tx.official.updateMany({
      where: { id: official.id, active: true },
      data: { active: false },
    });
    if (count !== 1) throw new UserError(`Cán bộ ${username} vừa được ngừng hoạt động.`, 'OFFICIAL_ALREADY_INACTIVE');
    const unlinked = await identitiesOf(tx, official.id);
    await tx.chatIdentity.deleteMany({ where: { officialId: official.id } });
    const revoked = await tx.linkCode.updateMany({
      where: unusedCodes(official.id, options.now),
      data: { revokedAt: options.now },
    });
    const focalCleared = await clearFocal(tx, official.id);
    const openTasks = await openTasksOf(tx, official.id);
    await recordAudit(tx, actor, 'official.deactivate', {
      payload: {
        username,
        before: { active: true, identities: unlinked, unusedLinkCodes: revoked.count, focalOf: focalCleared },
        after: { active: false, identities: [], unusedLinkCodes: 0, focalOf: [] },
        openTaskIds: openTasks.map((t) => t.id),
        ...withReason(options),
      },
    });
    return {
      official: await reload(tx, official.id),
      unlinked,
      revokedLinkCodes: revoked.count,
      focalCleared,
      openTasks,
    };
  });
}

/** The official is back. Chat accounts are not relinked: the office issues a new link code. */
export async function reactivateOfficial(
  store: Store,
  username: string,
  options: Options,
  actor: Actor,
): Promise<Official> {
  const db = prismaOf(store);
  const official = await requireOfficial(store, username);
  if (official.active) throw new UserError(`Cán bộ ${username} đang hoạt động.`, 'OFFICIAL_ALREADY_ACTIVE');
  const unit = await requireUnit(store, official.unitCode);
  if (!unit.active)
    throw new UserError(
      `Đơn vị ${unit.code} của cán bộ ${username} đã ngừng hoạt động: hãy chuyển cán bộ sang đơn vị khác trước ` +
        `(official move ${username} --unit <mã>).`,
      'UNIT_INACTIVE',
    );
  return db.$transaction(async (tx) => {
    const { count } = await tx.official.updateMany({
      where: { id: official.id, active: false },
      data: { active: true },
    });
    if (count !== 1) throw new UserError(`Cán bộ ${username} vừa được kích hoạt lại.`, 'OFFICIAL_ALREADY_ACTIVE');
    await recordAudit(tx, actor, 'official.reactivate', {
      payload: { username, before: { active: false }, after: { active: true }, ...withReason(options) },
    });
    return reload(tx, official.id);
  });
}

/**
 * The official now works in another unit. They stop being focal official of the units they left;
 * their open tasks stay with the unit answerable for them and are listed for reassignment.
 */
export async function moveOfficial(
  store: Store,
  username: string,
  unitCode: string,
  options: Options & { now: Date },
  actor: Actor,
): Promise<Move> {
  const db = prismaOf(store);
  const official = await requireOfficial(store, username);
  const unit = await requireUnit(store, unitCode);
  if (official.unitCode === unit.code)
    throw new UserError(`Cán bộ ${username} đã thuộc đơn vị ${unit.code}.`, 'SAME_UNIT');
  requireActiveUnit(unit, 'chuyển cán bộ vào đơn vị này');
  return db.$transaction(async (tx) => {
    const from = await tx.unit.findUniqueOrThrow({
      where: { code: official.unitCode },
      select: { code: true, name: true },
    });
    await tx.official.update({ where: { id: official.id }, data: { unitId: unit.id } });
    const focalCleared = await clearFocal(tx, official.id, unit.id);
    const openTasks = await openTasksOf(tx, official.id);
    if (official.active) {
      const lines = [
        `🏢 Từ ngày ${formatVietnamese(vietnamDateOf(options.now))}, anh/chị chuyển từ đơn vị ${from.code} (${from.name}) ` +
          `sang đơn vị ${unit.code} (${unit.name}).${reasonSuffix(options)}`,
        ...(focalCleared.length > 0
          ? [`Anh/chị không còn là cán bộ đầu mối của đơn vị ${focalCleared.join(', ')}.`]
          : []),
        ...(openTasks.length > 0
          ? [
              `${openTasks.length} việc còn mở của anh/chị (${taskNumbers(openTasks)}) ` +
                'vẫn thuộc đơn vị cũ và vẫn được nhắc cho đến khi được giao lại.',
            ]
          : []),
      ];
      await queueNotices(tx, [{ officialId: official.id, text: lines.join(' ') }], options.now);
    }
    await recordAudit(tx, actor, 'official.move', {
      payload: {
        username,
        before: { unit: official.unitCode, focalOf: focalCleared },
        after: { unit: unit.code, focalOf: [] },
        ...withReason(options),
      },
    });
    return { official: await reload(tx, official.id), fromUnitCode: official.unitCode, focalCleared, openTasks };
  });
}

/** member | head | admin. The last active admin cannot lose the role. */
export async function changeOfficialRole(
  store: Store,
  username: string,
  role: Role,
  options: Options & { now: Date },
  actor: Actor,
): Promise<Official> {
  const db = prismaOf(store);
  const official = await requireOfficial(store, username);
  if (official.role === role) throw new UserError(`Cán bộ ${username} đã có vai trò ${role}.`, 'SAME_ROLE');
  return db.$transaction(async (tx) => {
    if (role !== 'admin') await refuseLosingLastAdmin(tx, official, `đổi vai trò (thành ${role}) của`);
    await tx.official.update({ where: { id: official.id }, data: { role } });
    if (official.active) {
      const text =
        `👤 Từ ngày ${formatVietnamese(vietnamDateOf(options.now))}, vai trò của anh/chị trên nhacviec đổi từ ` +
        `${ROLE_LABELS[official.role]} thành ${ROLE_LABELS[role]}.${reasonSuffix(options)}`;
      await queueNotices(tx, [{ officialId: official.id, text }], options.now);
    }
    await recordAudit(tx, actor, 'official.role', {
      payload: { username, before: { role: official.role }, after: { role }, ...withReason(options) },
    });
    return reload(tx, official.id);
  });
}

export interface Unlinking {
  official: Official;
  unlinked: LinkedIdentity[];
  /** The audit row that keeps what was unlinked: restoreUnlinkedIdentities undoes it by this id. */
  auditId: number;
}

/** Unlinks the official's chat accounts (a lost phone): all channels, or one. */
export async function unlinkOfficial(
  store: Store,
  username: string,
  options: Options & { channel?: ChannelKind; now: Date },
  actor: Actor,
): Promise<Unlinking> {
  const db = prismaOf(store);
  const official = await requireOfficial(store, username);
  return db.$transaction(async (tx) => {
    const before = await identitiesOf(tx, official.id);
    const unlinked = before.filter((identity) => !options.channel || identity.channel === options.channel);
    const remaining = before.filter((identity) => !unlinked.includes(identity));
    if (unlinked.length === 0)
      throw new UserError(
        options.channel
          ? `Cán bộ ${username} chưa liên kết tài khoản ${options.channel} nào: không có gì để gỡ.`
          : `Cán bộ ${username} chưa liên kết tài khoản chat nào: không có gì để gỡ.`,
        'NOTHING_LINKED',
      );
    await tx.chatIdentity.deleteMany({
      where: { officialId: official.id, ...(options.channel ? { channel: options.channel } : {}) },
    });
    const auditId = await recordAudit(tx, actor, 'identity.unlink', {
      payload: {
        username,
        // The clock's time (the row's own is the database's): the undo window counts from it.
        at: options.now.toISOString(),
        before: { identities: before },
        after: { identities: remaining },
        ...withReason(options),
      },
    });
    return { official, unlinked, auditId };
  });
}
