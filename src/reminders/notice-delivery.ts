// Sends the queued notices (what changed about someone's work): claims the due notices of a few
// people at a time, writes one message per person listing all of theirs, sends it on the channel
// reminders would use, and marks each notice sent, retried later or failed with a reason. Only
// inside working hours on a working day (noticesMayGo); outside them the notices wait.
import { loadDeliveryContext, type RecipientInfo } from '../db/store/delivery-context.ts';
import {
  claimDueNotices,
  failNotices,
  markNoticesSent,
  rescheduleNotices,
  type ClaimedNotice,
} from '../db/store/notice-delivery.ts';
import type { DeliveryDeps } from './delivery.ts';
import { chooseAddress, claimChannelsOf, heldElsewhere, HELD_ELSEWHERE_RETRY_MS } from './recipient-address.ts';
import { outcomeOf } from './retry-policy.ts';
import { noticesMayGo } from './send-window.ts';

/** What reminder delivery needs, but notices go one message at a time (no concurrency). */
export type NoticeDeliveryDeps = Omit<DeliveryDeps, 'concurrency'>;

export interface NoticeReport {
  messages: number;
  sent: number;
  retried: number;
  failed: number;
}

export const EMPTY_NOTICE_REPORT: NoticeReport = { messages: 0, sent: 0, retried: 0, failed: 0 };

export const NOTICE_HEADING = '📣 Thay đổi về việc của anh/chị:';

/** One message for all of a person's notices, oldest first. */
export function composeNotices(texts: readonly string[]): string {
  return [NOTICE_HEADING, ...texts.map((text) => `• ${text}`)].join('\n');
}

export async function deliverNotices(deps: NoticeDeliveryDeps): Promise<NoticeReport> {
  const report: NoticeReport = { ...EMPTY_NOTICE_REPORT };
  while (!deps.signal.aborted) {
    const window = await deps.mayContinue();
    if (!window || !noticesMayGo(window)) break;
    const now = deps.clock.now();
    const claimed = await claimDueNotices(
      deps.db,
      now,
      deps.processId,
      new Date((deps.realClock ?? deps.clock).now().getTime() + deps.claimTtlMs),
      deps.recipientsPerClaim,
      claimChannelsOf(deps.outbox),
    );
    if (claimed.length === 0) break;
    const people = new Map<number, ClaimedNotice[]>();
    for (const row of claimed) people.set(row.recipientId, [...(people.get(row.recipientId) ?? []), row]);
    const { recipients } = await loadDeliveryContext(deps.db, [...people.keys()], [], []);
    for (const [recipientId, rows] of people) {
      if (deps.signal.aborted) break;
      await deliverToPerson(deps, rows, recipients.get(recipientId), report);
    }
  }
  return report;
}

async function deliverToPerson(
  deps: NoticeDeliveryDeps,
  rows: ClaimedNotice[],
  person: RecipientInfo | undefined,
  report: NoticeReport,
): Promise<void> {
  const { db, processId, logger } = deps;
  const ids = rows.map((row) => row.id);
  if (!person?.active) {
    report.failed += await failNotices(db, ids, processId, 'official inactive');
    return;
  }
  const choice = chooseAddress(person.identities, deps.outbox.running);
  const elsewhere = choice.ok ? undefined : heldElsewhere(person.identities, deps.outbox);
  if (elsewhere) {
    const at = new Date(deps.clock.now().getTime() + HELD_ELSEWHERE_RETRY_MS);
    await rescheduleNotices(db, ids, processId, at, `chờ tiến trình giữ kết nối ${elsewhere}`, true);
    return;
  }
  if (!choice.ok) {
    report.failed += await failNotices(db, ids, processId, choice.reason);
    logger.warn({ recipientId: person.id, reason: choice.reason, notices: ids }, 'notice not deliverable');
    return;
  }
  try {
    await deps.outbox.send(choice.address, { text: composeNotices(rows.map((row) => row.text)) });
  } catch (error) {
    const attempts = Math.max(...rows.map((row) => row.attempts));
    const outcome = outcomeOf(error, attempts, deps.retry, deps.random);
    if (outcome.kind === 'retry') {
      const at = new Date(deps.clock.now().getTime() + outcome.delayMs);
      report.retried += await rescheduleNotices(db, ids, processId, at, outcome.reason, !outcome.countsAsAttempt);
      logger.warn(
        { recipientId: person.id, address: choice.address, retryAt: at.toISOString(), reason: outcome.reason },
        'notice send failed; will retry',
      );
    } else {
      report.failed += await failNotices(db, ids, processId, outcome.reason);
      logger.error(
        { recipientId: person.id, address: choice.address, reason: outcome.reason, notices: ids },
        'notice failed permanently',
      );
    }
    return;
  }
  report.messages += 1;
  report.sent += await markNoticesSent(db, ids, processId, deps.clock.now());
}
