import type { Command } from 'commander';
import { addUnit, listUnits, setFocalOfficial } from '../../db/store/units.ts';
import { codeArgument, nonEmptyText } from '../arguments.ts';
import { emit, type CliContext, type JsonOption } from '../context.ts';

export function registerUnitCommands(program: Command, context: () => CliContext): void {
  const unit = program.command('unit').description('đơn vị (Sở, phòng)');

  unit
    .command('add')
    .description('thêm đơn vị')
    .argument('<code>', 'mã đơn vị, ví dụ PTP', codeArgument)
    .argument('<name>', 'tên đơn vị', nonEmptyText)
    .option('--parent <code>', 'đơn vị cấp trên', codeArgument)
    .option('--json', 'in JSON')
    .action(async (code: string, name: string, options: JsonOption & { parent?: string }) => {
      const created = await addUnit(context().db, { code, name, parentCode: options.parent }, context().actor);
      emit(context(), options, created, () => `Đã thêm đơn vị ${created.code} — ${created.name}`);
    });

  unit
    .command('focal')
    .description('đặt cán bộ đầu mối của đơn vị')
    .argument('<code>', 'mã đơn vị', codeArgument)
    .argument('<username>', 'tên đăng nhập cán bộ')
    .option('--json', 'in JSON')
    .action(async (code: string, username: string, options: JsonOption) => {
      const updated = await setFocalOfficial(context().db, code, username, context().actor);
      emit(context(), options, updated, () => `Cán bộ đầu mối của ${updated.code}: ${updated.focalUsername}`);
    });

  unit
    .command('list')
    .description('liệt kê đơn vị')
    .option('--json', 'in JSON')
    .action(async (options: JsonOption) => {
      const units = await listUnits(context().db);
      emit(context(), options, units, () =>
        units.length === 0
          ? 'Chưa có đơn vị nào.'
          : units
              .map(
                (u) =>
                  `${u.code}\t${u.name}${u.parentCode ? `\t(thuộc ${u.parentCode})` : ''}${u.focalUsername ? `\tđầu mối: ${u.focalUsername}` : ''}`,
              )
              .join('\n'),
      );
    });
}
