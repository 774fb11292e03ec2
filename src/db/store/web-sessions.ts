// The web console's sign-in: one-time links (sent to the official's chat, or printed by the CLI)
// and the sessions they open. Only hashes of the tokens are stored: a copy of the database lets
// nobody sign in. Sessions live here, not in a process's memory, so every process of the bot
// (PostgreSQL) knows them and "sign out everywhere" is one delete.
import { createHash, randomBytes } from 'node:crypto';
import type { Actor, Official } from '../../domain/model.ts';
import { recordAudit } from './audit.ts';
import { toOfficial, withUnit } from './officials.ts';
import { prismaOf, type Store } from './store.ts';

export const SIGN_IN_LINK_MINUTES = 10;
export const SESSION_HOURS = 8;

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** A new one-time sign-in token for `official`, valid for 10 minutes; only its hash is kept. */
export async function createSignInToken(
  store: Store,
  official: Pick<Official, 'id' | 'username'>,
  actor: Actor,
  now: Date,
): Promise<{ token: string; expiresAt: Date }> {
  const token = newToken();
  const expiresAt = new Date(now.getTime() + SIGN_IN_LINK_MINUTES * 60_000);
  await prismaOf(store).$transaction(async (tx) => {
    await tx.webSignInLink.create({
      data: { tokenHash: hashToken(token), officialId: official.id, expiresAt, createdAt: now },
    });
    await recordAudit(tx, actor, 'web.sign-in-link', { payload: { username: official.username } });
  });
  return { token, expiresAt };
}

/** How many sign-in links `officialId` was sent since `since`: the per-person sign-in limit. */
export async function countSignInTokensSince(store: Store, officialId: number, since: Date): Promise<number> {
  return prismaOf(store).webSignInLink.count({ where: { officialId, createdAt: { gte: since } } });
}

export type SignInFailure = 'unknown' | 'used' | 'expired' | 'inactive';

/**
 * Spends a sign-in token and opens a session, in one transaction: a link opens one session once.
 * Returns the session's cookie value and CSRF token, or why the link does not work.
 */
export async function redeemSignInToken(
  store: Store,
  token: string,
  now: Date,
): Promise<
  { ok: true; official: Official; sessionToken: string; expiresAt: Date } | { ok: false; reason: SignInFailure }
> {
  return prismaOf(store).$transaction(async (tx) => {
    const link = await tx.webSignInLink.findUnique({
      where: { tokenHash: hashToken(token) },
      include: { official: { include: withUnit } },
    });
    if (!link) return { ok: false, reason: 'unknown' } as const;
    if (link.usedAt) return { ok: false, reason: 'used' } as const;
    if (link.expiresAt <= now) return { ok: false, reason: 'expired' } as const;
    if (!link.official.active) return { ok: false, reason: 'inactive' } as const;
    // Conditional on still unused: two clicks at once open one session.
    const { count } = await tx.webSignInLink.updateMany({
      where: { id: link.id, usedAt: null },
      data: { usedAt: now },
    });
    if (count !== 1) return { ok: false, reason: 'used' } as const;
    const sessionToken = newToken();
    const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3_600_000);
    await tx.webSession.create({
      data: {
        tokenHash: hashToken(sessionToken),
        csrfToken: newToken(),
        officialId: link.officialId,
        expiresAt,
        createdAt: now,
      },
    });
    const official = toOfficial(link.official);
    await recordAudit(tx, { kind: 'official', officialId: official.id, channel: 'web', chatId: 'web' }, 'web.sign-in', {
      payload: { username: official.username },
    });
    return { ok: true, official, sessionToken, expiresAt } as const;
  });
}

export interface WebSessionState {
  official: Official;
  csrfToken: string;
  expiresAt: Date;
}

/** The session of a cookie value, if it exists, has not expired, and its official is active. */
export async function findWebSession(
  store: Store,
  sessionToken: string,
  now: Date,
): Promise<WebSessionState | undefined> {
  const row = await prismaOf(store).webSession.findUnique({
    where: { tokenHash: hashToken(sessionToken) },
    include: { official: { include: withUnit } },
  });
  if (!row || row.expiresAt <= now || !row.official.active) return undefined;
  return { official: toOfficial(row.official), csrfToken: row.csrfToken, expiresAt: row.expiresAt };
}

/** Signs this browser out. */
export async function endWebSession(store: Store, sessionToken: string): Promise<void> {
  await prismaOf(store).webSession.deleteMany({ where: { tokenHash: hashToken(sessionToken) } });
}

/** Signs `officialId` out of every browser; returns how many sessions ended. */
export async function endAllWebSessions(store: Store, officialId: number): Promise<number> {
  const { count } = await prismaOf(store).webSession.deleteMany({ where: { officialId } });
  return count;
}
