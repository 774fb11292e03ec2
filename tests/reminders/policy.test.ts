import { afterEach, describe, expect, it } from 'vitest';
import { vietnamDateOf } from '../../src/domain/local-date.ts';
import { markTaskDone } from '../../src/db/store/tasks.ts';
import { calendar, createHarness, makeUnit, vn, type Harness } from './support.ts';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

function localTimes(messages: { at: Date }[]): string[] {
  return messages.map(
    (m) =>
      `${vietnamDateOf(m.at)} ${m.at.toLocaleTimeString('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit' })}`,
  );
}

describe('reminder policy', () => {
  it('reminds 3 and 1 working days before, on the due day and every working day overdue, at 08:00 across Tết 2026', async () => {
    harness = await createHarness(vn('2026-02-10', '00:00'));
    const official = await harness.person();
    await harness.task(official, '2026-02-24', { title: 'Báo cáo KSTTHC tháng 2' });

    await harness.runUntil(vn('2026-03-03', '00:00'));

    // Tết Bính Ngọ (14/2–22/2) and the weekends are skipped; 12/2 is the third working day before 24/2.
    expect(localTimes(harness.telegram.to(official.address))).toEqual([
      '2026-02-12 08:00',
      '2026-02-23 08:00',
      '2026-02-24 08:00',
      '2026-02-25 08:00',
      '2026-02-26 08:00',
      '2026-02-27 08:00',
      '2026-03-02 08:00',
    ]);
    const texts = harness.telegram.to(official.address).map((m) => m.text);
    // Time left and lateness count working days: 13/2, 23/2, 24/2 are left on 12/2.
    expect(texts[0]).toContain('còn 3 ngày làm việc');
    expect(texts[1]).toContain('còn 1 ngày làm việc');
    expect(texts[2]).toContain('hạn hôm nay');
    expect(texts[3]).toContain('quá hạn 1 ngày làm việc');
    expect(texts[6]).toContain('quá hạn 4 ngày làm việc');
  });

  it('sends nothing at night, on weekends or on holidays', async () => {
    harness = await createHarness(vn('2026-02-11', '00:00'));
    const official = await harness.person();
    await harness.task(official, '2026-02-05');
    await harness.runUntil(vn('2026-02-24', '00:00'), 15);
    const sent = harness.telegram.sent;
    expect(sent.length).toBeGreaterThan(0);
    for (const message of sent) {
      expect(calendar.isWorkingDay(vietnamDateOf(message.at))).toBe(true);
      expect(localTimes([message])[0]).toMatch(/ 08:00$/);
    }
  });

  it('follows the policy a duty sets in the catalogue instead of the default', async () => {
    harness = await createHarness(vn('2026-11-16', '00:00'));
    const official = await harness.person();
    const id = await harness.task(official, '2026-11-20');
    // A duty with only the due-day reminder: no "before", no overdue.
    const { catalogue } = await import('./support.ts');
    const duty = catalogue.duties[0]!;
    const original = duty.reminders;
    (duty as { reminders?: unknown }).reminders = {
      beforeWorkingDays: [],
      onDueDay: true,
      overdueEveryWorkingDay: false,
      escalateToHead: false,
    };
    try {
      await harness.db.task.update({ where: { id }, data: { dutyCode: duty.code } });
      await harness.runUntil(vn('2026-11-26', '00:00'));
    } finally {
      (duty as { reminders?: unknown }).reminders = original;
    }
    expect(localTimes(harness.telegram.to(official.address))).toEqual(['2026-11-20 08:00']);
  });
});

describe('digests', () => {
  it('sends one message per person per send time, listing each task with its id, due date and status', async () => {
    harness = await createHarness(vn('2026-11-24', '07:00'));
    const official = await harness.person();
    const overdue = await harness.task(official, '2026-11-20', { title: 'Trả lời PAKN số 7' });
    const today = await harness.task(official, '2026-11-24', { title: 'Báo cáo tháng 11' });
    const soon = await harness.task(official, '2026-11-25', { title: 'Thư xin lỗi hồ sơ 12' });
    const other = await harness.person();
    await harness.task(other, '2026-11-24');

    await harness.runUntil(vn('2026-11-24', '12:00'), 1);

    const mine = harness.telegram.to(official.address);
    expect(mine).toHaveLength(1);
    const text = mine[0]!.text;
    expect(text).toContain(`#${overdue} Trả lời PAKN số 7 — hạn 20/11/2026 — quá hạn 2 ngày làm việc`);
    expect(text).toContain(`#${today} Báo cáo tháng 11 — hạn 24/11/2026 — hạn hôm nay`);
    expect(text).toContain(`#${soon} Thư xin lỗi hồ sơ 12 — hạn 25/11/2026 — còn 1 ngày làm việc`);
    expect(text).toContain('/xong');
    // Most urgent first.
    expect(text.indexOf(`#${overdue}`)).toBeLessThan(text.indexOf(`#${today}`));
    expect(mine[0]!.actions).toContainEqual({ label: `✅ Xong #${today}`, command: `/xong ${today}` });
    expect(mine[0]!.actions).toContainEqual({ label: `⏰ Nhắc lại ngày mai #${today}`, command: `/hoan ${today} 1` });
    expect(harness.telegram.to(other.address)).toHaveLength(1);
  });

  it('keeps a big digest within one message and its buttons to the five most urgent tasks', async () => {
    harness = await createHarness(vn('2026-11-24', '07:55'));
    const official = await harness.person();
    for (let i = 0; i < 80; i++)
      await harness.task(official, '2026-11-24', { title: `Việc rất dài số ${i} `.repeat(6) });
    await harness.runUntil(vn('2026-11-24', '08:05'), 1);
    const [message] = harness.telegram.to(official.address);
    expect(harness.telegram.to(official.address)).toHaveLength(1);
    expect(message!.text.length).toBeLessThanOrEqual(3800);
    expect(message!.text).toMatch(/… và \d+ việc khác/);
    expect(message!.actions).toHaveLength(10);
    const states = await harness.db.reminder.groupBy({ by: ['state'], _count: true });
    expect(states).toEqual([{ state: 'sent', _count: 80 }]);
  });
});

