// /tinhtrang: my counts (open, due this week, overdue, done this month and how many on time);
// /tinhtrang <id>: one task's details and its reminder history.
import { z } from 'zod';
import { assertLinked, defineCommand, type CommandContext, type Sender } from '../src/chat/command.ts';
import { oneTaskId } from '../src/chat/arguments.ts';
import {
  formatDate,
  formatInstant,
  isOverdue,
  standingText,
  STATUS_LABELS,
  UNRECONCILED_NOTE,
} from '../src/chat/format.ts';
import { deadlineDates } from '../src/domain/deadlines/deadline.ts';
import { awaitsReconciliation, isOneStopTask, RECONCILED_LABEL } from '../src/domain/one-stop.ts';
import { requireTaskInScope } from '../src/chat/permissions.ts';
import { findTaskFollowUp } from '../src/db/store/task-follow-up.ts';
import { listTasks } from '../src/db/store/tasks.ts';
import { compilationProgress } from '../src/db/store/report-chains.ts';
import { describeCompilation } from '../src/domain/duties/compilation-progress.ts';
import { addDays, dayOfWeek, vietnamDateOf, type LocalDate } from '../src/domain/local-date.ts';

const REMINDER_STATES: Record<string, string> = {
  pending: 'chờ gửi',
  sending: 'đang gửi',
  sent: 'đã gửi',
  failed: 'gửi lỗi',
  cancelled: 'đã bỏ',
};

export const tinhtrang = defineCommand({
  names: ['tinhtrang', 'status'],
  description: 'Tình hình việc của bạn, hoặc chi tiết và lịch sử nhắc của một việc',
  usage: '/tinhtrang [số việc]',
  audience: 'linked',
  privateReply: true,
  args: z
    .array(z.string())
    .max(1, { error: 'Chỉ ghi một số việc, ví dụ: /tinhtrang 12' })
    .pipe(z.array(oneTaskId))
    .transform((ids): { id: number | undefined } => ({ id: ids[0] })),
  async run({ id }, context) {
    const { sender } = context;
    assertLinked(sender);
    return { text: id === undefined ? await myCounts(context, sender) : await taskDetails(context, sender, id) };
  },
});

/** Monday–Sunday, as offices plan their week. */
function endOfWeek(today: LocalDate): LocalDate {
  return addDays(today, (7 - dayOfWeek(today)) % 7);
}

async function myCounts({ db, today }: CommandContext, sender: Sender): Promise<string> {
  const username = sender.official.username;
  const open = await listTasks(db, { assigneeUsername: username, status: 'open' }, today);
  const done = await listTasks(db, { assigneeUsername: username, status: 'done' }, today);
  const month = today.slice(0, 7);
  const sunday = endOfWeek(today);
  const doneThisMonth = done.filter((task) => task.doneAt && vietnamDateOf(task.doneAt).startsWith(month));
  const onTime = doneThisMonth.filter((task) => vietnamDateOf(task.doneAt!) <= task.dueDate).length;
  const percent = doneThisMonth.length === 0 ? '—' : `${Math.round((onTime * 100) / doneThisMonth.length)}%`;
  return [
    `Tình hình việc của ${sender.official.fullName}, hôm nay ${formatDate(today)}:`,
    `• Đang mở: ${open.length}`,
    `• Đến hạn trong tuần này (đến ${formatDate(sunday)}): ${open.filter((t) => t.targetDate >= today && t.targetDate <= sunday).length}`,
    `• Quá hạn: ${open.filter((task) => isOverdue(task, today)).length}`,
    `• Đã xong trong tháng: ${doneThisMonth.length} (đúng hạn ${onTime}, tỉ lệ ${percent})`,
  ].join('\n');
}

async function taskDetails({ db, today, reference }: CommandContext, sender: Sender, id: number): Promise<string> {
  const task = await requireTaskInScope(db, sender.official, id);
  const followUp = await findTaskFollowUp(db, id);
  const lines = [
    `Việc #${task.id}: ${task.title}`,
    `• Đơn vị: ${task.unitCode}; người làm: ${task.assigneeName ?? 'chưa giao'}`,
    `• Hạn: ${deadlineDates(task)}${task.status === 'open' ? ` (${standingText(task, today, reference.calendar)})` : ''}`,
    `• Trạng thái: ${STATUS_LABELS[task.status]}`,
  ];
  if (awaitsReconciliation(task)) lines.push(`• ⚠️ ${capitalise(UNRECONCILED_NOTE)}`);
  else if (isOneStopTask(task)) lines.push(`• ${capitalise(RECONCILED_LABEL)} với hệ thống một cửa`);
  if (task.status === 'done' && task.doneAt) {
    lines.push(`• Báo xong: ${formatInstant(task.doneAt)}${followUp?.doneByName ? ` bởi ${followUp.doneByName}` : ''}`);
  }
  if (task.note) lines.push(`• Ghi chú: ${task.note}`);
  const compilation = (await compilationProgress(db, [task.id])).get(task.id);
  if (compilation) lines.push(`• Báo cáo các phòng: ${describeCompilation(compilation)}`);
  if (followUp?.snoozedUntil && task.status === 'open')
    lines.push(`• Hoãn nhắc đến: ${formatDate(followUp.snoozedUntil)}`);
  const reminders = followUp?.reminders ?? [];
  lines.push('', reminders.length === 0 ? 'Chưa có lần nhắc nào.' : `Lịch sử nhắc (${reminders.length} lần gần nhất):`);
  for (const reminder of reminders) {
    const when = formatInstant(reminder.sentAt ?? reminder.scheduledFor);
    const state = REMINDER_STATES[reminder.state] ?? reminder.state;
    const error = reminder.state === 'failed' && reminder.lastError ? ` — ${reminder.lastError.slice(0, 80)}` : '';
    lines.push(
      `• ${when} → ${reminder.recipientName}: ${state}${reminder.attempts > 1 ? ` (${reminder.attempts} lần thử)` : ''}${error}`,
    );
  }
  return lines.join('\n');
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
