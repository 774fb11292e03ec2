// While a year's days off are only provisional (no official announcement in the calendar file),
// the start-up log says so and the office admins get a chat notice once a week: which year, what
// to add, where. The notice is keyed by year and week in the database, so restarts and several
// processes still send it once.
import { SHIPPED_CALENDAR_FILE } from '../domain/calendar/announcements.ts';
import { provisionalYearAdvice, weeklyWarningKey, yearsToWarnAbout } from '../domain/calendar/upkeep.ts';
import type { Clock } from '../domain/clock.ts';
import type { LogSink } from '../domain/log-sink.ts';
import { vietnamDateOf, type LocalDate } from '../domain/local-date.ts';
import type { ReferenceData } from '../domain/reference-data.ts';
import { queueAdminNoticeOnce } from '../db/store/notices.ts';
import type { Store } from '../db/store/store.ts';

type UpkeepDeps = { clock: Clock; reference: ReferenceData; logger: LogSink };

/** Logs a warning for each provisional year the admins should hear about today. */
export function warnOfProvisionalYears({ clock, reference, logger }: UpkeepDeps): void {
  const { calendar, calendarFile = SHIPPED_CALENDAR_FILE } = reference;
  for (const year of yearsToWarnAbout(calendar, vietnamDateOf(clock.now()))) {
    logger.warn(
      { year, file: calendarFile, example: `announced: [{ year: ${year}, source: "Thông báo số …" }]` },
      provisionalYearAdvice(calendar, year, calendarFile),
    );
  }
}

/** Queues this week's admin notice per provisional year; looks once per Vietnam day. */
export function weeklyProvisionalNotice(deps: UpkeepDeps & { db: Store }): () => Promise<void> {
  const { calendarFile = SHIPPED_CALENDAR_FILE } = deps.reference;
  let checkedOn: LocalDate | undefined;
  return async () => {
    // Read each time: a reloaded calendar file may have announced the year.
    const calendar = deps.reference.calendar;
    const today = vietnamDateOf(deps.clock.now());
    if (checkedOn === today) return;
    for (const year of yearsToWarnAbout(calendar, today)) {
      const text = `⚠️ ${provisionalYearAdvice(calendar, year, calendarFile)}`;
      const queued = await queueAdminNoticeOnce(deps.db, text, weeklyWarningKey(year, today), deps.clock.now());
      if (queued > 0) deps.logger.info({ year, admins: queued }, 'provisional calendar notice queued for the admins');
    }
    checkedOn = today;
  };
}
