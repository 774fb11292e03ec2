import { afterEach, describe, expect, it } from 'vitest';
import { ChannelSendError } from '../../src/channels/channel.ts';
import { listFailedReminders } from '../../src/db/store/reminder-failures.ts';
import { createHarness, vn, type Harness } from './support.ts';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('catch-up after downtime', () => {
  it('after a 3-day outage sends one digest per person at once, with only the latest state', async () => {
    harness = await createHarness(vn('2026-11-18', '07:00'));
    const anh = await harness.person();
    const binh = await harness.person();
    const a1 = await harness.task(anh, '2026-11-19');
    const a2 = await harness.task(anh, '2026-11-23');
    await harness.task(binh, '2026-11-24');
    await harness.runUntil(vn('2026-11-18', '12:00'));
    const before = harness.telegram.sent.length;

    // Down from Wednesday noon to Monday 10:00 (Thu, Fri and the weekend missed).
    harness.clock.set(vn('2026-11-23', '10:00'));
    await harness.runUntil(vn('2026-11-23', '16:00'), 1);

    const caughtUp = harness.telegram.sent.slice(before);
    expect(caughtUp.filter((m) => m.address === anh.address)).toHaveLength(1);
    expect(caughtUp.filter((m) => m.address === binh.address)).toHaveLength(1);
    const text = caughtUp.find((m) => m.address === anh.address)!.text;
    expect(text).toContain(`#${a1}`);
    expect(text).toContain('quá hạn 2 ngày làm việc');
    expect(text).toContain(`#${a2}`);
    expect(text).toContain('hạn hôm nay');
    // Sent at once (10:00), inside working hours.
    expect(caughtUp[0]!.at.getTime()).toBe(vn('2026-11-23', '10:00').getTime());
  });

  it('waits for the next send time when the bot comes back outside working hours', async () => {
    harness = await createHarness(vn('2026-11-23', '20:00'));
    const official = await harness.person();
    await harness.task(official, '2026-11-20');
    await harness.runUntil(vn('2026-11-24', '12:00'));
    expect(harness.telegram.sent.map((m) => m.at.getTime())).toEqual([vn('2026-11-24', '08:00').getTime()]);
  });

  it('never re-sends a sent reminder after a restart', async () => {
    harness = await createHarness(vn('2026-11-24', '07:50'));
    const official = await harness.person();
    await harness.task(official, '2026-11-24');
    await harness.runUntil(vn('2026-11-24', '08:10'), 5);
    await harness.engine.stop();
    const restarted = harness.newEngine({}, 'restarted-process');
    for (let i = 0; i < 10; i++) {
      await restarted.sweep();
      harness.clock.advance(60_000);
    }
    expect(harness.telegram.sent).toHaveLength(1);
  });
});

