// Unit-group digests: for each unit with a Zalo group, the due reminders of its officials linked
// on Zalo are claimed together and sent as one group message that mentions each of them
// (group-digest.ts), instead of one private message each. The rows are claimed, sent and marked
// like private ones (delivery.ts), so a crash repeats at most the message in flight. A group send
// that fails hands its officials' claimed rows to the private path at once: nothing is lost, and
// the usual retry rules apply from there. Heads' escalations, failure reports and the morning
// additions (admin overview, "Hôm qua đã xong", new tasks) stay private. A group that keeps failing
// is reported to the office admins (group-health-alerts.ts).
import { zaloAddresses } from '../channels/address.ts';
import { describeError } from '../domain/log-sink.ts';
import { loadDeliveryContext, type RecipientInfo } from '../db/store/delivery-context.ts';
import type { MorningReader } from '../db/store/morning-digest.ts';
import { cancelReminders, markRemindersSent, type ClaimedReminder } from '../db/store/reminder-claims.ts';
import { claimDueGroupReminders, listUnitGroups, type UnitGroup } from '../db/store/unit-groups.ts';
import { deliverToPerson, type DeliveryDeps, type DeliveryReport } from './delivery.ts';
import { composeGroupDigest, type GroupMember } from './group-digest.ts';
import { groupSendFailed, groupSendWorked } from './group-health-alerts.ts';
import type { SendWindow } from './send-window.ts';

/** Zalo's message limit (2000) with room to spare: a group message with mentions is never cut. */
export const GROUP_MAX_CHARS = 1900;

export async function deliverGroupDigests(
  deps: DeliveryDeps,
  window: SendWindow,
  report: DeliveryReport,
  morningReaders?: Map<number, MorningReader>,
): Promise<void> {
  // Only where the Zalo session is: elsewhere the rows wait for the process holding it.
  if (!deps.outbox.running.has('zalo')) return;
  for (const group of await listUnitGroups(deps.db)) {
    if (deps.signal.aborted) return;
    if (!(await deps.mayContinue())?.open) return;
    await deliverToGroup(deps, window, group, report, morningReaders);
  }
}

async function deliverToGroup(
  deps: DeliveryDeps,
  window: SendWindow,
  group: UnitGroup,
  report: DeliveryReport,
  morningReaders: Map<number, MorningReader> | undefined,
): Promise<void> {
  const { db, processId } = deps;
  const claimUntil = new Date((deps.realClock ?? deps.clock).now().getTime() + deps.claimTtlMs);
  const claimed = await claimDueGroupReminders(db, group.unitId, deps.clock.now(), processId, claimUntil);
  if (claimed.length === 0) return;
  const byPerson = new Map<number, ClaimedReminder[]>();
  for (const row of claimed) byPerson.set(row.recipientId, [...(byPerson.get(row.recipientId) ?? []), row]);
  const context = await loadDeliveryContext(
    db,
    [...byPerson.keys()],
    [...new Set(claimed.map((row) => row.taskId))],
    [],
  );

  const members: GroupMember[] = [];
  const silenced: number[] = [];
  for (const [officialId, rows] of byPerson) {
    const person = context.recipients.get(officialId);
    const zalo = person?.identities.find((identity) => identity.channel === 'zalo');
    const tasks = new Map<number, GroupMember['tasks'][number]>();
    for (const row of rows) {
      const task = context.tasks.get(row.taskId);
      // Only the latest state: a task closed or snoozed since planning is not reminded.
      if (!task || task.status !== 'open' || (task.snoozedUntil !== null && task.snoozedUntil > window.today)) {
        silenced.push(row.id);
        continue;
      }
      tasks.set(task.id, { id: task.id, title: task.title, targetDate: task.targetDate, dueDate: task.dueDate });
    }
    if (tasks.size === 0) continue;
    if (!person?.active || !zalo) {
      // Unlinked or deactivated since the claim: the private path settles them.
      await fallBack(deps, window, rows, person, context, report, morningReaders);
      continue;
    }
    members.push({ officialId, name: person.fullName, userId: zalo.externalId, tasks: [...tasks.values()] });
  }
  if (silenced.length > 0) report.cancelled += await cancelReminders(db, silenced, processId, 'task closed or snoozed');

  const address = zaloAddresses.encode({ thread: 'group', threadId: group.groupId });
  const parts = composeGroupDigest({
    today: window.today,
    calendar: deps.calendar,
    unitName: group.unitName,
    members,
    maxChars: GROUP_MAX_CHARS,
  });
  let firstFailure: unknown;
  let anySent = false;
  for (const part of parts) {
    const rows = part.officialIds.flatMap((id) => (byPerson.get(id) ?? []).filter((row) => !silenced.includes(row.id)));
    try {
      await deps.outbox.send(address, { text: part.text, mentions: part.mentions });
    } catch (error) {
      firstFailure ??= error;
      deps.logger.error(
        { err: describeError(error), unit: group.unitCode, address, officials: part.officialIds.length },
        'unit group digest not sent; sending privately instead',
      );
      for (const id of part.officialIds)
        await fallBack(
          deps,
          window,
          (byPerson.get(id) ?? []).filter((row) => !silenced.includes(row.id)),
          context.recipients.get(id),
          context,
          report,
          morningReaders,
        );
      continue;
    }
    report.messages += 1;
    const sent = await markRemindersSent(
      db,
      rows.map((row) => row.id),
      processId,
      deps.clock.now(),
    );
    report.sent += sent;
    anySent = true;
    deps.observe?.('zalo', 'sent', sent);
  }
  // One pass, one count: a large unit's parts fail together for one cause.
  if (firstFailure !== undefined) await groupSendFailed(deps, group, firstFailure);
  else if (anySent) await groupSendWorked(deps, group);
}

function fallBack(
  deps: DeliveryDeps,
  window: SendWindow,
  rows: ClaimedReminder[],
  person: RecipientInfo | undefined,
  context: Awaited<ReturnType<typeof loadDeliveryContext>>,
  report: DeliveryReport,
  morningReaders: Map<number, MorningReader> | undefined,
): Promise<void> {
  if (rows.length === 0) return Promise.resolve();
  return deliverToPerson(deps, window, rows, person, context.tasks, context.failed, report, morningReaders);
}
