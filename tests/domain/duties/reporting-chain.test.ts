import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCalendarFile, SHIPPED_CALENDAR_FILE } from '../../../src/domain/calendar/announcements.ts';
import { WorkCalendar } from '../../../src/domain/calendar/work-calendar.ts';
import { deadlineFor, loadDutyCatalogue, parseDutyCatalogue } from '../../../src/domain/duties/catalogue.ts';
import { periodicTaskTitle } from '../../../src/domain/duties/periodic-task-title.ts';
import { dataSpanOf, describeDataSpan } from '../../../src/domain/deadlines/data-period.ts';
import { parsePeriod } from '../../../src/domain/deadlines/periods.ts';
import { thrownBy } from '../helpers.ts';

const AN_GIANG = fileURLToPath(new URL('../../support/an-giang-stp-duties.yaml', import.meta.url));
const catalogue = loadDutyCatalogue(AN_GIANG);
const calendar = new WorkCalendar(loadCalendarFile(SHIPPED_CALENDAR_FILE));
const period = (key: string) => parsePeriod(key)!;

// Worked out by hand from config/calendar.yaml. Phòng: "chậm nhất ngày 21" (monthly) / "trước ngày 14 của
// tháng cuối quý"; Văn phòng Sở: "trước ngày 23" / "chậm nhất ngày 19 của tháng cuối quý".
describe('An Giang Sở Tư pháp reporting chain dates, 2026–2027', () => {
  it.each([
    ['bao-cao-thang', '2026-01', '2026-01-21', '2026-01-21', '2026-01-22', '2026-01-22', 'Wednesday 21, Thursday 22'],
    [
      'bao-cao-thang',
      '2026-02',
      '2026-02-12',
      '2026-02-23',
      '2026-02-13',
      '2026-02-23',
      'Tết break 14–22/2 folds both onto 13/2: the phòng aims a day earlier',
    ],
    [
      'bao-cao-thang',
      '2026-03',
      '2026-03-19',
      '2026-03-23',
      '2026-03-20',
      '2026-03-23',
      '21 Saturday, 22 Sunday: both fall back to Friday 20',
    ],
    ['bao-cao-thang', '2026-12', '2026-12-21', '2026-12-21', '2026-12-22', '2026-12-22', 'Monday 21, Tuesday 22'],
    ['bao-cao-thang', '2027-01', '2027-01-21', '2027-01-21', '2027-01-22', '2027-01-22', 'Thursday 21, Friday 22'],
    [
      'bao-cao-thang',
      '2027-02',
      '2027-02-19',
      '2027-02-22',
      '2027-02-22',
      '2027-02-22',
      'after Tết 2027: 21 Sunday, 22 Monday',
    ],
    ['bao-cao-thang', '2027-05', '2027-05-20', '2027-05-21', '2027-05-21', '2027-05-24', '21 Friday, 22 Saturday'],
    ['bao-cao-quy', '2026-Q1', '2026-03-13', '2026-03-13', '2026-03-19', '2026-03-19', '13/3 Friday, 19/3 Thursday'],
    ['bao-cao-quy', '2026-Q3', '2026-09-11', '2026-09-14', '2026-09-18', '2026-09-21', '13/9 Sunday, 19/9 Saturday'],
    ['bao-cao-quy', '2027-Q2', '2027-06-11', '2027-06-14', '2027-06-18', '2027-06-21', '13/6 Sunday, 19/6 Saturday'],
    ['bao-cao-quy', '2027-Q3', '2027-09-13', '2027-09-13', '2027-09-17', '2027-09-20', '13/9 Monday, 19/9 Sunday'],
  ])(
    '%s %s: phòng %s (chậm nhất %s), Văn phòng Sở %s (chậm nhất %s) — %s',
    (code, key, unitTarget, unitDue, officeTarget, officeDue) => {
      const duty = catalogue.get(code);
      expect(deadlineFor(duty, { period: key }, calendar, 'PHC')).toEqual({ targetDate: unitTarget, dueDate: unitDue });
      expect(deadlineFor(duty, { period: key }, calendar, 'VP')).toEqual({
        targetDate: officeTarget,
        dueDate: officeDue,
      });
    },
  );

  it('gives the data period from the 21st of the month before to the 20th, across the new year', () => {
    const monthly = catalogue.get('bao-cao-thang').dataPeriod;
    expect(describeDataSpan(dataSpanOf(period('2026-12'), monthly))).toBe('số liệu từ 21/11 đến 20/12/2026');
    expect(describeDataSpan(dataSpanOf(period('2027-01'), monthly))).toBe('số liệu từ 21/12/2026 đến 20/01/2027');
    expect(describeDataSpan(dataSpanOf(period('2027-03'), monthly))).toBe('số liệu từ 21/02 đến 20/03/2027');
    // No dataPeriod: the calendar period.
    expect(dataSpanOf(period('2026-Q3'), undefined)).toEqual({ from: '2026-07-01', to: '2026-09-30' });
    expect(dataSpanOf(period('2027-02'), undefined)).toEqual({ from: '2027-02-01', to: '2027-02-28' });
  });

  it('titles a phòng task "gửi Văn phòng Sở" and the office task as the compilation for UBND tỉnh, with the data span', () => {
    const duty = catalogue.get('bao-cao-thang');
    expect(periodicTaskTitle(duty, period('2026-12'), 'PHC')).toBe(
      'Báo cáo kết quả kiểm soát TTHC tháng 12/2026, gửi Văn phòng Sở (số liệu từ 21/11 đến 20/12/2026)',
    );
    expect(periodicTaskTitle(duty, period('2026-12'), 'VP')).toBe(
      'Tổng hợp, gửi UBND tỉnh: Báo cáo kết quả kiểm soát TTHC tháng 12/2026 (số liệu từ 21/11 đến 20/12/2026)',
    );
  });
});

