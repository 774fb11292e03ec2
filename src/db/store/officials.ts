import { prismaOf, type Store } from './store.ts';
import { requireSafeText } from '../../domain/unsafe-text.ts';
import type { Actor, ChannelKind, Official, Role } from '../../domain/model.ts';
import { UserError } from '../../domain/errors.ts';
import { recordAudit } from './audit.ts';
import { isUniqueViolation } from './errors.ts';
import { requireActiveUnit, requireUnit } from './units.ts';

/** An official row with its unit's code, as `withUnit` selects it. */
export type OfficialRow = {
  id: number;
  username: string;
  fullName: string;
  role: Role;
  active: boolean;
  unit: { code: string };
};

export const withUnit = { unit: { select: { code: true } } } as const;

export function toOfficial(row: OfficialRow): Official {
  return {
    id: row.id,
    username: row.username,
    fullName: row.fullName,
    unitCode: row.unit.code,
    role: row.role,
    active: row.active,
  };
}

export async function findOfficialByUsername(store: Store, username: string): Promise<Official | undefined> {
  const db = prismaOf(store);
  const row = await db.official.findUnique({ where: { username }, include: withUnit });
  return row ? toOfficial(row) : undefined;
}

export async function requireOfficial(store: Store, username: string): Promise<Official> {
  const official = await findOfficialByUsername(store, username);
  if (!official) throw new UserError(`Không có cán bộ "${username}".`, 'OFFICIAL_NOT_FOUND');
  return official;
}

/** Refuses `what` (e.g. "tạo mã liên kết cho") for an official the office has deactivated. */
export function requireActiveOfficial(official: Official, what: string): void {
  if (!official.active)
    throw new UserError(
      `Cán bộ ${official.username} đã ngừng hoạt động: không thể ${what} (dùng official reactivate nếu cán bộ trở lại).`,
      'OFFICIAL_INACTIVE',
    );
}

export async function addOfficial(
  store: Store,
  input: { username: string; fullName: string; unitCode: string; role: Role },
  actor: Actor,
): Promise<Official> {
  const db = prismaOf(store);
  requireSafeText(input.fullName, 'Họ và tên');
  const unit = await requireUnit(store, input.unitCode);
  requireActiveUnit(unit, 'thêm cán bộ vào đơn vị này');
  try {
    return await db.$transaction(async (tx) => {
      const row = await tx.official.create({
        data: { username: input.username, fullName: input.fullName, unitId: unit.id, role: input.role },
        include: withUnit,
      });
      await recordAudit(tx, actor, 'official.add', { payload: input });
      return toOfficial(row);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new UserError(`Tên đăng nhập "${input.username}" đã có.`, 'OFFICIAL_EXISTS');
    throw error;
  }
}

/** Chats that count as "on board": the console is the office's own terminal, not a person's phone. */
const PHONE_CHANNELS: ChannelKind[] = ['telegram', 'zalo'];

/**
 * Officials by unit and username. `unlinked`: only active officials with no Telegram or Zalo chat
 * linked yet — who still needs a link code or a link sheet.
 */
export async function listOfficials(
  store: Store,
  filter: { unitCode?: string; unlinked?: boolean } = {},
): Promise<Official[]> {
  const db = prismaOf(store);
  if (filter.unitCode) await requireUnit(store, filter.unitCode);
  const rows = await db.official.findMany({
    where: {
      ...(filter.unitCode ? { unit: { code: filter.unitCode } } : {}),
      ...(filter.unlinked ? { active: true, identities: { none: { channel: { in: PHONE_CHANNELS } } } } : {}),
    },
    include: withUnit,
    orderBy: [{ unit: { code: 'asc' } }, { username: 'asc' }],
  });
  return rows.map(toOfficial);
}
