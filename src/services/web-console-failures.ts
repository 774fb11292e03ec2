// Nhắc việc lỗi for the web console: the reminders and notices the bot gave up on, and sending
// one again through the same store function as `reminders retry` / `notices retry`. Office only:
// the reasons name other units' people and chats.
import { retryFailedDelivery, type DeliveryKind, type RetriedDelivery } from '../db/store/delivery-retry.ts';
import { listNotices } from '../db/store/notice-delivery.ts';
import { listFailedReminders } from '../db/store/reminder-failures.ts';
import type { Store } from '../db/store/store.ts';
import type { Clock } from '../domain/clock.ts';
import { UserError } from '../domain/errors.ts';
import type { Official } from '../domain/model.ts';
import { webActor } from './web-console.ts';

export type { DeliveryKind } from '../db/store/delivery-retry.ts';

/** Rows per list: the newest; older failures stay reachable through the CLI's --limit. */
export const FAILED_LIST_LIMIT = 200;

export interface FailedDelivery {
  kind: DeliveryKind;
  id: number;
  taskId: number | null;
  /** the task's title for a reminder, the notice's text for a notice */
  what: string;
  recipient: { username: string; fullName: string };
  reason: string;
  attempts: number;
  at: Date;
}

export interface FailuresConsole {
  failedDeliveries(official: Official): Promise<FailedDelivery[]>;
  retryDelivery(official: Official, kind: DeliveryKind, id: number): Promise<RetriedDelivery>;
}

export function requireAdmin(official: Official, what: string): void {
  if (official.role !== 'admin') throw new UserError(`Chỉ Văn phòng Sở mới ${what}.`, 'ROLE_FORBIDDEN');
}

export function createFailuresConsole({ store, clock }: { store: Store; clock: Clock }): FailuresConsole {
  return {
    async failedDeliveries(official) {
      requireAdmin(official, 'xem và gửi lại nhắc việc lỗi');
      const [reminders, notices] = await Promise.all([
        listFailedReminders(store, FAILED_LIST_LIMIT),
        listNotices(store, { failedOnly: true, limit: FAILED_LIST_LIMIT }),
      ]);
      const rows: FailedDelivery[] = [
        ...reminders.map((row) => ({
          kind: 'reminder' as const,
          id: row.id,
          taskId: row.taskId,
          what: row.task.title,
          recipient: row.recipient,
          reason: row.lastError ?? '?',
          attempts: row.attempts,
          at: row.scheduledFor,
        })),
        ...notices.map((row) => ({
          kind: 'notice' as const,
          id: row.id,
          taskId: row.taskId,
          what: row.text,
          recipient: row.recipient,
          reason: row.lastError ?? '?',
          attempts: row.attempts,
          at: row.createdAt,
        })),
      ];
      return rows.sort((a, b) => b.at.getTime() - a.at.getTime());
    },

    async retryDelivery(official, kind, id) {
      requireAdmin(official, 'xem và gửi lại nhắc việc lỗi');
      return retryFailedDelivery(store, kind, id, webActor(official), clock.now());
    },
  };
}
