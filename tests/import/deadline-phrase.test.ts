import { describe, expect, it } from 'vitest';
import { loadCalendarFile } from '../../src/domain/calendar/announcements.ts';
import { WorkCalendar } from '../../src/domain/calendar/work-calendar.ts';
import { onceDeadline, parseDeadlinePhrase } from '../../src/import/plan/deadline-phrase.ts';

// The deadline column as the seed plans print it (000–004), with OCR noise from 001.
const TABLE: [string, Record<string, unknown>][] = [
  // one-off dates
  ['Trước ngày 20/02/2025', { kind: 'once', mode: 'before', anchor: '2025-02-20' }],
  ['Trước ngày\n20/02/2025', { kind: 'once', mode: 'before', anchor: '2025-02-20' }],
  ['Truge ngay 20/02/2025', { kind: 'once', mode: 'before', anchor: '2025-02-20' }],
  ['Trudc ngay 15/02/2025', { kind: 'once', mode: 'before', anchor: '2025-02-15' }],
  ['Trước 30/3/2025', { kind: 'once', mode: 'before', anchor: '2025-03-30' }],
  ['Trước ngày 15/12/2025', { kind: 'once', mode: 'before', anchor: '2025-12-15' }],
  ['Trước ngày 15/02/2025 (néu có)', { kind: 'once', mode: 'before', anchor: '2025-02-15' }],
  ['Chậm nhất đến ngày 20/02/2024', { kind: 'once', mode: 'noLaterThan', anchor: '2024-02-20' }],
  ['Chậm nhất ngày 5/1/2025', { kind: 'once', mode: 'noLaterThan', anchor: '2025-01-05' }],
  ['chậm nhất trước ngày 10/10/2025', { kind: 'once', mode: 'before', anchor: '2025-10-10' }],
  ['Ngày 20/02/2025', { kind: 'once', mode: 'noLaterThan', anchor: '2025-02-20' }],
  ['20/02/2025', { kind: 'once', mode: 'noLaterThan', anchor: '2025-02-20' }],
  ['Từ 01/03/2025 đến 30/06/2025', { kind: 'once', mode: 'noLaterThan', anchor: '2025-06-30' }],
  // issue #12: the date written out, an Excel date cell, "hết năm"
  ['Trước ngày 30 tháng 4 năm 2025', { kind: 'once', mode: 'before', anchor: '2025-04-30' }],
  ['Chậm nhất ngày 5 tháng 9 năm 2025', { kind: 'once', mode: 'noLaterThan', anchor: '2025-09-05' }],
  ['2027-06-30', { kind: 'once', mode: 'noLaterThan', anchor: '2027-06-30' }],
  ['Hết năm 2025', { kind: 'once', mode: 'noLaterThan', anchor: '2025-12-31' }],
  ['Tir thang 4 dén thang 9/2025', { kind: 'once', mode: 'noLaterThan', anchor: '2025-09-30' }],
  // one-off periods: their last day
  ['Tháng 03/2025', { kind: 'once', mode: 'noLaterThan', anchor: '2025-03-31' }],
  ['Théang 02/2025', { kind: 'once', mode: 'noLaterThan', anchor: '2025-02-28' }],
  ['Thang 3/2025', { kind: 'once', mode: 'noLaterThan', anchor: '2025-03-31' }],
  ['Trong tháng 03 năm 2025', { kind: 'once', mode: 'noLaterThan', anchor: '2025-03-31' }],
  ['TRONG THÁNG 2 NĂM 2024', { kind: 'once', mode: 'noLaterThan', anchor: '2024-02-29' }],
  ['Từ tháng 4 đến tháng 6/2025', { kind: 'once', mode: 'noLaterThan', anchor: '2025-06-30' }],
  ['Trước tháng 3/2025', { kind: 'once', mode: 'before', anchor: '2025-03-01' }],
  ['Quý II/2025', { kind: 'once', mode: 'noLaterThan', anchor: '2025-06-30' }],
  ['Quý II năm 2024', { kind: 'once', mode: 'noLaterThan', anchor: '2024-06-30' }],
  ['Quy 1/2025', { kind: 'once', mode: 'noLaterThan', anchor: '2025-03-31' }],
  ['quý IV - 2025', { kind: 'once', mode: 'noLaterThan', anchor: '2025-12-31' }],
  ['Năm 2025', { kind: 'once', mode: 'noLaterThan', anchor: '2025-12-31' }],
  ['6 tháng đầu năm 2025', { kind: 'once', mode: 'noLaterThan', anchor: '2025-06-30' }],
  // recurring
  ['Hằng tháng', { kind: 'recurring', cadence: 'month' }],
  ['Hàng tháng', { kind: 'recurring', cadence: 'month' }],
  ['hang thang', { kind: 'recurring', cadence: 'month' }],
  ['Trước ngày 25 hằng tháng', { kind: 'recurring', rule: { kind: 'monthly', due: 'before', day: 25 } }],
  ['Trước ngày 25 hằng \ntháng  (nếu có)', { kind: 'recurring', rule: { kind: 'monthly', due: 'before', day: 25 } }],
  ['Trudc ngay 25 hang thang', { kind: 'recurring', rule: { kind: 'monthly', due: 'before', day: 25 } }],
  ['trước ngày 22 hàng tháng', { kind: 'recurring', rule: { kind: 'monthly', due: 'before', day: 22 } }],
  ['Ngày 05 hàng tháng', { kind: 'recurring', rule: { kind: 'monthly', due: 'on', day: 5 } }],
  ['Chậm nhất ngày 5 hằng tháng', { kind: 'recurring', rule: { kind: 'monthly', due: 'noLaterThan', day: 5 } }],
  ['Hàng quý', { kind: 'recurring', cadence: 'quarter' }],
  [
    'Hàng quý, năm và đột xuất khi có yêu cầu (thời gian gửi báo cáo theo Thông tư 01/2020/TT-VPCP',
    { kind: 'recurring', cadence: 'quarter' },
  ],
  ['Trước ngày 10 hằng quý', { kind: 'recurring', cadence: 'quarter' }],
  [
    'chậm nhất là ngày 19 của tháng cuối quý',
    { kind: 'recurring', rule: { kind: 'quarterly', due: 'noLaterThan', day: 19, monthOfQuarter: 3 } },
  ],
  [
    'trước ngày 14 của tháng cuối quý',
    { kind: 'recurring', rule: { kind: 'quarterly', due: 'before', day: 14, monthOfQuarter: 3 } },
  ],
  [
    'chậm nhất ngày 22/3, 22/6, 22/9, 22/12',
    { kind: 'recurring', rule: { kind: 'quarterly', due: 'noLaterThan', day: 22, monthOfQuarter: 3 } },
  ],
  ['trước ngày 14/12', { kind: 'recurring', rule: { kind: 'yearly', due: 'before', month: 12, day: 14 } }],
  [
    '- Báo cáo quý I chậm nhất ngày 22/3/2025; - Báo cáo Quý II chậm nhất ngày 22/6/2025; - Báo cáo Quý III chậm nhất ngày 22/9/2025; - Báo cáo năm chậm nhất ngày 22/12/2025.',
    { kind: 'recurring', rule: { kind: 'quarterly', due: 'noLaterThan', day: 22, monthOfQuarter: 3 } },
  ],
  ['02 lần/năm', { kind: 'recurring', cadence: 'half-year', label: '2 lần/năm (chưa rõ ngày)' }],
  ['Định kỳ/ đột xuất', { kind: 'recurring', cadence: 'unspecified' }],
  ['Hằng năm', { kind: 'recurring', cadence: 'year' }],
  ['6 tháng', { kind: 'recurring', cadence: 'half-year' }],
  // counted from an event
  [
    'Chậm nhất sau 10 ngày kể từ ngày có quyết định công bố',
    { kind: 'event', rule: { kind: 'workingDaysAfter', days: 10, event: 'ngày có quyết định công bố' } },
  ],
  [
    'Chậm nhất 10 ngày kể từ ngày ban hành Quyết định công bố TTHC',
    { kind: 'event', rule: { kind: 'workingDaysAfter', days: 10, event: 'ngày ban hành Quyết định công bố TTHC' } },
  ],
  [
    'trong thời gian 10 ngày làm việc kể từ ngày tiếp nhận',
    { kind: 'event', rule: { kind: 'workingDaysAfter', days: 10, event: 'ngày tiếp nhận' } },
  ],
  [
    'Chậm nhất sau 05 ngày sau khi có Quyết định phê duyệt',
    { kind: 'event', rule: { kind: 'workingDaysAfter', days: 5, event: 'khi có Quyết định phê duyệt' } },
  ],
  [
    'Chậm nhất trước 05 ngày tính đến ngày văn bản có hiệu lực thi hành',
    { kind: 'event', rule: { kind: 'workingDaysBefore', days: 5, event: 'ngày văn bản có hiệu lực thi hành' } },
  ],
  [
    'Thường xuyên (Trước 01 ngày của hồ sơ đến hạn trả kết quả)',
    { kind: 'event', rule: { kind: 'workingDaysBefore', days: 1, event: 'hồ sơ đến hạn trả kết quả' } },
  ],
  [
    'Cham nhét 10 ngay ké tir ngay ban hanh',
    { kind: 'event', rule: { kind: 'workingDaysAfter', days: 10, event: 'ngay ban hanh' } },
  ],
  // no deadline: kept, reported, never reminded
  ['Thường xuyên', { kind: 'none', why: 'continuous' }],
  ['Thuong xuyén', { kind: 'none', why: 'continuous' }],
  ['THƯỜNG XUYÊN', { kind: 'none', why: 'continuous' }],
  ['Khi có phát sinh', { kind: 'none', why: 'on-occurrence' }],
  ['Khi c6 phat sinh', { kind: 'none', why: 'on-occurrence' }],
  ['Khi có kế hoạch của UBND tỉnh', { kind: 'none', why: 'per-other-document' }],
  ['Theo Kế hoạch của UBND tỉnh', { kind: 'none', why: 'per-other-document' }],
  ['', { kind: 'none', why: 'empty' }],
  ['   ', { kind: 'none', why: 'empty' }],
  // refused, with the reason
  ['Tir thang 4 dén thang /2025', { kind: 'unknown' }],
  ['Trước ngày 30/02/2025', { kind: 'unknown', reason: 'ngày 30/02/2025 không có thật' }],
  ['Trước ngày 31 hằng tháng', { kind: 'unknown' }],
  ['ngày 20/02/2025 hoặc 25/02/2025', { kind: 'unknown' }],
  ['sớm', { kind: 'unknown', reason: 'không hiểu thời hạn "sớm"' }],
];

