// Database access for plan import: store/tasks.ts addTask opens its own transaction, and a plan
// import must write all its tasks or none.
import { prismaOf, type Store } from './store.ts';
import { recordAudit } from './audit.ts';
import { isUniqueViolation } from './errors.ts';
import { UserError } from '../../domain/errors.ts';
import type { LocalDate } from '../../domain/local-date.ts';
import type { Actor } from '../../domain/model.ts';

export interface ImportedTask {
  title: string;
  unitCode: string;
  assigneeUsername: string;
  dueDate: LocalDate;
  dutyCode: string;
  sourceRef: string;
  note?: string;
}

/** The source references of `dutyCode` already in the database, among `refs`. */
export async function existingSourceRefs(store: Store, dutyCode: string, refs: string[]): Promise<Set<string>> {
  const db = prismaOf(store);
  if (refs.length === 0) return new Set();
  const rows = await db.task.findMany({ where: { dutyCode, sourceRef: { in: refs } }, select: { sourceRef: true } });
  return new Set(rows.map((row) => row.sourceRef).filter((ref): ref is string => ref !== null));
}

/** Creates every task in one transaction: a failure on any of them leaves the database unchanged. */
export async function createTasksAtomically(
  store: Store,
  tasks: ImportedTask[],
  actor: Actor,
  origin: string,
): Promise<number[]> {
  const db = prismaOf(store);
  try {
    return await db.$transaction(async (tx) => {
      const ids: number[] = [];
      for (const task of tasks) {
        const unit = await tx.unit.findUniqueOrThrow({ where: { code: task.unitCode } });
        const assignee = await tx.official.findUniqueOrThrow({ where: { username: task.assigneeUsername } });
        const row = await tx.task.create({
          data: {
            title: task.title,
            dutyCode: task.dutyCode,
            sourceRef: task.sourceRef,
            unitId: unit.id,
            assigneeId: assignee.id,
            dueDate: task.dueDate,
            note: task.note ?? null,
          },
        });
        await recordAudit(tx, actor, 'task.add', { taskId: row.id, payload: { ...task, origin } });
        ids.push(row.id);
      }
      return ids;
    });
  } catch (error) {
    // Someone imported the same plan at the same moment: nothing of ours was written.
    if (isUniqueViolation(error))
      throw new UserError(
        'Kế hoạch này vừa được nhập cùng lúc từ nơi khác; không ghi gì, hãy chạy lại.',
        'TASK_EXISTS',
      );
    throw error;
  }
}
