// The claim both outboxes (Reminder, Notice) make: every due pending row of up to `maxRecipients`
// people, in one statement, moved to `sending`, owned by `claimedBy` until `claimUntil` (then
// recoverable), one attempt counted. On PostgreSQL, people are locked SKIP LOCKED so processes
// claim different people; on SQLite one statement is already alone.
import { empty, raw, type Sql } from '../generated/sqlite/internal/prismaNamespace.ts';
import { claimableRecipients, type ClaimChannels } from './claim-channels.ts';
import { outboxIsShared } from './reminder-claims.ts';
import { prismaOf, type Store } from './store.ts';

export interface ClaimRequest {
  now: Date;
  claimedBy: string;
  claimUntil: Date;
  maxRecipients: number;
  /** Leave people reachable only through another process's channel (the Zalo lease holder) to it. */
  channels?: ClaimChannels;
  /** `AND …` on the table's rows: rows left out of the claim (those another process's group pass carries). */
  rows?: Sql;
}

/** Returns the claimed rows' `returning` columns (plus id and recipientId), as the driver gives them. */
export async function claimByRecipient<Row>(
  store: Store,
  table: 'Reminder' | 'Notice',
  returning: readonly string[],
  request: ClaimRequest,
): Promise<Row[]> {
  const db = prismaOf(store);
  const { now, claimedBy, claimUntil, maxRecipients } = request;
  const claimable = claimableRecipients(request.channels);
  const rows = request.rows ?? empty;
  // Identifiers from the two fixed names above, never from input.
  const name = raw(`"${table}"`);
  const columns = (alias: string) =>
    raw(['id', 'recipientId', ...returning].map((column) => `${alias}"${column}"`).join(', '));
  return outboxIsShared(store)
    ? db.$queryRaw<Row[]>`
        WITH due AS (
          SELECT "recipientId", MIN("id") AS first FROM ${name}
           WHERE "state" = 'pending' AND "nextAttemptAt" <= ${now}${claimable}${rows} GROUP BY "recipientId"),
        people AS (
          SELECT o."id" FROM "Official" o JOIN due ON due."recipientId" = o."id"
           ORDER BY due.first LIMIT ${maxRecipients} FOR NO KEY UPDATE OF o SKIP LOCKED)
        UPDATE ${name} r SET "state" = 'sending', "claimedBy" = ${claimedBy}, "attempts" = r."attempts" + 1, "nextAttemptAt" = ${claimUntil}
          FROM people
         WHERE r."recipientId" = people."id" AND r."state" = 'pending' AND r."nextAttemptAt" <= ${now}${rows}
        RETURNING ${columns('r.')}`
    : db.$queryRaw<Row[]>`
        UPDATE ${name} SET "state" = 'sending', "claimedBy" = ${claimedBy}, "attempts" = "attempts" + 1, "nextAttemptAt" = ${claimUntil}
         WHERE "state" = 'pending' AND "nextAttemptAt" <= ${now}${rows} AND "recipientId" IN (
           SELECT "recipientId" FROM ${name} WHERE "state" = 'pending' AND "nextAttemptAt" <= ${now}${claimable}${rows}
            GROUP BY "recipientId" ORDER BY MIN("id") LIMIT ${maxRecipients})
        RETURNING ${columns('')}`;
}
