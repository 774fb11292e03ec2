// Sends the queued Zalo invitations (official invite --zalo), one per sweep at most: only from the
// process that holds the Zalo session, inside working hours, at least `spacingMs` after the last
// one and at most `dailyCap` a day — Zalo restricts accounts that write to many strangers fast.
// The person is found by the phone on record; a number with no Zalo account is reported, never
// retried; rate limits and network trouble put the invitation back in the queue for later.
// At most once: the claim is recorded before zca-js is called and the message's start before it
// goes; an attempt a dead process left unrecorded goes back to the queue if it died during the
// lookup, else is marked uncertain for the office, never sent again on its own.
import { addDays } from 'date-fns';
import { zaloAddresses } from '../channels/address.ts';
import type { Outbox } from '../channels/outbox.ts';
import type { Clock } from '../domain/clock.ts';
import { formatVietnamese, vietnamDateOf } from '../domain/local-date.ts';
import type { LogSink } from '../domain/log-sink.ts';
import { systemActor } from '../domain/model.ts';
import { issueInvitationLinkCode, revokeInvitationLinkCode } from '../db/store/link-codes.ts';
import type { Store } from '../db/store/store.ts';
import {
  claimDueInvitation,
  invitationsSentSoFar,
  markInvitationMessageStarting,
  recoverAbandonedAttempts,
  settleInvitation,
  type ClaimedInvitation,
  type InvitationOutcome,
} from '../db/store/zalo-invitation-delivery.ts';
import { outcomeOf, type RetryPolicy } from './retry-policy.ts';

export interface InvitationDeliveryDeps {
  db: Store;
  outbox: Outbox;
  clock: Clock;
  logger: LogSink;
  processId: string;
  spacingMs: number;
  dailyCap: number;
  /** Days the code in the message stays valid (LINK_SHEET_DAYS, like a printed sheet). */
  linkCodeDays: number;
  retry: RetryPolicy;
  random: () => number;
}

export type InvitationResult =
  'none' | 'waiting' | 'sent' | 'not-on-zalo' | 'retried' | 'failed' | 'cancelled' | 'uncertain';

/** The message: who it is for, what the bot is, and the one line to send back. */
export function invitationText(fullName: string, code: string, expiresAt: Date): string {
  return [
    `Chào ${fullName}, đây là bot nhắc việc kiểm soát thủ tục hành chính của Sở.`,
    'Để nhận nhắc việc qua Zalo, anh/chị hãy trả lời tin nhắn này đúng một dòng:',
    `lienket ${code}`,
    `Mã dùng một lần, hết hạn ngày ${formatVietnamese(vietnamDateOf(expiresAt))}. Nếu không phải anh/chị, xin bỏ qua tin này.`,
  ].join('\n');
}

export async function deliverNextInvitation(deps: InvitationDeliveryDeps): Promise<InvitationResult> {
  const now = deps.clock.now();
  const { requeued, uncertain } = await recoverAbandonedAttempts(deps.db, now);
  if (requeued > 0)
    deps.logger.warn({ requeued }, 'zalo invitations a stopped process left before sending: queued again');
  if (uncertain > 0) {
    deps.logger.warn({ uncertain }, 'zalo invitations left unrecorded by a stopped process: not resent');
    return 'uncertain';
  }
  if (!deps.outbox.running.has('zalo')) return 'none';
  const sent = await invitationsSentSoFar(deps.db, now);
  if (sent.today >= deps.dailyCap) return 'waiting';
  if (sent.last && now.getTime() - sent.last.getTime() < deps.spacingMs) return 'waiting';
  const claimed = await claimDueInvitation(deps.db, now, deps.processId);
  if (!claimed) return 'none';
  const outcome = await attempt(deps, claimed);
  await settleInvitation(deps.db, claimed, deps.processId, outcome, deps.clock.now());
  deps.logger.info({ username: claimed.username, outcome }, 'zalo invitation');
  return outcome.kind === 'retry' ? 'retried' : outcome.kind;
}

async function attempt(deps: InvitationDeliveryDeps, claimed: ClaimedInvitation): Promise<InvitationOutcome> {
  if (claimed.obsolete) return { kind: 'cancelled', reason: claimed.obsolete };
  let code: string | undefined;
  try {
    const address = await deps.outbox.findByPhone('zalo', claimed.phone);
    if (!address) return { kind: 'not-on-zalo' };
    const now = deps.clock.now();
    const issued = await issueInvitationLinkCode(
      deps.db,
      claimed.officialId,
      { now, expiresAt: addDays(now, deps.linkCodeDays) },
      systemActor('scheduler'),
    );
    code = issued.code;
    if (!(await markInvitationMessageStarting(deps.db, claimed, deps.processId, deps.clock.now())))
      throw new Error('the invitation is no longer claimed by this process');
    await deps.outbox.send(address, { text: invitationText(claimed.fullName, issued.code, issued.expiresAt) });
    return { kind: 'sent', zaloUserId: zaloAddresses.decode(address)?.threadId ?? address };
  } catch (error) {
    if (code) await revokeInvitationLinkCode(deps.db, code, deps.clock.now());
    const outcome = outcomeOf(error, claimed.attempts, deps.retry, deps.random);
    if (outcome.kind === 'give-up') return { kind: 'failed', reason: outcome.reason };
    return {
      kind: 'retry',
      // Never sooner than the spacing: a rate-limited account must not be asked again at once.
      at: new Date(deps.clock.now().getTime() + Math.max(outcome.delayMs, deps.spacingMs)),
      reason: outcome.reason,
      countsAsAttempt: outcome.countsAsAttempt,
    };
  }
}
