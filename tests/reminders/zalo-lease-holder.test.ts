// Zalo sends only through the process holding the Zalo listener lease (one session per account):
// on PostgreSQL the other processes leave Zalo-only people in the outbox for it, and still send
// Telegram; nobody's reminder fails because this process is not the holder. Reminders the holder's
// unit-group pass will carry are left to it too, so nobody gets one reminder in two apps.
import { afterEach, describe, expect, it } from 'vitest';
import type { Channel } from '../../src/channels/channel.ts';
import { ChannelSendError } from '../../src/channels/channel.ts';
import { createOutbox } from '../../src/channels/outbox.ts';
import { withRateLimit } from '../../src/channels/rate-limit/rate-limited-channel.ts';
import { setUnitZaloGroup } from '../../src/db/store/unit-groups.ts';
import { silentLogger } from '../../src/domain/log-sink.ts';
import { createReminderEngine, type ReminderEngine } from '../../src/reminders/engine.ts';
import { postgresAvailable } from '../support/test-databases.ts';
import { addr } from '../support/address.ts';
import { cli } from '../support/factories.ts';
import { calendar, catalogue, createHarness, makeUnit, RecordingChannel, vn, type Harness } from './support.ts';

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
  /** Another process holds the lease (its group pass runs there). */
  heldByAnother = false;
  canSend(): boolean {
    return this.holdsLease;
  }
  servedElsewhere(): boolean {
    return !this.holdsLease && this.heldByAnother;
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

const GROUP = '6620009';

/** A unit with a Zalo group, and an official of it linked on both Telegram and Zalo. */
async function unitGroupMember(h: Harness) {
  const unit = await makeUnit(h.db, { code: 'PTP', name: 'Phòng Tư pháp' });
  await setUnitZaloGroup(h.db, unit.code, GROUP, cli);
  const member = await h.person({ unitCode: unit.code, fullName: 'Trần Văn Cường' });
  await h.db.chatIdentity.create({ data: { channel: 'zalo', externalId: '8811', officialId: member.id } });
  await h.task(member, '2026-11-24');
  return member;
}

/** The holder and a process without the lease, on one PostgreSQL database. */
function twoProcesses(h: Harness, { anotherHoldsZalo }: { anotherHoldsZalo: boolean }) {
  const elsewhere = new LeaseGatedZalo('zalo', h.clock);
  elsewhere.heldByAnother = anotherHoldsZalo;
  const holderZalo = new LeaseGatedZalo('zalo', h.clock);
  holderZalo.holdsLease = true;
  return {
    holderZalo,
    notHolder: botProcess(h, 'host:1:not-holder', elsewhere),
    holder: botProcess(h, 'host:2:holder', holderZalo),
  };
}

describe('Reminders the Zalo group pass carries, across processes (PostgreSQL)', { timeout: 60_000 }, () => {
  it('are left by a process without the lease, so a person on Telegram and Zalo gets them once, in the group', async (context) => {
    if (!(await postgresAvailable())) return context.skip();
    harness = await createHarness(vn('2026-11-24', '08:00'), {}, 'postgresql');
    await harness.engine.stop();
    const member = await unitGroupMember(harness);
    const { holderZalo, notHolder, holder } = twoProcesses(harness, { anotherHoldsZalo: true });

    const first = await notHolder.sweep();
    expect(first.delivered).toMatchObject({ sent: 0, failed: 0 });
    expect(harness.telegram.to(member.address)).toEqual([]);
    const waiting = await harness.db.reminder.findMany({ where: { recipientId: member.id } });
    expect(waiting.map((row) => [row.state, row.attempts])).toEqual([['pending', 0]]);

    const second = await holder.sweep();
    expect(second.delivered).toMatchObject({ sent: 1, failed: 0 });
    expect(holderZalo.to(addr(`zalo:group:${GROUP}`))).toHaveLength(1);
    harness.clock.advance(5 * 60_000);
    await notHolder.sweep();
    await holder.sweep();
    expect(harness.telegram.sent).toEqual([]);
    expect(holderZalo.sent).toHaveLength(1);
  });

  it('still go privately when no process holds the Zalo lease', async (context) => {
    if (!(await postgresAvailable())) return context.skip();
    harness = await createHarness(vn('2026-11-24', '08:00'), {}, 'postgresql');
    await harness.engine.stop();
    const member = await unitGroupMember(harness);
    const { notHolder } = twoProcesses(harness, { anotherHoldsZalo: false });

    const report = await notHolder.sweep();

    expect(report.delivered).toMatchObject({ sent: 1, failed: 0 });
    expect(harness.telegram.to(member.address)).toHaveLength(1);
  });

  it('still go privately when the group send fails', async (context) => {
    if (!(await postgresAvailable())) return context.skip();
    harness = await createHarness(vn('2026-11-24', '08:00'), {}, 'postgresql');
    await harness.engine.stop();
    const member = await unitGroupMember(harness);
    const { holderZalo, notHolder, holder } = twoProcesses(harness, { anotherHoldsZalo: true });
    holderZalo.failNext(addr(`zalo:group:${GROUP}`), new ChannelSendError('not a member of the group', 'permanent'));

    await notHolder.sweep();
    const report = await holder.sweep();

    expect(report.delivered).toMatchObject({ sent: 1, failed: 0 });
    expect(harness.telegram.to(member.address)).toHaveLength(1);
    expect(holderZalo.sent).toEqual([]);
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

  it('go privately on Telegram even when another process holds Zalo: here the scheduler holder alone delivers', async () => {
    harness = await createHarness(vn('2026-11-24', '08:00'));
    await harness.engine.stop();
    const member = await unitGroupMember(harness);
    const zalo = new LeaseGatedZalo('zalo', harness.clock);
    zalo.heldByAnother = true;

    const report = await botProcess(harness, 'host:4:sqlite', zalo).sweep();

    expect(report.delivered).toMatchObject({ sent: 1, failed: 0 });
    expect(harness.telegram.to(member.address)).toHaveLength(1);
  });
});
