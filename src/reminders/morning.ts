// The morning additions to the first message of a working day: the office admin's overview
// (one line per unit, who has not linked a chat, failed reminders, calendar warnings) and a
// head's "Hôm qua đã xong" (what their units closed since the last working day, on time or late
// against the legal due date, with the note). Composed at send time from the database.
import { deadlineText, shortTitle } from '../chat/format.ts';
import {
  countFailedReminders,
  tasksClosedBetween,
  unitOverview,
  type ClosedTaskLine,
  type MorningReader,
} from '../db/store/morning-digest.ts';
import { listOfficials } from '../db/store/officials.ts';
import { UNCERTAIN_LABEL } from '../db/store/zalo-invitation-delivery.ts';
import { invitationSummary } from '../db/store/zalo-invitation-summary.ts';
import { newTasksWaiting } from '../db/store/task-announcements.ts';
import type { Store } from '../db/store/store.ts';
import type { WorkCalendar } from '../domain/calendar/work-calendar.ts';
import type { InvitationPace } from '../domain/invitation-schedule.ts';
import { yearsToWarnAbout } from '../domain/calendar/upkeep.ts';
import { workingDaysAfter } from '../domain/deadlines/standing.ts';
import {
  addDays,
  dayOfWeek,
  formatVietnamese,
  formatVietnamTimeShort,
  vietnamInstant,
  type LocalDate,
} from '../domain/local-date.ts';

/** Names listed before "và N người khác". */
const NAMES_SHOWN = 5;
const NOTE_LENGTH = 80;

/** Lines of the new-task list before "… và N việc khác". */
const NEW_TASKS_SHOWN = 10;

export interface MorningContent {
  sections: string[];
  /** The new-task announcements this digest settles: listed, or no longer relevant. */
  newTasks: { shown: number[]; stale: number[] };
}

/** The Zalo invitations' expected finish is projected from `now` at `pace` (absent: no sender here). */
export interface InvitationProjection {
  now: Date;
  pace: InvitationPace | undefined;
}

export async function composeMorning(
  db: Store,
  calendar: WorkCalendar,
  reader: MorningReader,
  today: LocalDate,
  invitations: InvitationProjection,
): Promise<MorningContent> {
  const waiting = await newTasksWaiting(db, reader.id);
  const current = waiting.flatMap((item) => (item.task ? [item.task] : []));
  const sections: string[] = [];
  if (current.length > 0) sections.push(newTaskSection(current));
  if (reader.role === 'admin') sections.push(...(await officeOverview(db, calendar, today, invitations)));
  if (reader.role === 'head') sections.push(...(await closedSinceLastWorkingDay(db, calendar, reader, today)));
  return {
    sections,
    newTasks: {
      shown: waiting.filter((item) => item.task).map((item) => item.noticeId),
      stale: waiting.filter((item) => !item.task).map((item) => item.noticeId),
    },
  };
}

function byDueDate(a: { id: number; dueDate: LocalDate }, b: { id: number; dueDate: LocalDate }): number {
  if (a.dueDate !== b.dueDate) return a.dueDate < b.dueDate ? -1 : 1;
  return a.id - b.id;
}

function newTaskSection(tasks: { id: number; title: string; targetDate: LocalDate; dueDate: LocalDate }[]): string {
  const sorted = [...tasks].sort(byDueDate);
  const lines = sorted
    .slice(0, NEW_TASKS_SHOWN)
    .map((task) => `• #${task.id} ${shortTitle(task.title)} — ${deadlineText(task)}`);
  const more = sorted.length - NEW_TASKS_SHOWN;
  if (more > 0) lines.push(`… và ${more} việc khác — gõ /viec tatca`);
  return [`🆕 Việc mới được giao (${tasks.length} việc):`, ...lines].join('\n');
}

