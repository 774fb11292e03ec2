// /healthz and /metrics over real HTTP (port 0), on a real SQLite database and reminder engine,
// with the time moved by a manual clock (never real waiting).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import parsePrometheusTextFormat, { type PrometheusFamily } from 'parse-prometheus-text-format';
import { afterEach, describe, expect, it } from 'vitest';
import { metricsSource } from '../../src/app/metrics-source.ts';
import { ChannelSendError } from '../../src/channels/channel.ts';
import { sqlitePath } from '../../src/db/database.ts';
import { checkHealth, createStallAlarm, SweepMonitor } from '../../src/reminders/scheduler-health.ts';
import { backupFileName } from '../../src/services/backups.ts';
import { healthRoute } from '../../src/web/health-route.ts';
import { createMetrics, metricsRoute } from '../../src/web/metrics.ts';
import { createWebApp, startWebServer, WebPortInUseError, type RunningWebServer } from '../../src/web/server.ts';
import { calendar, createHarness, vn, type Harness } from '../reminders/support.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function harnessAt(start: Date): Promise<Harness> {
  const h = await createHarness(start);
  cleanups.push(() => h.close());
  return h;
}

async function serve(...routes: Parameters<typeof createWebApp>[0]): Promise<RunningWebServer> {
  const server = await startWebServer(createWebApp(routes), { host: '127.0.0.1', port: 0 });
  cleanups.push(() => server.close());
  return server;
}

async function health(server: RunningWebServer): Promise<{ status: number; body: { ok: boolean; reasons: string[] } }> {
  const response = await fetch(`${server.url}/healthz`);
  return { status: response.status, body: (await response.json()) as { ok: boolean; reasons: string[] } };
}

describe('GET /healthz', () => {
  it('turns 503 once the scheduler has not swept for 3 minutes, and 200 again when it sweeps', async () => {
    const h = await harnessAt(vn('2026-11-23', '10:00'));
    const monitor = new SweepMonitor(h.clock);
    const sweep = async () => monitor.swept(await h.engine.sweep());
    const server = await serve(
      healthRoute(() => checkHealth({ db: h.db, monitor, realClock: h.clock, processId: h.engine.processId })),
    );

    await sweep();
    expect(await health(server)).toEqual({ status: 200, body: expect.objectContaining({ ok: true }) });
    h.clock.advance(3 * 60_000); // the scheduler stops sweeping here
    expect((await health(server)).status).toBe(200);
    h.clock.advance(1_000);
    const stale = await health(server);
    expect(stale.status).toBe(503);
    expect(stale.body.reasons.join()).toContain('scheduler: no successful sweep for 181 s');

    await sweep(); // resumes
    expect((await health(server)).status).toBe(200);
  });

  it('is 200 in a process kept out by another live lease holder, 503 once that holder is gone', async () => {
    const h = await harnessAt(vn('2026-11-23', '10:00'));
    const holder = h.engine; // sweeps first: holds the lease
    const waiting = h.newEngine({}, 'process-b');
    const monitor = new SweepMonitor(h.clock);
    const server = await serve(
      healthRoute(() => checkHealth({ db: h.db, monitor, realClock: h.clock, processId: waiting.processId })),
    );
    await holder.sweep();
    monitor.swept(await waiting.sweep());
    expect(monitor.lastSuccessAt).toBeUndefined();
    h.clock.advance(2 * 60_000);
    await holder.sweep(); // renews until 10:05
    h.clock.advance(60_000 + 1_000);
    expect(await health(server)).toMatchObject({ status: 200, body: { ok: true, scheduler: 'other-holder' } });
    await holder.stop(); // gives the lease up: nobody sweeps now
    expect((await health(server)).status).toBe(503);
  });

  it('is 503 naming the database when it does not answer', async () => {
    const h = await harnessAt(vn('2026-11-23', '10:00'));
    const monitor = new SweepMonitor(h.clock);
    const server = await serve(
      healthRoute(() => checkHealth({ db: h.db, monitor, realClock: h.clock, processId: 'x' })),
    );
    // Gone from under the bot (a disk unmounted): reconnecting cannot open it.
    await h.database.close();
    rmSync(dirname(sqlitePath(h.database.url)), { recursive: true, force: true });
    const answer = await health(server);
    expect(answer.status).toBe(503);
    expect(answer.body.reasons[0]).toMatch(/^database: /);
  });
});

