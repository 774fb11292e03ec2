// The calendar and the duty catalogue, from CALENDAR_FILE / DUTIES_FILE or the shipped files.
// A broken file throws a YamlFileError naming the file, the line and the reason: start-up stops.
import type { Config } from '../config/config.ts';
import { loadCalendarFile, SHIPPED_CALENDAR_FILE } from '../domain/calendar/announcements.ts';
import { WorkCalendar } from '../domain/calendar/work-calendar.ts';
import { loadDutyCatalogue } from '../domain/duties/catalogue.ts';
import type { ReferenceData } from '../domain/reference-data.ts';

export function loadReferenceData(config: Pick<Config, 'CALENDAR_FILE' | 'DUTIES_FILE'>): ReferenceData {
  return {
    calendar: new WorkCalendar(loadCalendarFile(config.CALENDAR_FILE)),
    catalogue: loadDutyCatalogue(config.DUTIES_FILE),
    calendarFile: config.CALENDAR_FILE ?? SHIPPED_CALENDAR_FILE,
  };
}

/**
 * The same, each file read and checked when first used (an unusable file still throws then): a
 * short CLI command that needs neither, or only the calendar, does not pay for parsing both.
 */
export function lazyReferenceData(config: Pick<Config, 'CALENDAR_FILE' | 'DUTIES_FILE'>): ReferenceData {
  let calendar: WorkCalendar | undefined;
  let catalogue: ReturnType<typeof loadDutyCatalogue> | undefined;
  return {
    get calendar() {
      return (calendar ??= new WorkCalendar(loadCalendarFile(config.CALENDAR_FILE)));
    },
    get catalogue() {
      return (catalogue ??= loadDutyCatalogue(config.DUTIES_FILE));
    },
    calendarFile: config.CALENDAR_FILE ?? SHIPPED_CALENDAR_FILE,
  };
}
