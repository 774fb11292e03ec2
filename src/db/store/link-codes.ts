// One-time codes binding a chat to an official. Only a hash is stored; the code is shown once.
import { prismaOf, type Store } from './store.ts';
import { createHash, randomInt } from 'node:crypto';
import { addHours } from 'date-fns';
import type { Actor } from '../../domain/model.ts';
import { recordAudit } from './audit.ts';
import { requireOfficial } from './officials.ts';

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
  const code = Array.from({ length: LINK_CODE_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  const expiresAt = addHours(now, LINK_CODE_VALIDITY_HOURS);
  await db.$transaction(async (tx) => {
    await tx.linkCode.create({ data: { codeHash: hashLinkCode(code), officialId: official.id, expiresAt } });
    await recordAudit(tx, actor, 'link-code.create', { payload: { username } });
  });
  return { code, expiresAt };
}
