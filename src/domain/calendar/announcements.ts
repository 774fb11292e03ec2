// config/calendar.yaml: the statutory holidays (`holidays`), the years whose official
// announcement (thông báo nghỉ lễ, Tết) is in the file (`announced`; any other year is
// provisional), and what those announcements change: `daysOff` adds days off, `workingDays` makes
// days working days (làm bù) and wins over all. Contradictions are refused with file and line.
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { addDays, daysBetween, type LocalDate } from '../local-date.ts';
import { holidaysSectionSchema, type HolidayRule } from './holiday-rules.ts';
import { findContradiction, type CalendarEntries } from './contradictions.ts';
import {
  localDateSchema,
  parseYamlWithSchema,
  requiredText,
  readYamlFileWithSchema,
  shapeSwitch,
  YamlFileError,
} from '../yaml-file.ts';

export class CalendarFileError extends YamlFileError {}

export const SHIPPED_CALENDAR_FILE = fileURLToPath(new URL('../../../config/calendar.yaml', import.meta.url));

export interface AnnouncedDay {
  date: LocalDate;
  name: string;
}

export interface AnnouncedYear {
  year: number;
  /** The document that announced the year's days off (số, ngày, cơ quan). */
  source: string;
}

export interface CalendarAnnouncements {
  daysOff: AnnouncedDay[];
  workingDays: AnnouncedDay[];
  /** The statutory holidays; when absent, those of the shipped config/calendar.yaml. */
  holidays?: readonly HolidayRule[];
  /** Years whose announcement is in the file; absent: none (every year provisional). */
  announcedYears?: readonly AnnouncedYear[];
}

export const NO_ANNOUNCEMENTS: CalendarAnnouncements = { daysOff: [], workingDays: [] };

// A longer range is almost certainly a typo in a year (2026-02-14 … 2027-02-22).
const MAX_RANGE_DAYS = 31;

const nameSchema = requiredText('tên (name)');

const singleDaySchema = z.strictObject({ date: localDateSchema, name: nameSchema });

const rangeSchema = z
  .strictObject({ from: localDateSchema, to: localDateSchema, name: nameSchema })
  .superRefine((range, ctx) => {
    const length = daysBetween(range.from, range.to);
    if (length < 0)
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: `ngày kết thúc ${range.to} trước ngày bắt đầu ${range.from}`,
      });
    if (length >= MAX_RANGE_DAYS)
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: `khoảng ngày dài hơn ${MAX_RANGE_DAYS} ngày, kiểm tra lại năm`,
      });
  });

function entrySchema(defaultName: string) {
  return shapeSwitch<AnnouncedDay[]>((input) => {
    if (typeof input === 'string') return localDateSchema.transform((date) => [{ date, name: defaultName }]);
    if (typeof input !== 'object' || input === null || Array.isArray(input)) return undefined;
    if ('from' in input || 'to' in input) return rangeSchema.transform(expandRange);
    return singleDaySchema.transform((day) => [day]);
  }, 'mỗi mục phải là ngày YYYY-MM-DD, { date, name } hoặc { from, to, name }');
}

function expandRange(range: { from: LocalDate; to: LocalDate; name: string }): AnnouncedDay[] {
  const length = daysBetween(range.from, range.to);
  return Array.from({ length: length + 1 }, (_, index) => ({ date: addDays(range.from, index), name: range.name }));
}

const announcedYearSchema = z.strictObject({
  year: z.int({ error: 'năm phải là số nguyên' }).min(2000).max(2100),
  source: requiredText('văn bản thông báo (source)'),
});

const calendarFileSchema = z
  .strictObject({
    holidays: holidaysSectionSchema.optional(),
    announced: z.array(announcedYearSchema).nullish(),
    daysOff: z.array(entrySchema('Nghỉ theo thông báo')).nullish(),
    workingDays: z.array(entrySchema('Ngày làm việc theo thông báo (làm bù)')).nullish(),
  })
  .nullish()
  .transform((file): CalendarEntries => ({
    ...(file?.holidays ? { holidays: file.holidays } : {}),
    ...(file?.announced ? { announcedYears: file.announced } : {}),
    daysOff: file?.daysOff ?? [],
    workingDays: file?.workingDays ?? [],
  }));

function flatten(entries: CalendarEntries): CalendarAnnouncements {
  return { ...entries, daysOff: entries.daysOff.flat(), workingDays: entries.workingDays.flat() };
}

/** Parses calendar YAML text; `file` only names the source in errors. */
export function parseCalendarYaml(text: string, file: string): CalendarAnnouncements {
  return flatten(parseYamlWithSchema(text, file, calendarFileSchema, CalendarFileError, findContradiction));
}

/** Reads and validates a calendar file; throws CalendarFileError naming file, line and reason. */
export function loadCalendarFile(path: string = SHIPPED_CALENDAR_FILE): CalendarAnnouncements {
  return flatten(readYamlFileWithSchema(path, calendarFileSchema, CalendarFileError, findContradiction));
}

let shippedRules: readonly HolidayRule[] | undefined;

/** The statutory holidays of the shipped config/calendar.yaml (read once). */
export function shippedHolidayRules(): readonly HolidayRule[] {
  shippedRules ??= loadCalendarFile(SHIPPED_CALENDAR_FILE).holidays;
  if (!shippedRules) throw new CalendarFileError(SHIPPED_CALENDAR_FILE, undefined, 'thiếu mục holidays');
  return shippedRules;
}
