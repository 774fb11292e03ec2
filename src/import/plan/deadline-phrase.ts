// The deadline column of a plan's appendix ("Thời gian hoàn thành"), read as the plans word it.
// Pure: text in, meaning out; the work calendar only comes in to turn a one-off into a due date.
//
//   once       "Trước ngày 20/02/2025", "Chậm nhất đến ngày 20/02/2024", "Tháng 03/2025", "Quý II/2025",
//              "Năm 2025", "6 tháng đầu năm 2025" → one task; a month/quarter/year means its last day.
//   recurring  "Hằng tháng", "Trước ngày 25 hằng tháng", "Hàng quý", "ngày 19 của tháng cuối quý",
//              "trước ngày 14/12" (no year) → a rule for the duty catalogue, not a one-off task.
//   event      "Chậm nhất sau 10 ngày kể từ …", "Trước 01 ngày của hồ sơ đến hạn …" → counted from an
//              event. "N ngày" counts working days, as config/duties.yaml reads the same clauses
//              (time limits for TTHC work are in working days).
//   none       "Thường xuyên", "Khi có phát sinh", "Theo Kế hoạch của UBND tỉnh", empty → kept, reported,
//              never reminded.
//   unknown    anything else, with the reason: the row is refused, never guessed.
//
// Matching runs on a folded copy of the same length (no diacritics, lower case), so "hằng"/"hàng",
// "Quy II" and OCR text without diacritics all match, and the event's words can still be cut out of
// the original text with the same indices. A few OCR misreadings seen in the seeds are accepted
// ("Trudc", "Truge", "nhét", "c6").
import type { WorkCalendar } from '../../domain/calendar/work-calendar.ts';
import {
  deadlineAtAnchor,
  type AnchorMode,
  type Deadline,
  type DeadlineBasis,
} from '../../domain/deadlines/deadline.ts';
import {
  describeRule,
  type DueMode,
  type EventRule,
  type QuarterlyRule,
  type RecurringRule,
} from '../../domain/deadlines/rules.ts';
import {
  formatVietnamese,
  isPersonYear,
  localDate,
  yearRangeMessage,
  type LocalDate,
} from '../../domain/local-date.ts';

export type OnceMode = AnchorMode;
export type Cadence = 'week' | 'month' | 'quarter' | 'half-year' | 'year' | 'unspecified';
export type RecurringRuleKind = RecurringRule['kind'];

/** The catalogue rule kind (README "Rule kinds") an office writes for a cadence; none for "định kỳ" alone. */
const RULE_KIND_OF: Record<Cadence, RecurringRuleKind | undefined> = {
  week: 'weekly',
  month: 'monthly',
  quarter: 'quarterly',
  'half-year': 'halfYearly',
  year: 'yearly',
  unspecified: undefined,
};
export type NoDeadlineKind = 'empty' | 'continuous' | 'on-occurrence' | 'per-other-document';

export type DeadlinePhrase =
  | { kind: 'once'; mode: OnceMode; anchor: LocalDate; label: string }
  | { kind: 'recurring'; cadence: Cadence; ruleKind?: RecurringRuleKind; rule?: RecurringRule; label: string }
  | { kind: 'event'; rule: EventRule; label: string }
  | { kind: 'none'; why: NoDeadlineKind; label: string }
  | { kind: 'unknown'; reason: string };

/**
 * A one-off plan date's two dates: "trước ngày X" aims at the last working day before X, and the
 * limit legally ends on X − 1 moved forward past days off; "chậm nhất ngày X" likewise from X.
 */
export function onceDeadline(
  phrase: Extract<DeadlinePhrase, { kind: 'once' }>,
  calendar: WorkCalendar,
): Deadline & { deadlineBasis: DeadlineBasis } {
  return {
    ...deadlineAtAnchor(phrase.mode, phrase.anchor, calendar),
    deadlineBasis: { kind: phrase.mode, anchor: phrase.anchor },
  };
}

