// Turns due tasks into outbox rows. Runs inside the sweep, batch by batch, reading only the tasks
// whose next reminder date has come (indexed), so a quiet minute costs one empty index lookup
// whatever the number of open tasks.
import type { WorkCalendar } from '../domain/calendar/work-calendar.ts';
import type { DutyCatalogue } from '../domain/duties/catalogue.ts';
import { reminderPolicyOf } from '../domain/duties/reminder-policy.ts';
import { encodeSlot } from '../domain/reminder-slot.ts';
import { loadEscalationTree, type EscalationTree } from '../db/store/escalation-tree.ts';
import type { OutboxEntry } from '../db/store/outbox-rows.ts';
import { hasTasksToPlan, planDueTasks, type TaskPlan, type TaskToPlan } from '../db/store/reminder-planning.ts';
import type { Store } from '../db/store/store.ts';
import { planTask } from './plan-task.ts';
import { PolicyDays } from './policy-days.ts';
import { planningAllowed, type SendWindow } from './send-window.ts';

export interface PlannerDeps {
  db: Store;
  calendar: WorkCalendar;
  catalogue: DutyCatalogue;
  batchSize: number;
  signal: AbortSignal;
}

export interface PlanReport {
  tasks: number;
  reminders: number;
}

export async function planDueReminders(deps: PlannerDeps, window: SendWindow): Promise<PlanReport> {
  const report: PlanReport = { tasks: 0, reminders: 0 };
  if (!planningAllowed(window)) return report;
  if (!(await hasTasksToPlan(deps.db, window.today))) return report;
  // Units and heads are few: read once per sweep, and only when something is due.
  const tree = await loadEscalationTree(deps.db);
  while (!deps.signal.aborted) {
    const batch = await planDueTasks(deps.db, window.today, deps.batchSize, (tasks) =>
      decideAll(tasks, deps, window, tree),
    );
    report.tasks += batch.advanced;
    report.reminders += batch.inserted;
    // Fewer than a full batch: nothing more is due. No task moved on: the rest must wait.
    if (batch.selected < deps.batchSize || batch.advanced === 0) break;
  }
  return report;
}

function decideAll(
  tasks: TaskToPlan[],
  deps: PlannerDeps,
  window: SendWindow,
  tree: EscalationTree,
): Map<number, TaskPlan> {
  const plans = new Map<number, TaskPlan>();
  for (const task of tasks) {
    const policy = reminderPolicyOf(task.dutyCode ? deps.catalogue.find(task.dutyCode) : undefined);
    const days = new PolicyDays(policy, task, deps.calendar);
    const decision = planTask(task, days, window);
    if (decision.kind === 'wait') {
      plans.set(task.id, 'wait');
      continue;
    }
    if (decision.kind === 'skip') {
      plans.set(task.id, { entries: [], next: decision.next });
      continue;
    }
    const { day, scheduledFor } = decision;
    const entries: OutboxEntry[] = [];
    let skipped: string | undefined;
    const remindAssignee = day.kind !== 'overdue' || policy.overdueEveryWorkingDay;
    if (remindAssignee) {
      const slot = { kind: 'assignee', day: day.kind, date: day.date } as const;
      if (task.assigneeId === null) skipped = `no-assignee ${encodeSlot(slot)}`;
      else if (!task.assigneeActive) skipped = `assignee-inactive ${encodeSlot(slot)}`;
      else entries.push({ taskId: task.id, recipientId: task.assigneeId, slot, scheduledFor });
    }
    if (day.kind === 'overdue' && policy.escalateToHead) {
      for (const headId of headsAbove(task.unitId, tree)) {
        if (headId === task.assigneeId) continue;
        entries.push({ taskId: task.id, recipientId: headId, slot: { kind: 'head', date: day.date }, scheduledFor });
      }
    }
    plans.set(task.id, { entries, next: decision.next, ...(skipped ? { skipped } : {}) });
  }
  return plans;
}

/** Heads of the task's unit and of every unit above it: each sees the overdue work of its subtree. */
export function headsAbove(unitId: number, tree: EscalationTree): number[] {
  return [...new Set(tree.units.selfAndAncestors(unitId).flatMap((unit) => tree.headsOf.get(unit) ?? []))];
}
