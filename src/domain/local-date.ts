// Business dates are calendar dates in Vietnam (Asia/Ho_Chi_Minh), held as `YYYY-MM-DD` strings:
// they compare correctly as strings and no server time zone can shift them. Arithmetic counts
// days since 1970-01-01 with the Date UTC methods only: local-time Dates would follow the server's
// TZ, where a daylight-saving change makes "add one day" return the same day; and TZDate('UTC')
// asks Intl for an offset on every call, which made loading the calendar a third of a CLI start.
const MS_PER_DAY = 86_400_000;
/**
 * Vietnam has kept UTC+7, without daylight saving, since 1975 (the lunar calendar is computed at
 * UTC+7 too): a fixed offset gives the Vietnam date of any instant we handle, without loading the
 * time-zone database (the first Intl time-zone call costs ~30 ms of every CLI start).
 * tests/core/local-date.test.ts checks it against @date-fns/tz.
 */
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

export const VIETNAM_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** A local calendar date, `YYYY-MM-DD`. */
export type LocalDate = string & { readonly __localDate: unique symbol };

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const VIETNAMESE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

function fromParts(year: number, month: number, day: number): LocalDate | undefined {
  const utc = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || year > 2199) return undefined;
  if (utc.getUTCFullYear() !== year || utc.getUTCMonth() !== month - 1 || utc.getUTCDate() !== day) {
    return undefined;
  }
  return toLocalDate(utc);
}

/**
 * The years a person may write (chat, CLI, imports): a year outside is a typo (1900, 2199), and
 * the calendar's holiday rules are only checked for these years. Internal arithmetic (the
 * calendar, deadlines) may still compute outside.
 */
export const FIRST_PERSON_YEAR = 2000;
export const LAST_PERSON_YEAR = 2100;

export function isPersonYear(year: number): boolean {
  return year >= FIRST_PERSON_YEAR && year <= LAST_PERSON_YEAR;
}

/** Any real date, `YYYY-MM-DD` or `dd/MM/yyyy`, whatever its year. */
function readCalendarDate(text: string): LocalDate | undefined {
  const trimmed = text.trim();
  const iso = ISO.exec(trimmed);
  if (iso) return fromParts(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const vn = VIETNAMESE.exec(trimmed);
  if (vn) return fromParts(Number(vn[3]), Number(vn[2]), Number(vn[1]));
  return undefined;
}

/**
 * A date a person wrote: `YYYY-MM-DD` or `dd/MM/yyyy` (also `d/M/yyyy`), in 2000–2100; undefined
 * when not a real date or outside those years (`dateRangeMessage` then says so).
 */
export function parseLocalDate(text: string): LocalDate | undefined {
  const date = readCalendarDate(text);
  return date && isPersonYear(dateParts(date).year) ? date : undefined;
}

/** "Ngày 01/01/1900 nằm ngoài khoảng 2000–2100." when `text` is a real date outside the years a person may write. */
export function dateRangeMessage(text: string): string | undefined {
  const date = readCalendarDate(text);
  if (!date || isPersonYear(dateParts(date).year)) return undefined;
  return yearRangeMessage(`Ngày ${formatVietnamese(date)}`);
}

/** "<what> nằm ngoài khoảng 2000–2100." */
export function yearRangeMessage(what: string): string {
  return `${what} nằm ngoài khoảng ${FIRST_PERSON_YEAR}–${LAST_PERSON_YEAR}.`;
}

/** A stored or configured `YYYY-MM-DD` date (any year the calendar computes). */
export function isLocalDate(text: string): text is LocalDate {
  return ISO.test(text) && readCalendarDate(text) === text;
}

export function localDate(year: number, month: number, day: number): LocalDate {
  const value = fromParts(year, month, day);
  if (!value) throw new RangeError(`not a calendar date: ${year}-${month}-${day}`);
  return value;
}

function toLocalDate(utcMidnight: Date): LocalDate {
  return utcMidnight.toISOString().slice(0, 10) as LocalDate;
}

/** Days since 1970-01-01 (negative before). */
function epochDay(date: LocalDate): number {
  const { year, month, day } = dateParts(date);
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return toLocalDate(new Date((epochDay(date) + days) * MS_PER_DAY));
}

export function daysBetween(from: LocalDate, to: LocalDate): number {
  return epochDay(to) - epochDay(from);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: LocalDate): number {
  return new Date(epochDay(date) * MS_PER_DAY).getUTCDay();
}

export function dateParts(date: LocalDate): { year: number; month: number; day: number } {
  const [, y, m, d] = ISO.exec(date)!;
  return { year: Number(y), month: Number(m), day: Number(d) };
}

/** The Vietnam calendar date at an instant, whatever the server's TZ. */
export function vietnamDateOf(instant: Date): LocalDate {
  return toLocalDate(new Date(instant.getTime() + VIETNAM_OFFSET_MS));
}

/** `23/11/2026 08:00`: an instant as officials read it, Vietnam time whatever the server's TZ. */
export function formatVietnamTime(instant: Date): string {
  const local = new Date(instant.getTime() + VIETNAM_OFFSET_MS);
  const time = local.toISOString().slice(11, 16);
  return `${formatVietnamese(toLocalDate(local))} ${time}`;
}

/** `HH:mm dd/MM`, Vietnam time: a moment within the next days, short enough for a progress line. */
export function formatVietnamTimeShort(instant: Date): string {
  const [date = '', time = ''] = formatVietnamTime(instant).split(' ');
  return `${time} ${date.slice(0, 5)}`;
}

/** `dd/MM/yyyy`, as officials write dates. */
export function formatVietnamese(date: LocalDate): string {
  const { year, month, day } = dateParts(date);
  return `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`;
}

/** The instant a local wall-clock time in Vietnam happens (`HH:mm` on `date`). */
export function vietnamInstant(date: LocalDate, time = '00:00'): Date {
  const { year, month, day } = dateParts(date);
  const [hours, minutes] = time.split(':').map(Number);
  return new Date(Date.UTC(year, month - 1, day, hours ?? 0, minutes ?? 0) - VIETNAM_OFFSET_MS);
}
