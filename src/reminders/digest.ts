// One message per person per send time: every task they are reminded of, and for unit heads the
// overdue tasks of their unit and its sub-units. Task ids appear as "#12" because Zalo users
// answer by replying "xong" to this message and the command layer reads the ids from the quote.
import type { ChannelKind, MessageAction } from '../channels/channel.ts';
import { deadlineText, standingText, taskActions } from '../chat/format.ts';
import type { WorkCalendar } from '../domain/calendar/work-calendar.ts';
import type { Deadline } from '../domain/deadlines/deadline.ts';
import { addDays, formatVietnamese, type LocalDate } from '../domain/local-date.ts';

export interface DigestTask extends Deadline {
  id: number;
  title: string;
  /** Shown in a head's list: whose task it is. */
  assigneeName?: string | null;
  unitCode?: string;
  /** The office's compile task: which phòng have sent their part ("📥 1/2 phòng đã nộp; chưa nộp: …"). */
  compilation?: string;
}

export interface DigestInput {
  today: LocalDate;
  /** Lateness and time left count working days. */
  calendar: WorkCalendar;
  /** Sections of the first message of the day (src/reminders/morning.ts), shown first. */
  morning?: string[];
  /** Tasks the person is assigned. */
  own: DigestTask[];
  /** Overdue tasks of the units the person heads (not their own). */
  unit: DigestTask[];
  /** Reminders that could not be delivered, for office admins. */
  undelivered: UndeliveredItem[];
  /** Longest text to build (the transport's message limit, with room to spare). */
  maxChars: number;
  /** Tasks that get buttons; more would bury the message under them. */
  maxButtonTasks?: number;
}

export interface UndeliveredItem {
  taskId: number;
  title: string;
  recipientName: string;
  reason: string;
}

export interface Digest {
  text: string;
  actions: MessageAction[];
}

/** Room left under each transport's message limit (Telegram 4096, Zalo 2000 characters). */
export const MAX_CHARS: Record<ChannelKind, number> = { telegram: 3800, zalo: 1800, console: 3800 };

const TITLE_LIMIT = 120;

/** Most urgent first: longest overdue, then due soonest, then the earlier target; ties by id. */
export function byUrgency(a: DigestTask, b: DigestTask): number {
  if (a.dueDate !== b.dueDate) return a.dueDate < b.dueDate ? -1 : 1;
  if (a.targetDate !== b.targetDate) return a.targetDate < b.targetDate ? -1 : 1;
  return a.id - b.id;
}

export function composeDigest(input: DigestInput): Digest {
  const own = [...input.own].sort(byUrgency);
  const unit = [...input.unit].sort(byUrgency);
  const budget = { left: input.maxChars - 300 };
  // The morning additions take at most two thirds of the message; the reminders keep the rest.
  const morningBudget = { left: Math.floor((budget.left * 2) / 3) };
  const sections: string[] = (input.morning ?? []).map((text) => fitLines(text, morningBudget));
  budget.left -= sections.reduce((sum, text) => sum + text.length + 2, 0);

  if (own.length > 0) {
    sections.push(
      section(
        `🔔 Nhắc việc ngày ${formatVietnamese(input.today)}: anh/chị có ${own.length} việc cần chú ý`,
        own.map(
          (task) =>
            `• #${task.id} ${shorten(task.title)} — ${deadlineText(task)} — ${standingText(task, input.today, input.calendar)}` +
            (task.compilation ? `\n  ${task.compilation}` : ''),
        ),
        budget,
        'gõ /viec để xem đủ',
      ),
    );
  }
  if (unit.length > 0) {
    sections.push(
      section(
        `⚠️ Việc quá hạn trong đơn vị (${unit.length} việc)`,
        unit.map(
          (task) =>
            `• #${task.id} ${shorten(task.title)} — ${task.assigneeName ?? 'chưa giao'}${task.unitCode ? ` (${task.unitCode})` : ''} — ${deadlineText(task)} — ${standingText(task, input.today, input.calendar)}`,
        ),
        budget,
        'gõ /quahan để xem đủ',
      ),
    );
  }
  if (input.undelivered.length > 0) {
    sections.push(
      section(
        `❗ Không gửi được ${input.undelivered.length} nhắc việc`,
        input.undelivered.map(
          (item) => `• #${item.taskId} ${shorten(item.title)} → ${item.recipientName}: ${item.reason}`,
        ),
        budget,
        'xem nhật ký của bot để biết thêm',
      ),
    );
  }
  if (own.length > 0) {
    sections.push(
      `Khi xong việc, trả lời /xong <số việc> (ví dụ /xong ${own[0]!.id}); muốn nhắc lại sau: /hoan <số việc> <số ngày>.`,
    );
  }
  const buttonTasks = own.slice(0, input.maxButtonTasks ?? 5);
  const tomorrowIsWorkingDay = input.calendar.isWorkingDay(addDays(input.today, 1));
  const actions = buttonTasks.flatMap((task) => taskActions(task.id, tomorrowIsWorkingDay));
  return { text: sections.join('\n\n'), actions };
}

function section(heading: string, lines: string[], budget: { left: number }, more: string): string {
  const shown: string[] = [heading];
  budget.left -= heading.length + 2;
  let count = 0;
  for (const line of lines) {
    if (line.length + 1 > budget.left && count > 0) break;
    shown.push(line);
    budget.left -= line.length + 1;
    count++;
  }
  if (count < lines.length) shown.push(`… và ${lines.length - count} việc khác (${more}).`);
  return shown.join('\n');
}

/** `text` whole if it fits, else its first lines and how many were left out. */
export function fitLines(text: string, budget: { left: number }): string {
  if (text.length <= budget.left) {
    budget.left -= text.length + 2;
    return text;
  }
  const lines = text.split('\n');
  const kept: string[] = [];
  let left = budget.left - 40;
  for (const line of lines) {
    if (line.length + 1 > left && kept.length > 0) break;
    kept.push(line);
    left -= line.length + 1;
  }
  const shown = kept.length < lines.length ? [...kept, `… và ${lines.length - kept.length} dòng nữa.`] : kept;
  const result = shown.join('\n');
  budget.left -= result.length + 2;
  return result;
}

function shorten(title: string): string {
  const flat = title.replace(/\s+/g, ' ').trim();
  return flat.length <= TITLE_LIMIT ? flat : `${flat.slice(0, TITLE_LIMIT - 1)}…`;
}
