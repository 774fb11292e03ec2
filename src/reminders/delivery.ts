// Sends what is due in the outbox: claims the due rows of a few people at a time, writes one
// message per person, sends it, and records the outcome of each row at once. Marking right after
// the channel accepts is what bounds duplicates: a crash can repeat only messages in flight at
// that instant (one, at the default concurrency of 1), and never a row already marked sent.
import type { ChannelKind } from '../channels/channel.ts';
import type { Outbox } from '../channels/outbox.ts';
import type { Clock } from '../domain/clock.ts';
import type { AlertAdmins } from '../domain/admin-alert.ts';
import type { InvitationPace } from '../domain/invitation-schedule.ts';
import type { LogSink } from '../domain/log-sink.ts';
import {
  loadDeliveryContext,
  type FailedReminderInfo,
  type RecipientInfo,
  type TaskInfo,
} from '../db/store/delivery-context.ts';
import {
  cancelReminders,
  claimDueReminders,
  markRemindersSent,
  rescheduleReminders,
  type ClaimedReminder,
} from '../db/store/reminder-claims.ts';
import { failReminders } from '../db/store/reminder-failures.ts';
import type { WorkCalendar } from '../domain/calendar/work-calendar.ts';
import type { Store } from '../db/store/store.ts';
import { describeCompilation } from '../domain/duties/compilation-progress.ts';
import { composeDigest, MAX_CHARS, type DigestTask, type UndeliveredItem } from './digest.ts';
import {
  markMorningPassDone,
  morningPassDone,
  morningReadersWaiting,
  type MorningReader,
} from '../db/store/morning-digest.ts';
import { deliverGroupDigests } from './group-delivery.ts';
import { deliverMorningOnly, takeMorning } from './morning-delivery.ts';
import { chooseAddress, claimChannelsOf, heldElsewhere, HELD_ELSEWHERE_RETRY_MS } from './recipient-address.ts';
import { outcomeOf, type RetryPolicy } from './retry-policy.ts';
import { morningMayGo, type SendWindow } from './send-window.ts';

export interface DeliveryDeps {
  db: Store;
  outbox: Outbox;
  clock: Clock;
  /** Reminders say time left and lateness in working days. */
  calendar: WorkCalendar;
  /** Claim deadlines are real time (default: `clock`), compared by recoverExpiredClaims. */
  realClock?: Clock;
  logger: LogSink;
  processId: string;
  retry: RetryPolicy;
  claimTtlMs: number;
  recipientsPerClaim: number;
  concurrency: number;
  random: () => number;
  signal: AbortSignal;
  /** Asked before each claim: delivery stops when the window closes (or the lease is lost). */
  mayContinue: () => Promise<SendWindow | undefined>;
  /** Told each outcome (metrics); `none` when the person has no chat to send to. */
  observe?: DeliveryObserver;
  /**
   * The first message of a working day carries the office admin's overview and a head's
   * "Hôm qua đã xong" (src/reminders/morning.ts); those with no reminder get it on its own.
   */
  morningDigest?: boolean;
  /** The Zalo invitations' pace, for the admin digest's expected finish; absent when this process sends none. */
  invitationPace?: InvitationPace;
  /** Tells the office admins (group-delivery.ts: a unit's Zalo group that keeps failing). */
  alertAdmins?: AlertAdmins;
}

export type DeliveryOutcome = 'sent' | 'retried' | 'failed';
export type DeliveryObserver = (channel: ChannelKind | 'none', outcome: DeliveryOutcome, reminders: number) => void;

export interface DeliveryReport {
  messages: number;
  sent: number;
  retried: number;
  failed: number;
  cancelled: number;
}

