import type { Command } from 'commander';
import { UserError } from '../../domain/errors.ts';
import { addUnit, listUnits, setFocalOfficial } from '../../db/store/units.ts';
import { deactivateUnit, moveUnit, reactivateUnit, renameUnit } from '../../db/store/unit-changes.ts';
import { listUnitGroups, setUnitZaloGroup } from '../../db/store/unit-groups.ts';
import { unitGroupLine } from '../zalo-group-lines.ts';
import { codeArgument, nonEmptyText } from '../arguments.ts';
import { emit, type CliContext, type JsonOption } from '../context.ts';

type ReasonOption = JsonOption & { reason?: string };

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
      const updated = await setFocalOfficial(context().db, code, username, context().actor, {
        now: context().clock.now(),
      });
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
                  `${u.code}\t${u.name}${u.parentCode ? `\t(thuộc ${u.parentCode})` : ''}${u.focalUsername ? `\tđầu mối: ${u.focalUsername}` : ''}${u.active ? '' : '\t(ngừng)'}`,
              )
              .join('\n'),
      );
    });

  unit
    .command('rename')
    .description('đổi tên đơn vị')
    .argument('<code>', 'mã đơn vị', codeArgument)
    .argument('<name>', 'tên mới', nonEmptyText)
    .option('--reason <text>', 'lý do, ghi vào nhật ký', nonEmptyText)
    .option('--json', 'in JSON')
    .action(async (code: string, name: string, options: ReasonOption) => {
      const updated = await renameUnit(context().db, code, name, { reason: options.reason }, context().actor);
      emit(context(), options, updated, () => `Đã đổi tên đơn vị ${updated.code}: ${updated.name}`);
    });

  unit
    .command('move')
    .description('chuyển đơn vị (cùng các đơn vị cấp dưới) về dưới đơn vị khác')
    .argument('<code>', 'mã đơn vị', codeArgument)
    .requiredOption('--parent <code>', 'đơn vị cấp trên mới', codeArgument)
    .option('--reason <text>', 'lý do, ghi vào nhật ký', nonEmptyText)
    .option('--json', 'in JSON')
    .action(async (code: string, options: ReasonOption & { parent: string }) => {
      const updated = await moveUnit(context().db, code, options.parent, { reason: options.reason }, context().actor);
      emit(context(), options, updated, () => `Đơn vị ${updated.code} nay thuộc ${updated.parentCode}.`);
    });

  unit
    .command('deactivate')
    .description('ngừng hoạt động đơn vị (sáp nhập, giải thể): không nhận việc mới; cần hết cán bộ và việc đang mở')
    .argument('<code>', 'mã đơn vị', codeArgument)
    .option('--reason <text>', 'lý do, ghi vào nhật ký', nonEmptyText)
    .option('--json', 'in JSON')
    .action(async (code: string, options: ReasonOption) => {
      const updated = await deactivateUnit(context().db, code, { reason: options.reason }, context().actor);
      emit(context(), options, updated, () => `Đã ngừng hoạt động đơn vị ${updated.code} — ${updated.name}.`);
    });

  unit
    .command('reactivate')
    .description('cho đơn vị hoạt động trở lại')
    .argument('<code>', 'mã đơn vị', codeArgument)
    .option('--reason <text>', 'lý do, ghi vào nhật ký', nonEmptyText)
    .option('--json', 'in JSON')
    .action(async (code: string, options: ReasonOption) => {
      const updated = await reactivateUnit(context().db, code, { reason: options.reason }, context().actor);
      emit(context(), options, updated, () => `Đơn vị ${updated.code} — ${updated.name} hoạt động trở lại.`);
    });

  unit
    .command('zalo-group')
    .description(
      'nhóm Zalo của đơn vị: nhắc việc của cán bộ có Zalo gửi thành một tin vào nhóm (nhắc tên từng người). ' +
        'Không có mã đơn vị: liệt kê các đơn vị đã có nhóm. Mã nhóm: cli zalo groups',
    )
    .argument('[code]', 'mã đơn vị', codeArgument)
    .argument('[groupId]', 'mã nhóm Zalo (chữ số)')
    .option('--clear', 'gỡ nhóm Zalo của đơn vị (nhắc việc lại gửi riêng từng người)')
    .option('--reason <text>', 'lý do, ghi vào nhật ký', nonEmptyText)
    .option('--json', 'in JSON')
    .action(
      async (code: string | undefined, groupId: string | undefined, options: ReasonOption & { clear?: boolean }) => {
        if (!code) {
          const groups = await listUnitGroups(context().db);
          emit(context(), options, groups, () =>
            groups.length === 0 ? 'Chưa đơn vị nào đăng ký nhóm Zalo.' : groups.map(unitGroupLine).join('\n'),
          );
          return;
        }
        if (Boolean(options.clear) === (groupId !== undefined))
          throw new UserError('Cần đúng một trong hai: mã nhóm Zalo, hoặc --clear để gỡ nhóm.', 'BAD_ARGUMENTS');
        const change = await setUnitZaloGroup(context().db, code, groupId ?? null, context().actor, {
          reason: options.reason,
        });
        emit(context(), options, { unit: code, ...change }, () =>
          change.after === null
            ? `Đã gỡ nhóm Zalo ${change.before} của đơn vị ${code}: nhắc việc lại gửi riêng từng người.`
            : `Đơn vị ${code} dùng nhóm Zalo ${change.after}` +
              (change.before ? ` (thay nhóm ${change.before}).` : '.') +
              ' Nhắc việc của cán bộ có Zalo sẽ gửi thành một tin vào nhóm.',
        );
      },
    );
}
