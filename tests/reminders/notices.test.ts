// Notices ("what changed about your work"), queued by corrections in their own transaction and
// delivered by the reminder engine's sweep: in working hours on working days only, one message
// per person, retried after transient failures, failed with a reason when nobody can be reached.
import { afterEach, describe, expect, it } from 'vitest';
import { ChannelSendError } from '../../src/channels/channel.ts';
import { prismaOf } from '../../src/db/store/store.ts';
import { queueNotices, type NewNotice } from '../../src/db/store/notices.ts';
import { NOTICE_HEADING } from '../../src/reminders/notice-delivery.ts';
import { postgresAvailable } from '../support/test-databases.ts';
import { createHarness, vn, type Harness } from './support.ts';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function queue(h: Harness, notices: NewNotice[]): Promise<void> {
  await prismaOf(h.db).$transaction((tx) => queueNotices(tx, notices, h.clock.now()));
}

/** Sweeps at each instant in turn (the clock set to it); returns the notice counts of each sweep. */
async function sweepAt(h: Harness, instants: Date[]): Promise<number[]> {
  const sent: number[] = [];
  for (const instant of instants) {
    h.clock.set(instant);
    sent.push((await h.engine.sweep()).notices.sent);
  }
  return sent;
}

describe('notice delivery', () => {
  it('sends a queued notice at the next sweep in working hours and marks it sent', async () => {
    harness = await createHarness(vn('2026-11-24', '10:00'));
    const anh = await harness.person();
    await queue(harness, [{ officialId: anh.id, text: 'Việc #7 «Báo cáo quý» đổi hạn: 30/11/2026 → 27/11/2026.' }]);
    const report = await harness.engine.sweep();
    expect(report.notices).toEqual({ messages: 1, sent: 1, retried: 0, failed: 0 });
    expect(harness.telegram.to(anh.address).map((m) => m.text)).toEqual([
      `${NOTICE_HEADING}\n• Việc #7 «Báo cáo quý» đổi hạn: 30/11/2026 → 27/11/2026.`,
    ]);
    expect(await harness.db.notice.findFirstOrThrow()).toMatchObject({
      state: 'sent',
      attempts: 1,
      sentAt: vn('2026-11-24', '10:00'),
      lastError: null,
    });
    // Sent once: later sweeps find nothing.
    harness.clock.advance(60_000);
    expect((await harness.engine.sweep()).notices.sent).toBe(0);
    expect(harness.telegram.sent).toHaveLength(1);
  });

  it('waits over the night and goes out when working hours open', async () => {
    harness = await createHarness(vn('2026-11-24', '17:05'));
    const anh = await harness.person();
    await queue(harness, [{ officialId: anh.id, text: 'thay đổi' }]);
    const sent = await sweepAt(harness, [
      vn('2026-11-24', '17:05'),
      vn('2026-11-24', '23:00'),
      vn('2026-11-25', '06:00'),
      vn('2026-11-25', '07:29'),
      vn('2026-11-25', '07:30'),
    ]);
    expect(sent).toEqual([0, 0, 0, 0, 1]);
    expect(harness.telegram.to(anh.address)[0]!.at).toEqual(vn('2026-11-25', '07:30'));
  });

  it('waits over a weekend and a holiday (Tết 2026) for the next working day', async () => {
    harness = await createHarness(vn('2026-11-27', '17:30'));
    const anh = await harness.person();
    await queue(harness, [{ officialId: anh.id, text: 'cuối tuần' }]);
    expect(
      await sweepAt(harness, [
        vn('2026-11-28', '09:00'), // Saturday
        vn('2026-11-29', '09:00'), // Sunday
        vn('2026-11-30', '07:30'), // Monday
      ]),
    ).toEqual([0, 0, 1]);

    harness.clock.set(vn('2026-02-13', '17:30'));
    await queue(harness, [{ officialId: anh.id, text: 'Tết' }]);
    expect(
      await sweepAt(harness, [
        vn('2026-02-16', '09:00'), // Monday, Tết holiday
        vn('2026-02-20', '09:00'), // Friday, Tết holiday
        vn('2026-02-23', '07:30'), // first working day after Tết
      ]),
    ).toEqual([0, 0, 1]);
  });

  it('sends one message per person listing all of their notices, oldest first', async () => {
    harness = await createHarness(vn('2026-11-24', '09:00'));
    const anh = await harness.person();
    const binh = await harness.person();
    await queue(harness, [
      { officialId: anh.id, text: 'thứ nhất' },
      { officialId: binh.id, text: 'cho Bình' },
      { officialId: anh.id, text: 'thứ hai' },
    ]);
    await queue(harness, [{ officialId: anh.id, text: 'thứ ba' }]);
    const report = await harness.engine.sweep();
    expect(report.notices).toMatchObject({ messages: 2, sent: 4 });
    expect(harness.telegram.to(anh.address).map((m) => m.text)).toEqual([
      `${NOTICE_HEADING}\n• thứ nhất\n• thứ hai\n• thứ ba`,
    ]);
    expect(harness.telegram.to(binh.address).map((m) => m.text)).toEqual([`${NOTICE_HEADING}\n• cho Bình`]);
  });

  it('retries after a transient failure with backoff and sends once it passes', async () => {
    harness = await createHarness(vn('2026-11-24', '09:00'));
    const anh = await harness.person();
    harness.telegram.failNext(anh.address, new ChannelSendError('mạng lỗi', 'transient'));
    await queue(harness, [{ officialId: anh.id, text: 'thử lại' }]);
    expect((await harness.engine.sweep()).notices).toMatchObject({ retried: 1, sent: 0 });
    const waiting = await harness.db.notice.findFirstOrThrow();
    expect(waiting).toMatchObject({ state: 'pending', attempts: 1, lastError: 'mạng lỗi', claimedBy: null });
    expect(waiting.nextAttemptAt.getTime()).toBeGreaterThan(vn('2026-11-24', '09:00').getTime());
    await harness.runUntil(vn('2026-11-24', '09:30'), 1);
    expect(harness.telegram.to(anh.address)).toHaveLength(1);
    expect(await harness.db.notice.findFirstOrThrow()).toMatchObject({ state: 'sent', attempts: 2, lastError: null });
  });

  it('fails with a reason for an official with no linked chat, and for one who left', async () => {
    harness = await createHarness(vn('2026-11-24', '09:00'));
    const unlinked = await harness.person({ linked: false });
    const gone = await harness.person();
    await queue(harness, [
      { officialId: unlinked.id, text: 'không ai nhận' },
      { officialId: gone.id, text: 'đã nghỉ' },
    ]);
    await harness.db.official.update({ where: { id: gone.id }, data: { active: false } });
    expect((await harness.engine.sweep()).notices).toMatchObject({ failed: 2, sent: 0 });
    const rows = await harness.db.notice.findMany({ orderBy: { id: 'asc' } });
    expect(rows.map((row) => [row.state, row.lastError])).toEqual([
      ['failed', 'chưa liên kết Telegram/Zalo (/lienket)'],
      ['failed', 'official inactive'],
    ]);
    expect(harness.telegram.sent).toHaveLength(0);
  });

  it('on PostgreSQL, two engines sweeping at once send each person one message, each notice exactly once', async (context) => {
    if (!(await postgresAvailable())) return context.skip();
    harness = await createHarness(vn('2026-11-24', '09:00'), { recipientsPerClaim: 2 }, 'postgresql');
    const people = [];
    for (let i = 0; i < 12; i++) people.push(await harness.person());
    await queue(
      harness,
      people.flatMap((person) => [
        { officialId: person.id, text: `a${person.id}` },
        { officialId: person.id, text: `b${person.id}` },
      ]),
    );
    const second = harness.newEngine({ recipientsPerClaim: 2 }, 'second');
    const [one, two] = await Promise.all([harness.engine.sweep(), second.sweep()]);
    expect(one.notices.sent + two.notices.sent).toBe(24);
    expect(one.notices.messages + two.notices.messages).toBe(12);
    for (const person of people) {
      expect(harness.telegram.to(person.address).map((m) => m.text)).toEqual([
        `${NOTICE_HEADING}\n• a${person.id}\n• b${person.id}`,
      ]);
    }
    expect(await harness.db.notice.count({ where: { state: 'sent' } })).toBe(24);
  });
});