export async function deliverDue(deps: DeliveryDeps): Promise<DeliveryReport> {
  const report: DeliveryReport = { messages: 0, sent: 0, retried: 0, failed: 0, cancelled: 0 };
  let morning: Map<number, MorningReader> | undefined;
  let morningChecked = false;
  let groupsDone = false;
  let lastWindow: SendWindow | undefined;
  while (!deps.signal.aborted) {
    const window = await deps.mayContinue();
    if (!window?.open) break;
    lastWindow = window;
    if (deps.morningDigest && !morningChecked && morningMayGo(window)) {
      morningChecked = true;
      if (!(await morningPassDone(deps.db, window.today)))
        morning = new Map((await morningReadersWaiting(deps.db, window.today)).map((reader) => [reader.id, reader]));
    }
    if (!groupsDone) {
      groupsDone = true;
      await deliverGroupDigests(deps, window, report, morning);
    }
    const now = deps.clock.now();
    const claimed = await claimDueReminders(
      deps.db,
      now,
      deps.processId,
      new Date((deps.realClock ?? deps.clock).now().getTime() + deps.claimTtlMs),
      deps.recipientsPerClaim,
      claimChannelsOf(deps.outbox),
    );
    if (claimed.length === 0) break;
    const people = groupByRecipient(claimed);
    const context = await loadDeliveryContext(
      deps.db,
      [...people.keys()],
      [...new Set(claimed.map((row) => row.taskId))],
      claimed.flatMap((row) => (row.slot?.kind === 'failure-report' ? [row.slot.reminderId] : [])),
    );
    const jobs = [...people.entries()].map(
      ([recipientId, rows]) =>
        () =>
          deliverToPerson(
            deps,
            window,
            rows,
            context.recipients.get(recipientId),
            context.tasks,
            context.failed,
            report,
            morning,
          ),
    );
    await runPool(jobs, deps.concurrency);
  }
  if (morning && lastWindow && !deps.signal.aborted) {
    const retried = await deliverMorningOnly(deps, lastWindow, report);
    // A digest given back (transient failure) keeps the pass open: it is tried again next sweep.
    if (!retried && !deps.signal.aborted && report.retried === 0) await markMorningPassDone(deps.db, lastWindow.today);
  }
  return report;
}

function groupByRecipient(rows: ClaimedReminder[]): Map<number, ClaimedReminder[]> {
  const people = new Map<number, ClaimedReminder[]>();
  for (const row of rows) people.set(row.recipientId, [...(people.get(row.recipientId) ?? []), row]);
  return people;
}

async function runPool(jobs: (() => Promise<void>)[], concurrency: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) await jobs[next++]!();
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, jobs.length)) }, worker));
}

