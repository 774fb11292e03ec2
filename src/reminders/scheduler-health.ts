// Is the scheduler alive? The sweep monitor remembers, in real time, when this process last swept
// successfully; the health check adds the database and, on SQLite, the lease (a process kept out
// by another live holder is healthy: that holder sweeps). The stall alarm tells the office admins
// when nothing was swept for 10 minutes during working hours: reminders are not going out.
import type { Clock } from '../domain/clock.ts';
import type { WorkCalendar } from '../domain/calendar/work-calendar.ts';
import { formatVietnamTime } from '../domain/local-date.ts';
import { pingDatabase } from '../db/store/health.ts';
import { findLease } from '../db/store/leases.ts';
import { outboxIsShared } from '../db/store/reminder-claims.ts';
import type { Store } from '../db/store/store.ts';
import { holderIsDeadHere, SCHEDULER_LEASE, type SweepReport } from './engine.ts';
import { sendWindowAt, type SendSchedule } from './send-window.ts';

/** A scheduler that has not swept for this long is unhealthy (the lease lasts as long). */
export const SWEEP_STALE_MS = 3 * 60_000;
/** The admins are alerted after this long without a sweep during working hours. */
export const SWEEP_ALARM_MS = 10 * 60_000;

export class SweepMonitor {
  readonly startedAt: Date;
  lastSuccessAt: Date | undefined;
  lastDurationMs: number | undefined;
  lastError: string | undefined;

  constructor(private readonly realClock: Clock) {
    this.startedAt = realClock.now();
  }

  /** A sweep finished; kept out by the lease holder is not a sweep of ours. */
  swept(report: SweepReport): void {
    if (report.skipped === 'not-lease-holder' || report.skipped === 'stopped') return;
    this.lastSuccessAt = this.realClock.now();
    this.lastDurationMs = report.durationMs;
    this.lastError = undefined;
  }

  failed(error: unknown): void {
    this.lastError = error instanceof Error ? error.message : String(error);
  }

  /** Milliseconds since the last successful sweep (or since start, before the first). */
  staleForMs(): number {
    return this.realClock.now().getTime() - (this.lastSuccessAt ?? this.startedAt).getTime();
  }
}

export interface HealthStatus {
  ok: boolean;
  database: 'ok' | 'error';
  scheduler: 'sweeping' | 'starting' | 'other-holder' | 'stale' | 'unknown';
  lastSuccessfulSweep: string | null;
  reasons: string[];
}

export interface HealthDeps {
  db: Store;
  monitor: SweepMonitor;
  realClock: Clock;
  processId: string;
}

export async function checkHealth({ db, monitor, realClock, processId }: HealthDeps): Promise<HealthStatus> {
  const reasons: string[] = [];
  const lastSuccessfulSweep = monitor.lastSuccessAt?.toISOString() ?? null;
  try {
    await pingDatabase(db);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      database: 'error',
      scheduler: 'unknown',
      lastSuccessfulSweep,
      reasons: [`database: ${message}`],
    };
  }
  if (monitor.staleForMs() <= SWEEP_STALE_MS) {
    const scheduler = monitor.lastSuccessAt ? 'sweeping' : 'starting';
    return { ok: true, database: 'ok', scheduler, lastSuccessfulSweep, reasons };
  }
  if (!outboxIsShared(db) && (await anotherLiveHolder(db, processId, realClock.now()))) {
    return { ok: true, database: 'ok', scheduler: 'other-holder', lastSuccessfulSweep, reasons };
  }
  const seconds = Math.round(monitor.staleForMs() / 1000);
  reasons.push(
    `scheduler: no successful sweep for ${seconds} s` +
      (monitor.lastError ? ` (last error: ${monitor.lastError})` : '') +
      (monitor.lastSuccessAt ? '' : ' since start'),
  );
  return { ok: false, database: 'ok', scheduler: 'stale', lastSuccessfulSweep, reasons };
}

async function anotherLiveHolder(db: Store, processId: string, now: Date): Promise<boolean> {
  const lease = await findLease(db, SCHEDULER_LEASE);
  return lease !== undefined && lease.holder !== processId && lease.expiresAt > now && !holderIsDeadHere(lease.holder);
}

export interface StallAlarmDeps extends HealthDeps {
  /** Business time, for working hours (NHACVIEC_FAKE_NOW may shift it). */
  clock: Clock;
  calendar: WorkCalendar;
  schedule: SendSchedule;
  alert: (text: string) => Promise<void>;
}

/**
 * Call every minute: alerts once when the scheduler has been stale for 10 minutes inside working
 * hours on a working day, and again only for a new stall (after a sweep succeeded in between).
 */
export function createStallAlarm(deps: StallAlarmDeps): () => Promise<void> {
  /** The last successful sweep the alert was about: one alert per stall. */
  let alertedAfter: Date | 'start' | undefined;
  return async () => {
    if (deps.monitor.staleForMs() < SWEEP_ALARM_MS) return;
    const stall = deps.monitor.lastSuccessAt ?? 'start';
    if (alertedAfter === stall || !sendWindowAt(deps.clock.now(), deps.calendar, deps.schedule).catchUpNow) return;
    const health = await checkHealth(deps);
    if (health.scheduler !== 'stale') return;
    alertedAfter = stall;
    const since = deps.monitor.lastSuccessAt
      ? `từ ${formatVietnamTime(deps.monitor.lastSuccessAt)}`
      : 'từ khi bot khởi động';
    await deps.alert(
      `Bộ lập lịch nhắc việc không chạy được ${since} (quá 10 phút trong giờ làm việc): nhắc việc đang không được gửi. ` +
        `Kiểm tra nhật ký của bot${deps.monitor.lastError ? ` (lỗi gần nhất: ${deps.monitor.lastError})` : ''}.`,
    );
  };
}
