import type { Command } from 'commander';
import { markDossierReturned } from '../../db/store/dossiers.ts';
import { formatVietnamese, vietnamDateOf, type LocalDate } from '../../domain/local-date.ts';
import { registerDossier, registerPetition } from '../../services/event-duties.ts';
import { codeArgument, dateArgument, nonEmptyText, usernameArgument } from '../arguments.ts';
import { emit, type CliContext, type JsonOption } from '../context.ts';

export function registerEventDutyCommands(program: Command, context: () => CliContext): void {
  program
    .command('pakn')
    .description('phản ánh, kiến nghị (PAKN)')
    .command('add')
    .description('ghi nhận PAKN: tạo việc trả lời trong 10 ngày làm việc kể từ ngày tiếp nhận')
    .argument('<code>', 'mã PAKN', codeArgument)
    .requiredOption('--received <date>', 'ngày tiếp nhận', dateArgument)
    .requiredOption('--assignee <username>', 'cán bộ xử lý', usernameArgument)
    .option('--summary <text>', 'nội dung tóm tắt', nonEmptyText)
    .option('--json', 'in JSON')
    .action(async (code: string, options: JsonOption & { received: LocalDate; assignee: string; summary?: string }) => {
      const { db, reference, actor } = context();
      const task = await registerPetition(
        db,
        { code, receivedOn: options.received, assigneeUsername: options.assignee, summary: options.summary },
        reference,
        actor,
      );
      emit(
        context(),
        options,
        task,
        () => `Việc #${task.id}: trả lời PAKN ${code} trước hạn ${formatVietnamese(task.dueDate)}`,
      );
    });

  const dossier = program.command('dossier').description('hồ sơ thủ tục hành chính');

  dossier
    .command('add')
    .description('ghi nhận hồ sơ: tạo việc gửi phiếu xin lỗi nếu hồ sơ sẽ quá hạn')
    .argument('<code>', 'mã hồ sơ', codeArgument)
    .requiredOption('--due <date>', 'ngày hẹn trả kết quả', dateArgument)
    .requiredOption('--assignee <username>', 'cán bộ xử lý', usernameArgument)
    .option('--title <text>', 'tên hồ sơ', nonEmptyText)
    .option('--json', 'in JSON')
    .action(async (code: string, options: JsonOption & { due: LocalDate; assignee: string; title?: string }) => {
      const { db, reference, actor } = context();
      const result = await registerDossier(
        db,
        { code, dueDate: options.due, assigneeUsername: options.assignee, title: options.title },
        reference,
        actor,
      );
      emit(
        context(),
        options,
        { code, dueDate: options.due, ...result },
        () =>
          `Hồ sơ ${code} hẹn trả ${formatVietnamese(options.due)}; việc #${result.apologyTaskId}: phiếu xin lỗi nếu quá hạn, hạn ${formatVietnamese(result.apologyDueDate)}`,
      );
    });

  dossier
    .command('done')
    .description('đánh dấu hồ sơ đã trả kết quả (trả đúng hạn thì huỷ việc phiếu xin lỗi)')
    .argument('<code>', 'mã hồ sơ', codeArgument)
    .option('--json', 'in JSON')
    .action(async (code: string, options: JsonOption) => {
      const { db, clock, actor } = context();
      const now = clock.now();
      const result = await markDossierReturned(db, code, vietnamDateOf(now), now, actor);
      emit(context(), options, result, () =>
        result.onTime
          ? `Hồ sơ ${code} trả đúng hạn${result.apologyCancelled ? '; đã huỷ việc phiếu xin lỗi.' : '.'}`
          : `Hồ sơ ${code} trả quá hạn (hẹn ${formatVietnamese(result.dossier.dueDate)}): cần có phiếu xin lỗi.`,
      );
    });
}