describe('the deadline phrase parser', () => {
  it.each(TABLE)('reads %j', (text, expected) => {
    expect(parseDeadlinePhrase(text)).toMatchObject(expected);
  });

  it('leaves the day of a recurring duty open when the plan does not say it', () => {
    for (const text of ['Hằng tháng', 'Hàng quý', 'Trước ngày 10 hằng quý', '6 tháng']) {
      expect(parseDeadlinePhrase(text), text).not.toHaveProperty('rule');
    }
  });

  it('gives every understood phrase a label for the report', () => {
    for (const [text] of TABLE) {
      const phrase = parseDeadlinePhrase(text);
      if (phrase.kind !== 'unknown') expect(phrase.label, text).not.toBe('');
    }
  });
});

describe('one-off due dates on the civil-service calendar', () => {
  // The shipped calendar: the announced Tết days are part of it.
  const calendar = new WorkCalendar(loadCalendarFile());
  const due = (text: string) => {
    const phrase = parseDeadlinePhrase(text);
    if (phrase.kind !== 'once') throw new Error(`${text} is not a one-off`);
    return onceDeadline(phrase, calendar).targetDate;
  };

  it('takes "trước ngày X" as the last working day strictly before X', () => {
    expect(due('Trước ngày 20/02/2025')).toBe('2025-02-19'); // Thursday 20 → Wednesday 19
    expect(due('Trước ngày 15/02/2025')).toBe('2025-02-14'); // Saturday 15 → Friday 14
  });

  it('moves a deadline that falls in Tết back to the last working day before the holiday', () => {
    expect(due('Chậm nhất đến ngày 12/02/2024')).toBe('2024-02-07'); // 08–14/02/2024 Tết Giáp Thìn
    expect(due('Trước ngày 30/01/2025')).toBe('2025-01-24'); // 25/01–02/02/2025 Tết Ất Tỵ
  });

  it('takes "chậm nhất ngày X" as X itself when X is a working day', () => {
    expect(due('Chậm nhất đến ngày 20/02/2024')).toBe('2024-02-20');
  });

  it('ends a month, quarter or year on its last working day', () => {
    expect(due('Tháng 03/2025')).toBe('2025-03-31'); // Monday
    expect(due('Quý II/2025')).toBe('2025-06-30'); // Monday
    expect(due('Tháng 08/2025')).toBe('2025-08-29'); // 30/08–02/09/2025 Quốc khánh
    expect(due('Năm 2025')).toBe('2025-12-31'); // Wednesday
    expect(due('Tháng 05/2025')).toBe('2025-05-30'); // Saturday 31 → Friday 30
  });
});

