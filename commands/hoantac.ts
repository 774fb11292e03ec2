// /hoantac [id…]: undo my close of the last few minutes, exactly (open again, the note and the
// reminders as before). Without ids: what my last /xong closed. The button under every close
// sends `/hoantac <ids>`. Later, or someone else's close: /mo.
import { assertLinked, defineCommand } from '../src/chat/command.ts';
import { optionalTaskIds } from '../src/chat/arguments.ts';
import { latestClosesBy, undoTaskClose } from '../src/db/store/task-closing.ts';
import { UserError } from '../src/domain/errors.ts';
import { UNDO_WINDOW_MINUTES } from '../src/domain/task-closing.ts';

const MINUTE_MS = 60_000;

export const hoantac = defineCommand({
  names: ['hoantac', 'undo'],
  description: `Hoàn tác việc bạn vừa báo xong (trong ${UNDO_WINDOW_MINUTES} phút)`,
  usage: '/hoantac [số việc]',
  audience: 'linked',
  args: optionalTaskIds,
  async run(ids, { db, now, sender }) {
    assertLinked(sender);
    const since = new Date(now.getTime() - UNDO_WINDOW_MINUTES * MINUTE_MS);
    const targets = ids.length > 0 ? ids : await latestClosesBy(db, sender.official.id, since);
    if (targets.length === 0)
      throw new UserError(
        `Bạn không báo xong việc nào trong ${UNDO_WINDOW_MINUTES} phút vừa qua nên không có gì để hoàn tác. ` +
          'Để mở lại một việc đã báo xong nhầm, hãy dùng /mo <số việc> <lý do>.',
        'NOTHING_TO_UNDO',
      );
    const lines: string[] = [];
    for (const id of targets) {
      try {
        const task = await undoTaskClose(db, id, sender.actor, now);
        lines.push(`↩️ Đã hoàn tác: việc #${task.id} «${task.title}» đang mở lại như trước khi báo xong.`);
      } catch (error) {
        if (!(error instanceof UserError)) throw error;
        // A single refused id reads as a plain refusal.
        if (targets.length === 1) throw error;
        lines.push(`❌ ${error.message}`);
      }
    }
    return { text: lines.join('\n') };
  },
});
