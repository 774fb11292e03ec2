// The catalogue presets, one per seed plan (config/duties/*.yaml): each loads, lists, and gives the
// plan's own days for 2026–2027. The table was checked by hand against the calendar where a day off
// moves a date (the comments); every row is also checked against the two-dates rules.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCalendarFile, SHIPPED_CALENDAR_FILE } from '../../../src/domain/calendar/announcements.ts';
import { WorkCalendar } from '../../../src/domain/calendar/work-calendar.ts';
import { loadDutyCatalogue, parseDutyCatalogue } from '../../../src/domain/duties/catalogue.ts';
import { listDutyPresets, SHIPPED_PRESETS_DIR } from '../../../src/domain/duties/presets.ts';
import { nextPeriod, periodContaining } from '../../../src/domain/deadlines/periods.ts';
import {
  deadlineForPeriod,
  isRecurringRule,
  periodKindOf,
  ruleAppliesToPeriod,
} from '../../../src/domain/deadlines/rules.ts';
import { thrownBy, day } from '../helpers.ts';

const calendar = new WorkCalendar(loadCalendarFile(SHIPPED_CALENDAR_FILE));
const preset = (name: string) => loadDutyCatalogue(join(SHIPPED_PRESETS_DIR, name));

/** "period target[/due]" for every period of 2026–2027, dates as MM-DD. */
function deadlines2026To2027(file: string, code: string): string {
  const duty = preset(file).get(code);
  if (!isRecurringRule(duty.rule)) throw new Error(`${code} is not periodic`);
  const rule = duty.rule;
  const rows: string[] = [];
  for (
    let period = periodContaining(periodKindOf(rule), day('2026-01-01'));
    period.year <= 2027;
    period = nextPeriod(period)
  ) {
    if (!ruleAppliesToPeriod(rule, period)) continue;
    const { targetDate, dueDate } = deadlineForPeriod(rule, period, calendar);
    expect(calendar.isWorkingDay(targetDate) && calendar.isWorkingDay(dueDate)).toBe(true);
    expect(targetDate <= dueDate).toBe(true);
    rows.push(`${period.key} ${targetDate.slice(5)}${dueDate === targetDate ? '' : `/${dueDate.slice(5)}`}`);
  }
  return rows.join(', ');
}

