import { describe, expect, it } from 'vitest';
import { encodeSlot, parseSlot, type ReminderSlot } from '../../src/domain/reminder-slot.ts';
import type { LocalDate } from '../../src/domain/local-date.ts';

const day = (text: string) => text as LocalDate;

describe('reminder slots', () => {
  const slots: [ReminderSlot, string][] = [
    [{ kind: 'assignee', day: 'before-3', date: day('2026-11-16') }, 'before-3:2026-11-16'],
    [{ kind: 'assignee', day: 'due', date: day('2026-11-19') }, 'due:2026-11-19'],
    [{ kind: 'assignee', day: 'overdue', date: day('2026-11-20') }, 'overdue:2026-11-20'],
    [{ kind: 'head', date: day('2026-11-20') }, 'head:2026-11-20'],
    [{ kind: 'failure-report', reminderId: 42 }, 'failed:42'],
  ];

  it.each(slots)('stores %j as %s and reads it back unchanged', (slot, text) => {
    expect(encodeSlot(slot)).toBe(text);
    expect(parseSlot(text)).toEqual(slot);
  });

  it.each(['due', '', 'head:', 'head:2026-13-01', 'failed:x', 'failed:0', 'later:2026-11-20', 'before-:2026-11-20'])(
    'reads text it never writes (%j) as no slot rather than guessing',
    (text) => {
      expect(parseSlot(text)).toBeUndefined();
    },
  );
});
