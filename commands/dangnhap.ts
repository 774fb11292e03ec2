// /dangnhap <username>: on the operator's own terminal only, act as that official. Nothing to
// link there: whoever has the terminal already has the database.
import { z } from 'zod';
import { defineCommand } from '../src/chat/command.ts';
import { requireConsoleUser } from '../src/chat/console-users.ts';
import { UserError } from '../src/domain/errors.ts';

const ROLE_NAMES = { member: 'cán bộ', head: 'lãnh đạo đơn vị', admin: 'Văn phòng Sở (quản trị)' } as const;

export const dangnhap = defineCommand({
  names: ['dangnhap', 'login'],
  description: 'Trên máy chủ: dùng bot với tư cách một cán bộ',
  usage: '/dangnhap <tên đăng nhập>',
  audience: 'console',
  args: z
    .array(z.string())
    .length(1, { error: 'Hãy ghi một tên đăng nhập, ví dụ: /dangnhap lethib' })
    .transform(([username]) => ({ username: username! })),
  async run({ username }, { db, switchConsoleUser }) {
    if (!switchConsoleUser) throw new UserError('Lệnh /dangnhap chỉ dùng trên máy chủ.', 'CONSOLE_ONLY');
    const official = await requireConsoleUser(db, username);
    switchConsoleUser(official.username);
    return {
      text: `Bạn đang dùng bot với tư cách ${official.fullName} — ${ROLE_NAMES[official.role]}, ${official.unitCode}. Gõ /giup để xem các lệnh.`,
    };
  },
});
