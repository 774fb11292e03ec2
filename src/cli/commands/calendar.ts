import { type Command, InvalidArgumentError } from 'commander';
import { SHIPPED_CALENDAR_FILE } from '../../domain/calendar/announcements.ts';
import {
  PROVISIONAL_HORIZON_DAYS,
  provisionalYearAdvice,
  provisionalYearsAhead,
} from '../../domain/calendar/upkeep.ts';
import {
  addDays,
  formatVietnamese,
  isPersonYear,
  vietnamDateOf,
  yearRangeMessage,
  type LocalDate,
} from '../../domain/local-date.ts';
import { deadlineDates } from '../../domain/deadlines/deadline.ts';
import type { DeadlineSyncReport } from '../../services/deadline-sync.ts';
import { dateArgument, decimalInteger } from '../arguments.ts';
import { emit, type CliContext, type JsonOption } from '../context.ts';

function integerArgument(text: string): number {
  const n = decimalInteger(text);
  if (n === undefined || Math.abs(n) > 3650) throw new InvalidArgumentError(`"${text}" không phải số nguyên hợp lệ.`);
  return n;
}

function yearArgument(text: string): number {
  const year = Number(text);
  if (!/^\d{4}$/.test(text)) throw new InvalidArgumentError(`năm "${text}" không hợp lệ.`);
  if (!isPersonYear(year)) throw new InvalidArgumentError(yearRangeMessage(`Năm ${year}`));
  return year;
}

export function registerCalendarCommands(program: Command, context: () => CliContext): void {
  const calendar = program.command('calendar').description('lịch làm việc của cơ quan nhà nước');
  const work = () => context().reference.calendar;

  calendar
    .command('is-working-day')
    .description('in yes nếu là ngày làm việc, no nếu là ngày nghỉ')
    .argument('<date>', 'ngày', dateArgument)
    .option('--json', 'in JSON')
    .action((date: LocalDate, options: JsonOption) => {
      const working = work().isWorkingDay(date);
      emit(context(), options, { date, workingDay: working, reason: work().dayOffReason(date) ?? null }, () =>
        working ? 'yes' : 'no',
      );
    });

  calendar
    .command('add-working-days')
    .description('ngày làm việc thứ n sau ngày đã cho (n âm: đếm lùi)')
    .argument('<date>', 'ngày', dateArgument)
    .argument('<n>', 'số ngày làm việc', integerArgument)
    .option('--json', 'in JSON')
    .action((date: LocalDate, n: number, options: JsonOption) => {
      const result = work().addWorkingDays(date, n);
      emit(context(), options, { from: date, workingDays: n, date: result }, () => result);
    });

  calendar
    .command('days-off')
    .description('các ngày nghỉ lễ, Tết, nghỉ bù của một năm, kèm lý do')
    .argument('<year>', 'năm', yearArgument)
    .option('--json', 'in JSON')
    .action((year: number, options: JsonOption) => {
      const provisional = work().isProvisional(year);
      const days = work().daysOff(year);
      const header = provisional
        ? [`Năm ${year}: TẠM TÍNH — chưa có thông báo chính thức trong ${calendarFile()}; lịch dưới đây theo mặc định.`]
        : [];
      emit(
        context(),
        options,
        days.map((day) => ({ ...day, provisional })),
        () => [...header, ...days.map((d) => `${d.date}\t${formatVietnamese(d.date)}\t${d.reason}`)].join('\n'),
      );
    });

  calendar
    .command('check')
    .description(
      `kiểm tra tệp lịch; liệt kê các năm tạm tính (chưa có thông báo) trong ${PROVISIONAL_HORIZON_DAYS} ngày tới, mã thoát 1 nếu có`,
    )
    .option('--json', 'in JSON')
    .action((options: JsonOption) => {
      const today = vietnamDateOf(context().clock.now());
      const until = addDays(today, PROVISIONAL_HORIZON_DAYS);
      // Reading the calendar validates the file: a broken one exits 2 with its line and reason.
      const years = provisionalYearsAhead(work(), today);
      if (years.length > 0) context().exitCode = 1;
      const result = { file: calendarFile(), today, until, provisionalYears: years };
      emit(context(), options, result, () =>
        years.length === 0
          ? `Tệp lịch ${calendarFile()} hợp lệ; các năm đến ${formatVietnamese(until)} đều đã có thông báo chính thức.`
          : [
              `Năm tạm tính trong ${PROVISIONAL_HORIZON_DAYS} ngày tới (đến ${formatVietnamese(until)}): ${years.join(', ')}.`,
              ...years.map((year) => provisionalYearAdvice(work(), year, calendarFile())),
            ].join('\n\n'),
      );
    });

  calendar
    .command('reload')
    .description(
      'áp dụng tệp lịch vừa sửa: tính lại hạn mọi việc đang mở theo quy tắc, ghi nhật ký và báo cán bộ (bot đang chạy tự nạp lại lịch)',
    )
    .option('--dry-run', 'chỉ liệt kê việc sẽ đổi hạn, không ghi gì')
    .option('--json', 'in JSON')
    .action(async (options: JsonOption & { dryRun?: boolean }) => {
      const { syncDeadlinesWithCalendar } = await import('../../services/deadline-sync.ts');
      const report = await syncDeadlinesWithCalendar(context().db, context().reference, {
        now: context().clock.now(),
        actor: context().actor,
        dryRun: options.dryRun ?? false,
      });
      emit(context(), options, report, () => reloadText(report));
    });

  const calendarFile = () => context().reference.calendarFile ?? SHIPPED_CALENDAR_FILE;
}

function reloadText(report: DeadlineSyncReport): string {
  const lines: string[] = [];
  if (report.backfilled > 0)
    lines.push(`${report.dryRun ? 'Sẽ tính' : 'Đã tính'} hạn chót theo luật cho ${report.backfilled} việc (lần đầu).`);
  if (!report.calendarChanged && report.moves.length === 0)
    lines.push('Lịch không đổi so với lịch các việc đang dùng: không việc nào đổi hạn.');
  else if (report.moves.length === 0) lines.push('Lịch đã đổi nhưng không việc đang mở nào đổi hạn.');
  else {
    lines.push(`${report.dryRun ? 'Chạy thử, chưa ghi gì. Sẽ đổi hạn' : 'Đã đổi hạn'} ${report.moves.length} việc:`);
    for (const move of report.moves)
      lines.push(
        `#${move.taskId} ${move.title} (${move.assigneeUsername ?? 'chưa giao'}): ${deadlineDates(move.before)} → ${deadlineDates(move.after)}`,
      );
    if (!report.dryRun) lines.push('Mỗi thay đổi đã ghi vào nhật ký; cán bộ được báo qua chat trong giờ làm việc.');
  }
  return lines.join('\n');
}
