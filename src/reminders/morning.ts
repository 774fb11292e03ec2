// The morning additions to the first message of a working day: the office admin's overview
// (one line per unit, who has not linked a chat, failed reminders, calendar warnings) and a
// head's "Hôm qua đã xong" (what their units closed since the last working day, on time or late
// against the legal due date, with the note). Composed at send time from the database.
import { shortTitle } from '../chat/format.ts';
import {
  countFailedReminders,
  tasksClosedBetween,
  unitOverview,
  type ClosedTaskLine,
  type MorningReader,
} from '../db/store/morning-digest.ts';
import { listOfficials } from '../db/store/officials.ts';
import type { Store } from '../db/store/store.ts';
import type { WorkCalendar } from '../domain/calendar/work-calendar.ts';
import { yearsToWarnAbout } from '../domain/calendar/upkeep.ts';
import { workingDaysAfter } from '../domain/deadlines/standing.ts';
import { addDays, dayOfWeek, formatVietnamese, type LocalDate } from '../domain/local-date.ts';

/** Names listed before "và N người khác". */
const NAMES_SHOWN = 5;
const NOTE_LENGTH = 80;

export async function composeMorning(
  db: Store,
  calendar: WorkCalendar,
  reader: MorningReader,
  today: LocalDate,
): Promise<string[]> {
  return reader.role === 'admin'
    ? officeOverview(db, calendar, today)
    : closedSinceLastWorkingDay(db, calendar, reader, today);
}

async function officeOverview(db: Store, calendar: WorkCalendar, today: LocalDate): Promise<string[]> {
  const weekEnd = addDays(today, (7 - dayOfWeek(today)) % 7);
  const [units, unlinked, failed] = await Promise.all([
    unitOverview(db, today, weekEnd),
    listOfficials(db, { unlinked: true }),
    countFailedReminders(db),
  ]);
  const month = today.slice(5, 7).replace(/^0/, '');
  const sections = [
    [
      `📊 Tổng quan các đơn vị sáng ${formatVietnamese(today)} (đang mở · hạn trong tuần · quá hạn · đúng hạn tháng ${month}):`,
      ...units.map(
        (unit) =>
          `• ${unit.unitCode} ${unit.unitName}: ${unit.open} mở · ${unit.dueThisWeek} trong tuần · ` +
          `${unit.overdue} quá hạn · ${unit.decided === 0 ? '—' : `${Math.round((100 * unit.onTime) / unit.decided)}%`}`,
      ),
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
  if (failed > 0) sections.push(`❗ ${failed} nhắc việc không gửi được (việc còn mở). Xem lý do: cli reminders failed`);
  for (const year of yearsToWarnAbout(calendar, today))
    sections.push(`📅 Lịch nghỉ lễ, Tết năm ${year} chưa có thông báo chính thức. Xem: cli calendar check`);
  return sections;
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
  const since = from === yesterday ? '' : ` (từ ${formatVietnamese(from).slice(0, 5)})`;
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
