// Who the terminal may act as (`/dangnhap`, `npm start -- --as`): an active official. When the
// name is unknown, say who exists, how to add someone, and that the demo has people to try.
import { findOfficialByUsername, listOfficials } from '../db/store/officials.ts';
import type { Store } from '../db/store/store.ts';
import { UserError } from '../domain/errors.ts';
import type { Official } from '../domain/model.ts';

const LISTED = 20;

export const ADD_OFFICIAL_HINT =
  'Thêm cán bộ: npm run --silent cli -- official add <tên đăng nhập> "<Họ và tên>" --unit <mã đơn vị>.';
export const DEMO_HINT = 'Dùng thử với dữ liệu mẫu (có sẵn cán bộ lethib, trưởng phòng): npm start -- --demo.';

/** The active official `username`, or a UserError saying who can be used instead. */
export async function requireConsoleUser(store: Store, username: string): Promise<Official> {
  const official = await findOfficialByUsername(store, username);
  if (official?.active) return official;
  if (official) throw new UserError(`Cán bộ "${username}" đang ngừng hoạt động.`, 'OFFICIAL_INACTIVE');
  const active = (await listOfficials(store)).filter((candidate) => candidate.active);
  const known =
    active.length === 0
      ? 'Chưa có cán bộ nào trong cơ sở dữ liệu này.'
      : `Có: ${active
          .slice(0, LISTED)
          .map((candidate) => candidate.username)
          .join(', ')}${active.length > LISTED ? `… (${active.length} người)` : ''}.`;
  throw new UserError(
    `Không có cán bộ "${username}". ${known}\n${ADD_OFFICIAL_HINT}\n${DEMO_HINT}`,
    'OFFICIAL_NOT_FOUND',
  );
}
