// One-time codes binding a chat to an official. Only a hash is stored; the code is shown once.
import { prismaOf, type Store } from './store.ts';
import { createHash, randomInt } from 'node:crypto';
import { addHours } from 'date-fns';
import type { Actor } from '../../domain/model.ts';
import { recordAudit } from './audit.ts';
import { requireActiveOfficial, requireOfficial } from './officials.ts';

// No 0/O, 1/I/L: codes are read off one screen and typed on a phone.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const LINK_CODE_LENGTH = 10;
export const LINK_CODE_VALIDITY_HOURS = 24;

export function hashLinkCode(code: string): string {
  return createHash('sha256').update(code.trim().toUpperCase()).digest('hex');
}

export async function createLinkCode(
  store: Store,
  username: string,
  now: Date,
  actor: Actor,
): Promise<{ code: string; expiresAt: Date }> {
  const db = prismaOf(store);
  const official = await requireOfficial(store, username);
  requireActiveOfficial(official, 'tạo mã liên kết');
  const code = Array.from({ length: LINK_CODE_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  const expiresAt = addHours(now, LINK_CODE_VALIDITY_HOURS);
  await db.$transaction(async (tx) => {
    await tx.linkCode.create({ data: { codeHash: hashLinkCode(code), officialId: official.id, expiresAt } });
    await recordAudit(tx, actor, 'link-code.create', { payload: { username } });
  });
  return { code, expiresAt };
}

/** A code still redeemable at `now`: not used, not revoked, not expired. */
export function unusedCodes(officialId: number, now: Date) {
  return { officialId, usedAt: null, revokedAt: null, expiresAt: { gt: now } };
}

/**
 * Revokes every code of `username` that could still be redeemed (a phone lost, a code sent to the
 * wrong person). Returns how many; none is an answer, not a refusal, and writes nothing.
 */
export async function revokeLinkCodes(
  store: Store,
  username: string,
  options: { now: Date; reason?: string },
  actor: Actor,
): Promise<{ username: string; revoked: number }> {
  const db = prismaOf(store);
  const official = await requireOfficial(store, username);
  return db.$transaction(async (tx) => {
    const { count } = await tx.linkCode.updateMany({
      where: unusedCodes(official.id, options.now),
      data: { revokedAt: options.now },
    });
    if (count > 0) {
      await recordAudit(tx, actor, 'link-code.revoke', {
        payload: {
          username,
          before: { unusedLinkCodes: count },
          after: { unusedLinkCodes: 0 },
          ...(options.reason ? { reason: options.reason } : {}),
        },
      });
    }
    return { username, revoked: count };
  });
}
