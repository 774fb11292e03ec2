import type { Command } from 'commander';
import { addOfficial, listOfficials } from '../../db/store/officials.ts';
import type { Role } from '../../domain/model.ts';
import { codeArgument, nonEmptyText, roleArgument, usernameArgument } from '../arguments.ts';
import { emit, type CliContext, type JsonOption } from '../context.ts';

export function registerOfficialCommands(program: Command, context: () => CliContext): void {
  const official = program.command('official').description('cán bộ');

  official
    .command('add')
    .description('thêm cán bộ')
    .argument('<username>', 'tên đăng nhập, ví dụ nguyenvana', usernameArgument)
    .argument('<fullName>', 'họ và tên', nonEmptyText)
    .requiredOption('--unit <code>', 'mã đơn vị', codeArgument)
    .option('--role <role>', 'member | head | admin', roleArgument, 'member')
    .option('--json', 'in JSON')
    .action(async (username: string, fullName: string, options: JsonOption & { unit: string; role: Role }) => {
      const created = await addOfficial(
        context().db,
        { username, fullName, unitCode: options.unit, role: options.role },
        context().actor,
      );
      emit(
        context(),
        options,
        created,
        () => `Đã thêm cán bộ ${created.username} — ${created.fullName} (${created.unitCode}, ${created.role})`,
      );
    });

  official
    .command('list')
    .description('liệt kê cán bộ')
    .option('--unit <code>', 'chỉ đơn vị này', codeArgument)
    .option('--json', 'in JSON')
    .action(async (options: JsonOption & { unit?: string }) => {
      const officials = await listOfficials(context().db, { unitCode: options.unit });
      emit(context(), options, officials, () =>
        officials.length === 0
          ? 'Chưa có cán bộ nào.'
          : officials
              .map((o) => `${o.username}\t${o.fullName}\t${o.unitCode}\t${o.role}${o.active ? '' : '\t(ngừng)'}`)
              .join('\n'),
      );
    });
}
