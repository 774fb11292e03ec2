// One-time codes binding a chat to an official. Only a hash is stored; the code is shown once.
import { prismaOf, type Store } from './store.ts';
import { createHash, randomInt } from 'node:crypto';
import { addHours } from 'date-fns';
import type { Actor } from '../../domain/model.ts';
import { recordAudit, recordAudits } from './audit.ts';
import { requireActiveOfficial, requireOfficial } from './officials.ts';

// No 0/O, 1/I/L: codes are read off one screen and typed on a phone.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const LINK_CODE_LENGTH = 10;
export const LINK_CODE_VALIDITY_HOURS = 24;

export function hashLinkCode(code: string): string {
  return createHash('sha256').update(code.trim().toUpperCase()).digest('hex');
}

function newLinkCode(): string {
  return Array.from({ length: LINK_CODE_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
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
  const code = newLinkCode();
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

/** One card of a link sheet: who, and the code that links their chat. */
export interface SheetLinkCode {
  username: string;
  fullName: string;
  unitCode: string;
  unitName: string;
  code: string;
  expiresAt: Date;
}

/**
 * New codes for the officials of a printed link sheet, valid until `expiresAt`, in one
 * transaction. Each person's earlier unused codes (an older sheet, a `link-code`) are revoked:
 * only the newest paper works, so a sheet left on a desk is worthless once reprinted. `publish`
 * (render and write the sheet) runs inside the transaction: a sheet that cannot be written
 * leaves every earlier code valid and no new one.
 */
export async function issueSheetLinkCodes<T>(
  store: Store,
  usernames: readonly string[],
  options: { now: Date; expiresAt: Date },
  actor: Actor,
  publish: (codes: SheetLinkCode[]) => Promise<T>,
): Promise<T> {
  const db = prismaOf(store);
  const officials = await db.official.findMany({
    where: { username: { in: [...usernames] }, active: true },
    select: { id: true, username: true, fullName: true, unit: { select: { code: true, name: true } } },
  });
  const byUsername = new Map(officials.map((official) => [official.username, official]));
  const cards = usernames.flatMap((username) => {
    const official = byUsername.get(username);
    return official ? [{ official, code: newLinkCode() }] : [];
  });
  return db.$transaction(
    async (tx) => {
      const audits = [];
      for (const { official } of cards) {
        const { count } = await tx.linkCode.updateMany({
          where: unusedCodes(official.id, options.now),
          data: { revokedAt: options.now },
        });
        audits.push({
          action: 'link-code.sheet',
          payload: {
            username: official.username,
            expiresAt: options.expiresAt.toISOString(),
            before: { unusedLinkCodes: count },
            after: { unusedLinkCodes: 1 },
          },
        });
      }
      await tx.linkCode.createMany({
        data: cards.map(({ official, code }) => ({
          codeHash: hashLinkCode(code),
          officialId: official.id,
          expiresAt: options.expiresAt,
        })),
      });
      await recordAudits(tx, actor, audits);
      return publish(
        cards.map(({ official, code }) => ({
          username: official.username,
          fullName: official.fullName,
          unitCode: official.unit.code,
          unitName: official.unit.name,
          code,
          expiresAt: options.expiresAt,
        })),
      );
    },
    // Rendering a sheet of a few hundred cards takes a second or two.
    { timeout: 120_000, maxWait: 30_000 },
  );
}

/**
 * A code like a link sheet's (valid until `expiresAt`) for a Zalo invitation, made just before it
 * is sent. Earlier codes stay valid: a printed sheet still works beside the message. If the
 * message cannot go, `revokeInvitationLinkCode` takes the code back.
 */
export async function issueInvitationLinkCode(
  store: Store,
  officialId: number,
  options: { now: Date; expiresAt: Date },
  actor: Actor,
): Promise<{ code: string; expiresAt: Date }> {
  const db = prismaOf(store);
  const code = newLinkCode();
  await db.$transaction(async (tx) => {
    const official = await tx.official.findUniqueOrThrow({ where: { id: officialId }, select: { username: true } });
    await tx.linkCode.create({ data: { codeHash: hashLinkCode(code), officialId, expiresAt: options.expiresAt } });
    await recordAudit(tx, actor, 'link-code.invite', {
      payload: { username: official.username, expiresAt: options.expiresAt.toISOString() },
    });
  });
  return { code, expiresAt: options.expiresAt };
}

/** The code of an invitation that could not be sent: nobody saw it, nobody may use it. */
export async function revokeInvitationLinkCode(store: Store, code: string, now: Date): Promise<void> {
  await prismaOf(store).linkCode.updateMany({
    where: { codeHash: hashLinkCode(code), usedAt: null },
    data: { revokedAt: now },
  });
}