const BEFORE = '(?:truoc|trudc|truge|truec)';
const NO_LATER = '(?:cham nh[ae]t|han chot|khong muon hon|khong qua)';
const MONTH = '(?:thang|theang)';
const DATE = /(\d{1,2}) ?[/.-] ?(\d{1,2}) ?[/.-] ?(\d{4})/g;
const QUARTERS: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, '1': 1, '2': 2, '3': 3, '4': 4 };
const ROMAN = ['I', 'II', 'III', 'IV'] as const;
/** "tháng đầu / giữa / cuối quý", folded. */
const MONTH_OF_QUARTER = { dau: 1, giua: 2, cuoi: 3 } as const;

/** One character in, one character out, so indices in the folded text are indices in the original. */
function foldSameLength(text: string): string {
  let folded = '';
  for (const char of text) {
    const base = char === 'đ' || char === 'Đ' ? 'd' : (char.normalize('NFKD')[0] ?? char);
    folded += base.toLowerCase().length === 1 ? base.toLowerCase() : base;
    // Astral characters are two UTF-16 units: keep the lengths equal.
    if (char.length === 2) folded += ' ';
  }
  return folded;
}

interface Text {
  original: string;
  folded: string;
}

function textOf(raw: string): Text {
  const original = raw.normalize('NFC').replace(/\s+/g, ' ').trim();
  return { original, folded: foldSameLength(original) };
}

export function parseDeadlinePhrase(raw: string): DeadlinePhrase {
  const phrase = parsePhrase(raw);
  if (phrase.kind !== 'recurring') return phrase;
  const ruleKind = phrase.rule?.kind ?? RULE_KIND_OF[phrase.cadence];
  return ruleKind ? { ...phrase, ruleKind } : phrase;
}

function parsePhrase(raw: string): DeadlinePhrase {
  const whole = textOf(raw);
  if (!whole.original) return { kind: 'none', why: 'empty', label: 'không ghi thời hạn' };
  // "(nếu có)", "(thời gian gửi báo cáo theo Thông tư …": read the main text first, then the
  // brackets, which sometimes hold the real deadline: "Thường xuyên (Trước 01 ngày của hồ sơ …)".
  const brackets = [...whole.original.matchAll(/\(([^)]*)(?:\)|$)/g)].map((match) => match[1] ?? '');
  const main = parseMain(textOf(whole.original.replace(/\([^)]*(?:\)|$)/g, ' ')));
  if (main.kind !== 'none' && main.kind !== 'unknown') return main;
  for (const inner of brackets) {
    const candidate = parseMain(textOf(inner));
    if (candidate.kind !== 'none' && candidate.kind !== 'unknown') return candidate;
  }
  if (main.kind === 'unknown') {
    const fallback = brackets.map((inner) => parseMain(textOf(inner))).find((candidate) => candidate.kind === 'none');
    if (fallback) return fallback;
  }
  return main;
}

function parseMain(text: Text): DeadlinePhrase {
  if (!text.folded) return { kind: 'none', why: 'empty', label: 'không ghi thời hạn' };
  return (
    eventPhrase(text) ??
    recurringWithDay(text.folded) ??
    oncePhrase(text.folded) ??
    recurringCadence(text.folded) ??
    noDeadline(text.folded) ?? { kind: 'unknown', reason: `không hiểu thời hạn "${text.original}"` }
  );
}

function eventPhrase({ original, folded }: Text): DeadlinePhrase | undefined {
  const after = /(\d{1,3}) ngay( lam viec)? (?:ke tu|ke tir|tinh tu|sau|tu) (.+)$/.exec(folded);
  const before =
    new RegExp(`${BEFORE} (\\d{1,3}) ngay( lam viec)? (?:tinh den|cua|so voi|truoc) (.+)$`).exec(folded) ??
    /(\d{1,3}) ngay( lam viec)? truoc (.+)$/.exec(folded);
  const match = after ?? before;
  if (!match) return undefined;
  const days = Number(match[1]);
  const event = original.slice(folded.length - (match[3] ?? '').length).trim();
  if (days < 1 || days > 365) return { kind: 'unknown', reason: `số ngày ${days} không hợp lệ trong "${original}"` };
  const rule: EventRule = { kind: after ? 'workingDaysAfter' : 'workingDaysBefore', days, event };
  return { kind: 'event', rule, label: describeRule(rule) };
}