const DUTY_HEAD = `duties:
  - code: bao-cao-thang
    title: Báo cáo tháng
    source: { document: Kế hoạch, clause: Mục 1, quote: trước ngày 23 }
`;

function errorOf(body: string): string {
  return thrownBy(() => parseDutyCatalogue(DUTY_HEAD + body, 'duties.yaml')).message;
}

describe('declaring a reporting chain', () => {
  it('refuses a phòng day that is not before the office day, saying why', () => {
    const message = errorOf(`    rule: { kind: monthly, due: before, day: 23 }
    chain:
      - { from: units, to: office, due: noLaterThan, day: 22 }
      - { from: office, to: province }
`);
    expect(message).toContain('chain');
    expect(message).toContain(
      'hạn các phòng gửi Văn phòng Sở (chậm nhất ngày 22 hằng tháng) phải trước hạn Văn phòng Sở gửi UBND tỉnh (trước ngày 23 hằng tháng)',
    );
  });

  it('refuses levels in the wrong order, an unknown recipient, a bad day and a chain on an event duty', () => {
    expect(
      errorOf(`    rule: { kind: monthly, due: before, day: 23 }
    chain:
      - { from: office, to: province }
      - { from: units, to: office, due: before, day: 14 }
`),
    ).toContain('cấp đầu phải là { from: units, to: office }');
    expect(
      errorOf(`    rule: { kind: monthly, due: before, day: 23 }
    chain:
      - { from: units, to: office, day: 14 }
      - { from: office, to: chinhphu }
`),
    ).toContain('to phải là office (Văn phòng Sở), province (UBND tỉnh) hoặc ministry (Bộ, ngành)');
    expect(
      errorOf(`    rule: { kind: monthly, due: before, day: 23 }
    chain:
      - { from: units, to: office, day: 31 }
      - { from: office, to: province }
`),
    ).toContain('ngày phải từ 1 đến 28');
    expect(
      errorOf(`    rule: { kind: workingDaysAfter, days: 10, event: ngày tiếp nhận }
    chain:
      - { from: units, to: office }
      - { from: office, to: province }
`),
    ).toContain('chain chỉ dùng cho nhiệm vụ định kỳ');
    expect(
      errorOf(`    rule: { kind: workingDaysAfter, days: 10, event: ngày tiếp nhận }
    dataPeriod: { startDay: 21 }
`),
    ).toContain('dataPeriod chỉ dùng cho nhiệm vụ định kỳ');
  });

  // The seeds' deepest chain is two levels inside one office (README "Reporting chains"): a third
  // level (UBND tỉnh → Văn phòng Chính phủ) is the next office's duty, not this one's.
  it('refuses a third level, saying a chain climbs two levels inside one office and who owns the next', () => {
    const message = errorOf(`    rule: { kind: monthly, due: before, day: 23 }
    chain:
      - { from: units, to: office, day: 14 }
      - { from: office, to: province }
      - { from: office, to: ministry }
`);
    expect(message).toContain(
      'chain có 3 cấp, nhiều nhất là 2: các phòng → Văn phòng Sở, rồi Văn phòng Sở → UBND tỉnh hoặc Bộ, ngành. ' +
        'Cấp trên gửi tiếp (UBND tỉnh → Văn phòng Chính phủ) là nhiệm vụ của cơ quan đó, không nhắc ở đây',
    );
  });

  it('refuses a one-level chain, saying a duty without levels needs no chain', () => {
    expect(
      errorOf(`    rule: { kind: monthly, due: before, day: 23 }
    chain:
      - { from: office, to: province }
`),
    ).toContain(
      'chain có 1 cấp, cần đủ 2: các phòng → Văn phòng Sở, rồi Văn phòng Sở → cấp trên; báo cáo một cấp thì bỏ chain',
    );
  });

  it('refuses a data period starting past the 28th', () => {
    expect(
      errorOf(`    rule: { kind: monthly, due: before, day: 23 }
    dataPeriod: { startDay: 30 }
`),
    ).toContain('dataPeriod.startDay phải từ 1 đến 28');
  });
});
