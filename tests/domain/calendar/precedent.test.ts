// Checks the provisional defaults (statute + precedent, no announcement) against what was really
// announced, 2021–2026, and prints each year's comparison. 2024–2026 are the announcements in
// config/calendar.yaml; 2021–2023 are the fixtures below, from the published decisions:
// - 2021: Tết 10–16/2 (29 tháng Chạp – mùng 5); 1–3/1; Giỗ Tổ 21/4; 30/4–3/5; Quốc khánh 2–5/9
//   (Thủ tướng đồng ý phương án của Bộ LĐTBXH, 11/2020; VnExpress/VNA/Tuổi Trẻ 27–28/11/2020).
// - 2022: Tết 29/1–6/2 (5 ngày 31/1–4/2); 1–3/1; Giỗ Tổ 10–11/4; 30/4–3/5; Quốc khánh 1–4/9
//   (Văn phòng Chính phủ, 2021–2022).
// - 2023: 31/12/2022–2/1; Tết 20–26/1 (29 tháng Chạp – mùng 5); 29/4–3/5; Quốc khánh 1–4/9
//   (Văn phòng Chính phủ, 01/12/2022).
import { describe, expect, it } from 'vitest';
import { loadCalendarFile, SHIPPED_CALENDAR_FILE } from '../../../src/domain/calendar/announcements.ts';
import { isWeekend } from '../../../src/domain/calendar/holidays.ts';
import { WorkCalendar } from '../../../src/domain/calendar/work-calendar.ts';
import { addDays, localDate, type LocalDate } from '../../../src/domain/local-date.ts';

interface YearLayout {
  /** Monday–Friday days off. */
  weekdaysOff: string[];
  /** Saturdays and Sundays worked (làm bù). */
  weekendsWorked: string[];
}

const ANNOUNCED_2021_2023: Record<number, YearLayout> = {
  2021: {
    weekdaysOff: ['2021-01-01', '2021-02-10', '2021-02-11', '2021-02-12', '2021-02-15', '2021-02-16'].concat([
      '2021-04-21',
      '2021-04-30',
      '2021-05-03',
      '2021-09-02',
      '2021-09-03',
    ]),
    weekendsWorked: [],
  },
  2022: {
    weekdaysOff: ['2022-01-03', '2022-01-31', '2022-02-01', '2022-02-02', '2022-02-03', '2022-02-04'].concat([
      '2022-04-11',
      '2022-05-02',
      '2022-05-03',
      '2022-09-01',
      '2022-09-02',
    ]),
    weekendsWorked: [],
  },
  2023: {
    weekdaysOff: ['2023-01-02', '2023-01-20', '2023-01-23', '2023-01-24', '2023-01-25', '2023-01-26'].concat([
      '2023-05-01',
      '2023-05-02',
      '2023-05-03',
      '2023-09-01',
      '2023-09-04',
    ]),
    weekendsWorked: [],
  },
};

function layoutOf(calendar: WorkCalendar, year: number): YearLayout {
  const layout: YearLayout = { weekdaysOff: [], weekendsWorked: [] };
  for (let date: LocalDate = localDate(year, 1, 1); date <= localDate(year, 12, 31); date = addDays(date, 1)) {
    const working = calendar.isWorkingDay(date);
    if (!working && !isWeekend(date)) layout.weekdaysOff.push(date);
    if (working && isWeekend(date)) layout.weekendsWorked.push(date);
  }
  return layout;
}

const difference = (a: string[], b: string[]) => a.filter((date) => !b.includes(date));

function compare(year: number) {
  const defaults = layoutOf(new WorkCalendar(), year);
  const announced =
    ANNOUNCED_2021_2023[year] ?? layoutOf(new WorkCalendar(loadCalendarFile(SHIPPED_CALENDAR_FILE)), year);
  return {
    year,
    defaults,
    announced,
    onlyAnnouncedOff: difference(announced.weekdaysOff, defaults.weekdaysOff),
    onlyDefaultOff: difference(defaults.weekdaysOff, announced.weekdaysOff),
    onlyAnnouncedWorked: difference(announced.weekendsWorked, defaults.weekendsWorked),
  };
}

const YEARS = [2021, 2022, 2023, 2024, 2025, 2026];

describe('provisional defaults against the announcements of 2021–2026', () => {
  const results = YEARS.map(compare);

  it('prints, for each year, the defaults against the announcement', () => {
    const lines = results.map((r) =>
      [
        `${r.year}: mặc định nghỉ ${r.defaults.weekdaysOff.length} ngày làm việc, thông báo ${r.announced.weekdaysOff.length}`,
        `  mặc định:  ${r.defaults.weekdaysOff.join(' ')}`,
        `  thông báo: ${r.announced.weekdaysOff.join(' ')}${r.announced.weekendsWorked.length ? ` | làm bù ${r.announced.weekendsWorked.join(' ')}` : ''}`,
        r.onlyAnnouncedOff.length + r.onlyDefaultOff.length + r.onlyAnnouncedWorked.length === 0
          ? '  → trùng khớp'
          : `  → còn khác: chỉ thông báo nghỉ [${r.onlyAnnouncedOff.join(' ')}], chỉ mặc định nghỉ [${r.onlyDefaultOff.join(' ')}], làm bù [${r.onlyAnnouncedWorked.join(' ')}]`,
      ].join('\n'),
    );
    console.log(`Lịch mặc định (luật + tiền lệ) so với thông báo:\n${lines.join('\n')}`);
    expect(lines).toHaveLength(YEARS.length);
  });

  it('places every Tết and every 2/9 adjacent day as announced, 2021–2026', () => {
    for (const r of results) {
      const tetOrNationalDay = (date: string) =>
        date.slice(5, 7) === '01' || date.slice(5, 7) === '02' || date.slice(5, 7) === '09';
      // 2026-01-02 (Tết Dương lịch bridge) and 2026-08-31 (2/9 bridge) are swaps, listed below.
      const swaps = ['2026-01-02', '2026-08-31'];
      const misplaced = [...r.onlyAnnouncedOff, ...r.onlyDefaultOff].filter(
        (date) => tetOrNationalDay(date) && !swaps.includes(date),
      );
      expect(misplaced, `${r.year}`).toEqual([]);
    }
  });

  // What no rule predicts: a bridge day swapped for a Saturday (hoán đổi), decided year by year;
  // and the 2025 Tết make-up Saturday as recorded in calendar.yaml.
  it('still differs only by the announced swaps', () => {
    const remaining = Object.fromEntries(
      results.map((r) => [
        r.year,
        { off: [...r.onlyAnnouncedOff, ...r.onlyDefaultOff], worked: r.onlyAnnouncedWorked },
      ]),
    );
    expect(remaining).toEqual({
      2021: { off: [], worked: [] },
      2022: { off: [], worked: [] },
      2023: { off: [], worked: [] },
      2024: { off: ['2024-04-29'], worked: ['2024-05-04'] },
      2025: { off: ['2025-05-02'], worked: ['2025-02-08', '2025-04-26'] },
      2026: { off: ['2026-01-02', '2026-08-31'], worked: ['2026-01-10', '2026-08-22'] },
    });
  });
});
