import { deadlineDates } from '../../domain/deadlines/deadline.ts';
import { workingDaysLate } from '../../domain/deadlines/standing.ts';
import type { Command } from 'commander';
import { addTask, listTasks, markTaskDone, type TaskListStatus } from '../../db/store/tasks.ts';
import { reopenTask } from '../../db/store/task-closing.ts';
import { compilationProgress } from '../../db/store/report-chains.ts';
import { describeCompilation } from '../../domain/duties/compilation-progress.ts';
import { cancelTask, editTask, reassignTask, type TaskCorrection } from '../../db/store/task-corrections.ts';
import { formatVietnamese, vietnamDateOf, type LocalDate } from '../../domain/local-date.ts';
import type { Task } from '../../domain/model.ts';
import { InvalidArgumentError } from 'commander';
import { UserError } from '../../domain/errors.ts';
import { dueDateWarnings } from '../../domain/deadlines/due-date-warnings.ts';
import { addEventDutyTask } from '../../services/event-duties.ts';
import { addPeriodDutyTask } from '../../services/period-duty-task.ts';
import { codeArgument, dateArgument, nonEmptyText, taskIdArgument, usernameArgument } from '../arguments.ts';
import { emit, type CliContext, type JsonOption } from '../context.ts';

const LIST_STATUSES: TaskListStatus[] = ['open', 'done', 'overdue', 'cancelled'];

function statusArgument(text: string): TaskListStatus {
  if (!(LIST_STATUSES as string[]).includes(text))
    throw new InvalidArgumentError(`trạng thái phải là ${LIST_STATUSES.join(' | ')}.`);
  return text as TaskListStatus;
}

const STATUS_NAMES: Record<Task['status'], string> = { open: 'đang làm', done: 'đã xong', cancelled: 'đã huỷ' };

const LIST_HEADER = 'Số\tHạn\tĐơn vị\tNgười làm\tTình trạng\tViệc';

function describe(task: Task, daysLate: (dueDate: LocalDate) => number): string {
  const late = task.status === 'open' ? daysLate(task.dueDate) : 0;
  const state = late > 0 ? `quá hạn ${late} ngày làm việc` : STATUS_NAMES[task.status];
  return `#${task.id}\t${deadlineDates(task)}\t${task.unitCode}\t${task.assigneeUsername ?? '-'}\t${state}\t${task.title}`;
}

function describeCreated(task: Task): string {
  return `Đã giao việc #${task.id} «${task.title}» cho ${task.assigneeUsername ?? '-'} (${task.unitCode}), hạn ${formatVietnamese(task.dueDate)}.`;
}