describe("each seed plan's dated duties with the plan's own days, 2026–2027", () => {
  it.each([
    [
      'an-giang-stp-2024.yaml',
      'bao-cao-quy',
      // The office's day, chậm nhất ngày 19 của tháng cuối quý I, II, III: 19/09/2026 is a Saturday.
      '2026-Q1 03-19, 2026-Q2 06-19, 2026-Q3 09-18/09-21, 2027-Q1 03-19, 2027-Q2 06-18/06-21, 2027-Q3 09-17/09-20',
    ],
    ['an-giang-stp-2024.yaml', 'bao-cao-nam', '2026 12-11/12-14, 2027 12-13'],
    [
      'an-giang-stp-2024.yaml',
      'bao-cao-thang',
      // trước ngày 23: February 2026 falls in Tết (14–22/02), so 13/02, legally 23/02.
      '2026-01 01-22, 2026-02 02-13/02-23, 2026-03 03-20/03-23, 2026-04 04-22, 2026-05 05-22, 2026-06 06-22, ' +
        '2026-07 07-22, 2026-08 08-22, 2026-09 09-22, 2026-10 10-22, 2026-11 11-20/11-23, 2026-12 12-22, ' +
        '2027-01 01-22, 2027-02 02-22, 2027-03 03-22, 2027-04 04-22, 2027-05 05-21/05-24, 2027-06 06-22, ' +
        '2027-07 07-22, 2027-08 08-20/08-23, 2027-09 09-22, 2027-10 10-22, 2027-11 11-22, 2027-12 12-22',
    ],
    [
      'an-giang-stp-2024.yaml',
      'bao-cao-nq131',
      // chậm nhất ngày 19 của tháng cuối quý: 19/09/2026 is a Saturday.
      '2026-Q1 03-19, 2026-Q2 06-19, 2026-Q3 09-18/09-21, 2026-Q4 12-18/12-21, ' +
        '2027-Q1 03-19, 2027-Q2 06-18/06-21, 2027-Q3 09-17/09-20, 2027-Q4 12-17/12-20',
    ],
    [
      'an-giang-khcn-2025.yaml',
      'bao-cao-thang',
      '2026-01 01-21, 2026-02 02-13/02-23, 2026-03 03-20/03-23, 2026-04 04-21, 2026-05 05-21, 2026-06 06-19/06-22, ' +
        '2026-07 07-21, 2026-08 08-21, 2026-09 09-21, 2026-10 10-21, 2026-11 11-20/11-23, 2026-12 12-21, ' +
        '2027-01 01-21, 2027-02 02-19/02-22, 2027-03 03-19/03-22, 2027-04 04-21, 2027-05 05-21, 2027-06 06-21, ' +
        '2027-07 07-21, 2027-08 08-20/08-23, 2027-09 09-21, 2027-10 10-21, 2027-11 11-19/11-22, 2027-12 12-21',
    ],
    [
      'an-giang-khcn-2025.yaml',
      'danh-sach-tre-han',
      // Ngày 05 hàng tháng: 05/02/2027 is in the (provisional) Tết 2027 break; 05/09/2027 a Sunday after 2–3/9.
      '2026-01 01-05, 2026-02 02-05, 2026-03 03-05, 2026-04 04-03/04-06, 2026-05 05-05, 2026-06 06-05, ' +
        '2026-07 07-03/07-06, 2026-08 08-05, 2026-09 09-04/09-07, 2026-10 10-05, 2026-11 11-05, 2026-12 12-04/12-07, ' +
        '2027-01 01-05, 2027-02 02-03/02-11, 2027-03 03-05, 2027-04 04-05, 2027-05 05-05, 2027-06 06-04/06-07, ' +
        '2027-07 07-05, 2027-08 08-05, 2027-09 09-01/09-06, 2027-10 10-05, 2027-11 11-05, 2027-12 12-03/12-06',
    ],
    [
      'gia-lai-2025.yaml',
      'bao-cao-thang',
      '2026-01 01-19, 2026-02 02-13/02-23, 2026-03 03-19, 2026-04 04-17/04-20, 2026-05 05-19, 2026-06 06-19, ' +
        '2026-07 07-17/07-20, 2026-08 08-19, 2026-09 09-18/09-21, 2026-10 10-19, 2026-11 11-19, 2026-12 12-18/12-21, ' +
        '2027-01 01-19, 2027-02 02-19, 2027-03 03-19, 2027-04 04-19, 2027-05 05-19, 2027-06 06-18/06-21, ' +
        '2027-07 07-19, 2027-08 08-19, 2027-09 09-17/09-20, 2027-10 10-19, 2027-11 11-19, 2027-12 12-17/12-20',
    ],
    [
      'gia-lai-2025.yaml',
      'bao-cao-quy-vpcp',
      // chậm nhất ngày 22/3, 22/6, 22/9, 22/12: 22/03/2026 is a Sunday.
      '2026-Q1 03-20/03-23, 2026-Q2 06-22, 2026-Q3 09-22, 2026-Q4 12-22, 2027-Q1 03-22, 2027-Q2 06-22, 2027-Q3 09-22, 2027-Q4 12-22',
    ],
    [
      'gia-lai-2025.yaml',
      'bao-cao-nq131',
      // Trước ngày 10 hằng quý (tháng đầu quý): 09/01/2027 is a Saturday.
      '2026-Q1 01-09, 2026-Q2 04-09, 2026-Q3 07-09, 2026-Q4 10-09, 2027-Q1 01-08/01-11, 2027-Q2 04-09, 2027-Q3 07-09, 2027-Q4 10-08/10-11',
    ],
    [
      'kon-tum-stp-2025.yaml',
      'phe-duyet-danh-muc-dvc',
      '2026-01 01-23/01-26, 2026-02 02-24, 2026-03 03-24, 2026-04 04-24, 2026-05 05-22/05-25, 2026-06 06-24, ' +
        '2026-07 07-24, 2026-08 08-24, 2026-09 09-24, 2026-10 10-23/10-26, 2026-11 11-24, 2026-12 12-24, ' +
        '2027-01 01-22/01-25, 2027-02 02-24, 2027-03 03-24, 2027-04 04-23/04-26, 2027-05 05-24, 2027-06 06-24, ' +
        '2027-07 07-23/07-26, 2027-08 08-24, 2027-09 09-24, 2027-10 10-22/10-25, 2027-11 11-24, 2027-12 12-24',
    ],
  ])('%s %s', (file, code, expected) => {
    expect(deadlines2026To2027(file, code)).toBe(expected);
  });

  it('Kon Tum (province) has the same monthly day as the Sở Tư pháp plan, without "(nếu có)"', () => {
    expect(deadlines2026To2027('kon-tum-2025.yaml', 'phe-duyet-danh-muc-dvc')).toBe(
      deadlines2026To2027('kon-tum-stp-2025.yaml', 'phe-duyet-danh-muc-dvc'),
    );
    expect(preset('kon-tum-2025.yaml').get('phe-duyet-danh-muc-dvc').conditional).toBeUndefined();
    expect(preset('kon-tum-stp-2025.yaml').get('phe-duyet-danh-muc-dvc').conditional).toBe(true);
  });
});