function dueModeBefore(folded: string, index: number): DueMode | undefined {
  const prefix = folded.slice(Math.max(0, index - 40), index);
  if (new RegExp(BEFORE).test(prefix)) return 'before';
  if (new RegExp(NO_LATER).test(prefix)) return 'noLaterThan';
  return undefined;
}

function recurringWithDay(folded: string): DeadlinePhrase | undefined {
  const monthly = /(?:ngay )?(\d{1,2}) (?:cua )?hang thang/.exec(folded);
  if (monthly) {
    const day = Number(monthly[1]);
    if (day < 1 || day > 28)
      return { kind: 'unknown', reason: `ngày ${day} hằng tháng không có trong mọi tháng (chỉ 1–28)` };
    const rule: RecurringRule = { kind: 'monthly', due: dueModeBefore(folded, monthly.index) ?? 'on', day };
    return { kind: 'recurring', cadence: 'month', rule, label: describeRule(rule) };
  }
  const quarterly = new RegExp(
    `(?:ngay )?(\\d{1,2}) (?:cua )?${MONTH} (dau|giua|cuoi) (?:cua )?(?:moi |hang )?quy`,
  ).exec(folded);
  if (quarterly) {
    const day = Number(quarterly[1]);
    if (day < 1 || day > 28) return { kind: 'unknown', reason: `ngày ${day} của tháng trong quý phải từ 1 đến 28` };
    const monthOfQuarter = MONTH_OF_QUARTER[quarterly[2] as keyof typeof MONTH_OF_QUARTER];
    const rule: RecurringRule = {
      kind: 'quarterly',
      due: dueModeBefore(folded, quarterly.index) ?? 'on',
      day,
      monthOfQuarter,
    };
    return { kind: 'recurring', cadence: 'quarter', rule, label: describeRule(rule) };
  }
  const weekly = weeklyPhrase(folded);
  if (weekly) return weekly;
  if (/\d{1,2} hang quy\b/.test(folded)) {
    // "Trước ngày 10 hằng quý": which month of the quarter is not said; the catalogue must decide.
    return { kind: 'recurring', cadence: 'quarter', label: 'hằng quý (chưa rõ ngày của tháng nào trong quý)' };
  }
  return dayMonthList(folded);
}

const WEEKDAYS: Record<string, number> = { hai: 2, ba: 3, tu: 4, nam: 5, sau: 6, bay: 7, 'chu nhat': 8 };

/** "thứ Sáu hằng tuần", "trước thứ 6 hàng tuần", "hằng tuần vào thứ Hai". */
function weeklyPhrase(folded: string): DeadlinePhrase | undefined {
  const day = '(?:thu (hai|ba|tu|nam|sau|bay|[2-7])|(chu nhat))';
  const match =
    new RegExp(`${day} (?:cua )?(?:hang|moi) tuan`).exec(folded) ??
    new RegExp(`(?:hang|moi) tuan,? (?:vao )?(?:ngay )?${day}`).exec(folded);
  if (!match) return undefined;
  const name = match[2] ?? match[1]!;
  const weekday = /^\d$/.test(name) ? Number(name) : WEEKDAYS[name]!;
  const rule: RecurringRule = { kind: 'weekly', due: dueModeBefore(folded, match.index) ?? 'on', weekday };
  return { kind: 'recurring', cadence: 'week', rule, label: describeRule(rule) };
}

/**
 * "trước ngày 14/12" (no year) → yearly; "chậm nhất ngày 22/3, 22/6, 22/9, 22/12" → quarterly; the
 * same with one year written on each date (Gia Lai: "Báo cáo quý I chậm nhất ngày 22/3/2025; …")
 * is that year's schedule of the same rule.
 */
