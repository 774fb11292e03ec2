// Corrections to the unit tree: a unit renamed, moved under another, merged away (deactivated) or
// restored. One transaction with its audit row ({ before, after }) per change; refusals say why.
import { requireSafeText } from '../../domain/unsafe-text.ts';
import { prismaOf, type Store } from './store.ts';
import type { Actor, Unit } from '../../domain/model.ts';
import { UserError } from '../../domain/errors.ts';
import { UnitTree } from '../../domain/unit-tree.ts';
import { recordAudit } from './audit.ts';
import type { DbTransaction } from './transaction.ts';
import { requireActiveUnit, requireUnit, toUnit, withNames } from './units.ts';

type Options = { reason?: string };

const withReason = (options: Options) => (options.reason ? { reason: options.reason } : {});

/** How many of each blocker a refusal names before "…". */
const NAMED = 20;

function named(items: string[]): string {
  return items.length > NAMED ? `${items.slice(0, NAMED).join(', ')}, …` : items.join(', ');
}

async function reload(tx: DbTransaction, id: number): Promise<Unit> {
  return toUnit(await tx.unit.findUniqueOrThrow({ where: { id }, include: withNames }));
}

export async function renameUnit(
  store: Store,
  code: string,
  name: string,
  options: Options,
  actor: Actor,
): Promise<Unit> {
  const db = prismaOf(store);
  requireSafeText(name, 'Tên đơn vị');
  const unit = await requireUnit(store, code);
  if (unit.name === name) throw new UserError(`Đơn vị ${code} đã có tên "${name}".`, 'SAME_NAME');
  return db.$transaction(async (tx) => {
    await tx.unit.update({ where: { id: unit.id }, data: { name } });
    await recordAudit(tx, actor, 'unit.rename', {
      payload: { unit: code, before: { name: unit.name }, after: { name }, ...withReason(options) },
    });
    return reload(tx, unit.id);
  });
}

/** Puts the unit (and everything below it) under `parentCode`; the tree must stay a tree. */
export async function moveUnit(
  store: Store,
  code: string,
  parentCode: string,
  options: Options,
  actor: Actor,
): Promise<Unit> {
  const db = prismaOf(store);
  const unit = await requireUnit(store, code);
  const parent = await requireUnit(store, parentCode);
  if (unit.id === parent.id)
    throw new UserError(`Không thể đặt đơn vị ${code} làm cấp trên của chính nó.`, 'UNIT_SELF_PARENT');
  if (unit.parentCode === parent.code) throw new UserError(`Đơn vị ${code} đã thuộc ${parent.code}.`, 'SAME_PARENT');
  requireActiveUnit(parent, 'đặt đơn vị khác vào dưới đơn vị này');
  return db.$transaction(async (tx) => {
    const links = await tx.unit.findMany({ select: { id: true, parentId: true } });
    if (new UnitTree(links).subtree(unit.id).includes(parent.id))
      throw new UserError(
        `Không thể chuyển ${code} vào ${parent.code}: ${parent.code} đang là đơn vị cấp dưới của ${code}, cây đơn vị sẽ thành vòng lặp.`,
        'UNIT_CYCLE',
      );
    await tx.unit.update({ where: { id: unit.id }, data: { parentId: parent.id } });
    await recordAudit(tx, actor, 'unit.move', {
      payload: {
        unit: code,
        before: { parent: unit.parentCode },
        after: { parent: parent.code },
        ...withReason(options),
      },
    });
    return reload(tx, unit.id);
  });
}

/**
 * A unit merged away or dissolved: kept for its history, no new tasks or officials. Refused while
 * anything still lives in it — active officials, open tasks, active sub-units — naming each.
 */
export async function deactivateUnit(store: Store, code: string, options: Options, actor: Actor): Promise<Unit> {
  const db = prismaOf(store);
  const unit = await requireUnit(store, code);
  if (!unit.active) throw new UserError(`Đơn vị ${code} đã ngừng hoạt động từ trước.`, 'UNIT_ALREADY_INACTIVE');
  return db.$transaction(async (tx) => {
    const [officials, tasks, children] = await Promise.all([
      tx.official.findMany({
        where: { unitId: unit.id, active: true },
        select: { username: true, fullName: true },
        orderBy: { username: 'asc' },
      }),
      tx.task.findMany({ where: { unitId: unit.id, status: 'open' }, select: { id: true }, orderBy: { id: 'asc' } }),
      tx.unit.findMany({
        where: { parentId: unit.id, active: true },
        select: { code: true },
        orderBy: { code: 'asc' },
      }),
    ]);
    const blockers = [
      ...(officials.length > 0
        ? [
            `còn ${officials.length} cán bộ đang hoạt động (${named(officials.map((o) => `${o.username} — ${o.fullName}`))}): chuyển đơn vị hoặc ngừng hoạt động họ trước`,
          ]
        : []),
      ...(tasks.length > 0
        ? [`còn ${tasks.length} việc đang mở (${named(tasks.map((t) => `#${t.id}`))}): đóng, huỷ hoặc giao lại trước`]
        : []),
      ...(children.length > 0
        ? [`còn ${children.length} đơn vị cấp dưới đang hoạt động (${named(children.map((c) => c.code))})`]
        : []),
    ];
    if (blockers.length > 0)
      throw new UserError(`Chưa thể ngừng hoạt động đơn vị ${code}: ${blockers.join('; ')}.`, 'UNIT_IN_USE');
    await tx.unit.update({ where: { id: unit.id }, data: { active: false } });
    await recordAudit(tx, actor, 'unit.deactivate', {
      payload: { unit: code, before: { active: true }, after: { active: false }, ...withReason(options) },
    });
    return reload(tx, unit.id);
  });
}

/** Undoes a deactivation; the unit above must be active. */
export async function reactivateUnit(store: Store, code: string, options: Options, actor: Actor): Promise<Unit> {
  const db = prismaOf(store);
  const unit = await requireUnit(store, code);
  if (unit.active) throw new UserError(`Đơn vị ${code} đang hoạt động.`, 'UNIT_ALREADY_ACTIVE');
  if (unit.parentCode) requireActiveUnit(await requireUnit(store, unit.parentCode), 'kích hoạt lại đơn vị con của nó');
  return db.$transaction(async (tx) => {
    await tx.unit.update({ where: { id: unit.id }, data: { active: true } });
    await recordAudit(tx, actor, 'unit.reactivate', {
      payload: { unit: code, before: { active: false }, after: { active: true }, ...withReason(options) },
    });
    return reload(tx, unit.id);
  });
}
