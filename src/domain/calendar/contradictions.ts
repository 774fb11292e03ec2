// A calendar file whose entries contradict each other is refused, naming the entry and the
// line of the one it contradicts: guessing which one the office meant would move deadlines.
import { dateParts, formatVietnamese } from '../local-date.ts';
import type { PathItem, YamlProblem } from '../yaml-file.ts';
import type { AnnouncedDay, AnnouncedYear } from './announcements.ts';
import type { HolidayRule } from './holiday-rules.ts';

/** The calendar file as parsed, each item still one entry (a range is one entry of many days). */
export interface CalendarEntries {
  holidays?: readonly HolidayRule[];
  announcedYears?: readonly AnnouncedYear[];
  daysOff: AnnouncedDay[][];
  workingDays: AnnouncedDay[][];
}

// "Tết Nguyên đán" / "Tết Âm lịch", not "Tết Dương lịch".
const LUNAR_NEW_YEAR = /t[eế]t\s+(nguy[eê]n\s+[dđ][aá]n|[aâ]m\s+l[iị]ch)/iu;

export function findContradiction(
  entries: CalendarEntries,
  lineOf: (path: PathItem[]) => number,
): YamlProblem | undefined {
  const seenYears = new Map<number, number>();
  for (const [index, announced] of (entries.announcedYears ?? []).entries()) {
    const earlier = seenYears.get(announced.year);
    if (earlier !== undefined)
      return {
        path: ['announced', index],
        reason: `năm ${announced.year} đã khai báo ở dòng ${lineOf(['announced', earlier])}`,
      };
    seenYears.set(announced.year, index);
  }

  const offAt = new Map<string, number>();
  const tetRangeOf = new Map<number, number>();
  for (const [index, days] of entries.daysOff.entries()) {
    for (const day of days) {
      const earlier = offAt.get(day.date);
      if (earlier !== undefined)
        return {
          path: ['daysOff', index],
          reason: `ngày ${formatVietnamese(day.date)} đã là ngày nghỉ ở dòng ${lineOf(['daysOff', earlier])}`,
        };
      offAt.set(day.date, index);
    }
    if (days.length > 1 && LUNAR_NEW_YEAR.test(days[0]!.name)) {
      const year = dateParts(days[0]!.date).year;
      const earlier = tetRangeOf.get(year);
      if (earlier !== undefined)
        return {
          path: ['daysOff', index],
          reason: `năm ${year} có hai kỳ nghỉ Tết Nguyên đán (kỳ kia ở dòng ${lineOf(['daysOff', earlier])})`,
        };
      tetRangeOf.set(year, index);
    }
  }

  const workingAt = new Map<string, number>();
  for (const [index, days] of entries.workingDays.entries()) {
    for (const day of days) {
      const off = offAt.get(day.date);
      if (off !== undefined)
        return {
          path: ['workingDays', index],
          reason: `ngày ${formatVietnamese(day.date)} vừa là ngày làm việc vừa là ngày nghỉ (daysOff, dòng ${lineOf(['daysOff', off])})`,
        };
      const earlier = workingAt.get(day.date);
      if (earlier !== undefined)
        return {
          path: ['workingDays', index],
          reason: `ngày ${formatVietnamese(day.date)} đã là ngày làm việc ở dòng ${lineOf(['workingDays', earlier])}`,
        };
      workingAt.set(day.date, index);
    }
  }
  return undefined;
}
