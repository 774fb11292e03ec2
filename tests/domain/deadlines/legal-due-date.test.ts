// Issue #11: the two dates of a deadline on the shipped calendar. The target is where the office
// aims (a day off moves it back); the legal due date is the last day of the limit moved forward
// past days off (Civil Code 2015 Art. 148(5)). Days the announcements make working days (làm bù
// Saturdays) count as working days for both.
import { describe, expect, it } from 'vitest';
import { loadCalendarFile, SHIPPED_CALENDAR_FILE } from '../../../src/domain/calendar/announcements.ts';
import { WorkCalendar } from '../../../src/domain/calendar/work-calendar.ts';
import { deadlineAtAnchor, type AnchorMode } from '../../../src/domain/deadlines/deadline.ts';
import { standingOf, workingDaysAfter } from '../../../src/domain/deadlines/standing.ts';
import type { LocalDate } from '../../../src/domain/local-date.ts';

const calendar = new WorkCalendar(loadCalendarFile(SHIPPED_CALENDAR_FILE));
const date = (text: string) => text as LocalDate;

describe('the target and the legal due date', () => {
  it.each<[string, AnchorMode, string, string, string]>([
    // Tết Bính Ngọ 14–22/2/2026: aim before it, legally due the first working day after.
    ['trước ngày 20/02/2026 (Tết)', 'before', '2026-02-20', '2026-02-13', '2026-02-23'],
    // 30/4–1/5/2026 (Thursday, Friday) and the weekend after.
    ['chậm nhất ngày 01/05/2026 (Quốc tế lao động)', 'noLaterThan', '2026-05-01', '2026-04-29', '2026-05-04'],
    ['trước ngày 02/05/2026 (the last day is 1/5)', 'before', '2026-05-02', '2026-04-29', '2026-05-04'],
    // 2/9/2026: 29/8–2/9 off (Thông báo 9441/TB-BNV), Monday 31/8 swapped for Saturday 22/8.
    ['chậm nhất ngày 31/08/2026 (swapped Monday)', 'noLaterThan', '2026-08-31', '2026-08-28', '2026-09-03'],
    ['chậm nhất ngày 02/09/2026 (Quốc khánh)', 'noLaterThan', '2026-09-02', '2026-08-28', '2026-09-03'],
    // Swapped Saturdays are working days: a limit ending on one ends there.
    ['trước ngày 23/08/2026 (Saturday 22/8 worked)', 'before', '2026-08-23', '2026-08-22', '2026-08-22'],
    ['chậm nhất ngày 10/01/2026 (Saturday 10/1 worked)', 'noLaterThan', '2026-01-10', '2026-01-10', '2026-01-10'],
    // A Sunday after a provisional 2/9 (Thursday 2/9/2027, the extra day Friday 3/9 by precedent).
    ['chậm nhất ngày 05/09/2027 (Sunday)', 'noLaterThan', '2027-09-05', '2027-09-01', '2027-09-06'],
    // A working day: one date.
    ['trước ngày 20/11/2026 (Friday)', 'before', '2026-11-20', '2026-11-19', '2026-11-19'],
  ])('%s', (_words, mode, anchor, targetDate, dueDate) => {
    expect(deadlineAtAnchor(mode, date(anchor), calendar)).toEqual({ targetDate, dueDate });
  });

  it('counts lateness and time left in working days, Tết and weekends excluded', () => {
    const february = { targetDate: date('2026-02-13'), dueDate: date('2026-02-23') };
    expect(standingOf(february, date('2026-02-10'), calendar)).toEqual({ kind: 'ahead', workingDaysLeft: 3 });
    expect(standingOf(february, date('2026-02-13'), calendar)).toEqual({ kind: 'target-today' });
    expect(standingOf(february, date('2026-02-16'), calendar)).toEqual({ kind: 'grace' });
    expect(standingOf(february, date('2026-02-23'), calendar)).toEqual({ kind: 'grace' });
    expect(standingOf(february, date('2026-02-24'), calendar)).toEqual({ kind: 'overdue', workingDaysLate: 1 });
    // Friday 27/2 → Monday 2/3: one working day, not three days.
    expect(workingDaysAfter(date('2026-02-27'), date('2026-03-02'), calendar)).toBe(1);
  });
});
