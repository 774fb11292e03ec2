// Database access for `official import`: the staff on record in one query, and the import's
// additions and contact updates written in one transaction (all or nothing), each audited.
import { prismaOf, type Store } from './store.ts';
import { recordAudits, type NewAuditEntry } from './audit.ts';
import { isUniqueViolation } from './errors.ts';
import { UserError } from '../../domain/errors.ts';
import type { Actor, Role } from '../../domain/model.ts';

export interface OfficialRecord {
  username: string;
  fullName: string;
  unitCode: string;
  role: Role;
  active: boolean;
  phone: string | null;
  email: string | null;
}

export type Contact = Pick<OfficialRecord, 'fullName' | 'phone' | 'email'>;

export interface ContactUpdate {
  username: string;
  before: Partial<Contact>;
  after: Partial<Contact>;
}

export async function listOfficialRecords(store: Store): Promise<OfficialRecord[]> {
  const rows = await prismaOf(store).official.findMany({
    select: {
      username: true,
      fullName: true,
      role: true,
      active: true,
      phone: true,
      email: true,
      unit: { select: { code: true } },
    },
    orderBy: { id: 'asc' },
  });
  return rows.map(({ unit, ...row }) => ({ ...row, unitCode: unit.code }));
}

export async function writeOfficialImport(
  store: Store,
  changes: { created: Omit<OfficialRecord, 'active'>[]; updated: ContactUpdate[] },
  actor: Actor,
  origin: string,
): Promise<void> {
  const db = prismaOf(store);
  const units = await db.unit.findMany({ select: { id: true, code: true } });
  const unitIds = new Map(units.map((unit) => [unit.code, unit.id]));
  const data = changes.created.map((official) => {
    const unitId = unitIds.get(official.unitCode);
    if (unitId === undefined)
      throw new UserError(`Không còn đơn vị ${official.unitCode}; không ghi gì.`, 'UNIT_NOT_FOUND');
    const { unitCode: _unitCode, ...fields } = official;
    return { ...fields, unitId };
  });
  const audits: NewAuditEntry[] = [
    ...changes.created.map((official) => ({ action: 'official.add', payload: { ...official, origin } })),
    ...changes.updated.map((update) => ({
      action: 'official.contact',
      payload: { username: update.username, before: update.before, after: update.after, reason: origin },
    })),
  ];
  try {
    await db.$transaction(
      async (tx) => {
        if (data.length > 0) await tx.official.createMany({ data });
        for (const update of changes.updated)
          await tx.official.update({ where: { username: update.username }, data: update.after });
        await recordAudits(tx, actor, audits);
      },
      { timeout: 60_000, maxWait: 30_000 },
    );
  } catch (error) {
    if (isUniqueViolation(error))
      throw new UserError(
        'Có tên đăng nhập vừa được tạo cùng lúc từ nơi khác; không ghi gì, hãy chạy lại.',
        'OFFICIAL_EXISTS',
      );
    throw error;
  }
}
