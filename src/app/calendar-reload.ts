// The running bot follows the calendar file. At start, and whenever the file changes on disk or
// another process (`calendar reload`) has dated the tasks with a different calendar, it reads the
// file again, swaps the calendar every part of the bot reads (reference.calendar), and runs the
// deadline sync — idempotent, so the CLI and the bot running it both move each task once. A
// broken file is logged and the calendar in use is kept.
import { statSync } from 'node:fs';
import { loadCalendarFile, SHIPPED_CALENDAR_FILE } from '../domain/calendar/announcements.ts';
import { WorkCalendar } from '../domain/calendar/work-calendar.ts';
import type { Clock } from '../domain/clock.ts';
import type { LogSink } from '../domain/log-sink.ts';
import { vietnamDateOf } from '../domain/local-date.ts';
import { systemActor } from '../domain/model.ts';
import type { ReferenceData } from '../domain/reference-data.ts';
import { readSetting } from '../db/store/settings.ts';
import type { Store } from '../db/store/store.ts';
import {
  CALENDAR_FINGERPRINT_KEY,
  currentCalendarFingerprint,
  syncDeadlinesWithCalendar,
} from '../services/deadline-sync.ts';

interface ReloadDeps {
  db: Store;
  clock: Clock;
  reference: ReferenceData;
  logger: LogSink;
}

/** Dates the tasks with the loaded calendar (at start); returns the check to run each sweep. */
export async function followCalendarFile(deps: ReloadDeps): Promise<() => Promise<void>> {
  const file = deps.reference.calendarFile ?? SHIPPED_CALENDAR_FILE;
  let fileStamp = stampOf(file);
  await sync(deps, 'start');
  // Our calendar's fingerprint changes only with the calendar or the year: not worked out each minute.
  let cached: { calendar: WorkCalendar; year: string; fingerprint: string } | undefined;
  const ourFingerprint = (): string => {
    const now = deps.clock.now();
    const year = vietnamDateOf(now).slice(0, 4);
    if (cached?.calendar !== deps.reference.calendar || cached.year !== year)
      cached = {
        calendar: deps.reference.calendar,
        year,
        fingerprint: currentCalendarFingerprint(deps.reference.calendar, now),
      };
    return cached.fingerprint;
  };
  return async () => {
    const stamp = stampOf(file);
    const recorded = await readSetting(deps.db, CALENDAR_FINGERPRINT_KEY);
    const ours = ourFingerprint();
    if (stamp === fileStamp && recorded === ours) return;
    fileStamp = stamp;
    try {
      deps.reference.calendar = new WorkCalendar(loadCalendarFile(file));
    } catch (error) {
      deps.logger.error({ err: error, file }, 'calendar file changed but cannot be read; keeping the calendar in use');
      return;
    }
    deps.logger.info({ file }, 'calendar file reloaded');
    await sync(deps, 'reload');
  };
}

async function sync(deps: ReloadDeps, when: 'start' | 'reload'): Promise<void> {
  const report = await syncDeadlinesWithCalendar(deps.db, deps.reference, {
    now: deps.clock.now(),
    actor: systemActor('scheduler'),
  });
  if (report.backfilled > 0)
    deps.logger.info({ tasks: report.backfilled }, 'legal due dates computed for existing tasks');
  if (report.moves.length > 0)
    deps.logger.info(
      { when, moved: report.moves.map((move) => move.taskId) },
      'task dates follow the changed calendar',
    );
}

function stampOf(file: string): string {
  try {
    const stat = statSync(file);
    return `${stat.mtimeMs}:${stat.size}`;
  } catch {
    return 'missing';
  }
}
