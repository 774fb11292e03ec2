import { describe, expect, it } from 'vitest';
import { loadCalendarFile, SHIPPED_CALENDAR_FILE } from '../../../src/domain/calendar/announcements.ts';
import { WorkCalendar } from '../../../src/domain/calendar/work-calendar.ts';
import {
  appliesToUnit,
  describeRule,
  describeSource,
  deadlineFor,
  DutyCatalogueError,
  loadDutyCatalogue,
  parseDutyCatalogue,
  SHIPPED_DUTIES_FILE,
} from '../../../src/domain/duties/catalogue.ts';
import { day, thrownBy, writeTempFile } from '../helpers.ts';

const catalogue = loadDutyCatalogue(SHIPPED_DUTIES_FILE);
const calendar = new WorkCalendar(loadCalendarFile(SHIPPED_CALENDAR_FILE));

// Expected dates worked out by hand from the announcements (see config/calendar.yaml) and the
// statutory defaults; the comment on each row says which day off or swap it exercises.
describe('periodic duties over 2024–2026', () => {
  it.each([
    ['bao-cao-thang', '2024-01', '2024-01-19', '20/1 is a Saturday'],
    ['bao-cao-thang', '2024-02', '2024-02-19', '20/2 is a Tuesday'],
    ['bao-cao-thang', '2025-01', '2025-01-17', '20/1 is a Monday: back over the weekend'],
    ['bao-cao-thang', '2025-04', '2025-04-18', '20/4 is a Sunday'],
    ['bao-cao-thang', '2026-02', '2026-02-13', '19/2 is Tết (mùng 3), announced break 14–22/2'],
    ['bao-cao-thang', '2026-04', '2026-04-17', '20/4 is a Monday'],
    ['bao-cao-quy', '2024-Q1', '2024-03-13', '14/3 is a Thursday'],
    ['bao-cao-quy', '2024-Q3', '2024-09-13', '14/9 is a Saturday'],
    ['bao-cao-quy', '2025-Q2', '2025-06-13', '14/6 is a Saturday'],
    ['bao-cao-quy', '2025-Q3', '2025-09-12', '14/9 is a Sunday'],
    ['bao-cao-quy', '2026-Q1', '2026-03-13', '14/3 is a Saturday'],
    ['bao-cao-quy', '2026-Q3', '2026-09-11', '14/9 is a Monday'],
    ['bao-cao-nam', '2024', '2024-12-13', '14/12 is a Saturday'],
    ['bao-cao-nam', '2025', '2025-12-12', '14/12 is a Sunday'],
    ['bao-cao-nam', '2026', '2026-12-11', '14/12 is a Monday'],
    ['danh-sach-tre-han', '2024-05', '2024-05-04', '5/5 is a Sunday; Saturday 4/5 is a swapped working day'],
    ['danh-sach-tre-han', '2025-01', '2025-01-03', '5/1 is a Sunday'],
    ['danh-sach-tre-han', '2025-05', '2025-05-05', '5/5 is the Monday right after the 30/4–4/5 break'],
    ['danh-sach-tre-han', '2026-09', '2026-09-04', '5/9 is a Saturday'],
  ])('%s for %s is due %s (%s)', (code, periodKey, expected) => {
    // A phòng's date: for the chained quarterly report, the day it sends to the Văn phòng Sở.
    expect(deadlineFor(catalogue.get(code), { period: periodKey }, calendar, 'PTP').targetDate).toBe(expected);
  });

  it('has no quarterly report for Q4: the yearly report covers it', () => {
    expect(() => deadlineFor(catalogue.get('bao-cao-quy'), { period: '2025-Q4' }, calendar)).toThrow(RangeError);
  });

  it('refuses a period of the wrong kind or an event date for a periodic duty', () => {
    expect(() => deadlineFor(catalogue.get('bao-cao-thang'), { period: '2025' }, calendar)).toThrow(RangeError);
    expect(() => deadlineFor(catalogue.get('bao-cao-thang'), { from: day('2025-01-01') }, calendar)).toThrow(TypeError);
  });
});