describe('catalogue presets', () => {
  it('lists the default (common ground) first, then one preset per seed plan', () => {
    const presets = listDutyPresets(undefined);
    expect(presets.map((p) => [p.file, p.province, p.duties, p.datedDuties, p.inUse])).toEqual([
      ['config/duties.yaml', 'nhiều tỉnh', 10, 4, true],
      ['config/duties/an-giang-khcn-2025.yaml', 'An Giang', 11, 4, false],
      ['config/duties/an-giang-stp-2024.yaml', 'An Giang', 12, 4, false],
      ['config/duties/gia-lai-2025.yaml', 'Gia Lai', 6, 4, false],
      ['config/duties/kon-tum-2025.yaml', 'Kon Tum', 5, 1, false],
      ['config/duties/kon-tum-stp-2025.yaml', 'Kon Tum', 6, 0, false],
    ]);
    expect(presets[0]?.name).toContain('điểm chung');
    expect(presets.every((p) => p.error === undefined)).toBe(true);
  });

  it('marks the file DUTIES_FILE names as in use', () => {
    const inUse = listDutyPresets(join(SHIPPED_PRESETS_DIR, 'gia-lai-2025.yaml')).filter((p) => p.inUse);
    expect(inUse.map((p) => p.file)).toEqual(['config/duties/gia-lai-2025.yaml']);
  });

  it('lists a broken preset with its line and reason, and the others still', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nhacviec-presets-'));
    writeFileSync(join(dir, 'a-good.yaml'), 'duties:\n' + goodDuty);
    writeFileSync(join(dir, 'b-bad.yaml'), 'duties:\n  - code: X\n');
    const presets = listDutyPresets(undefined, dir);
    expect(presets.map((p) => [p.name, p.duties])).toContainEqual(['a-good', 1]);
    expect(presets.find((p) => p.path.endsWith('b-bad.yaml'))?.error).toMatch(/b-bad\.yaml, dòng 2/);
  });

  it('gives every preset the PAKN and apology-letter duties the chat commands count on', () => {
    for (const { path } of listDutyPresets(undefined)) {
      const catalogue = loadDutyCatalogue(path);
      expect(catalogue.find('pakn')?.rule.kind, path).toBe('workingDaysAfter');
      expect(catalogue.find('thu-xin-loi')?.rule.kind, path).toBe('workingDaysBefore');
    }
  });

  it('refuses a taskTitle without {kỳ} and a conditional that is not true/false', () => {
    const withKey = (line: string) => 'duties:\n' + goodDuty + line;
    expect(thrownBy(() => parseDutyCatalogue(withKey('    taskTitle: Báo cáo tháng\n'), 'x.yaml')).message).toContain(
      'taskTitle phải có {kỳ} hoặc {kỳ trước}',
    );
    expect(thrownBy(() => parseDutyCatalogue(withKey('    conditional: nếu có\n'), 'x.yaml')).message).toContain(
      'conditional phải là true hoặc false',
    );
  });
});

const goodDuty = [
  '  - code: bao-cao-thang',
  '    title: Báo cáo hằng tháng',
  '    rule: { kind: monthly, due: before, day: 20 }',
  '    source: { document: Kế hoạch 1, clause: mục 1, quote: trước ngày 20 }',
  '',
].join('\n');
