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
}

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
