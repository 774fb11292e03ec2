// Zalo invitations are spread out: a gap between two, a cap per day, working hours on working days.
import { describe, expect, it } from 'vitest';
import { scheduleInvitations, type InvitationPace } from '../../src/domain/invitation-schedule.ts';
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
