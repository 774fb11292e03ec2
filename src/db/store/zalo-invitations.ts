// Invitations on Zalo for officials not yet on board: queued by the office (`official invite`),
// spread over hours by their not-before times, sent by the Zalo lease holder's sweep
// (src/reminders/zalo-invitations.ts). One row per official, so inviting again never queues twice.
import { scheduleInvitations, type InvitationPace } from '../../domain/invitation-schedule.ts';
import { UserError } from '../../domain/errors.ts';
import { vietnamDateOf, type LocalDate } from '../../domain/local-date.ts';
import type { Actor, ChannelKind } from '../../domain/model.ts';
import { normalizeMobile } from '../../domain/official-identity.ts';
import { recordAudit, recordAudits } from './audit.ts';
import { requireOfficial } from './officials.ts';
import { requireUnit } from './units.ts';
import { prismaOf, type Store } from './store.ts';
import type { DbTransaction } from './transaction.ts';

export type InvitationState = 'pending' | 'sending' | 'sent' | 'not_on_zalo' | 'failed' | 'cancelled' | 'uncertain';

export interface InvitationStatus {
  state: InvitationState;
  notBefore: Date;
  sentAt: Date | null;
  attemptAt: Date | null;
  lastError: string | null;
}

export interface InvitedOfficial {
  username: string;
  fullName: string;
  unitCode: string;
  phone: string;
  notBefore: Date;
}

export interface InvitationRefusal {
  username: string;
  fullName: string;
  reason: string;
}

export interface InviteReport {
  queued: InvitedOfficial[];
  /** Already waiting in the queue: left as they were. */
  waiting: InvitedOfficial[];
  refused: InvitationRefusal[];
}

/** Who to invite: one official, a unit's officials not yet linked, or every one of them. */
export type InviteSelection = { username: string } | { unitCode: string } | { allUnlinked: true };

const LINKABLE: ChannelKind[] = ['telegram', 'zalo'];
const WAITING: InvitationState[] = ['pending', 'sending'];

const candidateFields = {
  id: true,
  username: true,
  fullName: true,
  active: true,
  phone: true,
  unit: { select: { code: true } },
  identities: { where: { channel: { in: LINKABLE } }, select: { channel: true } },
  zaloInvite: { select: { state: true, notBefore: true } },
} as const;

async function candidates(store: Store, selection: InviteSelection) {
  const db = prismaOf(store);
  if ('username' in selection) {
    await requireOfficial(store, selection.username);
    return db.official.findMany({ where: { username: selection.username }, select: candidateFields });
  }
  if ('unitCode' in selection) await requireUnit(store, selection.unitCode);
  return db.official.findMany({
    where: {
      active: true,
      identities: { none: { channel: { in: LINKABLE } } },
      ...('unitCode' in selection ? { unit: { code: selection.unitCode } } : {}),
    },
    select: candidateFields,
    orderBy: [{ unit: { code: 'asc' } }, { username: 'asc' }],
  });
}

type Candidate = Awaited<ReturnType<typeof candidates>>[number];

/** Why `official` cannot be invited on Zalo, in Vietnamese; undefined when they can. */
function refusalOf(official: Candidate): string | undefined {
  if (!official.active) return 'đã ngừng hoạt động (official reactivate nếu cán bộ trở lại)';
  if (official.identities.length > 0)
    return `đã liên kết ${[...new Set(official.identities.map((identity) => identity.channel))].join(', ')}: không cần mời`;
  if (!official.phone) return 'chưa có số điện thoại (thêm cột Số điện thoại rồi chạy lại official import)';
  if (!normalizeMobile(official.phone))
    return `số điện thoại ${official.phone} không phải số di động Việt Nam (sửa trong danh sách rồi official import)`;
  return undefined;
}

/** Times already taken: the latest queued or sent invitation and how many go on each day from `now`. */
async function backlogAt(db: DbTransaction, now: Date) {
  // Sent in the last day: today's count toward the daily cap (older days do not matter).
  const dayStart = new Date(now.getTime() - 24 * 3_600_000);
  const [queued, sent] = await Promise.all([
    db.zaloInvitation.findMany({ where: { state: { in: WAITING } }, select: { notBefore: true } }),
    db.zaloInvitation.findMany({ where: { state: 'sent', sentAt: { gte: dayStart } }, select: { sentAt: true } }),
  ]);
  const times = [...queued.map((row) => row.notBefore), ...sent.flatMap((row) => (row.sentAt ? [row.sentAt] : []))];
  const perDay = new Map<LocalDate, number>();
  for (const time of times) perDay.set(vietnamDateOf(time), (perDay.get(vietnamDateOf(time)) ?? 0) + 1);
  const lastSlot = times.reduce<Date | undefined>(
    (latest, time) => (!latest || time > latest ? time : latest),
    undefined,
  );
  return { lastSlot, perDay };
}