function dayMonthList(text: string): DeadlinePhrase | undefined {
  const dated = [...text.matchAll(/(\d{1,2})\/(\d{1,2})\/(\d{4})/g)];
  const oneYearSchedule = dated.length > 1 && new Set(dated.map((m) => m[3])).size === 1;
  if (oneYearSchedule) {
    // Only a regular schedule is a rule; "từ 01/03/2025 đến 30/06/2025" is one period.
    const schedule = dayMonthList(text.replace(/(\d{1,2})\/(\d{1,2})\/\d{4}/g, '$1/$2'));
    return schedule?.kind === 'recurring' && schedule.rule?.kind === 'quarterly' ? schedule : undefined;
  }
  const folded = text;
  if (/\d{1,2} ?[/.-] ?\d{1,2} ?[/.-] ?\d{4}/.test(folded)) return undefined;
  const pairs = [...folded.matchAll(/(?<![\d/])(\d{1,2})\/(\d{1,2})(?![\d/])/g)].map((m) => ({
    day: Number(m[1]),
    month: Number(m[2]),
    index: m.index,
  }));
  if (pairs.length === 0 || pairs.some((p) => p.month < 1 || p.month > 12 || p.day < 1 || p.day > 31)) return undefined;
  const first = pairs[0]!;
  const due = dueModeBefore(folded, first.index) ?? 'noLaterThan';
  if (pairs.length === 1) {
    if (first.day > 28 && first.month === 2)
      return { kind: 'unknown', reason: `ngày ${first.day}/2 không có trong mọi năm` };
    const rule: RecurringRule = { kind: 'yearly', due, month: first.month, day: first.day };
    return { kind: 'recurring', cadence: 'year', rule, label: describeRule(rule) };
  }
  const sameDay = pairs.every((p) => p.day === first.day) && first.day <= 28;
  // "15/6 và 15/12": the same day of each half-year (not two quarters of four).
  if (sameDay && pairs.length === 2 && pairs[1]!.month - first.month === 6) {
    const rule: RecurringRule = { kind: 'halfYearly', due, day: first.day, monthOfHalf: first.month };
    return { kind: 'recurring', cadence: 'half-year', rule, label: describeRule(rule) };
  }
  const monthOfQuarter = ((first.month - 1) % 3) + 1;
  if (sameDay && pairs.every((p) => ((p.month - 1) % 3) + 1 === monthOfQuarter)) {
    const quarters = [...new Set(pairs.map((p) => Math.ceil(p.month / 3)))];
    const rule: QuarterlyRule = {
      kind: 'quarterly',
      due,
      day: first.day,
      monthOfQuarter,
      ...(quarters.length < 4 ? { quarters } : {}),
    };
    return { kind: 'recurring', cadence: 'quarter', rule, label: describeRule(rule) };
  }
  return {
    kind: 'unknown',
    reason: `nhiều ngày không theo một quy luật: "${pairs.map((p) => `${p.day}/${p.month}`).join(', ')}"`,
  };
}

function endOfMonth(year: number, month: number): LocalDate {
  // Day 0 of the next month is the last day of this one.
  return localDate(year, month, new Date(Date.UTC(year, month, 0)).getUTCDate());
}

function validYear(year: number): boolean {
  return isPersonYear(year);
}

/**
 * "ngày 30 tháng 4 năm 2025" and an Excel date cell read as "2025-04-30" are dates too: written as
 * 30/4/2025 so one pattern reads them all.
 */
function numericDates(folded: string): string {
  return folded
    .replace(/(\d{1,2}) thang (\d{1,2}) nam (\d{4})/g, '$1/$2/$3')
    .replace(/\b(\d{4})-(\d{2})-(\d{2})\b/g, '$3/$2/$1');
}

function oncePhrase(original: string): DeadlinePhrase | undefined {
  const folded = numericDates(original);
  const dates = [...folded.matchAll(DATE)];
  if (dates.length > 0) {
    const isRange = dates.length === 2 && /\bden\b/.test(folded.slice(dates[0]!.index, dates[1]!.index));
    if (dates.length > 1 && !isRange)
      return { kind: 'unknown', reason: `có ${dates.length} ngày, không rõ hạn là ngày nào` };
    const match = dates[dates.length - 1]!;
    const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
    let anchor: LocalDate;
    try {
      anchor = localDate(year, month, day);
    } catch {
      return { kind: 'unknown', reason: `ngày ${match[0]} không có thật` };
    }
    if (!validYear(year)) return { kind: 'unknown', reason: yearRangeMessage(`ngày ${match[0]}`).replace(/\.$/, '') };
    const mode: OnceMode = !isRange && dueModeBefore(folded, match.index) === 'before' ? 'before' : 'noLaterThan';
    return {
      kind: 'once',
      mode,
      anchor,
      label: `${mode === 'before' ? 'trước ngày' : 'chậm nhất ngày'} ${formatVietnamese(anchor)}`,
    };
  }
  return periodPhrase(folded);
}

