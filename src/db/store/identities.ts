// Chat identities: which official a Telegram/Zalo account speaks for. Linking redeems a one-time
// code (see link-codes.ts) in one transaction, so a code cannot bind two chats.
import { prismaOf, type Store } from './store.ts';
import type { Actor, ChannelKind, Official } from '../../domain/model.ts';
import { toOfficial, withUnit } from './officials.ts';
import { recordAudit } from './audit.ts';
import { hashLinkCode } from './link-codes.ts';

const officialWithUnit = { include: withUnit } as const;

/** The official a chat account is linked to, if any. */
export async function findLinkedOfficial(
  store: Store,
  channel: ChannelKind,
  externalId: string,
): Promise<Official | undefined> {
  const db = prismaOf(store);
  const row = await db.chatIdentity.findUnique({
    where: { channel_externalId: { channel, externalId } },
    include: { official: officialWithUnit },
  });
  return row ? toOfficial(row.official) : undefined;
}

export type LinkFailure = 'unknown' | 'used' | 'expired' | 'revoked';

export type LinkResult = { linked: true; official: Official } | { linked: false; reason: LinkFailure };

/**
 * Binds `channel`/`externalId` to the official of `code` and spends the code. A chat already
 * linked to someone else is re-bound (the office issued the new code on purpose).
 */
export async function redeemLinkCode(
  store: Store,
  input: { channel: ChannelKind; externalId: string; chatId: string; code: string; now: Date },
): Promise<LinkResult> {
  const db = prismaOf(store);
  return db.$transaction(async (tx) => {
    const code = await tx.linkCode.findUnique({
      where: { codeHash: hashLinkCode(input.code) },
      include: { official: officialWithUnit },
    });
    if (!code) return { linked: false, reason: 'unknown' } as const;
    if (code.usedAt) return { linked: false, reason: 'used' } as const;
    // Revoked by the office, or issued to an official who has since left.
    if (code.revokedAt || !code.official.active) return { linked: false, reason: 'revoked' } as const;
    if (code.expiresAt.getTime() <= input.now.getTime()) return { linked: false, reason: 'expired' } as const;
    // Conditional: two chats redeeming the same code at once cannot both win.
    const spent = await tx.linkCode.updateMany({ where: { id: code.id, usedAt: null }, data: { usedAt: input.now } });
    if (spent.count !== 1) return { linked: false, reason: 'used' } as const;
    const key = { channel_externalId: { channel: input.channel, externalId: input.externalId } };
    const previous = await tx.chatIdentity.findUnique({ where: key });
    await tx.chatIdentity.upsert({
      where: key,
      create: { channel: input.channel, externalId: input.externalId, officialId: code.officialId },
      update: { officialId: code.officialId },
    });
    const actor: Actor = {
      kind: 'official',
      officialId: code.officialId,
      channel: input.channel,
      chatId: input.chatId,
    };
    await recordAudit(tx, actor, 'identity.link', {
      payload: {
        channel: input.channel,
        externalId: input.externalId,
        previousOfficialId: previous?.officialId ?? null,
      },
    });
    return { linked: true, official: toOfficial(code.official) } as const;
  });
}

/** Where the office admins can be reached, for alerts (e.g. "Zalo needs a new login"). */
export async function listAdminChatIdentities(
  store: Store,
): Promise<{ channel: ChannelKind; externalId: string; username: string }[]> {
  const db = prismaOf(store);
  const rows = await db.chatIdentity.findMany({
    where: { official: { role: 'admin', active: true } },
    include: { official: { select: { username: true } } },
    orderBy: { id: 'asc' },
  });
  return rows.map((row) => ({ channel: row.channel, externalId: row.externalId, username: row.official.username }));
}

/** Lets the reminder engine reach an official on the terminal (`console:<username>`): demos only. */
export async function linkConsoleIdentity(store: Store, username: string): Promise<void> {
  const db = prismaOf(store);
  const official = await db.official.findUniqueOrThrow({ where: { username } });
  await db.chatIdentity.upsert({
    where: { channel_externalId: { channel: 'console', externalId: username } },
    create: { channel: 'console', externalId: username, officialId: official.id },
    update: {},
  });
}
