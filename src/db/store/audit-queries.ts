// Reading the audit log back (who changed what, through which channel), oldest first.
import { prismaOf, type Store } from './store.ts';

export interface AuditEntry {
  id: number;
  at: Date;
  /** official | cli | system | scheduler… */
  actorKind: string;
  actor: { username: string; fullName: string } | null;
  channel: string | null;
  chatId: string | null;
  action: string;
  taskId: number | null;
  /** the JSON text as recorded */
  payload: string | null;
}

export async function listAuditEntries(
  store: Store,
  filter: { taskId?: number; since?: Date } = {},
): Promise<AuditEntry[]> {
  const db = prismaOf(store);
  return db.auditEvent.findMany({
    where: {
      ...(filter.taskId !== undefined ? { taskId: filter.taskId } : {}),
      ...(filter.since ? { at: { gte: filter.since } } : {}),
    },
    select: {
      id: true,
      at: true,
      actorKind: true,
      channel: true,
      chatId: true,
      action: true,
      taskId: true,
      payload: true,
      actor: { select: { username: true, fullName: true } },
    },
    // Several events of one transaction share a timestamp: the id keeps their order.
    orderBy: [{ at: 'asc' }, { id: 'asc' }],
  });
}
