// /xong <id…> [ghi chú]: close tasks. Each id is handled on its own, so one refusal does not
// block the others; each refusal changes nothing for that id.
import { assertLinked, defineCommand } from '../src/chat/command.ts';
import { taskIdsThenNote } from '../src/chat/arguments.ts';
import { requireTaskInScope } from '../src/chat/permissions.ts';
import { markTaskDone } from '../src/db/store/tasks.ts';
import { UserError } from '../src/domain/errors.ts';

export const xong = defineCommand({
  names: ['xong', 'done', 'daxong'],
  description: 'Báo đã xong việc (có thể nhiều số việc, kèm ghi chú)',
  usage: '/xong <số việc> [số việc…] [ghi chú]',
  audience: 'linked',
  args: taskIdsThenNote,
  async run({ ids, note }, { db, now, sender }) {
    assertLinked(sender);
    const lines: string[] = [];
    let closed = 0;
    for (const id of ids) {
      try {
        await requireTaskInScope(db, sender.official, id);
        const { task, daysLate } = await markTaskDone(db, id, sender.actor, now, note);
        closed += 1;
        const timing = daysLate === 0 ? 'đúng hạn 👍' : `trễ ${daysLate} ngày so với hạn`;
        lines.push(`✅ Đã ghi nhận xong việc #${task.id} «${task.title}» — ${timing}.`);
      } catch (error) {
        if (!(error instanceof UserError)) throw error;
        lines.push(`❌ ${error.message}`);
      }
    }
    // A single refused id reads as a plain refusal, without the list markers.
    if (ids.length === 1 && closed === 0) throw new UserError(lines[0]!.slice(2), 'TASK_NOT_CLOSED');
    return { text: lines.join('\n') };
  },
});
