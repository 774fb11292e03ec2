import type { Command } from 'commander';
import { listAuditEntries } from '../../db/store/audit-queries.ts';
import { vietnamInstant, type LocalDate } from '../../domain/local-date.ts';
import { auditLine, renderAuditText } from '../../reports/audit-format.ts';
import { dateArgument, taskIdArgument } from '../arguments.ts';
import { emit, type CliContext, type JsonOption } from '../context.ts';

export function registerAuditCommands(program: Command, context: () => CliContext): void {
  program
    .command('audit')
    .description('nhật ký thay đổi: ai, qua kênh nào, làm gì, lúc nào (cũ trước, mới sau)')
    .option('--task <id>', 'chỉ các thay đổi của một việc', taskIdArgument)
    .option('--since <date>', 'từ ngày (giờ Việt Nam, dd/MM/yyyy hoặc YYYY-MM-DD)', dateArgument)
    .option('--json', 'in JSON')
    .action(async (options: JsonOption & { task?: number; since?: LocalDate }) => {
      // --since is a Vietnam calendar day: it starts at 00:00 Vietnam time, whatever the server's TZ.
      const since = options.since ? vietnamInstant(options.since, '00:00') : undefined;
      const entries = await listAuditEntries(context().db, { taskId: options.task, since });
      emit(context(), options, entries.map(auditLine), () => renderAuditText(entries));
    });
}