describe('the stall alarm', () => {
  it('tells the admins once after 10 minutes without a sweep in working hours, again only after a recovery', async () => {
    const h = await harnessAt(vn('2026-11-23', '10:00'));
    const monitor = new SweepMonitor(h.clock);
    const alerts: string[] = [];
    const alarm = createStallAlarm({
      db: h.db,
      monitor,
      realClock: h.clock,
      processId: h.engine.processId,
      clock: h.clock,
      calendar,
      schedule: { sendTimes: ['08:00'], workingHours: { start: '07:30', end: '17:00' }, graceMs: 0 },
      alert: async (text) => void alerts.push(text),
    });
    monitor.swept(await h.engine.sweep());
    h.clock.advance(9 * 60_000 + 59_000);
    await alarm();
    expect(alerts).toEqual([]);
    h.clock.advance(1_000);
    await alarm();
    h.clock.advance(60_000);
    await alarm();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toContain('Bộ lập lịch nhắc việc không chạy được từ 23/11/2026 10:00');

    monitor.swept(await h.engine.sweep());
    h.clock.set(vn('2026-11-23', '17:30')); // stale again, but after working hours
    await alarm();
    expect(alerts).toHaveLength(1);
    h.clock.set(vn('2026-11-24', '07:45'));
    await alarm();
    expect(alerts).toHaveLength(2);
  });
});

describe('GET /metrics', () => {
  it('serves Prometheus text that a parser reads: outcomes by channel, sweep, due, channels, backup age', async () => {
    const h = await harnessAt(vn('2026-11-23', '08:00'));
    const monitor = new SweepMonitor(h.clock);
    const backups = mkdtempSync(join(tmpdir(), 'nhacviec-metrics-'));
    writeFileSync(join(backups, backupFileName(vn('2026-11-23', '02:30'))), '');
    const metrics = createMetrics(
      metricsSource(h.db, monitor, [h.telegram], { DATABASE_URL: h.database.url, BACKUP_DIR: backups }, h.clock),
    );
    const engine = h.newEngine({}, 'metrics-engine', { observeDelivery: metrics.reminderOutcome });
    const delivered = await h.person();
    const refused = await h.person();
    const flaky = await h.person();
    await h.task(delivered, '2026-11-23');
    await h.task(delivered, '2026-11-24');
    await h.task(refused, '2026-11-23');
    await h.task(flaky, '2026-11-23');
    h.telegram.failNext(refused.address, new ChannelSendError('chat not found', 'permanent'));
    h.telegram.failNext(flaky.address, new ChannelSendError('timeout', 'transient'));
    await h.engine.stop(); // the harness's default engine would hold the lease
    const report = await engine.sweep();
    monitor.swept(report);
    metrics.sweepFinished(report.durationMs);

    const server = await serve(metricsRoute(metrics));
    const response = await fetch(`${server.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const families = parsePrometheusTextFormat(await response.text());
    const family = (name: string): PrometheusFamily => {
      const found = families.find((each) => each.name === name);
      if (!found) throw new Error(`no ${name} in /metrics`);
      return found;
    };
    const value = (name: string, labels?: Record<string, string>) =>
      Number(
        family(name).metrics.find((m) => !labels || expect.objectContaining(labels).asymmetricMatch(m.labels))?.value,
      );

    expect(family('nhacviec_reminders_sent_total').type).toBe('COUNTER');
    expect(value('nhacviec_reminders_sent_total', { channel: 'telegram' })).toBe(2); // two tasks, one message
    expect(value('nhacviec_reminders_failed_total', { channel: 'telegram' })).toBe(1);
    expect(value('nhacviec_reminders_retried_total', { channel: 'telegram' })).toBe(1);
    expect(family('nhacviec_sweep_duration_seconds')).toMatchObject({ type: 'HISTOGRAM', metrics: [{ count: '1' }] });
    expect(value('nhacviec_reminders_due_unsent')).toBe(1); // the flaky one waits for its retry
    expect(value('nhacviec_last_successful_sweep_timestamp_seconds')).toBe(vn('2026-11-23', '08:00').getTime() / 1000);
    expect(value('nhacviec_channel_connected', { channel: 'telegram' })).toBe(1);
    expect(value('nhacviec_backup_age_seconds')).toBe(5.5 * 3600);
    await engine.stop();
  });
});

describe('the web server', () => {
  it('says in Vietnamese that the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => blocker.close(() => resolve())));
    const port = (blocker.address() as { port: number }).port;
    const attempt = startWebServer(createWebApp([]), { host: '127.0.0.1', port });
    await expect(attempt).rejects.toBeInstanceOf(WebPortInUseError);
    await expect(attempt).rejects.toThrow(`Cổng ${port} trên 127.0.0.1 đang được một chương trình khác dùng`);
  });
});
