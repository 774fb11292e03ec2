// The calendar and the duty catalogue, from CALENDAR_FILE / DUTIES_FILE or the shipped files.
// A broken file throws a YamlFileError naming the file, the line and the reason: start-up stops.
import type { Config } from '../config/config.ts';
import { loadCalendarFile } from '../domain/calendar/announcements.ts';
import { WorkCalendar } from '../domain/calendar/work-calendar.ts';
import { loadDutyCatalogue } from '../domain/duties/catalogue.ts';
import type { ReferenceData } from '../domain/reference-data.ts';

export function loadReferenceData(config: Pick<Config, 'CALENDAR_FILE' | 'DUTIES_FILE'>): ReferenceData {
  return {
    calendar: new WorkCalendar(loadCalendarFile(config.CALENDAR_FILE)),
    catalogue: loadDutyCatalogue(config.DUTIES_FILE),
  };
}