/** One person's message from their claimed rows (also the fallback of a failed group digest). */
export async function deliverToPerson(
  deps: DeliveryDeps,
  window: SendWindow,
  rows: ClaimedReminder[],
  person: RecipientInfo | undefined,
  tasks: Map<number, TaskInfo>,
  failures: Map<number, FailedReminderInfo>,
  report: DeliveryReport,
  morningReaders?: Map<number, MorningReader>,
): Promise<void> {
  const { db, processId, logger } = deps;
  const today = window.today;
  if (!person || !person.active) {
    report.cancelled += await cancelReminders(db, ids(rows), processId, 'official inactive or removed');
    return;
  }

  // Only the latest state: a task closed or snoozed since planning is not reminded.
  const silenced: ClaimedReminder[] = [];
  const own = new Map<number, DigestTask>();
  const unit = new Map<number, DigestTask>();
  const undelivered: UndeliveredItem[] = [];
  const toSend: ClaimedReminder[] = [];
  for (const row of rows) {
    if (row.slot?.kind === 'failure-report') {
      const failure = failures.get(row.slot.reminderId);
      if (failure)
        undelivered.push({
          taskId: failure.taskId,
          title: failure.title,
          recipientName: failure.recipientName,
          reason: failure.reason,
        });
      toSend.push(row);
      continue;
    }
    const task = tasks.get(row.taskId);
    if (!task || task.status !== 'open' || (task.snoozedUntil !== null && task.snoozedUntil > today)) {
      silenced.push(row);
      continue;
    }
    const item: DigestTask = {
      id: task.id,
      title: task.title,
      targetDate: task.targetDate,
      dueDate: task.dueDate,
      assigneeName: task.assigneeName,
      unitCode: task.unitCode,
    };
    // The office is reminded of its compile task with who has not sent their report yet.
    if (row.slot?.kind !== 'head' && task.compilation) item.compilation = describeCompilation(task.compilation);
    (row.slot?.kind === 'head' ? unit : own).set(task.id, item);
    toSend.push(row);
  }
  if (silenced.length > 0)
    report.cancelled += await cancelReminders(db, ids(silenced), processId, 'task closed or snoozed');
  for (const id of own.keys()) unit.delete(id);
  if (own.size + unit.size + undelivered.length === 0) {
    report.cancelled += await cancelReminders(db, ids(toSend), processId, 'nothing left to remind');
    return;
  }

  const choice = chooseAddress(person.identities, deps.outbox.running);
  const elsewhere = choice.ok ? undefined : heldElsewhere(person.identities, deps.outbox);
  if (elsewhere) {
    // Not an attempt: the process holding the channel's session sends them.
    const at = new Date(deps.clock.now().getTime() + HELD_ELSEWHERE_RETRY_MS);
    await rescheduleReminders(db, ids(toSend), processId, at, `chờ tiến trình giữ kết nối ${elsewhere}`, true);
    return;
  }
  if (!choice.ok) {
    const result = await failReminders(db, ids(toSend), processId, choice.reason, deps.clock.now());
    report.failed += result.failed;
    deps.observe?.('none', 'failed', result.failed);
    logger.warn({ recipientId: person.id, reason: choice.reason, reminders: ids(toSend) }, 'reminder not deliverable');
    return;
  }
  const reader = morningReaders?.get(person.id);
  const morning = reader ? await takeMorning(deps, reader, today) : undefined;
  const digest = composeDigest({
    today,
    morning: morning?.sections ?? [],
    calendar: deps.calendar,
    own: [...own.values()],
    unit: [...unit.values()],
    undelivered,
    maxChars: MAX_CHARS[choice.channel],
  });
  try {
    await deps.outbox.send(choice.address, digest);
  } catch (error) {
    const attempts = Math.max(...toSend.map((row) => row.attempts));
    const outcome = outcomeOf(error, attempts, deps.retry, deps.random);
    if (outcome.kind === 'retry') {
      const at = new Date(deps.clock.now().getTime() + outcome.delayMs);
      const retried = await rescheduleReminders(
        db,
        ids(toSend),
        processId,
        at,
        outcome.reason,
        !outcome.countsAsAttempt,
      );
      await morning?.finish({ kind: 'retry' });
      report.retried += retried;
      deps.observe?.(choice.channel, 'retried', retried);
      logger.warn(
        { recipientId: person.id, address: choice.address, retryAt: at.toISOString(), reason: outcome.reason },
        'reminder send failed; will retry',
      );
    } else {
      const result = await failReminders(db, ids(toSend), processId, outcome.reason, deps.clock.now());
      await morning?.finish({ kind: 'failed', reason: outcome.reason });
      report.failed += result.failed;
      deps.observe?.(choice.channel, 'failed', result.failed);
      logger.error(
        { recipientId: person.id, address: choice.address, reason: outcome.reason, reported: result.reported },
        'reminder failed permanently',
      );
    }
    return;
  }
  report.messages += 1;
  await morning?.finish({ kind: 'sent', text: morning.sections.join('\n\n'), at: deps.clock.now() });
  const sent = await markRemindersSent(db, ids(toSend), processId, deps.clock.now());
  report.sent += sent;
  deps.observe?.(choice.channel, 'sent', sent);
}

function ids(rows: ClaimedReminder[]): number[] {
  return rows.map((row) => row.id);
}