describe('event duties over 2024–2026', () => {
  it.each([
    ['pakn', '2026-02-10', '2026-03-03', 'across the Tết 2026 break'],
    ['pakn', '2024-04-25', '2024-05-13', 'across 27/4–1/5/2024, counting Saturday 4/5'],
    ['pakn', '2025-04-05', '2025-04-21', 'received on a Saturday before Giỗ Tổ (7/4)'],
    ['pakn', '2024-09-02', '2024-09-17', 'received on National Day, 3/9 also off'],
    ['thu-xin-loi', '2026-02-23', '2026-02-13', 'dossier due right after Tết 2026'],
    ['thu-xin-loi', '2025-04-28', '2025-04-26', 'the swapped Saturday 26/4/2025'],
    ['thu-xin-loi', '2024-09-04', '2024-08-30', 'back over 2–3/9/2024 and the weekend'],
    ['thu-xin-loi', '2026-04-28', '2026-04-24', 'back over the nghỉ bù of Giỗ Tổ 2026'],
    ['thu-xin-loi', '2026-01-12', '2026-01-10', 'the swapped Saturday 10/1/2026'],
    ['quy-trinh-noi-bo', '2026-04-20', '2026-05-07', 'across nghỉ bù 27/4 and 30/4–1/5/2026'],
    ['quy-trinh-noi-bo', '2024-12-31', '2025-01-15', 'across New Year 2025'],
    ['quy-trinh-noi-bo-lay-y-kien', '2026-04-20', '2026-05-14', '15 instead of 10 working days'],
    ['quy-trinh-noi-bo-lay-y-kien', '2025-08-25', '2025-09-17', 'across National Day 2025 (30/8–2/9)'],
    ['quy-trinh-dien-tu', '2025-12-29', '2026-01-07', 'across the 1–4/1/2026 break'],
    ['quy-trinh-dien-tu', '2026-01-08', '2026-01-14', 'counting Saturday 10/1/2026'],
    ['cong-khai-tthc', '2024-04-26', '2024-05-02', 'signed the Friday before 27/4–1/5/2024'],
    ['cong-khai-tthc', '2026-02-13', '2026-02-23', 'signed the last day before Tết 2026'],
    ['cong-khai-tthc', '2025-04-25', '2025-04-26', 'next day is the swapped Saturday'],
    ['cong-khai-tthc', '2025-04-04', '2025-04-08', 'over the weekend and Giỗ Tổ 2025'],
  ])('%s from %s is due %s (%s)', (code, from, expected) => {
    expect(deadlineFor(catalogue.get(code), { from: day(from) }, calendar).targetDate).toBe(expected);
  });

  it('refuses a period for an event duty', () => {
    expect(() => deadlineFor(catalogue.get('pakn'), { period: '2025-01' }, calendar)).toThrow(TypeError);
  });
});

describe('the shipped duty catalogue', () => {
  it('contains exactly the agreed duty codes', () => {
    expect(catalogue.duties.map((duty) => duty.code).sort()).toEqual([
      'bao-cao-nam',
      'bao-cao-quy',
      'bao-cao-thang',
      'cong-khai-tthc',
      'danh-sach-tre-han',
      'pakn',
      'quy-trinh-dien-tu',
      'quy-trinh-noi-bo',
      'quy-trinh-noi-bo-lay-y-kien',
      'thu-xin-loi',
    ]);
  });

  it.each([
    ['bao-cao-thang', 'trước ngày 20 hằng tháng'],
    ['bao-cao-quy', 'chậm nhất ngày 19 của tháng cuối quý I, II, III'],
    ['bao-cao-nam', 'trước ngày 14/12 hằng năm'],
    ['pakn', '10 ngày làm việc kể từ ngày tiếp nhận'],
    ['thu-xin-loi', '1 ngày làm việc trước ngày hẹn trả kết quả hồ sơ'],
    ['quy-trinh-noi-bo', '10 ngày làm việc kể từ ngày có quyết định công bố TTHC của Chủ tịch UBND tỉnh'],
    ['quy-trinh-noi-bo-lay-y-kien', '15 ngày làm việc kể từ ngày có quyết định công bố TTHC của Chủ tịch UBND tỉnh'],
    ['quy-trinh-dien-tu', '5 ngày làm việc kể từ ngày có quyết định phê duyệt quy trình nội bộ của Chủ tịch UBND tỉnh'],
    ['cong-khai-tthc', '1 ngày làm việc kể từ ngày Chủ tịch UBND tỉnh ký quyết định công bố'],
    ['danh-sach-tre-han', 'chậm nhất ngày 5 hằng tháng'],
  ])('describes %s as "%s"', (code, words) => {
    expect(describeRule(catalogue.get(code).rule)).toBe(words);
  });

  it('cites a plan clause with its verbatim wording for every duty', () => {
    for (const duty of catalogue.duties) {
      expect(duty.source.document).toMatch(/Kế hoạch|Quyết định/);
      expect(duty.source.quote.length).toBeGreaterThan(5);
    }
  });

  it('formats a source as one citation line', () => {
    expect(describeSource(catalogue.get('bao-cao-nam').source)).toBe(
      'Kế hoạch 56/KH-STP ngày 19/03/2024 của Sở Tư pháp An Giang, Mục IV "Tổ chức thực hiện", khoản 2: "và năm (trước ngày 14/12)"',
    );
  });

  it('gives office duties to Văn phòng Sở and reports to every unit', () => {
    expect(catalogue.forUnit('VP').map((duty) => duty.code)).toContain('danh-sach-tre-han');
    expect(catalogue.forUnit('PHCTP').map((duty) => duty.code)).not.toContain('danh-sach-tre-han');
    expect(appliesToUnit(catalogue.get('bao-cao-thang'), 'PHCTP')).toBe(true);
  });
});