describe('escalation to unit heads', () => {
  it('sends each head one daily digest of everything overdue in the unit and its sub-units', async () => {
    harness = await createHarness(vn('2026-11-23', '07:00'));
    const so = await makeUnit(harness.db, { code: 'SO' });
    const phong = await makeUnit(harness.db, { code: 'PTP', parentCode: so.code });
    const to = await makeUnit(harness.db, { code: 'TO1', parentCode: phong.code });
    const other = await makeUnit(harness.db, { code: 'PKH', parentCode: so.code });
    const director = await harness.person({ unitCode: so.code, role: 'head' });
    const headOfPhong = await harness.person({ unitCode: phong.code, role: 'head' });
    const headOfOther = await harness.person({ unitCode: other.code, role: 'head' });
    const inPhong = await harness.person({ unitCode: phong.code, fullName: 'Lê Thị Bích' });
    const inTo = await harness.person({ unitCode: to.code, fullName: 'Trần Văn An' });
    const late1 = await harness.task(inPhong, '2026-11-23');
    const late2 = await harness.task(inTo, '2026-11-23');

    // Due day: only the assignees.
    await harness.runUntil(vn('2026-11-23', '12:00'), 5);
    expect(harness.telegram.to(headOfPhong.address)).toHaveLength(0);

    // First overdue working day: the heads above get one digest each.
    harness.clock.set(vn('2026-11-24', '07:00'));
    await harness.runUntil(vn('2026-11-24', '12:00'), 5);
    for (const head of [director, headOfPhong]) {
      const messages = harness.telegram.to(head.address);
      expect(messages).toHaveLength(1);
      expect(messages[0]!.text).toContain('Việc quá hạn trong đơn vị (2 việc)');
      expect(messages[0]!.text).toContain(`#${late1}`);
      expect(messages[0]!.text).toContain(`#${late2}`);
      expect(messages[0]!.text).toContain('Trần Văn An (TO1)');
    }
    expect(harness.telegram.to(headOfOther.address)).toHaveLength(0);
    expect(
      harness.telegram
        .to(inTo.address)
        .map((m) => m.text)
        .join(),
    ).toContain('quá hạn 1 ngày');
  });
});

describe('silencing', () => {
  it('never sends the planned reminder of a task marked done before the send time', async () => {
    harness = await createHarness(vn('2026-11-24', '07:00'));
    const official = await harness.person();
    const id = await harness.task(official, '2026-11-24');
    await harness.engine.sweep();
    expect(await harness.db.reminder.count({ where: { state: 'pending' } })).toBe(1);

    await markTaskDone(harness.db, id, { kind: 'cli' }, vn('2026-11-24', '07:30'));
    await harness.runUntil(vn('2026-11-27', '12:00'));

    expect(harness.telegram.sent).toHaveLength(0);
    expect(await harness.db.reminder.count({ where: { state: 'cancelled' } })).toBe(1);
  });

  it('drops a task closed between planning and delivery from the digest', async () => {
    harness = await createHarness(vn('2026-11-24', '07:00'));
    const official = await harness.person();
    const closed = await harness.task(official, '2026-11-24');
    const open = await harness.task(official, '2026-11-24');
    await harness.engine.sweep();
    // Closed by a path that does not cancel reminders itself.
    await harness.db.task.update({ where: { id: closed }, data: { status: 'cancelled' } });
    await harness.runUntil(vn('2026-11-24', '08:10'), 5);
    const [message] = harness.telegram.to(official.address);
    expect(message!.text).toContain(`#${open}`);
    expect(message!.text).not.toContain(`#${closed} `);
  });

  it('respects a snooze: no reminder before the snooze date, reminders again from it', async () => {
    harness = await createHarness(vn('2026-11-23', '07:00'));
    const official = await harness.person();
    const id = await harness.task(official, '2026-11-20');
    await harness.runUntil(vn('2026-11-23', '12:00'));
    expect(harness.telegram.sent).toHaveLength(1);
    // /hoan 2 days: nothing on 24/11, again from 25/11.
    await harness.db.task.update({ where: { id }, data: { snoozedUntil: '2026-11-25' } });
    await harness.runUntil(vn('2026-11-26', '00:00'));
    expect(localTimes(harness.telegram.sent)).toEqual(['2026-11-23 08:00', '2026-11-25 08:00']);
  });
});
