// A due date typed by a person (task add --due) is accepted as given, but some are probably
// mistakes: already past (the task is overdue the moment it exists) or on a day off (the
// reminders and the report still count that day). Say so, with the next working day.
import type { WorkCalendar } from '../calendar/work-calendar.ts';
import { addDays, formatVietnamese, type LocalDate } from '../local-date.ts';

export function dueDateWarnings(due: LocalDate, today: LocalDate, calendar: WorkCalendar): string[] {
  const warnings: string[] = [];
  if (due < today) {
    warnings.push(
      `Hạn ${formatVietnamese(due)} đã qua (hôm nay ${formatVietnamese(today)}): việc được tính là quá hạn ngay từ bây giờ.`,
    );
  }
  const reason = calendar.dayOffReason(due);
  if (reason) {
    const next = calendar.nextWorkingDayOnOrAfter(addDays(due, 1));
    warnings.push(
      `Hạn ${formatVietnamese(due)} là ngày nghỉ (${reason}); ngày làm việc kế tiếp là ${formatVietnamese(next)}.`,
    );
  }
  return warnings;
}