function periodPhrase(folded: string): DeadlinePhrase | undefined {
  const within = (anchor: LocalDate, words: string): DeadlinePhrase => ({
    kind: 'once',
    mode: 'noLaterThan',
    anchor,
    label: words,
  });
  const beforeStart = (anchor: LocalDate, words: string): DeadlinePhrase => ({
    kind: 'once',
    mode: 'before',
    anchor,
    label: words,
  });

  const half = /6 thang (dau|cuoi) nam (\d{4})/.exec(folded);
  if (half && validYear(Number(half[2]))) {
    const year = Number(half[2]);
    return half[1] === 'dau'
      ? within(localDate(year, 6, 30), `6 tháng đầu năm ${year}`)
      : within(localDate(year, 12, 31), `6 tháng cuối năm ${year}`);
  }
  const quarter = /quy (iv|iii|ii|i|[1-4])\b ?(?:[/-]|nam)? ?(?:nam )?(\d{4})/.exec(folded);
  if (quarter && validYear(Number(quarter[2]))) {
    const [q, year] = [QUARTERS[quarter[1]!]!, Number(quarter[2])];
    const words = `quý ${ROMAN[q - 1]}/${year}`;
    if (dueModeBefore(folded, quarter.index) === 'before')
      return beforeStart(localDate(year, q * 3 - 2, 1), `trước ${words}`);
    return within(endOfMonth(year, q * 3), `trong ${words}`);
  }
  const range = new RegExp(
    `(?:tu|tir) ${MONTH} (\\d{1,2}) den ${MONTH} (\\d{1,2}) ?(?:[/-]|nam) ?(?:nam )?(\\d{4})`,
  ).exec(folded);
  const month = range ?? new RegExp(`${MONTH} (\\d{1,2}) ?(?:[/-]|nam) ?(?:nam )?(\\d{4})`).exec(folded);
  if (month) {
    const [m, year] = range ? [Number(range[2]), Number(range[3])] : [Number(month[1]), Number(month[2])];
    if (m < 1 || m > 12 || !validYear(year)) return { kind: 'unknown', reason: `tháng ${m}/${year} không hợp lệ` };
    const words = `tháng ${String(m).padStart(2, '0')}/${year}`;
    if (!range && dueModeBefore(folded, month.index) === 'before')
      return beforeStart(localDate(year, m, 1), `trước ${words}`);
    return within(endOfMonth(year, m), `trong ${words}`);
  }
  const year = /(?:^|trong |ca |cuoi |het )nam (\d{4})\b/.exec(folded);
  if (year && validYear(Number(year[1]))) return within(localDate(Number(year[1]), 12, 31), `trong năm ${year[1]}`);
  return undefined;
}

/** Numbers as plans write them: "02", "2", "hai". */
const COUNT = '(\\d{1,2}|mot|hai|ba|bon|sau)';
const COUNT_WORDS: Record<string, number> = { mot: 1, hai: 2, ba: 3, bon: 4, sau: 6 };
const countOf = (text: string): number => COUNT_WORDS[text] ?? Number(text);
const CADENCE_OF_TIMES_A_YEAR: Record<number, Cadence> = {
  1: 'year',
  2: 'half-year',
  4: 'quarter',
  12: 'month',
  52: 'week',
};
const CADENCE_OF_MONTHS: Record<number, Cadence> = { 1: 'month', 3: 'quarter', 6: 'half-year', 12: 'year' };
const CADENCE_OF_WEEKS: Record<number, Cadence> = { 1: 'week' };
const TIMES_A_YEAR_PER: Record<string, number> = { nam: 1, quy: 4, thang: 12, tuan: 52 };
const UNIT_WORDS: Record<string, string> = { nam: 'năm', quy: 'quý', thang: 'tháng', tuan: 'tuần' };
const CADENCES_THE_CATALOGUE_HAS =
  'danh mục nhiệm vụ chỉ có chu kỳ hằng tuần, hằng tháng, hằng quý, 6 tháng một lần và hằng năm — ' +
  'ghi ngày cụ thể của từng lần vào kế hoạch, hoặc tạo từng việc bằng task add';

