// Zalo invitations are spread out: a gap between two, a cap per day, working hours on working days.
import { describe, expect, it } from 'vitest';
import { expectedFinish, scheduleInvitations, type InvitationPace } from '../../src/domain/invitation-schedule.ts';
import { dayOfWeek, formatVietnamTime, type LocalDate } from '../../src/domain/local-date.ts';

const MINUTE = 60_000;
const weekdays = (date: LocalDate) => dayOfWeek(date) >= 1 && dayOfWeek(date) <= 5;
const pace = (overrides: Partial<InvitationPace> = {}): InvitationPace => ({
  spacingMs: 10 * MINUTE,
  dailyCap: 30,
  hours: ['07:30', '17:00'],
  isWorkingDay: weekdays,
  ...overrides,
});
const empty = { lastSlot: undefined, perDay: new Map<LocalDate, number>() };
const times = (slots: Date[]) => slots.map(formatVietnamTime);

describe('when Zalo invitations may go', () => {
  it('spaces invitations queued on a Monday morning by the configured gap, the first at once', () => {
    const slots = scheduleInvitations(3, new Date('2026-11-23T08:00:00+07:00'), empty, pace());
    expect(times(slots)).toEqual(['23/11/2026 08:00', '23/11/2026 08:10', '23/11/2026 08:20']);
  });

  it('queues after the invitations already waiting, never at the same time as one', () => {
    const backlog = {
      lastSlot: new Date('2026-11-23T09:00:00+07:00'),
      perDay: new Map([['2026-11-23' as LocalDate, 7]]),
    };
    const slots = scheduleInvitations(2, new Date('2026-11-23T08:00:00+07:00'), backlog, pace());
    expect(times(slots)).toEqual(['23/11/2026 09:10', '23/11/2026 09:20']);
  });

  it('moves to the next working day when the day is full, skipping the weekend', () => {
    const slots = scheduleInvitations(3, new Date('2026-11-27T16:00:00+07:00'), empty, pace({ dailyCap: 2 }));
    // Friday: 16:00 and 16:10 fill the day; Monday 30/11 opens at 07:30.
    expect(times(slots)).toEqual(['27/11/2026 16:00', '27/11/2026 16:10', '30/11/2026 07:30']);
  });

  it('waits for working hours: queued at night, the first goes when the office opens', () => {
    const slots = scheduleInvitations(
      2,
      new Date('2026-11-23T22:00:00+07:00'),
      empty,
      pace({ spacingMs: 60 * MINUTE }),
    );
    expect(times(slots)).toEqual(['24/11/2026 07:30', '24/11/2026 08:30']);
    const early = scheduleInvitations(1, new Date('2026-11-24T05:00:00+07:00'), empty, pace());
    expect(times(early)).toEqual(['24/11/2026 07:30']);
  });

  it('counts the day already used by sent invitations against the cap', () => {
    const backlog = {
      lastSlot: new Date('2026-11-23T07:40:00+07:00'),
      perDay: new Map([['2026-11-23' as LocalDate, 30]]),
    };
    const slots = scheduleInvitations(1, new Date('2026-11-23T08:00:00+07:00'), backlog, pace());
    expect(times(slots)).toEqual(['24/11/2026 07:30']);
  });

  it('spreads 37 invitations at 10 minutes over one working day (07:30–17:00 holds 57)', () => {
    const slots = scheduleInvitations(37, new Date('2026-11-23T08:00:00+07:00'), empty, pace({ dailyCap: 100 }));
    expect(formatVietnamTime(slots.at(-1)!)).toBe('23/11/2026 14:00');
  });

  it('with the defaults (10 minutes, 30 a day) 37 invitations end at 08:30 the next morning', () => {
    const slots = scheduleInvitations(37, new Date('2026-11-23T08:00:00+07:00'), empty, pace());
    expect(formatVietnamTime(slots[29]!)).toBe('23/11/2026 12:50');
    expect(formatVietnamTime(slots.at(-1)!)).toBe('24/11/2026 08:30');
  });
});

describe('when the waiting Zalo invitations should be done', () => {
  const at = (iso: string) => new Date(`${iso}+07:00`);
  const nothingSent = { today: 0 };

  it('is the last stored time while those times are still ahead', () => {
    const waiting = [at('2026-11-23T08:10:00'), at('2026-11-23T08:20:00')];
    const finish = expectedFinish(waiting, at('2026-11-23T08:00:00'), nothingSent, pace());
    expect(formatVietnamTime(finish!)).toBe('23/11/2026 08:20');
  });

  it('starts from now when the stored times passed while the bot was down, keeping spacing, hours and cap', () => {
    const waiting = [at('2026-11-20T16:40:00'), at('2026-11-20T16:50:00'), at('2026-11-20T17:00:00')];
    // Monday 16:45: one fits before 17:00 (16:45, 16:55), the third goes Tuesday at opening.
    const finish = expectedFinish(waiting, at('2026-11-23T16:45:00'), nothingSent, pace());
    expect(formatVietnamTime(finish!)).toBe('24/11/2026 07:30');
    const capped = expectedFinish(waiting, at('2026-11-23T08:00:00'), { today: 29 }, pace());
    expect(formatVietnamTime(capped!)).toBe('24/11/2026 07:40');
  });

  it('keeps the spacing after the last one sent', () => {
    const sent = { last: at('2026-11-23T08:05:00'), today: 1 };
    const finish = expectedFinish([at('2026-11-20T14:00:00')], at('2026-11-23T08:06:00'), sent, pace());
    expect(formatVietnamTime(finish!)).toBe('23/11/2026 08:15');
  });

  it('is nothing for an empty queue, and never in the past without a pace', () => {
    expect(expectedFinish([], at('2026-11-23T08:00:00'), nothingSent, pace())).toBeUndefined();
    const finish = expectedFinish([at('2026-11-20T14:00:00')], at('2026-11-23T08:00:00'), nothingSent, undefined);
    expect(formatVietnamTime(finish!)).toBe('23/11/2026 08:00');
  });
});
