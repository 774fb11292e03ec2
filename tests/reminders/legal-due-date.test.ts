// Issue #11: a limit whose last day is a day off ends at the end of the next working day (Civil
// Code 2015 Art. 148(5)). The February 2026 monthly report ("trước ngày 20"; 14–22/2 is Tết)
// is aimed at 13/02 but legally due 23/02: not overdue, not escalated on 23/02; both on 24/02.
import { afterEach, describe, expect, it } from 'vitest';
import { deadlineFor } from '../../src/domain/duties/catalogue.ts';
import { vietnamDateOf } from '../../src/domain/local-date.ts';
import { listTasks } from '../../src/db/store/tasks.ts';
import { calendar, catalogue, createHarness, makeUnit, vn, type Harness } from './support.ts';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('the legal due date of the February 2026 monthly report', () => {
  it('is the target 13/02 and the legal end 23/02', () => {
    expect(deadlineFor(catalogue.get('bao-cao-thang'), { period: '2026-02' }, calendar)).toEqual({
      targetDate: '2026-02-13',
      dueDate: '2026-02-23',
    });
  });

  it('reminds before 13/02, says "hạn chót" on 23/02 without escalating, and is overdue and escalated on 24/02', async () => {
    harness = await createHarness(vn('2026-02-09', '07:00'));
    const unit = await makeUnit(harness.db, { code: 'PTP' });
    const head = await harness.person({ unitCode: unit.code, role: 'head' });
    const member = await harness.person({ unitCode: unit.code });
    const id = await harness.task(member, '2026-02-23', {
      targetDate: '2026-02-13',
      title: 'Báo cáo KSTTHC tháng 02/2026',
    });

    await harness.runUntil(vn('2026-02-23', '17:00'), 60);
    const before24 = harness.telegram.to(member.address);
    expect(before24.map((m) => vietnamDateOf(m.at))).toEqual(['2026-02-10', '2026-02-12', '2026-02-13', '2026-02-23']);
    expect(before24[2]!.text).toContain('hạn 13/02/2026 (chậm nhất 23/02/2026)');
    expect(before24[3]!.text).toContain('đã qua hạn khuyến nghị 13/02, hôm nay là hạn chót');
    expect(before24[3]!.text).not.toContain('quá hạn');
    expect(harness.telegram.to(head.address)).toHaveLength(0);
    expect(await listTasks(harness.db, { status: 'overdue' }, '2026-02-23' as never)).toEqual([]);

    await harness.runUntil(vn('2026-02-24', '17:00'), 60);
    expect(harness.telegram.to(member.address).at(-1)!.text).toContain('quá hạn 1 ngày làm việc');
    const escalations = harness.telegram.to(head.address);
    expect(escalations).toHaveLength(1);
    expect(vietnamDateOf(escalations[0]!.at)).toBe('2026-02-24');
    expect(escalations[0]!.text).toContain(`#${id}`);
    expect((await listTasks(harness.db, { status: 'overdue' }, '2026-02-24' as never)).map((t) => t.id)).toEqual([id]);
  });
});