/**
 * "02 lần/năm", "1 lần/quý", "6 tháng/lần", "định kỳ 6 tháng", "mỗi 3 tháng": a frequency the
 * catalogue has a rule kind for, or a refusal naming it ("3 lần/năm"), never a guessed cadence.
 */
function frequencyPhrase(folded: string): DeadlinePhrase | undefined {
  const times = new RegExp(`${COUNT} lan ?(?:/|trong|moi|1|mot) ?(?:1 |mot )?(nam|quy|thang|tuan)\\b`).exec(folded);
  if (times) {
    const [count, unit] = [countOf(times[1]!), times[2]!];
    const words = `${count} lần/${UNIT_WORDS[unit]}`;
    const cadence = CADENCE_OF_TIMES_A_YEAR[count * TIMES_A_YEAR_PER[unit]!];
    if (!cadence) return { kind: 'unknown', reason: `"${words}" không khớp chu kỳ nào: ${CADENCES_THE_CATALOGUE_HAS}` };
    return { kind: 'recurring', cadence, label: `${words} (chưa rõ ngày)` };
  }
  const every =
    new RegExp(`${COUNT} (thang|tuan) ?(?:/ ?|(?:1|mot) )lan`).exec(folded) ??
    new RegExp(`(?:dinh ky|moi|cu) ${COUNT} (thang|tuan)\\b`).exec(folded);
  if (every) {
    const [count, unit] = [countOf(every[1]!), every[2]!];
    const words = `${count} ${UNIT_WORDS[unit]} một lần`;
    const cadence = unit === 'tuan' ? CADENCE_OF_WEEKS[count] : CADENCE_OF_MONTHS[count];
    if (!cadence) return { kind: 'unknown', reason: `"${words}" không khớp chu kỳ nào: ${CADENCES_THE_CATALOGUE_HAS}` };
    return { kind: 'recurring', cadence, label: `${words} (chưa rõ ngày)` };
  }
  return undefined;
}

function recurringCadence(folded: string): DeadlinePhrase | undefined {
  const frequency = frequencyPhrase(folded);
  if (frequency) return frequency;
  const cadences: [Cadence, RegExp, string][] = [
    ['week', /(?:hang|moi|dinh ky) tuan/, 'hằng tuần'],
    ['month', new RegExp(`(?:hang|moi|dinh ky) ${MONTH}`), 'hằng tháng'],
    ['quarter', /(?:hang|moi|dinh ky) quy\b/, 'hằng quý'],
    ['half-year', /(?:^|\b)(?:0?6|sau) thang\b|nua nam/, '6 tháng một lần'],
    ['year', /(?:hang|moi|dinh ky) nam/, 'hằng năm'],
  ];
  const found = cadences
    .map(([cadence, pattern, words]) => ({ cadence, words, index: pattern.exec(folded)?.index }))
    .filter((hit): hit is { cadence: Cadence; words: string; index: number } => hit.index !== undefined)
    .sort((a, b) => a.index - b.index)[0];
  if (found) return { kind: 'recurring', cadence: found.cadence, label: `${found.words} (chưa rõ ngày)` };
  // "Định kỳ/đột xuất": a recurring duty whose cadence the plan leaves to the office.
  if (/dinh ky/.test(folded))
    return { kind: 'recurring', cadence: 'unspecified', label: 'định kỳ (chưa rõ chu kỳ và ngày)' };
  return undefined;
}

function noDeadline(folded: string): DeadlinePhrase | undefined {
  if (/thuong xuyen|lien tuc/.test(folded)) return { kind: 'none', why: 'continuous', label: 'thường xuyên' };
  if (/^khi c[o6] (?:ke hoach|quyet dinh|van ban|huong dan|chi dao)/.test(folded) || /^theo /.test(folded)) {
    return { kind: 'none', why: 'per-other-document', label: 'theo văn bản khác (chưa có ngày)' };
  }
  if (/khi c[o6] |khi phat sinh|dot xuat|phat sinh/.test(folded))
    return { kind: 'none', why: 'on-occurrence', label: 'khi có phát sinh' };
  return undefined;
}
