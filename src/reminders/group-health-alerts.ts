// The office admins hear about a unit's Zalo group that keeps failing: once, when it has failed
// GROUP_FAILURES_BEFORE_ALERT passes in a row, and once more when a send to it works again. Two,
// because one failure may be a blip (the reminders went privately anyway), while two in a row
// (normally two send times or two mornings) mean the group itself is wrong — the bot left or was
// removed, the group was disbanded — and each further morning spends the account's scarce private
// messages on the fallback. The count lives in the database (unit-group-health.ts). A send refused
// as rate-limited (the account's pace, or its session down — the Zalo channel alerts for that) says
// nothing about the group and is not counted.
import { ChannelSendError } from '../channels/channel.ts';
import { describeError } from '../domain/log-sink.ts';
import { formatVietnamTime } from '../domain/local-date.ts';
import { recordGroupSendFailure, recordGroupSendSuccess } from '../db/store/unit-group-health.ts';
import type { UnitGroup } from '../db/store/unit-groups.ts';
import type { DeliveryDeps } from './delivery.ts';

export const GROUP_FAILURES_BEFORE_ALERT = 2;

type Deps = Pick<DeliveryDeps, 'db' | 'clock' | 'logger' | 'alertAdmins'>;

export function groupFailingAlert(group: UnitGroup, failures: number, since: Date | null, error: string): string {
  return (
    `Nhóm Zalo ${group.groupId} của đơn vị ${group.unitCode} (${group.unitName}) không nhận được nhắc việc ` +
    `${failures} lần liên tiếp${since ? ` (từ ${formatVietnamTime(since)})` : ''}. Lỗi Zalo: ${error}. ` +
    'Nhắc việc của đơn vị đang được gửi riêng cho từng người. Cách xử lý: thêm lại tài khoản Zalo của bot vào nhóm, ' +
    `hoặc gỡ nhóm bằng lệnh "npm run cli -- unit zalo-group ${group.unitCode} --clear".`
  );
}

export function groupRecoveredAlert(group: UnitGroup): string {
  return (
    `Nhóm Zalo ${group.groupId} của đơn vị ${group.unitCode} (${group.unitName}) đã nhận được nhắc việc trở lại: ` +
    'nhắc việc của đơn vị lại gửi thành một tin vào nhóm.'
  );
}

export async function groupSendFailed(deps: Deps, group: UnitGroup, error: unknown): Promise<void> {
  if (error instanceof ChannelSendError && error.kind === 'rate-limited') return;
  const reason = error instanceof Error ? error.message : String(error);
  try {
    const counted = await recordGroupSendFailure(deps.db, group, reason, deps.clock.now(), GROUP_FAILURES_BEFORE_ALERT);
    if (counted.alertNow)
      await tell(deps, group, groupFailingAlert(group, counted.failures, counted.failingSince, reason));
  } catch (failure) {
    deps.logger.error({ err: describeError(failure), unit: group.unitCode }, 'unit group failure not recorded');
  }
}

export async function groupSendWorked(deps: Deps, group: UnitGroup): Promise<void> {
  // Nothing to write for a group that has not failed (the common case): no statement at all.
  if (group.health.failures === 0 && !group.health.alerted) return;
  try {
    if ((await recordGroupSendSuccess(deps.db, group)).recovered) await tell(deps, group, groupRecoveredAlert(group));
  } catch (failure) {
    deps.logger.error({ err: describeError(failure), unit: group.unitCode }, 'unit group recovery not recorded');
  }
}

async function tell(deps: Deps, group: UnitGroup, text: string): Promise<void> {
  deps.logger.warn({ unit: group.unitCode, group: group.groupId, alert: text }, 'unit group alert for the admins');
  // The group is at fault, not the account: an admin's private Zalo chat still gets it.
  await deps.alertAdmins?.(text, { viaZalo: true });
}
