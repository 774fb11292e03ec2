import { afterEach, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/local-date.ts';
import { WorkCalendar } from '../../src/domain/calendar/work-calendar.ts';
import { day } from '../domain/helpers.ts';

const originalTimeZone = process.env.TZ;

describe('calendar-day stepping', () => {
  afterEach(() => {
    if (originalTimeZone === undefined) delete process.env.TZ;
    else process.env.TZ = originalTimeZone;
  });

  it('steps forward and back across month and year ends', () => {
    expect(addDays(day('2024-02-28'), 1)).toBe('2024-02-29');
    expect(addDays(day('2025-12-31'), 1)).toBe('2026-01-01');
    expect(addDays(day('2026-01-01'), -1)).toBe('2025-12-31');
    expect(addDays(day('2025-03-03'), 10)).toBe('2025-03-13');
  });

  // Node re-reads TZ when it changes, so this reproduces a US-hosted server whatever TZ the suite runs in.
  it('does not lose a day over a daylight-saving change of the server time zone', () => {
    process.env.TZ = 'America/New_York';
    expect(addDays(day('2025-03-09'), 1)).toBe('2025-03-10');
    expect(addDays(day('2025-11-02'), 1)).toBe('2025-11-03');
    expect(new WorkCalendar().nextWorkingDayOnOrAfter(day('2025-03-08'))).toBe('2025-03-10');
  });
});