describe('duty catalogue files', () => {
  const valid = [
    'duties:',
    '  - code: bao-cao-thang',
    '    title: Báo cáo tháng',
    '    rule: { kind: monthly, due: before, day: 20 }',
    '    source: { document: Kế hoạch X, clause: mục 1, quote: Trước ngày 20 hằng tháng }',
  ];

  function refusal(lines: string[]): DutyCatalogueError {
    const path = writeTempFile('duties.yaml', lines.join('\n'));
    const error = thrownBy(() => loadDutyCatalogue(path));
    expect(error).toBeInstanceOf(DutyCatalogueError);
    expect(error.message).toContain(path);
    return error as DutyCatalogueError;
  }

  it('defaults appliesTo to Văn phòng Sở (VP) and keeps an optional reminder policy', () => {
    const parsed = parseDutyCatalogue(
      [...valid, '    reminders: { beforeWorkingDays: [3, 1], onDueDay: true, escalateToHead: true }'].join('\n'),
      'duties.yaml',
    );
    expect(parsed.get('bao-cao-thang').appliesTo).toEqual(['VP']);
    expect(parsed.get('bao-cao-thang').reminders).toEqual({
      beforeWorkingDays: [3, 1],
      onDueDay: true,
      escalateToHead: true,
    });
  });

  it('refuses a YAML syntax error with its line', () => {
    const error = refusal([...valid.slice(0, 3), '    rule: { kind: monthly, due: before, day: 20', '    source: x']);
    expect(error.reason).toContain('lỗi cú pháp YAML');
    expect([4, 5]).toContain(error.line);
  });

  it('refuses an unknown rule kind on the rule line', () => {
    const error = refusal([...valid.slice(0, 3), '    rule: { kind: fortnightly, day: 1 }', valid[4]!]);
    expect(error.line).toBe(4);
    expect(error.reason).toContain('duties[0].rule.kind');
  });

  it('refuses a monthly day that not every month has', () => {
    const error = refusal([
      ...valid.slice(0, 3),
      '    rule:',
      '      kind: monthly',
      '      due: before',
      '      day: 30',
      valid[4]!,
    ]);
    expect(error.line).toBe(7);
    expect(error.reason).toContain('28');
  });

  it('refuses an unknown key in a duty', () => {
    const error = refusal([...valid, '    deadline: soon']);
    expect(error.line).toBe(6);
    expect(error.reason).toContain('"deadline"');
  });

  it('refuses a duty without a source, pointing at the duty', () => {
    const error = refusal(valid.slice(0, 4));
    expect(error.line).toBe(2);
    expect(error.reason).toBe('duties[0].source: thiếu (bắt buộc phải có)');
  });

  it('refuses a duplicated code on the line of the second one', () => {
    const error = refusal([...valid, ...valid.slice(1)]);
    expect(error.line).toBe(6);
    expect(error.reason).toContain('bị trùng');
  });

  it('refuses appliesTo that is neither all nor a list of unit codes', () => {
    const error = refusal([...valid, '    appliesTo: everyone']);
    expect(error.line).toBe(6);
    expect(error.reason).toContain('appliesTo');
  });
});
