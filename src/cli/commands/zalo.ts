import type { Command } from 'commander';
import { resolve } from 'node:path';
import { loginWithQr } from '../../channels/zalo/zalo-qr-login.ts';
import { listUnitGroups } from '../../db/store/unit-groups.ts';
import { emit, type CliContext, type JsonOption } from '../context.ts';
import { accountGroupLine } from '../zalo-group-lines.ts';

export const DEFAULT_ZALO_CREDENTIALS_FILE = './data/zalo-credentials.json';

export function registerZaloCommands(program: Command, context: () => CliContext): void {
  const zalo = program.command('zalo').description('tài khoản Zalo cá nhân của bot');
  zalo
    .command('groups')
    .description(
      'liệt kê các nhóm Zalo có tài khoản của bot (mã nhóm, tên, số thành viên) để dùng với: unit zalo-group',
    )
    .option('--credentials <file>', 'thông tin đăng nhập (mặc định ZALO_CREDENTIALS_FILE)')
    .option('--json', 'in JSON')
    .action(async (options: JsonOption & { credentials?: string }) => {
      const credentials = resolve(
        options.credentials ?? process.env.ZALO_CREDENTIALS_FILE ?? DEFAULT_ZALO_CREDENTIALS_FILE,
      );
      const { groupsOfAccount } = await import('../../channels/zalo/zca-api.ts');
      const groups = await groupsOfAccount(credentials);
      const units = await listUnitGroups(context().db);
      emit(context(), options, groups, () =>
        groups.length === 0
          ? 'Tài khoản Zalo của bot chưa ở nhóm nào: hãy thêm bot vào nhóm của đơn vị.'
          : groups.map((group) => accountGroupLine(group, units)).join('\n'),
      );
    });
  zalo
    .command('login')
    .description(
      'đăng nhập Zalo bằng mã QR: mở ảnh QR, quét bằng ứng dụng Zalo, thông tin đăng nhập được lưu (chế độ 0600)',
    )
    .option('--qr <png>', 'nơi ghi ảnh mã QR', './data/zalo-qr.png')
    .option('--credentials <file>', 'nơi lưu thông tin đăng nhập (mặc định ZALO_CREDENTIALS_FILE)')
    .option('--retry', 'mã QR hết hạn hoặc bị từ chối thì tạo mã mới (tối đa 5 mã) thay vì dừng')
    .action(async (options: { qr: string; credentials?: string; retry?: boolean }) => {
      const { io } = context();
      const credentials = resolve(
        options.credentials ?? process.env.ZALO_CREDENTIALS_FILE ?? DEFAULT_ZALO_CREDENTIALS_FILE,
      );
      // A declined or expired QR ends with a UserError: a clear message and exit code 1.
      const { displayName } = await loginWithQr(
        resolve(options.qr),
        credentials,
        {
          onQrReady: (path) => io.out(`Mở ảnh ${path} và quét bằng ứng dụng Zalo (Cài đặt → Quét mã QR).`),
          onScanned: (name) => io.out(`Đã quét: ${name}. Xác nhận đăng nhập trên điện thoại…`),
          onExpired: () => io.out('Mã QR hết hạn: đã tạo mã mới, hãy mở lại ảnh.'),
          onDeclined: () => io.out('Đăng nhập bị từ chối trên điện thoại: đã tạo mã mới, hãy mở lại ảnh.'),
        },
        { retry: options.retry === true },
      );
      io.out(
        `Đã đăng nhập Zalo${displayName ? ` (${displayName})` : ''}. Đặt ZALO_CREDENTIALS_FILE=${credentials} rồi chạy npm start.`,
      );
    });
}