describe('failures', () => {
  it('records an official with no linked chat as failed and tells the office admins', async () => {
    harness = await createHarness(vn('2026-11-24', '07:50'));
    const admin = await harness.person({ role: 'admin' });
    const unlinked = await harness.person({ linked: false, fullName: 'Phạm Văn Chưa' });
    const id = await harness.task(unlinked, '2026-11-24', { title: 'Báo cáo quý' });
    await harness.runUntil(vn('2026-11-24', '08:10'), 1);

    const failed = await listFailedReminders(harness.db);
    expect(failed).toHaveLength(1);
    expect(failed[0]!.lastError).toContain('chưa liên kết');
    const [report] = harness.telegram.to(admin.address);
    expect(report!.text).toContain('Không gửi được 1 nhắc việc');
    expect(report!.text).toContain(`#${id} Báo cáo quý → Phạm Văn Chưa: chưa liên kết`);
    expect(await harness.db.auditEvent.count({ where: { action: 'reminder.failed' } })).toBe(1);
  });

  it('does not retry a permanent channel error (bot blocked) and reports it', async () => {
    harness = await createHarness(vn('2026-11-24', '07:50'));
    const admin = await harness.person({ role: 'admin' });
    const blocked = await harness.person();
    harness.telegram.failAlways(
      blocked.address,
      new ChannelSendError('telegram 403: Forbidden: bot was blocked by the user', 'permanent'),
    );
    await harness.task(blocked, '2026-11-24');
    await harness.runUntil(vn('2026-11-25', '12:00'), 5);
    const reminders = await harness.db.reminder.findMany({ where: { recipientId: blocked.id } });
    expect(reminders.every((r) => r.state === 'failed' && r.attempts === 1)).toBe(true);
    expect(reminders[0]!.lastError).toContain('blocked');
    expect(
      harness.telegram
        .to(admin.address)
        .map((m) => m.text)
        .join('\n'),
    ).toContain('bot was blocked');
  });

  it('retries a transient failure with growing delays, then delivers', async () => {
    harness = await createHarness(vn('2026-11-24', '07:59'));
    const official = await harness.person();
    const flaky = new ChannelSendError('telegram 502: Bad Gateway', 'transient');
    harness.telegram.failNext(official.address, flaky, flaky, flaky);
    await harness.task(official, '2026-11-24');

    const delays: number[] = [];
    for (let i = 0; i < 200 && harness.telegram.sent.length === 0; i++) {
      await harness.engine.sweep();
      const row = await harness.db.reminder.findFirstOrThrow();
      if (row.state === 'pending' && row.attempts > delays.length)
        delays.push(row.nextAttemptAt.getTime() - harness.clock.now().getTime());
      harness.clock.advance(60_000);
    }
    expect(harness.telegram.sent).toHaveLength(1);
    expect(delays).toHaveLength(3);
    expect(delays[1]!).toBeGreaterThan(delays[0]!);
    expect(delays[2]!).toBeGreaterThan(delays[1]!);
    const row = await harness.db.reminder.findFirstOrThrow();
    expect(row).toMatchObject({ state: 'sent', attempts: 4 });
  });

  it('gives up after the attempt limit and reports the reminder instead of retrying forever', async () => {
    harness = await createHarness(vn('2026-11-24', '07:59'), {
      retry: { backoff: { initialMs: 60_000, maxMs: 60_000 }, maxAttempts: 3 },
    });
    const admin = await harness.person({ role: 'admin' });
    const official = await harness.person();
    harness.telegram.failAlways(
      official.address,
      new ChannelSendError('telegram unreachable: ECONNRESET', 'transient'),
    );
    await harness.task(official, '2026-11-24');
    await harness.runUntil(vn('2026-11-24', '09:00'), 1);
    const row = await harness.db.reminder.findFirstOrThrow({ where: { recipientId: official.id } });
    expect(row).toMatchObject({ state: 'failed', attempts: 3 });
    expect(row.lastError).toContain('đã thử 3 lần');
    expect(harness.telegram.to(admin.address)).toHaveLength(1);
  });

  it('waits as long as a rate-limited channel asks without counting it as an attempt', async () => {
    harness = await createHarness(vn('2026-11-24', '07:59'));
    const official = await harness.person();
    harness.telegram.failNext(official.address, new ChannelSendError('telegram 429', 'rate-limited', 300));
    await harness.task(official, '2026-11-24');
    await harness.runUntil(vn('2026-11-24', '08:01'), 1);
    const row = await harness.db.reminder.findFirstOrThrow();
    expect(row).toMatchObject({ state: 'pending', attempts: 0 });
    await harness.runUntil(vn('2026-11-24', '08:03'), 1);
    expect(harness.telegram.sent).toHaveLength(1);
  });
});

describe('SQLite scheduler lease', () => {
  it('lets only the lease holder sweep, and a successor take over once the holder is gone', async () => {
    harness = await createHarness(vn('2026-11-24', '07:59'));
    const official = await harness.person();
    await harness.task(official, '2026-11-24');
    const second = harness.newEngine({}, 'second');
    expect((await harness.engine.sweep()).skipped).toBeUndefined();
    expect((await second.sweep()).skipped).toBe('not-lease-holder');
    // A claim left by a dead holder is taken back when the lease changes hands.
    await harness.db.reminder.updateMany({ data: { state: 'sending', claimedBy: harness.engine.processId } });
    harness.clock.advance(10 * 60_000);
    const report = await second.sweep();
    expect(report.skipped).toBeUndefined();
    expect(report.recovered).toBe(1);
    expect(harness.telegram.sent).toHaveLength(1);
  });
});
