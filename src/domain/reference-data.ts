// The reference data every deadline computation needs: the work calendar (holidays, make-up
// working days) and the duty catalogue. Loaded once at start-up (src/app/reference-data.ts).
import type { WorkCalendar } from './calendar/work-calendar.ts';
import type { DutyCatalogue } from './duties/catalogue.ts';

export interface ReferenceData {
  calendar: WorkCalendar;
  catalogue: DutyCatalogue;
  /** Where the calendar came from (CALENDAR_FILE or the shipped file), to tell admins what to edit. */
  calendarFile?: string;
}
