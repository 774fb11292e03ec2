// GET /metrics in Prometheus text format (prom-client, its own registry: nothing global).
// Counters are told by the reminder delivery as it goes; gauges are read at scrape time from
// what the app hands in (the database, the sweep monitor, the channels, the backup directory).
import type { Hono } from 'hono';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { RouteModule } from './server.ts';

export type ReminderOutcome = 'sent' | 'retried' | 'failed';

export interface MetricsSource {
  /** Reminders whose time has come that are not sent yet. */
  dueUnsentReminders(): Promise<number>;
  lastSuccessfulSweep(): Date | undefined;
  /** Each running chat channel and whether it is connected to its transport now. */
  channels(): { channel: string; connected: boolean }[];
  /** Seconds since the newest backup was taken; undefined when there is none (or on PostgreSQL). */
  backupAgeSeconds(): number | undefined;
}

export interface Metrics {
  registry: Registry;
  reminderOutcome(channel: string, outcome: ReminderOutcome, reminders: number): void;
  sweepFinished(durationMs: number): void;
}

export function createMetrics(source: MetricsSource): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'nhacviec_' });
  const outcomes = {
    sent: new Counter({
      name: 'nhacviec_reminders_sent_total',
      help: 'Reminders delivered, by channel',
      labelNames: ['channel'],
      registers: [registry],
    }),
    failed: new Counter({
      name: 'nhacviec_reminders_failed_total',
      help: 'Reminders given up on (permanent error, attempts used up, no chat), by channel',
      labelNames: ['channel'],
      registers: [registry],
    }),
    retried: new Counter({
      name: 'nhacviec_reminders_retried_total',
      help: 'Reminders put back for a later attempt after a transient failure, by channel',
      labelNames: ['channel'],
      registers: [registry],
    }),
  };
  const sweepDuration = new Histogram({
    name: 'nhacviec_sweep_duration_seconds',
    help: 'Duration of the reminder sweeps this process ran',
    buckets: [0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60],
    registers: [registry],
  });
  new Gauge({
    name: 'nhacviec_reminders_due_unsent',
    help: 'Reminders whose time has come that are still pending or being sent',
    registers: [registry],
    async collect() {
      this.set(await source.dueUnsentReminders());
    },
  });
  new Gauge({
    name: 'nhacviec_last_successful_sweep_timestamp_seconds',
    help: 'When this process last swept successfully (Unix time); 0 before its first sweep',
    registers: [registry],
    collect() {
      this.set((source.lastSuccessfulSweep()?.getTime() ?? 0) / 1000);
    },
  });
  new Gauge({
    name: 'nhacviec_channel_connected',
    help: 'Whether each chat channel is connected (Telegram polling or webhook, Zalo listener): 1 or 0',
    labelNames: ['channel'],
    registers: [registry],
    collect() {
      this.reset();
      for (const { channel, connected } of source.channels()) this.set({ channel }, connected ? 1 : 0);
    },
  });
  new Gauge({
    name: 'nhacviec_backup_age_seconds',
    help: 'Seconds since the newest backup in BACKUP_DIR was taken; -1 when there is none (or on PostgreSQL)',
    registers: [registry],
    collect() {
      this.set(source.backupAgeSeconds() ?? -1);
    },
  });
  return {
    registry,
    reminderOutcome(channel, outcome, reminders) {
      if (reminders > 0) outcomes[outcome].inc({ channel }, reminders);
    },
    sweepFinished(durationMs) {
      sweepDuration.observe(durationMs / 1000);
    },
  };
}

export function metricsRoute(metrics: Metrics): RouteModule {
  return (app: Hono) => {
    app.get('/metrics', async (c) => {
      const body = await metrics.registry.metrics();
      return c.body(body, 200, { 'Content-Type': metrics.registry.contentType });
    });
  };
}
