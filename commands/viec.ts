// /viec: my open tasks, sized for a phone — overdue first, then the next 30 days, at most 10 task
// lines with titles cut to about one line ("… và 7 việc khác — gõ /viec tatca"). `/viec tatca`
// lists everything open, by section, with full titles.
import { z } from 'zod';
import { assertLinked, defineCommand } from '../src/chat/command.ts';
import { doneAction, formatDate, isOverdue, shortTitle, taskLine } from '../src/chat/format.ts';
import { listTasks } from '../src/db/store/tasks.ts';
import { compilationProgress } from '../src/db/store/report-chains.ts';
import { describeCompilation, type CompilationProgress } from '../src/domain/duties/compilation-progress.ts';
import { foldDiacritics } from '../src/domain/fold-text.ts';
import { addDays, type LocalDate } from '../src/domain/local-date.ts';
import type { Task } from '../src/domain/model.ts';

/** Buttons for the first few tasks only: a wall of buttons is unusable on a phone. */
const TASKS_WITH_BUTTONS = 3;
/** Task lines in the short list: with its heading and the "… và N việc khác" line, 12 lines. */
export const SHORT_LIST_TASKS = 10;
/** How far ahead the short list looks; later tasks are in /viec tatca. */
export const SHORT_LIST_DAYS = 30;

const ALL_WORDS = new Set(['tatca', 'tat ca', 'all']);

export const viec = defineCommand({
  names: ['viec', 'tasks', 'congviec'],
  description: 'Các việc đang mở của bạn: quá hạn trước, rồi 30 ngày tới (/viec tatca: tất cả)',
  usage: '/viec | /viec tatca',
  audience: 'linked',
  privateReply: true,
  args: z
    .array(z.string())
    .refine((words) => words.length === 0 || ALL_WORDS.has(foldDiacritics(words.join(' '))), {
      error: 'Gõ /viec để xem việc gần hạn, hoặc /viec tatca để xem tất cả.',
    })
    .transform((words) => ({ all: words.length > 0 })),
  async run({ all }, { db, today, sender, reference }) {
    assertLinked(sender);
    const tasks = await listTasks(db, { assigneeUsername: sender.official.username, status: 'open' }, today);
    if (tasks.length === 0) return { text: `Bạn không có việc nào đang mở (hôm nay ${formatDate(today)}). 👍` };
    const overdue = tasks.filter((task) => isOverdue(task, today));
    const upcoming = tasks.filter((task) => !isOverdue(task, today));
    const heading = `Việc của ${sender.official.fullName} (${tasks.length}), hôm nay ${formatDate(today)}`;
    // The office's compile tasks say which phòng have sent their part.
    const progress = await compilationProgress(
      db,
      tasks.map((task) => task.id),
    );
    const line = (task: Task) => withCompilation(taskLine(task, today, reference.calendar), progress.get(task.id));
    const lines = all ? fullList(heading, overdue, upcoming, line) : shortList(heading, overdue, upcoming, today, line);
    const actions = tasks.slice(0, TASKS_WITH_BUTTONS).map((task) => doneAction(task.id));
    return { text: lines.join('\n'), actions };
  },
});

function withCompilation(line: string, progress: CompilationProgress | undefined): string {
  return progress ? `${line}\n   ${describeCompilation(progress)}` : line;
}

function shortList(
  heading: string,
  overdue: Task[],
  upcoming: Task[],
  today: LocalDate,
  lineOf: (task: Task) => string,
): string[] {
  const horizon = addDays(today, SHORT_LIST_DAYS);
  const soon = upcoming.filter((task) => task.targetDate <= horizon);
  const shown = [...overdue, ...soon].slice(0, SHORT_LIST_TASKS);
  const hidden = overdue.length + upcoming.length - shown.length;
  const line = (task: Task) =>
    `${isOverdue(task, today) ? '⚠️ ' : ''}${lineOf({ ...task, title: shortTitle(task.title) })}`;
  return [
    overdue.length > 0 ? `${heading} — ⚠️ ${overdue.length} quá hạn:` : `${heading}:`,
    ...(shown.length > 0 ? shown.map(line) : [`Không có việc nào đến hạn trong ${SHORT_LIST_DAYS} ngày tới.`]),
    hidden > 0 ? `… và ${hidden} việc khác — gõ /viec tatca` : 'Báo xong: /xong <số việc> [ghi chú]',
  ];
}

function fullList(heading: string, overdue: Task[], upcoming: Task[], lineOf: (task: Task) => string): string[] {
  const lines = [`${heading}:`];
  if (overdue.length > 0) lines.push('', `⚠️ Quá hạn (${overdue.length}):`, ...overdue.map(lineOf));
  if (upcoming.length > 0) lines.push('', `📌 Sắp tới (${upcoming.length}):`, ...upcoming.map(lineOf));
  lines.push('', 'Báo xong: /xong <số việc> [ghi chú]');
  return lines;
}