async function officeOverview(
  db: Store,
  calendar: WorkCalendar,
  today: LocalDate,
  projection: InvitationProjection,
): Promise<string[]> {
  const weekEnd = addDays(today, (7 - dayOfWeek(today)) % 7);
  const [units, unlinked, failed, invitations] = await Promise.all([
    unitOverview(db, today, weekEnd),
    listOfficials(db, { unlinked: true }),
    countFailedReminders(db),
    invitationLine(db, calendar, today, projection),
  ]);
  const month = today.slice(5, 7).replace(/^0/, '');
  // Units with nothing open and nothing due this month share one line: the message must fit a phone.
  const busy = units.filter((unit) => unit.open > 0 || unit.decided > 0);
  const idle = units.filter((unit) => unit.open === 0 && unit.decided === 0).map((unit) => unit.unitCode);
  const sections = [
    [
      `📊 Tổng quan các đơn vị sáng ${formatVietnamese(today)} (đang mở · hạn trong tuần · quá hạn · đúng hạn tháng ${month}):`,
      ...busy.map(
        (unit) =>
          `• ${unit.unitCode} ${unit.unitName}: ${unit.open} mở · ${unit.dueThisWeek} trong tuần · ` +
          `${unit.overdue} quá hạn · ${unit.decided === 0 ? '—' : `${Math.round((100 * unit.onTime) / unit.decided)}%`}`,
      ),
      ...(idle.length > 0 ? [`• Không có việc đang mở: ${idle.join(', ')}`] : []),
    ].join('\n'),
  ];
  if (unlinked.length > 0) {
    const names = unlinked.slice(0, NAMES_SHOWN).map((official) => official.username);
    const more = unlinked.length > NAMES_SHOWN ? `, và ${unlinked.length - NAMES_SHOWN} người khác` : '';
    sections.push(
      `👥 ${unlinked.length} cán bộ chưa liên kết Telegram/Zalo: ${names.join(', ')}${more}. ` +
        'Xem: cli official list --unlinked; in phiếu liên kết: cli link-sheet --out phieu.pdf',
    );
  }
  if (invitations) sections.push(invitations);
  if (failed > 0) sections.push(`❗ ${failed} nhắc việc không gửi được (việc còn mở). Xem lý do: cli reminders failed`);
  for (const year of yearsToWarnAbout(calendar, today))
    sections.push(`📅 Lịch nghỉ lễ, Tết năm ${year} chưa có thông báo chính thức. Xem: cli calendar check`);
  return sections;
}

/**
 * The Zalo invitations: sent since the last working day began (they go only in working hours, so
 * each is told exactly once), waiting with the expected finish, and what the office must look at.
 */
async function invitationLine(
  db: Store,
  calendar: WorkCalendar,
  today: LocalDate,
  projection: InvitationProjection,
): Promise<string | undefined> {
  const from = calendar.addWorkingDays(today, -1);
  const summary = await invitationSummary(db, { from: vietnamInstant(from), to: vietnamInstant(today) }, projection);
  const parts: string[] = [];
  if (summary.sent > 0)
    parts.push(`đã gửi ${summary.sent} (${from === addDays(today, -1) ? 'hôm qua' : `từ ${sinceText(from)}`})`);
  if (summary.waiting > 0)
    parts.push(
      `${summary.waiting} đang chờ gửi` +
        (summary.finish ? `, dự kiến xong lúc ${formatVietnamTimeShort(summary.finish)}` : ''),
    );
  if (summary.notOnZalo > 0) parts.push(`${summary.notOnZalo} số điện thoại không dùng Zalo`);
  if (summary.failed > 0) parts.push(`${summary.failed} lỗi gửi`);
  if (summary.uncertain > 0)
    parts.push(`${summary.uncertain} ${UNCERTAIN_LABEL} (gửi lại nếu cần: cli official invite <tên> --zalo)`);
  if (parts.length === 0) return undefined;
  return `📨 Lời mời Zalo: ${parts.join('; ')}. Xem: cli official list --unlinked`;
}

function sinceText(date: LocalDate): string {
  return formatVietnamese(date).slice(0, 5);
}

async function closedSinceLastWorkingDay(
  db: Store,
  calendar: WorkCalendar,
  reader: MorningReader,
  today: LocalDate,
): Promise<string[]> {
  const yesterday = addDays(today, -1);
  const from = calendar.addWorkingDays(today, -1);
  const closed = await tasksClosedBetween(db, reader.unitCode, from, yesterday);
  if (closed.length === 0) return [];
  const since = from === yesterday ? '' : ` (từ ${sinceText(from)})`;
  return [
    [`✅ Hôm qua đã xong${since}: ${closed.length} việc`, ...closed.map((task) => closedLine(task, calendar))].join(
      '\n',
    ),
  ];
}

function closedLine(task: ClosedTaskLine, calendar: WorkCalendar): string {
  const who = task.assigneeName ?? task.doneByName ?? 'chưa giao';
  const late = task.doneOn > task.dueDate ? workingDaysAfter(task.dueDate, task.doneOn, calendar) : 0;
  const verdict = late > 0 ? `trễ ${late} ngày làm việc (hạn chót ${formatVietnamese(task.dueDate)})` : 'đúng hạn';
  const note = task.note ? `: «${shortTitle(task.note.replace(/\s+/g, ' '), NOTE_LENGTH)}»` : '';
  return `• #${task.id} ${shortTitle(task.title)} — ${who} (${task.unitCode}) — ${verdict}${note}`;
}
