import { type Command, InvalidArgumentError } from 'commander';
import { formatVietnamese, isPersonYear, yearRangeMessage, type LocalDate } from '../../domain/local-date.ts';
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
      const days = work().daysOff(year);
      emit(context(), options, days, () =>
        days.map((d) => `${d.date}\t${formatVietnamese(d.date)}\t${d.reason}`).join('\n'),
      );
    });
}