function invited(official: Candidate, notBefore: Date): InvitedOfficial {
  return {
    username: official.username,
    fullName: official.fullName,
    unitCode: official.unit.code,
    phone: normalizeMobile(official.phone ?? '') ?? '',
    notBefore,
  };
}

/**
 * Queues a Zalo invitation for each selected official who can get one, spaced out by `pace` after
 * those already queued; anyone already waiting is left as is, and the refused are only reported.
 * For one named official a refusal is a UserError (nothing changed).
 */
export async function queueZaloInvitations(
  store: Store,
  selection: InviteSelection,
  options: { now: Date; pace: InvitationPace },
  actor: Actor,
): Promise<InviteReport> {
  const db = prismaOf(store);
  const officials = await candidates(store, selection);
  const report: InviteReport = { queued: [], waiting: [], refused: [] };
  const toQueue: Candidate[] = [];
  for (const official of officials) {
    const refusal = refusalOf(official);
    if (refusal) report.refused.push({ username: official.username, fullName: official.fullName, reason: refusal });
    else if (official.zaloInvite && WAITING.includes(official.zaloInvite.state))
      report.waiting.push(invited(official, official.zaloInvite.notBefore));
    else toQueue.push(official);
  }
  const [refused] = report.refused;
  if ('username' in selection && refused)
    throw new UserError(`Không mời ${refused.username} qua Zalo: ${refused.reason}.`, 'INVITE_REFUSED');
  if (toQueue.length === 0) return report;
  return db.$transaction(async (tx) => {
    const slots = scheduleInvitations(toQueue.length, options.now, await backlogAt(tx, options.now), options.pace);
    const audits = [];
    for (const [index, official] of toQueue.entries()) {
      const entry = invited(official, slots[index]!);
      const fields = { phone: entry.phone, state: 'pending' as const, notBefore: entry.notBefore, attempts: 0 };
      await tx.zaloInvitation.upsert({
        where: { officialId: official.id },
        create: { officialId: official.id, ...fields },
        update: { ...fields, lastError: null, claimedBy: null, zaloUserId: null, sentAt: null, attemptAt: null },
      });
      report.queued.push(entry);
      audits.push({
        action: 'official.invite',
        payload: {
          username: official.username,
          before: { invitation: official.zaloInvite?.state ?? null },
          after: { invitation: 'pending', phone: entry.phone, notBefore: entry.notBefore.toISOString() },
        },
      });
    }
    await recordAudits(tx, actor, audits);
    return report;
  });
}

/** Takes a waiting invitation out of the queue; refuses (changing nothing) when none waits. */
export async function cancelZaloInvitation(
  store: Store,
  username: string,
  options: { now: Date; reason?: string },
  actor: Actor,
): Promise<{ username: string; notBefore: Date }> {
  const db = prismaOf(store);
  const official = await requireOfficial(store, username);
  return db.$transaction(async (tx) => {
    const row = await tx.zaloInvitation.findUnique({ where: { officialId: official.id } });
    if (row?.state !== 'pending')
      throw new UserError(
        row?.state === 'sending'
          ? `Lời mời Zalo của ${username} đang được gửi: không huỷ được nữa.`
          : `${username} không có lời mời Zalo nào đang chờ gửi.`,
        'NO_INVITATION',
      );
    await tx.zaloInvitation.update({ where: { id: row.id }, data: { state: 'cancelled', lastError: null } });
    await recordAudit(tx, actor, 'official.invite-cancel', {
      payload: {
        username,
        before: { invitation: 'pending', notBefore: row.notBefore.toISOString() },
        after: { invitation: 'cancelled' },
        ...(options.reason ? { reason: options.reason } : {}),
      },
    });
    return { username, notBefore: row.notBefore };
  });
}

/** Each official's invitation, if they have one (for `official list --unlinked`). */
export async function invitationStatuses(
  store: Store,
  officialIds: readonly number[],
): Promise<Map<number, InvitationStatus>> {
  const rows = await prismaOf(store).zaloInvitation.findMany({
    where: { officialId: { in: [...officialIds] } },
    select: { officialId: true, state: true, notBefore: true, sentAt: true, attemptAt: true, lastError: true },
  });
  return new Map(rows.map(({ officialId, ...status }) => [officialId, status]));
}
