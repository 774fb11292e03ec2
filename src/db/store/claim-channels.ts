// Which people a process may claim outbox rows for. A person linked only on channels that another
// process sends on now (the Zalo lease holder: one session per account) is left to that process;
// claiming and putting them back would only delay them.
import type { ChannelKind } from '../../domain/model.ts';
import { empty, join, sql } from '../generated/sqlite/internal/prismaNamespace.ts';

export interface ClaimChannels {
  /** Channels this process sends on now. */
  running: readonly ChannelKind[];
  /** Channels the bot has that only another process sends on now. */
  heldElsewhere: readonly ChannelKind[];
  /**
   * Another process holds the Zalo session and runs the unit-group pass: the reminders it carries
   * (unit-groups.ts) are left to it, or a person on Telegram and Zalo would get them in both apps.
   */
  groupPassElsewhere?: boolean;
}

/**
 * The reminders the Zalo holder's unit-group pass carries (claimDueGroupReminders): an assignee's
 * (not a head's escalation, not a failure report), of an active official linked on Zalo in an active
 * unit with a Zalo group. On the Reminder table.
 */
export const carriedByGroupPass = sql`("slot" NOT LIKE 'head:%' AND "slot" NOT LIKE 'failed:%' AND "recipientId" IN (
  SELECT gm."id" FROM "Official" gm JOIN "Unit" gu ON gu."id" = gm."unitId"
   WHERE gm."active" = TRUE AND gu."active" = TRUE AND gu."zaloGroupId" IS NOT NULL
     AND EXISTS (SELECT 1 FROM "ChatIdentity" gz WHERE gz."officialId" = gm."id" AND CAST(gz."channel" AS TEXT) = 'zalo')))`;

/** `AND …` on the outbox table's "recipientId" (empty when every channel sends from here). */
export function claimableRecipients(channels: ClaimChannels | undefined) {
  if (!channels || channels.heldElsewhere.length === 0) return empty;
  const sendsHere =
    channels.running.length === 0
      ? empty
      : sql` AND NOT EXISTS (SELECT 1 FROM "ChatIdentity" here WHERE here."officialId" = elsewhere."officialId"
                              AND CAST(here."channel" AS TEXT) IN (${join([...channels.running])}))`;
  return sql` AND "recipientId" NOT IN (
    SELECT elsewhere."officialId" FROM "ChatIdentity" elsewhere
     WHERE CAST(elsewhere."channel" AS TEXT) IN (${join([...channels.heldElsewhere])})${sendsHere})`;
}
