// Where an official's reminders go. An official linked on several channels gets each reminder on
// one only, so it is not read (and answered) twice: Telegram first (an official bot API with
// buttons and published, generous limits), then Zalo (a personal account: slow limits, sessions
// that expire), then the console (local demos). Channels this process does not run are skipped.
import { privateAddress, type Address } from '../channels/address.ts';
import type { ClaimChannels } from '../db/store/claim-channels.ts';
import type { ChannelKind } from '../domain/model.ts';

export const CHANNEL_PREFERENCE: readonly ChannelKind[] = ['telegram', 'zalo', 'console'];

export interface ChatIdentityRef {
  channel: ChannelKind;
  externalId: string;
}

export type AddressChoice = { ok: true; channel: ChannelKind; address: Address } | { ok: false; reason: string };

export function chooseAddress(
  identities: readonly ChatIdentityRef[],
  running: ReadonlySet<ChannelKind>,
): AddressChoice {
  if (identities.length === 0) return { ok: false, reason: 'chưa liên kết Telegram/Zalo (/lienket)' };
  for (const channel of CHANNEL_PREFERENCE) {
    if (!running.has(channel)) continue;
    // Several identities on one channel: the oldest link (first in the list) is used.
    const identity = identities.find((candidate) => candidate.channel === channel);
    if (identity) return { ok: true, channel, address: privateAddress(identity) };
  }
  const linked = [...new Set(identities.map((identity) => identity.channel))].join(', ');
  return { ok: false, reason: `chỉ liên kết ${linked}, kênh này không chạy` };
}

/**
 * A channel the person is linked on that the bot has but another process sends on now (the Zalo
 * lease holder): their messages wait for that process instead of failing here.
 */
export function heldElsewhere(
  identities: readonly ChatIdentityRef[],
  outbox: { running: ReadonlySet<ChannelKind>; configured: ReadonlySet<ChannelKind> },
): ChannelKind | undefined {
  const running = outbox.running;
  return identities.find((identity) => outbox.configured.has(identity.channel) && !running.has(identity.channel))
    ?.channel;
}

/** How long a message for another process's channel waits before this process looks at it again. */
export const HELD_ELSEWHERE_RETRY_MS = 60_000;

/** What the outbox claim needs to leave people (and group-pass reminders) to the process that holds their channel. */
export function claimChannelsOf(outbox: {
  running: ReadonlySet<ChannelKind>;
  configured: ReadonlySet<ChannelKind>;
  servedElsewhere: ReadonlySet<ChannelKind>;
}): ClaimChannels {
  const running = [...outbox.running];
  return {
    running,
    heldElsewhere: [...outbox.configured].filter((channel) => !running.includes(channel)),
    groupPassElsewhere: !outbox.running.has('zalo') && outbox.servedElsewhere.has('zalo'),
  };
}
