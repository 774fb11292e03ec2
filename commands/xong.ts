// /xong <id…> [ghi chú]: close tasks. Each id is handled on its own, so one refusal does not
// block the others; each refusal changes nothing for that id. The answer names each task and
// carries a ↩️ Hoàn tác button (/hoantac) for the closed ones: a close by mistake is one tap away
// from undone for the next few minutes.
import { workingDaysLate } from '../src/domain/deadlines/standing.ts';
import { assertLinked, defineCommand } from '../src/chat/command.ts';
import { taskIdsThenNote } from '../src/chat/arguments.ts';
import { undoAction } from '../src/chat/format.ts';
import { requireTaskInScope } from '../src/chat/permissions.ts';
import { markTaskDone } from '../src/db/store/tasks.ts';
import { UserError } from '../src/domain/errors.ts';

/** What happened to one id: closed (with its confirmation), or refused (with the reason). */
type Outcome = { closed: true; id: number; confirmation: string } | { closed: false; refusal: string };

function lineOf(outcome: Outcome): string {
  return outcome.closed ? outcome.confirmation : `❌ ${outcome.refusal}`;
}

export const xong = defineCommand({
  names: ['xong', 'done', 'daxong'],
  description: 'Báo đã xong việc (có thể nhiều số việc, kèm ghi chú)',
  usage: '/xong <số việc> [số việc…] [ghi chú]',
  audience: 'linked',
  args: taskIdsThenNote,
  async run({ ids, note }, { db, now, today, sender, reference }) {
    assertLinked(sender);
    const outcomes: Outcome[] = [];
    for (const id of ids) {
      try {
        await requireTaskInScope(db, sender.official, id);
        const { task } = await markTaskDone(db, id, sender.actor, now, note);
        const daysLate = workingDaysLate(task.dueDate, today, reference.calendar);
        const timing = daysLate === 0 ? 'đúng hạn 👍' : `quá hạn ${daysLate} ngày làm việc so với hạn chót`;
        outcomes.push({
          closed: true,
          id: task.id,
          confirmation: `✅ Đã ghi nhận xong việc #${task.id} «${task.title}» — ${timing}.`,
        });
      } catch (error) {
        if (!(error instanceof UserError)) throw error;
        outcomes.push({ closed: false, refusal: error.message });
      }
    }
    // A single refused id reads as a plain refusal, without the list markers.
    const [only] = outcomes;
    if (outcomes.length === 1 && only && !only.closed) throw new UserError(only.refusal, 'TASK_NOT_CLOSED');
    const closedIds = outcomes.flatMap((outcome) => (outcome.closed ? [outcome.id] : []));
    return {
      text: outcomes.map(lineOf).join('\n'),
      ...(closedIds.length > 0 ? { actions: [undoAction(closedIds)] } : {}),
    };
  },
});
