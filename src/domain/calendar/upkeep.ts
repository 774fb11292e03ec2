// Keeping the calendar file current: which years still run on provisional defaults, and what to
// tell the office about them (the `calendar check` command, the start-up log, the admins' chat).
import { addDays, dateParts, dayOfWeek, formatVietnamese, type LocalDate } from '../local-date.ts';
import type { WorkCalendar } from './work-calendar.ts';

/** `calendar check` looks this far ahead: a quarter's deadlines plus their reminders. */
export const PROVISIONAL_HORIZON_DAYS = 120;

/** Provisional years between `today` and PROVISIONAL_HORIZON_DAYS later. */
export function provisionalYearsAhead(calendar: WorkCalendar, today: LocalDate): number[] {
  return calendar.provisionalYears(today, addDays(today, PROVISIONAL_HORIZON_DAYS));
}

/**
 * The years the admins are warned about: the current year while it is provisional, and from
 * 1 November the coming year while it is (the announcement usually comes in November–December).
 */
export function yearsToWarnAbout(calendar: WorkCalendar, today: LocalDate): number[] {
  const { year, month } = dateParts(today);
  const candidates = month >= 11 ? [year, year + 1] : [year];
  return candidates.filter((candidate) => calendar.isProvisional(candidate));
}

/** Once per week and year: the Monday of `today`'s week names the week. */
export function weeklyWarningKey(year: number, today: LocalDate): string {
  const monday = addDays(today, -((dayOfWeek(today) + 6) % 7));
  return `calendar-provisional:${year}:${monday}`;
}

/** Which year, what to add, where, with an example entry (Vietnamese, for the admins). */
export function provisionalYearAdvice(calendar: WorkCalendar, year: number, file: string): string {
  const tet = calendar.daysOff(year).filter((day) => day.reason.includes('Tết Nguyên đán'));
  const tetExample =
    tet.length > 0
      ? `\n  daysOff:\n    - { from: ${tet[0]!.date}, to: ${tet.at(-1)!.date}, name: "Nghỉ Tết Nguyên đán ${year}" }`
      : '';
  const firstTet = tet[0]
    ? ` (Tết tạm tính: ${formatVietnamese(tet[0].date)}–${formatVietnamese(tet.at(-1)!.date)})`
    : '';
  return (
    `Lịch nghỉ lễ, Tết năm ${year} chưa có thông báo chính thức: các hạn trong năm ${year} đang tính theo ` +
    `lịch tạm tính (ngày lễ theo luật, nghỉ bù theo tiền lệ)${firstTet}. Khi có thông báo, thêm vào ${file}:\n` +
    `  announced:\n    - { year: ${year}, source: "Thông báo số …/TB-BNV ngày …" }${tetExample}\n` +
    `  workingDays: các ngày làm bù (nếu có).\n` +
    `Sau đó khởi động lại bot (hoặc chạy calendar reload) và kiểm tra bằng: calendar check`
  );
}
