// Which reminder an outbox row is: the (task, recipient, slot) triple is unique, so the slot is
// what makes a reminder happen once per policy day. Stored as text; this module is the only one
// that writes or reads that text.
import { isLocalDate, type LocalDate } from './local-date.ts';

/**
 * A reminding day of a task's policy: N working days before the target, the target day ('due'),
 * a day past the target but not the legal due date ('after-target'), or an overdue day.
 */
export type PolicyDayKind = `before-${number}` | 'due' | 'after-target' | 'overdue';

export type ReminderSlot =
  /** The assignee's own reminder for one policy day. */
  | { kind: 'assignee'; day: PolicyDayKind; date: LocalDate }
  /** A head's escalation digest entry for an overdue day. */
  | { kind: 'head'; date: LocalDate }
  /** An admin told that reminder `reminderId` could not be delivered. */
  | { kind: 'failure-report'; reminderId: number };

export function encodeSlot(slot: ReminderSlot): string {
  switch (slot.kind) {
    case 'assignee':
      return `${slot.day}:${slot.date}`;
    case 'head':
      return `head:${slot.date}`;
    case 'failure-report':
      return `failed:${slot.reminderId}`;
  }
}

const POLICY_DAY = /^(before-\d+|due|after-target|overdue)$/;

/** The slot a stored text stands for; undefined for text this version never writes. */
export function parseSlot(text: string): ReminderSlot | undefined {
  const separator = text.indexOf(':');
  if (separator < 0) return undefined;
  const head = text.slice(0, separator);
  const rest = text.slice(separator + 1);
  if (head === 'failed') {
    const reminderId = Number(rest);
    return Number.isSafeInteger(reminderId) && reminderId > 0 ? { kind: 'failure-report', reminderId } : undefined;
  }
  if (!isLocalDate(rest)) return undefined;
  if (head === 'head') return { kind: 'head', date: rest };
  if (POLICY_DAY.test(head)) return { kind: 'assignee', day: head as PolicyDayKind, date: rest };
  return undefined;
}
