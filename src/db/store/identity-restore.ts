// Undoing an unlink done by mistake: the chat accounts the unlink's audit row kept come back to
// the same official, exactly as they were. Restoring is safe only while nothing has happened to
// those accounts since, so it is refused (with a fresh link code as the way out) when the official
// left, when an account is now someone else's or the official linked another account on that
// channel, and after UNLINK_UNDO_HOURS: a phone unlinked because it was lost must stay unlinked.
import { z } from 'zod';
import { UserError } from '../../domain/errors.ts';
import { formatVietnamTime } from '../../domain/local-date.ts';
import type { Actor, Official } from '../../domain/model.ts';
import { recordAudit } from './audit.ts';
import type { LinkedIdentity } from './official-changes.ts';
import { queueNotices } from './notices.ts';
import { requireOfficial } from './officials.ts';
import { prismaOf, type Store } from './store.ts';
import type { DbTransaction } from './transaction.ts';

/** How long after an unlink it may be undone. */
export const UNLINK_UNDO_HOURS = 24;

const CHANNEL_NAMES: Record<string, string> = { telegram: 'Telegram', zalo: 'Zalo', console: 'console' };

const identity = z.object({ channel: z.enum(['telegram', 'zalo', 'console']), externalId: z.string() });
const unlinkPayload = z.object({
  username: z.string(),
  at: z.iso.datetime(),
  before: z.object({ identities: z.array(identity) }),
  after: z.object({ identities: z.array(identity) }),
});

const FRESH_CODE = 'Hãy in phiếu liên kết mới (mã mới) để cán bộ liên kết lại.';

const sameIdentity = (a: LinkedIdentity) => (b: LinkedIdentity) =>
  a.channel === b.channel && a.externalId === b.externalId;

export interface Restoration {
  official: Official;
  restored: LinkedIdentity[];
}

/** What an `identity.unlink` audit row kept: whose accounts, when (the clock's time), which ones. */
export interface UnlinkRecord {
  auditId: number;
  username: string;
  at: Date;
  /** The accounts the unlink removed (those still linked after it are not in here). */
  taken: LinkedIdentity[];
}

export function unlinkRecordOf(row: { id: number; action: string; payload: string | null }): UnlinkRecord | undefined {
  if (row.action !== 'identity.unlink') return undefined;
  const parsed = unlinkPayload.safeParse(JSON.parse(row.payload ?? '{}'));
  if (!parsed.success) return undefined;
  const { username, at, before, after } = parsed.data;
  const taken = before.identities.filter((old) => !after.identities.some(sameIdentity(old)));
  return { auditId: row.id, username, at: new Date(at), taken };
}

/** A chat account as it is linked now, to whom. */
export type HeldIdentity = LinkedIdentity & { officialId: number };

/** The accounts that decide whether `records` can be undone: the official's own and those the unlinks took. */
export async function identitiesConcerned(
  db: Pick<DbTransaction, 'chatIdentity'>,
  officialId: number,
  records: readonly UnlinkRecord[],
): Promise<HeldIdentity[]> {
  const taken = records.flatMap((record) => record.taken);
  return db.chatIdentity.findMany({
    where: { OR: [{ officialId }, ...taken.map(({ channel, externalId }) => ({ channel, externalId }))] },
    select: { channel: true, externalId: true, officialId: true },
    orderBy: { id: 'asc' },
  });
}

/**
 * The one rule for "can this unlink still be undone" (the restore and the lists of undoable unlinks
 * both ask it): the accounts that would come back, or why not.
 */
export function undoOutcome(
  record: UnlinkRecord,
  official: Official,
  current: readonly HeldIdentity[],
  now: Date,
): { restored: LinkedIdentity[]; own: LinkedIdentity[] } | { refusal: UserError } {
  const { username } = official;
  if (now.getTime() - record.at.getTime() > UNLINK_UNDO_HOURS * 3_600_000)
    return refuse(
      `Lần gỡ liên kết lúc ${formatVietnamTime(record.at)} đã quá ${UNLINK_UNDO_HOURS} giờ, không hoàn tác được nữa. ${FRESH_CODE}`,
      'UNDO_EXPIRED',
    );
  if (!official.active)
    return refuse(`Cán bộ ${username} đã ngừng hoạt động: không khôi phục liên kết chat.`, 'OFFICIAL_INACTIVE');
  const own = current
    .filter((row) => row.officialId === official.id)
    .map(({ channel, externalId }) => ({ channel, externalId }));
  const restored = record.taken.filter((old) => !own.some(sameIdentity(old)));
  if (restored.length === 0)
    return refuse(`Tài khoản chat của cán bộ ${username} đã được liên kết lại rồi.`, 'NOTHING_TO_RESTORE');
  for (const old of restored) {
    const channel = CHANNEL_NAMES[old.channel];
    if (current.some((row) => row.officialId !== official.id && sameIdentity(old)(row)))
      return refuse(
        `Tài khoản ${channel} đã gỡ nay liên kết với cán bộ khác: không khôi phục được. ${FRESH_CODE}`,
        'IDENTITY_TAKEN',
      );
    if (own.some((row) => row.channel === old.channel))
      return refuse(
        `Cán bộ ${username} đã liên kết một tài khoản ${channel} khác sau khi gỡ: không khôi phục tài khoản cũ.`,
        'IDENTITY_REPLACED',
      );
  }
  return { restored, own };
}

const refuse = (message: string, code: string) => ({ refusal: new UserError(message, code) });

/** Relinks what the unlink recorded as audit row `auditId` took from `username`; tells the official. */
export async function restoreUnlinkedIdentities(
  store: Store,
  username: string,
  auditId: number,
  options: { now: Date },
  actor: Actor,
): Promise<Restoration> {
  const db = prismaOf(store);
  const official = await requireOfficial(store, username);
  const row = await db.auditEvent.findUnique({ where: { id: auditId } });
  const record = row ? unlinkRecordOf(row) : undefined;
  if (!record || record.username !== username)
    throw new UserError(`Không có lần gỡ liên kết số ${auditId} của cán bộ ${username} để hoàn tác.`, 'UNDO_NOT_FOUND');
  return db.$transaction(async (tx) => {
    const outcome = undoOutcome(record, official, await identitiesConcerned(tx, official.id, [record]), options.now);
    if ('refusal' in outcome) throw outcome.refusal;
    const { restored, own } = outcome;
    await tx.chatIdentity.createMany({ data: restored.map((old) => ({ ...old, officialId: official.id })) });
    await recordAudit(tx, actor, 'identity.restore', {
      payload: { username, undoes: auditId, before: { identities: own }, after: { identities: [...own, ...restored] } },
    });
    const channels = restored.map((old) => CHANNEL_NAMES[old.channel]).join(', ');
    await queueNotices(
      tx,
      [
        {
          officialId: official.id,
          text:
            `🔗 Liên kết ${channels} của anh/chị với nhacviec đã được khôi phục (lần gỡ lúc ` +
            `${formatVietnamTime(record.at)} là nhầm). Bot tiếp tục nhắc việc qua chat này.`,
        },
      ],
      options.now,
    );
    return { official, restored };
  });
}
