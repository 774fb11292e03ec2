// How tasks read in a chat: dates dd/MM/yyyy, Vietnam time, and the buttons under a reminder.
import type { MessageAction } from '../channels/channel.ts';
import type { WorkCalendar } from '../domain/calendar/work-calendar.ts';
import { deadlineText, hasGrace, type Deadline } from '../domain/deadlines/deadline.ts';
import { standingOf } from '../domain/deadlines/standing.ts';
import { formatVietnamese, formatVietnamTime, type LocalDate } from '../domain/local-date.ts';
import type { Task } from '../domain/model.ts';
import { awaitsReconciliation, UNRECONCILED_LABEL } from '../domain/one-stop.ts';

export const formatDate = formatVietnamese;

export const formatInstant = formatVietnamTime;

export { deadlineText };

/** `còn 2 ngày làm việc`, `hạn hôm nay`, `đã qua hạn khuyến nghị 13/02, hạn chót 23/02`, `quá hạn 4 ngày làm việc`. */
export function standingText(deadline: Deadline, today: LocalDate, calendar: WorkCalendar): string {
  const standing = standingOf(deadline, today, calendar);
  switch (standing.kind) {
    case 'ahead':
      return `còn ${standing.workingDaysLeft} ngày làm việc`;
    case 'target-today':
      return deadline.dueDate === today ? 'hạn hôm nay' : 'hạn khuyến nghị hôm nay';
    case 'grace':
      return deadline.dueDate === today
        ? `đã qua hạn khuyến nghị ${dayMonth(deadline.targetDate)}, hôm nay là hạn chót`
        : `đã qua hạn khuyến nghị ${dayMonth(deadline.targetDate)}, hạn chót ${dayMonth(deadline.dueDate)}`;
    case 'overdue':
      return `quá hạn ${standing.workingDaysLate} ngày làm việc`;
  }
}

/** `13/02`: the year is clear from the line it sits in. */
function dayMonth(date: LocalDate): string {
  return formatDate(date).slice(0, 5);
}

/** Open and past its legal due date (the target date may pass without the task being late). */
export function isOverdue(task: Pick<Task, 'status' | 'dueDate'>, today: LocalDate): boolean {
  return task.status === 'open' && task.dueDate < today;
}

/** Said of a petition or dossier registered in chat that no import of the one-stop export has confirmed. */
export const UNRECONCILED_NOTE = `${UNRECONCILED_LABEL} với hệ thống một cửa: người xử lý và hạn sẽ theo hệ thống một cửa khi Văn phòng nhập tệp xuất`;

/** `#12 Báo cáo tháng 11 — hạn 19/11/2026 (quá hạn 4 ngày làm việc)`, and `· chưa đối chiếu` for an unreconciled record. */
export function taskLine(task: Task, today: LocalDate, calendar: WorkCalendar): string {
  const unreconciled = awaitsReconciliation(task) ? ` · ${UNRECONCILED_LABEL}` : '';
  const standing = standingText(task, today, calendar);
  // "hạn 13/02/2026 (chậm nhất 23/02/2026), còn 3 ngày làm việc": one pair of brackets per line.
  const dates = hasGrace(task) ? `${deadlineText(task)}, ${standing}` : `${deadlineText(task)} (${standing})`;
  return `#${task.id} ${task.title} — ${dates}${unreconciled}`;
}

/** About one line on a phone; the full title is in /tinhtrang <id>. */
export const SHORT_TITLE_LENGTH = 60;

/** `Báo cáo kết quả kiểm soát thủ tục hành chính quý IV năm 2026 của…`: cut at a word, with an ellipsis. */
export function shortTitle(title: string, max = SHORT_TITLE_LENGTH): string {
  if (title.length <= max) return title;
  const cut = title.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.–—-]+$/, '')}…`;
}

export const STATUS_LABELS: Record<Task['status'], string> = { open: 'đang mở', done: 'đã xong', cancelled: 'đã huỷ' };

// The buttons under a reminder or a task list: they send `/xong 12` and `/hoan 12 1` as if typed,
// so they go through the same parser (Zalo shows them as "gõ …" hints). Labels carry the task id
// because one message may hold buttons for several tasks.

/** `✅ Xong #12` → `/xong 12`. */
export function doneAction(taskId: number): MessageAction {
  return { label: `✅ Xong #${taskId}`, command: `/xong ${taskId}` };
}

/**
 * `⏰ Nhắc lại ngày mai #12` → `/hoan 12 1`; "ngày làm việc tiếp theo" when tomorrow is a day off
 * (reminders only go out on working days, so that is when it comes back).
 */
export function remindTomorrowAction(taskId: number, tomorrowIsWorkingDay = true): MessageAction {
  const when = tomorrowIsWorkingDay ? 'ngày mai' : 'ngày làm việc tiếp theo';
  return { label: `⏰ Nhắc lại ${when} #${taskId}`, command: `/hoan ${taskId} 1` };
}

/** Both buttons for one task: done, and remind me again on the next working day. */
export function taskActions(taskId: number, tomorrowIsWorkingDay = true): MessageAction[] {
  return [doneAction(taskId), remindTomorrowAction(taskId, tomorrowIsWorkingDay)];
}

/** `↩️ Hoàn tác` → `/hoantac 12 13`: under the answer to a close, for the closer's second thoughts. */
export function undoAction(taskIds: readonly number[]): MessageAction {
  return { label: '↩️ Hoàn tác', command: ['/hoantac', ...taskIds].join(' ') };
}
