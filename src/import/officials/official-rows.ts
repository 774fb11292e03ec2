// The rows of an office's staff list (danh sách cán bộ): name, unit, role, phone, email, and an
// optional username. Each cell is checked on its own here; what needs the database (which unit,
// who is already on record) is decided in official-import.ts.
import { normalizeMobile, isEmailAddress } from '../../domain/official-identity.ts';
import type { Role } from '../../domain/model.ts';
import { unsafeTextReason } from '../../domain/unsafe-text.ts';
import { cellOf, type ColumnAliases } from '../columns.ts';
import { foldWords, tidyText } from '../fold-text.ts';
import type { TableRow } from '../table-reader.ts';

export type OfficialField = 'username' | 'name' | 'unit' | 'role' | 'phone' | 'email';

export const OFFICIAL_COLUMNS: ColumnAliases<OfficialField> = [
  ['username', ['ten dang nhap', 'username', 'tai khoan']],
  ['email', ['email', 'e mail', 'thu dien tu']],
  ['phone', ['so dien thoai', 'dien thoai', 'sdt', 'di dong', 'phone']],
  ['role', ['chuc vu', 'vai tro', 'role']],
  ['unit', ['don vi', 'phong ban', 'unit']],
  ['name', ['ho va ten', 'ho ten', 'ten can bo', 'name']],
];

// Titles as staff lists write them, folded; a title starting with one of these is that role.
// Deputies count as heads: they answer for the unit's tasks when the head is away.
const ROLE_TITLES: [Role, string[]][] = [
  ['admin', ['admin', 'quan tri']],
  [
    'head',
    [
      'head',
      'truong phong',
      'pho truong phong',
      'chanh van phong',
      'pho chanh van phong',
      'chanh thanh tra',
      'pho chanh thanh tra',
      'giam doc',
      'pho giam doc',
      'truong ban',
      'pho truong ban',
      'to truong',
      'truong don vi',
      'lanh dao',
    ],
  ],
  [
    'member',
    [
      'member',
      'thanh vien',
      'chuyen vien',
      'can bo',
      'cong chuc',
      'vien chuc',
      'nhan vien',
      'to vien',
      'van thu',
      'ke toan',
      'thanh tra vien',
    ],
  ],
];

/** The role a "Chức vụ/Vai trò" cell names; empty means member; undefined when no role fits. */
export function roleOfTitle(cell: string): Role | undefined {
  const title = foldWords(cell);
  if (!title) return 'member';
  for (const [role, prefixes] of ROLE_TITLES)
    if (prefixes.some((prefix) => title === prefix || title.startsWith(`${prefix} `))) return role;
  return undefined;
}

const USERNAME = /^[a-z0-9][a-z0-9_.-]{1,31}$/;

export interface OfficialRow {
  rowNumber: number;
  fullName: string;
  /** As written: a unit code or name. */
  unit: string;
  role: Role;
  /** 0xxxxxxxxx, or null when the cell is empty. */
  phone: string | null;
  email: string | null;
  /** null: generate one from the name. */
  username: string | null;
}

export type ParsedOfficialRow = OfficialRow | { rowNumber: number; refused: string[]; fullName: string };

/** Every data row (empty rows skipped), each understood or refused with every reason at once. */
export function parseOfficialRows(
  rows: TableRow[],
  columns: Partial<Record<OfficialField, number>>,
): ParsedOfficialRow[] {
  const parsed: ParsedOfficialRow[] = [];
  for (const row of rows) {
    if (row.cells.every((cell) => cell.trim() === '')) continue;
    const reasons: string[] = [];
    const fullName = tidyText(cellOf(row, columns, 'name'));
    if (!fullName) reasons.push('thiếu họ và tên');
    const unsafe = unsafeTextReason(cellOf(row, columns, 'name'));
    if (unsafe) reasons.push(`họ và tên: ${unsafe}`);
    const unit = tidyText(cellOf(row, columns, 'unit'));
    if (!unit) reasons.push('thiếu đơn vị');
    const roleCell = tidyText(cellOf(row, columns, 'role'));
    const role = roleOfTitle(roleCell);
    if (!role)
      reasons.push(
        `vai trò "${roleCell}" không có (dùng: chuyên viên/cán bộ = member, trưởng/phó phòng = head, quản trị = admin)`,
      );
    const phoneCell = cellOf(row, columns, 'phone');
    const phone = phoneCell ? normalizeMobile(phoneCell) : null;
    if (phone === undefined) reasons.push(`số điện thoại "${phoneCell}" không phải số di động Việt Nam`);
    const email = cellOf(row, columns, 'email').toLowerCase() || null;
    if (email && !isEmailAddress(email)) reasons.push(`email "${email}" không hợp lệ`);
    const username = cellOf(row, columns, 'username').toLowerCase() || null;
    if (username && !USERNAME.test(username))
      reasons.push(`tên đăng nhập "${username}" chỉ gồm chữ thường không dấu, số, - _ . (2–32 ký tự)`);
    if (reasons.length > 0 || !role || phone === undefined) {
      parsed.push({ rowNumber: row.rowNumber, refused: reasons, fullName });
      continue;
    }
    parsed.push({ rowNumber: row.rowNumber, fullName, unit, role, phone, email, username });
  }
  return parsed;
}
