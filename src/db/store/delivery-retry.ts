// Sending a failed reminder or notice again: the row goes back to pending with a fresh attempt
// count, due now, so the bot's next sweep delivers it through the same outbox as any other row.
// One function for every door (CLI `reminders retry`, `notices retry`, the web's Nhắc việc lỗi).
import { UserError } from '../../domain/errors.ts';
import type { Actor } from '../../domain/model.ts';
import { recordAudit } from './audit.ts';
import { prismaOf, type Store } from './store.ts';

export type DeliveryKind = 'reminder' | 'notice';

const KIND_NAMES: Record<DeliveryKind, string> = { reminder: 'lời nhắc', notice: 'thông báo' };
const KIND_TITLES: Record<DeliveryKind, string> = { reminder: 'Lời nhắc', notice: 'Thông báo' };

export interface RetriedDelivery {
  kind: DeliveryKind;
  id: number;
  taskId: number | null;
  recipientId: number;
  /** the reason it had failed with */
  lastError: string | null;
}

/** Queues the failed row again. Refused (UserError, nothing written) unless it is failed. */
export async function retryFailedDelivery(
  store: Store,
  kind: DeliveryKind,
  id: number,
  actor: Actor,
  now: Date,
): Promise<RetriedDelivery> {
  return prismaOf(store).$transaction(async (tx) => {
    const row =
      kind === 'reminder'
        ? await tx.reminder.findUnique({
            where: { id },
            select: { state: true, taskId: true, recipientId: true, lastError: true, attempts: true },
          })
        : await tx.notice.findUnique({
            where: { id },
            select: { state: true, taskId: true, recipientId: true, lastError: true, attempts: true },
          });
    if (!row) throw new UserError(`Không có ${KIND_NAMES[kind]} số ${id}.`, 'DELIVERY_NOT_FOUND');
    if (row.state !== 'failed')
      throw new UserError(
        `${KIND_TITLES[kind]} số ${id} không ở trạng thái lỗi nên không cần gửi lại.`,
        'DELIVERY_NOT_FAILED',
      );
    const data = { state: 'pending' as const, attempts: 0, nextAttemptAt: now, lastError: null, claimedBy: null };
    // The state in the WHERE: two admins pressing retry at once queue it once.
    const { count } =
      kind === 'reminder'
        ? await tx.reminder.updateMany({ where: { id, state: 'failed' }, data })
        : await tx.notice.updateMany({ where: { id, state: 'failed' }, data });
    if (count === 0) throw new UserError(`${KIND_TITLES[kind]} số ${id} vừa được gửi lại.`, 'DELIVERY_NOT_FAILED');
    await recordAudit(tx, actor, `${kind}.retried`, {
      ...(row.taskId !== null ? { taskId: row.taskId } : {}),
      payload: {
        [`${kind}Id`]: id,
        before: { state: 'failed', attempts: row.attempts, lastError: row.lastError },
        after: { state: 'pending', attempts: 0 },
        reason: 'gửi lại sau lỗi',
      },
    });
    return { kind, id, taskId: row.taskId, recipientId: row.recipientId, lastError: row.lastError };
  });
}
