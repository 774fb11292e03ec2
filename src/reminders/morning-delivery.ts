// Sending the morning additions (src/reminders/morning.ts): claimed once per person and day,
// composed, and settled with the message they ride in — a reminder digest (delivery.ts) or, for
// someone with no reminder that morning, a message of their own.
import {
  claimMorningDigest,
  finishMorningDigest,
  morningReadersWaiting,
  type MorningReader,
} from '../db/store/morning-digest.ts';
import { loadDeliveryContext } from '../db/store/delivery-context.ts';
import { settleNewTaskNotices } from '../db/store/task-announcements.ts';
import type { DeliveryDeps, DeliveryReport } from './delivery.ts';
import { fitLines, MAX_CHARS } from './digest.ts';
import { composeMorning, type MorningContent } from './morning.ts';
import { chooseAddress } from './recipient-address.ts';
import { outcomeOf } from './retry-policy.ts';
import type { SendWindow } from './send-window.ts';

/**
 * Readers who had no reminder this morning get their morning digest alone. Returns whether one
 * was given back (transient failure) to be tried again.
 */
export async function deliverMorningOnly(
  deps: DeliveryDeps,
  window: SendWindow,
  report: DeliveryReport,
): Promise<boolean> {
  let retried = false;
  const readers = await morningReadersWaiting(deps.db, window.today);
  if (readers.length === 0) return retried;
  const { recipients } = await loadDeliveryContext(
    deps.db,
    readers.map((reader) => reader.id),
    [],
    [],
  );
  for (const reader of readers) {
    if (deps.signal.aborted) return retried;
    const person = recipients.get(reader.id);
    if (!person) continue;
    const morning = await takeMorning(deps, reader, window.today);
    if (!morning) continue;
    const choice = chooseAddress(person.identities, deps.outbox.running);
    if (!choice.ok) {
      await morning.finish({ kind: 'failed', reason: choice.reason });
      continue;
    }
    const budget = { left: MAX_CHARS[choice.channel] - 100 };
    const text = morning.sections.map((section) => fitLines(section, budget)).join('\n\n');
    try {
      await deps.outbox.send(choice.address, { text });
    } catch (error) {
      const outcome = outcomeOf(error, 0, deps.retry, deps.random);
      retried ||= outcome.kind === 'retry';
      await morning.finish(outcome.kind === 'retry' ? { kind: 'retry' } : { kind: 'failed', reason: outcome.reason });
      deps.logger.warn({ recipientId: person.id, reason: outcome.reason }, 'morning digest not sent');
      continue;
    }
    await morning.finish({ kind: 'sent', text, at: deps.clock.now() });
    report.messages += 1;
  }
  return retried;
}

type MorningOutcome = Parameters<typeof finishMorningDigest>[3];

/** Claims and composes today's morning digest of `reader`; undefined when taken or empty. */
export async function takeMorning(
  deps: DeliveryDeps,
  reader: MorningReader,
  today: SendWindow['today'],
): Promise<{ sections: string[]; finish(outcome: MorningOutcome): Promise<void> } | undefined> {
  const claimUntil = new Date((deps.realClock ?? deps.clock).now().getTime() + deps.claimTtlMs);
  if (!(await claimMorningDigest(deps.db, reader.id, today, deps.processId, claimUntil))) return undefined;
  let content: MorningContent;
  try {
    content = await composeMorning(deps.db, deps.calendar, reader, today, {
      now: deps.clock.now(),
      pace: deps.invitationPace,
    });
  } catch (error) {
    await finishMorningDigest(deps.db, reader.id, today, { kind: 'retry' });
    throw error;
  }
  const { shown, stale } = content.newTasks;
  const finish = async (outcome: MorningOutcome) => {
    await finishMorningDigest(deps.db, reader.id, today, outcome);
    if (outcome.kind === 'retry') return;
    await settleNewTaskNotices(
      deps.db,
      outcome.kind === 'failed' ? { sent: [], stale, failed: shown } : { sent: shown, stale, failed: [] },
      deps.clock.now(),
      outcome.kind === 'failed' ? outcome.reason : undefined,
    );
  };
  if (content.sections.length === 0) {
    await finish({ kind: 'empty' });
    return undefined;
  }
  return { sections: content.sections, finish };
}
