// Zalo sends only through the process holding the Zalo listener lease (one session per account):
// on PostgreSQL the other processes leave Zalo-only people in the outbox for it, and still send
// Telegram; nobody's reminder fails because this process is not the holder.
import { afterEach, describe, expect, it } from 'vitest';
import type { Channel } from '../../src/channels/channel.ts';
import { createOutbox } from '../../src/channels/outbox.ts';
import { withRateLimit } from '../../src/channels/rate-limit/rate-limited-channel.ts';
import { silentLogger } from '../../src/domain/log-sink.ts';
import { createReminderEngine, type ReminderEngine } from '../../src/reminders/engine.ts';
import { postgresAvailable } from '../support/test-databases.ts';
import { addr } from '../support/address.ts';
import { calendar, catalogue, createHarness, RecordingChannel, vn, type Harness } from './support.ts';

let harness: Harness | undefined;
const engines: ReminderEngine[] = [];
afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.stop();
  await harness?.close();
  harness = undefined;
});

/** A Zalo channel that may send only while this process holds the Zalo lease. */
class LeaseGatedZalo extends RecordingChannel {
  holdsLease = false;
  canSend(): boolean {
    return this.holdsLease;
  }
}

function botProcess(h: Harness, processId: string, zalo: LeaseGatedZalo): ReminderEngine {
  const unlimited = (channel: Channel) => withRateLimit(channel, { limits: { rules: [] } });
  const engine = createReminderEngine({
    db: h.db,
    clock: h.clock,
    realClock: h.clock,
    calendar,
    catalogue,
    outbox: createOutbox([unlimited(h.telegram), unlimited(zalo)]),
    config: { REMINDER_SEND_TIMES: ['08:00'], WORKING_HOURS: { start: '07:30', end: '17:00' } },
    logger: silentLogger,
    processId,
    options: { random: () => 0.5 },
  });
  engines.push(engine);
  return engine;
}

describe('Zalo reminders across processes (PostgreSQL)', { timeout: 60_000 }, () => {
  it('are left by a process without the Zalo lease and sent once by the holder', async (context) => {
    if (!(await postgresAvailable())) return context.skip();
    harness = await createHarness(vn('2026-11-24', '08:00'), {}, 'postgresql');
    const zaloOnly = await harness.person({ linked: false });
    await harness.db.chatIdentity.create({ data: { channel: 'zalo', externalId: '8801', officialId: zaloOnly.id } });
    const onTelegram = await harness.person();
    await harness.task(zaloOnly, '2026-11-24');
    await harness.task(onTelegram, '2026-11-24');

    const elsewhere = new LeaseGatedZalo('zalo', harness.clock);
    const holder = new LeaseGatedZalo('zalo', harness.clock);
    holder.holdsLease = true;
    const notHolder = botProcess(harness, 'host:1:not-holder', elsewhere);
    const zaloHolder = botProcess(harness, 'host:2:holder', holder);

    const first = await notHolder.sweep();
    expect(first.delivered).toMatchObject({ sent: 1, failed: 0 });
    expect(harness.telegram.to(onTelegram.address)).toHaveLength(1);
    expect(elsewhere.sent).toEqual([]);
    const waiting = await harness.db.reminder.findMany({ where: { recipientId: zaloOnly.id } });
    expect(waiting.map((row) => [row.state, row.attempts])).toEqual([['pending', 0]]);

    const second = await zaloHolder.sweep();
    expect(second.delivered).toMatchObject({ sent: 1, failed: 0 });
    expect(holder.to(addr('zalo:user:8801'))).toHaveLength(1);
    harness.clock.advance(5 * 60_000);
    await notHolder.sweep();
    await zaloHolder.sweep();
    expect(holder.sent).toHaveLength(1);
    expect(harness.telegram.sent).toHaveLength(1);
  });
});

describe('Zalo reminders on SQLite', () => {
  it('wait in the outbox, not failed, while another process holds the Zalo session', async () => {
    harness = await createHarness(vn('2026-11-24', '08:00'));
    const zaloOnly = await harness.person({ linked: false });
    await harness.db.chatIdentity.create({ data: { channel: 'zalo', externalId: '8802', officialId: zaloOnly.id } });
    const onTelegram = await harness.person();
    await harness.task(zaloOnly, '2026-11-24');
    await harness.task(onTelegram, '2026-11-24');
    await harness.engine.stop();
    const zalo = new LeaseGatedZalo('zalo', harness.clock);
    const report = await botProcess(harness, 'host:3:sqlite', zalo).sweep();
    expect(report.delivered).toMatchObject({ sent: 1, failed: 0 });
    expect(harness.telegram.to(onTelegram.address)).toHaveLength(1);
    const waiting = await harness.db.reminder.findMany({ where: { recipientId: zaloOnly.id } });
    expect(waiting.map((row) => row.state)).toEqual(['pending']);
    zalo.holdsLease = true;
    harness.clock.advance(60_000);
    await engines[0]!.sweep();
    expect(zalo.to(addr('zalo:user:8802'))).toHaveLength(1);
  });
});
