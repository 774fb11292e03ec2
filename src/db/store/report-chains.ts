// Reporting chains in the database: each phòng's report task points at the office's compile task
// for the same duty and period (Task.compileTaskId). Who has sent is read from the contributions'
// status every time it is shown, so closing or reopening a phòng's task needs no second write.
import { BATCH_ROWS, chunks } from './task-batches.ts';
import { prismaOf, type Store } from './store.ts';
import type { CompilationProgress } from '../../domain/duties/compilation-progress.ts';

/** Links the duty's unlinked contributions for the period to the office's compile task; returns how many. */
export async function linkContributions(
  store: Store,
  key: { dutyCode: string; periodKey: string; officeUnitCode: string },
): Promise<number> {
  const db = prismaOf(store);
  const compile = await db.task.findFirst({
    where: { dutyCode: key.dutyCode, periodKey: key.periodKey, unit: { code: key.officeUnitCode } },
    select: { id: true },
  });
  if (!compile) return 0;
  const linked = await db.task.updateMany({
    where: {
      dutyCode: key.dutyCode,
      periodKey: key.periodKey,
      compileTaskId: null,
      id: { not: compile.id },
      unit: { code: { not: key.officeUnitCode } },
    },
    data: { compileTaskId: compile.id },
  });
  return linked.count;
}

/** Who has sent their report to each compile task; tasks that compile nothing are absent from the map. */
export async function compilationProgress(
  store: Store,
  compileTaskIds: readonly number[],
): Promise<Map<number, CompilationProgress>> {
  const progress = new Map<number, CompilationProgress>();
  if (compileTaskIds.length === 0) return progress;
  // In batches: `task list` asks for every task it lists, past a database's parameter limit.
  const rows = [];
  for (const batch of chunks(compileTaskIds, BATCH_ROWS))
    rows.push(
      ...(await prismaOf(store).task.findMany({
        where: { compileTaskId: { in: batch }, status: { not: 'cancelled' } },
        select: { id: true, status: true, compileTaskId: true, unit: { select: { code: true, name: true } } },
        orderBy: [{ unit: { code: 'asc' } }, { id: 'asc' }],
      })),
    );
  for (const row of rows) {
    const entry = progress.get(row.compileTaskId!) ?? { expected: 0, submitted: [], missing: [] };
    const unit = { taskId: row.id, unitCode: row.unit.code, unitName: row.unit.name };
    entry.expected++;
    (row.status === 'done' ? entry.submitted : entry.missing).push(unit);
    progress.set(row.compileTaskId!, entry);
  }
  return progress;
}
