// The SQLite scheduler lease lives on the real wall clock: a process on simulated time
// (NHACVIEC_FAKE_NOW) must not lock out the next one on real time, a holder killed with SIGKILL
// on this host is replaced at once, and a process kept out of the scheduler says so. Claim
// deadlines (PostgreSQL) are real time too.
import { spawn } from 'node:child_process';
import { hostname } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock, shiftedClock } from '../../src/domain/clock.ts';
import type { LogSink } from '../../src/domain/log-sink.ts';
import type { Channel, SendResult } from '../../src/channels/channel.ts';
import { createOutbox } from '../../src/channels/outbox.ts';
import { withRateLimit } from '../../src/channels/rate-limit/rate-limited-channel.ts';
import { silentLogger } from '../../src/domain/log-sink.ts';
import { createReminderEngine, holderIsDeadHere, SCHEDULER_LEASE } from '../../src/reminders/engine.ts';
import { postgresAvailable } from '../support/test-databases.ts';
import { calendar, catalogue, createHarness, vn, type Harness } from './support.ts';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

/** The pid of a process that has started and exited (so it no longer exists). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid!;
}

function recordingLogger(): LogSink & { warnings: { details: object; message?: string }[] } {
  const warnings: { details: object; message?: string }[] = [];
  return {
    warnings,
    info() {},
    error() {},
    warn(details, message) {
      warnings.push({ details, ...(message === undefined ? {} : { message }) });
    },
  };
}

describe('scheduler lease on real time', () => {
  it('a process killed while on simulated time does not lock out the next one on real time', async () => {
    // Real time 07:59; the demo process ran 11 hours ahead (NHACVIEC_FAKE_NOW), then was SIGKILLed.
    harness = await createHarness(vn('2026-11-24', '07:59'));
    const official = await harness.person();
    await harness.task(official, '2026-11-24');
    const real = harness.clock;
    const simulated = harness.newEngine({}, 'demo-process', {
      clock: shiftedClock(vn('2026-11-24', '18:59'), real),
      realClock: real,
    });
    expect((await simulated.sweep()).skipped).toBeUndefined();

    // The bot starts again on real time once the dead process's lease (3 min) has run out.
    const production = harness.newEngine({}, 'production-process');
    real.advance(4 * 60_000);
    const report = await production.sweep();
    expect(report.skipped).toBeUndefined();
    expect(harness.telegram.sent.map((message) => message.address)).toEqual([official.address]);
  });

  it('takes over at once a lease already stamped in simulated time (an expiry no renewal could set)', async () => {
    harness = await createHarness(vn('2026-11-24', '08:00'));
    const official = await harness.person();
    await harness.task(official, '2026-11-24');
    await harness.db.lease.create({
      data: { name: SCHEDULER_LEASE, holder: 'old-demo-process', expiresAt: vn('2026-11-24', '19:03') },
    });
    expect((await harness.engine.sweep()).skipped).toBeUndefined();
    expect(harness.telegram.sent).toHaveLength(1);
  });

  it('takes the lease at once from a holder whose pid no longer exists on this host', async () => {
    harness = await createHarness(vn('2026-11-24', '08:00'));
    const official = await harness.person();
    await harness.task(official, '2026-11-24');
    const dead = `${hostname()}:${await deadPid()}:1a2b3c4d`;
    expect(holderIsDeadHere(dead)).toBe(true);
    // Alive, or on another host (whose pids we cannot check): left alone until the lease expires.
    expect(holderIsDeadHere(`${hostname()}:${process.pid}:other`)).toBe(false);
    expect(holderIsDeadHere(`another-host:${await deadPid()}:1a2b3c4d`)).toBe(false);

    await harness.db.lease.create({
      data: { name: SCHEDULER_LEASE, holder: dead, expiresAt: new Date(harness.clock.now().getTime() + 3 * 60_000) },
    });
    const report = await harness.engine.sweep();
    expect(report.skipped).toBeUndefined();
    expect(harness.telegram.sent).toHaveLength(1);
    expect((await harness.db.lease.findUnique({ where: { name: SCHEDULER_LEASE } }))?.holder).toBe(
      harness.engine.processId,
    );
  });

  it('leaves a live holder alone and warns every 5 minutes, naming it, while kept out', async () => {
    harness = await createHarness(vn('2026-11-24', '09:00'));
    const logger = recordingLogger();
    const real = new ManualClock(vn('2026-11-24', '09:00'));
    const holder = harness.newEngine({}, `${hostname()}:${process.pid}:holder`, { realClock: real });
    const waiting = harness.newEngine({}, 'waiting-process', { realClock: real, logger });
    const warningsAt: number[] = [];
    for (let minute = 0; minute <= 11; minute++) {
      expect((await holder.sweep()).skipped).toBeUndefined();
      expect((await waiting.sweep()).skipped).toBe('not-lease-holder');
      if (logger.warnings.length > warningsAt.length) warningsAt.push(minute);
      real.advance(60_000);
    }
    expect(warningsAt).toEqual([5, 10]);
    expect(logger.warnings[0]!.details).toMatchObject({ holder: holder.processId });
    expect(logger.warnings[0]!.message).toContain('held by another process');
  });
});

describe('claims on real time (PostgreSQL, shared outbox)', () => {
  it('a process on simulated time that dies mid-send leaves claims real-time processes take back', async (context) => {
    if (!(await postgresAvailable())) return context.skip();
    // Real time is 00:05; the demo process runs at 08:05 (NHACVIEC_FAKE_NOW), inside the send window.
    harness = await createHarness(vn('2026-11-24', '00:05'), {}, 'postgresql');
    const official = await harness.person();
    await harness.task(official, '2026-11-24');
    const real = harness.clock;
    let sending!: () => void;
    const sendStarted = new Promise<void>((resolve) => (sending = resolve));
    let release!: () => void;
    const released = new Promise<SendResult>((resolve) => (release = () => resolve({})));
    const hanging: Channel = {
      kind: 'telegram',
      start: async () => {},
      stop: async () => {},
      send: () => {
        sending();
        return released;
      },
    };
    const simulated = createReminderEngine({
      db: harness.db,
      clock: new ManualClock(vn('2026-11-24', '08:05')),
      realClock: real,
      calendar,
      catalogue,
      outbox: createOutbox([withRateLimit(hanging, { limits: { rules: [] } })]),
      config: { REMINDER_SEND_TIMES: ['08:00'], WORKING_HOURS: { start: '07:30', end: '17:00' } },
      logger: silentLogger,
      processId: 'demo-process',
    });
    const stuck = simulated.sweep();
    await sendStarted; // the reminder is claimed and its send is under way: the process "dies" here

    const production = harness.newEngine({}, 'production-process');
    real.advance(11 * 60_000); // past the 10-minute claim deadline, in real time
    expect((await production.sweep()).recovered).toBe(1);
    expect(await harness.db.reminder.count({ where: { state: 'pending' } })).toBe(1);

    release();
    await stuck;
    await simulated.stop();
  });
});
