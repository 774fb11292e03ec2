// Who may do what from a chat. A member acts on their own tasks, a head on their unit's and its
// sub-units', the office admin on everything. Refusals are UserErrors: nothing is changed.
import type { ChannelKind } from '../channels/channel.ts';
import type { Store } from '../db/store/store.ts';
import { findTask } from '../db/store/tasks.ts';
import { unitSubtreeIds } from '../db/store/unit-tree.ts';
import { findUnitByCode } from '../db/store/units.ts';
import { findOfficialByUsername } from '../db/store/officials.ts';
import { UserError } from '../domain/errors.ts';
import type { Official, Task } from '../domain/model.ts';
import type { AnyCommand, Sender } from './command.ts';

/** Whether `command` exists for this person on this channel (unlisted by /giup otherwise). */
export function isVisible(command: AnyCommand, channel: ChannelKind, sender: Sender | undefined): boolean {
  if (command.audience === 'console') return channel === 'console';
  if (command.hiddenOn?.includes(channel)) return false;
  if (command.audience === 'everyone') return true;
  if (!command.roles || !sender) return true;
  return command.roles.includes(sender.official.role);
}

/** Tasks and dossiers alike: their assignee, the heads above their unit, and the office admin. */
export async function mayActOnTask(
  db: Store,
  official: Official,
  task: Pick<Task, 'assigneeUsername' | 'unitCode'>,
): Promise<boolean> {
  if (official.role === 'admin') return true;
  if (task.assigneeUsername === official.username) return true;
  if (official.role !== 'head') return false;
  const [subtree, unit] = await Promise.all([unitSubtreeIds(db, official.unitCode), findUnitByCode(db, task.unitCode)]);
  return unit !== undefined && subtree.includes(unit.id);
}

/** The task, if it exists and the sender may act on it; otherwise a clear refusal. */
export async function requireTaskInScope(db: Store, official: Official, id: number): Promise<Task> {
  const task = await findTask(db, id);
  if (!task) throw new UserError(`Không có việc số ${id}. Gõ /viec để xem số các việc của bạn.`, 'TASK_NOT_FOUND');
  if (!(await mayActOnTask(db, official, task))) {
    throw new UserError(
      `Việc #${id} không thuộc phạm vi của bạn: bạn chỉ thao tác được việc của mình` +
        (official.role === 'head' ? ' và của đơn vị mình phụ trách.' : '.'),
      'TASK_FORBIDDEN',
    );
  }
  return task;
}

/**
 * The official `username`, if they exist and `official` may give them work: the admin anyone, a
 * head the people of their unit and its sub-units. Otherwise a clear refusal.
 */
export async function requireOfficialInScope(db: Store, official: Official, username: string): Promise<Official> {
  const target = await findOfficialByUsername(db, username);
  if (!target) throw new UserError(`Không có cán bộ "${username}".`, 'OFFICIAL_NOT_FOUND');
  if (official.role === 'admin') return target;
  const [subtree, unit] = await Promise.all([
    unitSubtreeIds(db, official.unitCode),
    findUnitByCode(db, target.unitCode),
  ]);
  if (official.role !== 'head' || unit === undefined || !subtree.includes(unit.id))
    throw new UserError(
      `${target.fullName} (${target.username}) không thuộc đơn vị bạn phụ trách: ` +
        'bạn chỉ giao việc được cho cán bộ của đơn vị mình và các đơn vị trực thuộc.',
      'OFFICIAL_FORBIDDEN',
    );
  return target;
}

/** Which tasks /quahan shows: the admin all units, a head their unit subtree, a member their own. */
export type TaskScope = { kind: 'all' } | { kind: 'unit'; unitCode: string } | { kind: 'own'; username: string };

export function scopeOf(official: Official): TaskScope {
  if (official.role === 'admin') return { kind: 'all' };
  if (official.role === 'head') return { kind: 'unit', unitCode: official.unitCode };
  return { kind: 'own', username: official.username };
}
