// Corrections queue their notices in their own transaction; the reminder engine's sweep sends them.
import { afterEach, describe, expect, it } from 'vitest';
import { changeOfficialRole, deactivateOfficial, moveOfficial } from '../../src/db/store/official-changes.ts';
import { reopenTask } from '../../src/db/store/task-closing.ts';
import { markTaskDone } from '../../src/db/store/tasks.ts';
import { createHarness, makeUnit, vn, type Harness } from './support.ts';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('corrections queue notices', () => {
  it('official move: the moved official is told after the sweep', async () => {
    harness = await createHarness(vn('2026-11-24', '09:00'));
    await makeUnit(harness.db, { code: 'PHC', name: 'Phòng Hành chính' });
    const anh = await harness.person();
    const open = await harness.task(anh, '2026-11-30');
    await moveOfficial(
      harness.db,
      anh.username,
      'PHC',
      { reason: 'điều động', now: harness.clock.now() },
      { kind: 'cli' },
    );
    const queued = await harness.db.notice.findFirstOrThrow();
    expect(queued).toMatchObject({ recipientId: anh.id, state: 'pending' });
    await harness.engine.sweep();
    const [message] = harness.telegram.to(anh.address);
    expect(message?.text).toContain(`anh/chị chuyển từ đơn vị ${anh.unitCode}`);
    expect(message?.text).toContain('sang đơn vị PHC (Phòng Hành chính). Lý do: điều động.');
    expect(message?.text).toContain(`Từ ngày 24/11/2026`);
    expect(message?.text).toContain(`(#${open})`);
  });

  it('official role: the official is told; deactivation queues nothing (no chat left)', async () => {
    harness = await createHarness(vn('2026-11-24', '09:00'));
    const anh = await harness.person();
    const now = harness.clock.now();
    await changeOfficialRole(harness.db, anh.username, 'head', { now }, { kind: 'cli' });
    expect((await harness.db.notice.findFirstOrThrow()).text).toBe(
      '👤 Từ ngày 24/11/2026, vai trò của anh/chị trên nhacviec đổi từ cán bộ thành lãnh đạo đơn vị.',
    );
    await deactivateOfficial(harness.db, anh.username, { now }, { kind: 'cli' });
    expect(await harness.db.notice.count()).toBe(1);
  });

  it('a reopen by someone else tells the assignee, with the reason; their own reopen does not', async () => {
    harness = await createHarness(vn('2026-11-24', '09:00'));
    const anh = await harness.person();
    const head = await harness.person({ role: 'head', fullName: 'Lê Thị Bích' });
    const taskId = await harness.task(anh, '2026-11-30', { title: 'Báo cáo quý' });
    const now = harness.clock.now();
    const asOfficial = (id: number) => ({
      kind: 'official' as const,
      officialId: id,
      channel: 'telegram',
      chatId: '1',
    });
    await markTaskDone(harness.db, taskId, asOfficial(anh.id), now);
    await reopenTask(harness.db, taskId, asOfficial(head.id), now, 'chưa nộp báo cáo');
    expect(await harness.db.notice.findMany({ select: { recipientId: true, taskId: true, text: true } })).toEqual([
      {
        recipientId: anh.id,
        taskId,
        text:
          `🔓 Việc #${taskId} «Báo cáo quý» (hạn 30/11/2026) đã được mở lại bởi Lê Thị Bích: chưa nộp báo cáo. ` +
          'Bot sẽ nhắc lại việc này từ hôm nay.',
      },
    ]);
    await markTaskDone(harness.db, taskId, asOfficial(anh.id), now);
    await reopenTask(harness.db, taskId, asOfficial(anh.id), now, 'nhầm');
    expect(await harness.db.notice.count()).toBe(1);
  });
});