// Frequencies as plans write them (seed 004: "02 lần/năm"): each names the catalogue rule kind
// the office writes, or is refused saying the catalogue has no such cadence — never a guess.
describe('frequency phrases and the catalogue rule kind they map to', () => {
  const MAPPED: [string, string, string][] = [
    ['02 lần/năm', 'half-year', 'halfYearly'],
    ['2 lần/năm', 'half-year', 'halfYearly'],
    ['2 lần / năm', 'half-year', 'halfYearly'],
    ['hai lần/năm', 'half-year', 'halfYearly'],
    ['6 tháng/lần', 'half-year', 'halfYearly'],
    ['6 tháng 1 lần', 'half-year', 'halfYearly'],
    ['định kỳ 6 tháng', 'half-year', 'halfYearly'],
    ['Định kỳ 6 tháng một lần', 'half-year', 'halfYearly'],
    ['06 tháng', 'half-year', 'halfYearly'],
    ['01 lần/năm', 'year', 'yearly'],
    ['Hằng năm', 'year', 'yearly'],
    ['1 lần/quý', 'quarter', 'quarterly'],
    ['04 lần/năm', 'quarter', 'quarterly'],
    ['mỗi 3 tháng', 'quarter', 'quarterly'],
    ['3 tháng/lần', 'quarter', 'quarterly'],
    ['Hàng quý, năm và đột xuất khi có yêu cầu', 'quarter', 'quarterly'],
    ['01 lần/tháng', 'month', 'monthly'],
    ['Định kỳ hằng tháng', 'month', 'monthly'],
    ['Hàng tháng, theo dõi công khai Bộ chỉ số', 'month', 'monthly'],
    ['hàng tuần', 'week', 'weekly'],
    ['Hằng tuần', 'week', 'weekly'],
  ];
  it.each(MAPPED)('reads %j as cadence %s, rule kind %s, day left to the catalogue', (text, cadence, ruleKind) => {
    const phrase = parseDeadlinePhrase(text);
    expect(phrase).toMatchObject({ kind: 'recurring', cadence, ruleKind });
    expect(phrase).not.toHaveProperty('rule');
  });

  it.each([
    ['trước ngày 15/6 và 15/12', { kind: 'halfYearly', due: 'before', day: 15, monthOfHalf: 6 }],
    ['chậm nhất ngày 10/1, 10/7', { kind: 'halfYearly', due: 'noLaterThan', day: 10, monthOfHalf: 1 }],
    ['thứ Sáu hằng tuần', { kind: 'weekly', due: 'on', weekday: 6 }],
    ['trước thứ 6 hàng tuần', { kind: 'weekly', due: 'before', weekday: 6 }],
    ['hằng tuần vào thứ Hai', { kind: 'weekly', due: 'on', weekday: 2 }],
    ['Chủ nhật hằng tuần', { kind: 'weekly', due: 'on', weekday: 8 }],
  ])('reads %j as a whole rule', (text, rule) => {
    expect(parseDeadlinePhrase(text)).toMatchObject({ kind: 'recurring', rule, ruleKind: rule.kind });
  });

  it.each([
    ['03 lần/năm', '"3 lần/năm" không khớp chu kỳ nào'],
    ['2 lần/tháng', '"2 lần/tháng" không khớp chu kỳ nào'],
    ['2 tháng/lần', '"2 tháng một lần" không khớp chu kỳ nào'],
    ['định kỳ 2 tháng', '"2 tháng một lần" không khớp chu kỳ nào'],
    ['2 tuần/lần', '"2 tuần một lần" không khớp chu kỳ nào'],
  ])('refuses %j, naming the cadences the catalogue has', (text, start) => {
    const phrase = parseDeadlinePhrase(text);
    expect(phrase.kind).toBe('unknown');
    const reason = phrase.kind === 'unknown' ? phrase.reason : '';
    expect(reason.startsWith(start), reason).toBe(true);
    expect(reason).toContain('hằng tuần, hằng tháng, hằng quý, 6 tháng một lần và hằng năm');
  });

  it('does not read "hằng Quyết định" (seed 002: "Báo cáo định kỳ hằng hằng Quyết định 933") as quarterly', () => {
    expect(parseDeadlinePhrase('Báo cáo định kỳ hằng hằng Quyết định 933/QĐ-TTg')).toMatchObject({
      kind: 'recurring',
      cadence: 'unspecified',
    });
  });

  it('leaves "Định kỳ/đột xuất" without a rule kind: the plan does not say the cadence', () => {
    const phrase = parseDeadlinePhrase('Định kỳ/đột xuất');
    expect(phrase).toMatchObject({ kind: 'recurring', cadence: 'unspecified' });
    expect(phrase).not.toHaveProperty('ruleKind');
  });
});