export function registerTaskCommands(program: Command, context: () => CliContext): void {
  const task = program.command('task').description('việc cần làm');

  task
    .command('add')
    .description(
      'giao một việc: có hạn (--due), nhiệm vụ tính từ một ngày (--duty <mã> --from <ngày>) hoặc một kỳ của nhiệm vụ định kỳ, như nhiệm vụ "(nếu có)" (--duty <mã> --period <kỳ>)',
    )
    .option('--title <title>', 'nội dung việc (mặc định: tên nhiệm vụ)', nonEmptyText)
    .requiredOption('--assignee <username>', 'cán bộ được giao', usernameArgument)
    .option('--due <date>', 'hạn (dd/MM/yyyy hoặc YYYY-MM-DD)', dateArgument)
    .option('--duty <code>', 'mã nhiệm vụ trong danh mục', codeArgument)
    .option('--from <date>', 'ngày sự kiện để tính hạn theo danh mục (cần --duty)', dateArgument)
    .option('--period <period>', 'kỳ của nhiệm vụ định kỳ: YYYY-MM, YYYY-Qn, YYYY-Hn, YYYY-Www hoặc YYYY (cần --duty)')
    .option('--ref <code>', 'số văn bản / mã nguồn, ví dụ số quyết định', nonEmptyText)
    .option('--json', 'in JSON')
    .action(
      async (
        options: JsonOption & {
          title?: string;
          assignee: string;
          due?: LocalDate;
          duty?: string;
          from?: LocalDate;
          period?: string;
          ref?: string;
        },
      ) => {
        const { db, reference, actor } = context();
        let created: Task;
        if ([options.due, options.from, options.period].filter(Boolean).length > 1)
          throw new UserError(
            'Chỉ dùng một trong ba: --due (hạn cụ thể), --from (tính hạn theo danh mục) hoặc --period (một kỳ của nhiệm vụ định kỳ).',
            'DUE_AND_FROM',
          );
        if (options.period) {
          if (!options.duty)
            throw new UserError('--period cần đi kèm --duty <mã nhiệm vụ> để biết cách tính hạn.', 'DUTY_REQUIRED');
          created = await addPeriodDutyTask(
            db,
            {
              dutyCode: options.duty,
              periodKey: options.period,
              assigneeUsername: options.assignee,
              title: options.title,
              sourceRef: options.ref,
            },
            reference,
            actor,
          );
        } else if (options.from) {
          if (!options.duty)
            throw new UserError('--from cần đi kèm --duty <mã nhiệm vụ> để biết cách tính hạn.', 'DUTY_REQUIRED');
          created = await addEventDutyTask(
            db,
            {
              dutyCode: options.duty,
              from: options.from,
              assigneeUsername: options.assignee,
              title: options.title,
              sourceRef: options.ref,
            },
            reference,
            actor,
          );
        } else {
          if (!options.due)
            throw new UserError('Thiếu hạn: thêm --due <ngày>, hoặc --duty <mã> --from <ngày>.', 'DUE_REQUIRED');
          if (!options.title) throw new UserError('Thiếu nội dung việc: thêm --title "…".', 'TITLE_REQUIRED');
          created = await addTask(
            db,
            {
              title: options.title,
              assigneeUsername: options.assignee,
              dueDate: options.due,
              dutyCode: options.duty,
              sourceRef: options.ref,
            },
            actor,
          );
        }
        // Accepted as given, but a past date or a day off is probably a slip: say so (stderr, so
        // --json output stays the task alone).
        const today = vietnamDateOf(context().clock.now());
        for (const warning of dueDateWarnings(created.dueDate, today, reference.calendar)) {
          context().io.err(`Lưu ý: ${warning}`);
        }
        emit(context(), options, created, () => describeCreated(created));
      },
    );

  task
    .command('list')
    .description('liệt kê việc (theo hạn)')
    .option('--unit <code>', 'đơn vị (gồm cả đơn vị trực thuộc)', codeArgument)
    .option('--status <status>', LIST_STATUSES.join(' | '), statusArgument)
    .option('--json', 'in JSON')
    .action(async (options: JsonOption & { unit?: string; status?: TaskListStatus }) => {
      const today = vietnamDateOf(context().clock.now());
      const tasks = await listTasks(context().db, { unitCode: options.unit, status: options.status }, today);
      const calendar = context().reference.calendar;
      const daysLate = (dueDate: LocalDate) => workingDaysLate(dueDate, today, calendar);
      // The office's compile tasks carry who has sent their report (counted now, never stored).
      const progress = await compilationProgress(
        context().db,
        tasks.map((t) => t.id),
      );
      const listed = tasks.map((t) => (progress.has(t.id) ? { ...t, compilation: progress.get(t.id) } : t));
      const line = (t: Task) => {
        const compilation = progress.get(t.id);
        return compilation ? `${describe(t, daysLate)}\n\t${describeCompilation(compilation)}` : describe(t, daysLate);
      };
      emit(context(), options, listed, () =>
        tasks.length === 0 ? 'Không có việc nào.' : [LIST_HEADER, ...tasks.map(line)].join('\n'),
      );
    });

  task
    .command('done')
    .description('báo xong một việc')
    .argument('<id>', 'số hiệu việc', taskIdArgument)
    .option('--note <text>', 'ghi chú', nonEmptyText)
    .option('--json', 'in JSON')
    .action(async (id: number, options: JsonOption & { note?: string }) => {
      const now = context().clock.now();
      const closed = await markTaskDone(context().db, id, context().actor, now, options.note);
      const late = workingDaysLate(closed.task.dueDate, vietnamDateOf(now), context().reference.calendar);
      emit(context(), options, { ...closed, workingDaysLate: late }, () =>
        late === 0 ? `Đã xong việc #${id}, đúng hạn.` : `Đã xong việc #${id}, quá hạn ${late} ngày làm việc.`,
      );
    });

  task
    .command('reopen')
    .description('mở lại một việc đã báo xong (nhầm): bot nhắc lại từ hôm nay')
    .argument('<id>', 'số hiệu việc', taskIdArgument)
    .option('--reason <text>', 'lý do mở lại', nonEmptyText)
    .option('--json', 'in JSON')
    .action(async (id: number, options: JsonOption & { reason?: string }) => {
      const reopened = await reopenTask(context().db, id, context().actor, context().clock.now(), options.reason);
      emit(context(), options, reopened, () => `Đã mở lại việc #${id}: ${reopened.title}`);
    });

  task
    .command('edit')
    .description('sửa tên, hạn hoặc ghi chú của một việc (người được giao được báo)')
    .argument('<id>', 'số hiệu việc', taskIdArgument)
    .option('--title <title>', 'tên việc mới', nonEmptyText)
    .option('--due <date>', 'hạn mới (dd/MM/yyyy hoặc YYYY-MM-DD); chỉ việc đang mở', dateArgument)
    .option('--note <text>', 'ghi chú mới', nonEmptyText)
    .option('--json', 'in JSON')
    .action(async (id: number, options: JsonOption & { title?: string; due?: LocalDate; note?: string }) => {
      const edit = { title: options.title, dueDate: options.due, note: options.note };
      const result = await editTask(context().db, id, edit, context().actor, context().clock.now());
      emit(context(), options, result, () => `Đã sửa việc #${id}: ${changeText(result)}.${toldText(result)}`);
    });

  task
    .command('reassign')
    .description('giao lại một việc đang mở cho cán bộ khác (đơn vị của việc theo cán bộ mới)')
    .argument('<id>', 'số hiệu việc', taskIdArgument)
    .requiredOption('--to <username>', 'cán bộ nhận việc', usernameArgument)
    .option('--json', 'in JSON')
    .action(async (id: number, options: JsonOption & { to: string }) => {
      const result = await reassignTask(context().db, id, options.to, context().actor, context().clock.now());
      emit(context(), options, result, () => {
        const { before, after } = result;
        const unit =
          before.unit === after.unit
            ? `đơn vị vẫn là ${after.unit}`
            : `đơn vị của việc đổi từ ${before.unit} thành ${after.unit} (đơn vị của người nhận)`;
        return `Đã giao lại việc #${id} cho ${after.assignee} (trước đây: ${before.assignee ?? '-'}); ${unit}.${toldText(result)}`;
      });
    });

  task
    .command('cancel')
    .description('huỷ một việc đang mở (cần lý do): thôi nhắc, người được giao được báo')
    .argument('<id>', 'số hiệu việc', taskIdArgument)
    .requiredOption('--reason <text>', 'lý do huỷ', nonEmptyText)
    .option('--json', 'in JSON')
    .action(async (id: number, options: JsonOption & { reason: string }) => {
      const result = await cancelTask(context().db, id, options.reason, context().actor, context().clock.now());
      emit(context(), options, result, () => `Đã huỷ việc #${id}: ${result.task.title}.${toldText(result)}`);
    });
}

const FIELD_LABELS: Record<string, string> = {
  title: 'tên',
  targetDate: 'hạn khuyến nghị',
  dueDate: 'hạn',
  note: 'ghi chú',
};
const DATE_FIELDS = new Set(['targetDate', 'dueDate']);

/** `hạn 19/11/2026 → 24/11/2026, tên «…» → «…»`: what an edit changed. */
function changeText({ before, after }: TaskCorrection): string {
  const show = (key: string, value: string | null | undefined) => {
    if (value === null || value === undefined) return '∅';
    return DATE_FIELDS.has(key) ? formatVietnamese(value as LocalDate) : `«${value}»`;
  };
  return Object.keys(after)
    .map((key) => `${FIELD_LABELS[key] ?? key} ${show(key, before[key])} → ${show(key, after[key])}`)
    .join(', ');
}

function toldText({ notified }: TaskCorrection): string {
  return notified.length === 0 ? '' : ` Sẽ báo qua chat cho: ${notified.join(', ')}.`;
}
