// The reminder engine: what the per-minute ticker calls. One sweep =
//   1. (SQLite) hold the scheduler lease, so one process owns the outbox;
//   2. give back claims of processes that died mid-send;
//   3. plan: tasks whose next reminder date has come → outbox rows (only at send times / in
//      working hours on working days);
//   4. deliver: due outbox rows → one message per person, retried or failed with a reason;
//   5. notices: queued "what changed" notices → one message per person, only inside working hours
//      on a working day (else they wait for the next opening), retried or failed with a reason.
// Every step reads what is due from the database, so a lost tick or a day of downtime is caught
// up by the next sweep, and a quiet minute costs a few index lookups.
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Outbox } from '../channels/outbox.ts';
import type { Config } from '../config/config.ts';
import type { AlertAdmins } from '../domain/admin-alert.ts';
import type { InvitationPace } from '../domain/invitation-schedule.ts';
import type { WorkCalendar } from '../domain/calendar/work-calendar.ts';
import { systemClock, type Clock } from '../domain/clock.ts';
import type { DutyCatalogue } from '../domain/duties/catalogue.ts';
import type { LocalDate } from '../domain/local-date.ts';
import { acquireLease, releaseLease, takeOverLease } from '../db/store/leases.ts';
import { recoverAllNoticeClaims, recoverExpiredNoticeClaims } from '../db/store/notice-delivery.ts';
import { outboxIsShared, recoverAllClaims, recoverExpiredClaims } from '../db/store/reminder-claims.ts';
import { hasTasksToPlan } from '../db/store/reminder-planning.ts';
import type { Store } from '../db/store/store.ts';
import { deliverDue, type DeliveryObserver, type DeliveryReport } from './delivery.ts';
import type { LogSink } from '../domain/log-sink.ts';
import { deliverNotices, EMPTY_NOTICE_REPORT, type NoticeReport } from './notice-delivery.ts';
import { planDueReminders, type PlanReport } from './planner.ts';
import { deliverNextInvitation, type InvitationDeliveryDeps, type InvitationResult } from './zalo-invitations.ts';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy.ts';
import { noticesMayGo, sendWindowAt, type SendSchedule, type SendWindow } from './send-window.ts';

export const SCHEDULER_LEASE = 'reminder-scheduler';
/** A process kept out of the scheduler this long says so (and again every as long), naming the holder. */
export const LEASE_WAIT_WARNING_MS = 5 * 60_000;

export interface ReminderEngineOptions {
  /** A send time still counts as "now" this long after it (a late tick must not lose the day). */
  graceMs: number;
  /** SQLite: the scheduler lease lasts this long and is renewed by every sweep and delivery batch. */
  leaseTtlMs: number;
  /** A claimed row not marked within this time is taken back (its process is presumed dead). */
  claimTtlMs: number;
  planBatchSize: number;
  /** People whose rows are claimed at once; keep their messages well within claimTtlMs. */
  recipientsPerClaim: number;
  /**
   * Messages in flight at once. 1 (the default) means a crash repeats at most one message;
   * n means at most n. Raise it when the transport's round trip, not its rate limit, is the bottleneck.
   */
  concurrency: number;
  retry: RetryPolicy;
  random: () => number;
  /** The first message of a working day carries the admin's overview and a head's closes of yesterday. */
  morningDigest: boolean;
}

export const DEFAULT_ENGINE_OPTIONS: ReminderEngineOptions = {
  graceMs: 15 * 60_000,
  leaseTtlMs: 3 * 60_000,
  claimTtlMs: 10 * 60_000,
  planBatchSize: 500,
  recipientsPerClaim: 20,
  concurrency: 1,
  retry: DEFAULT_RETRY_POLICY,
  random: Math.random,
  morningDigest: true,
};

export interface ReminderEngineDeps {
  db: Store;
  /** Business time: send times, due dates, retries (NHACVIEC_FAKE_NOW may shift it). */
  clock: Clock;
  /**
   * The real wall clock, for the scheduler lease and claim deadlines: stamped in simulated time
   * they would lock out every process on real time until the simulated instant (default: the
   * system clock).
   */
  realClock?: Clock;
  calendar: WorkCalendar;
  catalogue: DutyCatalogue;
  /** Where digests go: the app's one send path over its rate-limited channels. */
  outbox: Outbox;
  config: Pick<Config, 'REMINDER_SEND_TIMES' | 'WORKING_HOURS'>;
  logger: LogSink;
  /** Unique per process (claims and the lease name it); default host:pid:random. */
  processId?: string;
  /** Zalo invitations (official invite --zalo): their pace; absent = none are sent. */
  invitations?: Pick<InvitationDeliveryDeps, 'spacingMs' | 'dailyCap' | 'linkCodeDays'>;
  /** Told each reminder outcome by channel (the metrics). */
  observeDelivery?: DeliveryObserver;
  /** Tells the office admins (Vietnamese text): a unit's Zalo group that keeps failing, and its recovery. */
  alertAdmins?: AlertAdmins;
  options?: Partial<ReminderEngineOptions>;
}

export interface SweepReport {
  at: Date;
  today: LocalDate;
  /** Why nothing was done, if so. */
  skipped?: 'not-lease-holder' | 'already-running' | 'stopped';
  windowOpen: boolean;
  recovered: number;
  planned: PlanReport;
  delivered: DeliveryReport;
  /** Queued notices sent, retried or failed (none outside working hours). */
  notices: NoticeReport;
  /** What happened to the next Zalo invitation (none outside working hours). */
  invitation?: InvitationResult;
  durationMs: number;
}

export interface ReminderEngine {
  readonly processId: string;
  sweep(): Promise<SweepReport>;
  /** Ends the sweep in progress after its current message and gives up the lease. */
  stop(): Promise<void>;
}

const EMPTY_DELIVERY: DeliveryReport = { messages: 0, sent: 0, retried: 0, failed: 0, cancelled: 0 };

/**
 * The holder names a process on this host (`host:pid:random`) whose pid no longer exists. Other
 * hosts and other name forms are never judged dead here: they keep the lease until it expires.
 */
export function holderIsDeadHere(holder: string, host: string = hostname()): boolean {
  const match = /^(.*):(\d+):[^:]+$/.exec(holder);
  if (!match || match[1] !== host) return false;
  const pid = Number(match[2]);
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** host:pid:random — unique per process, and judged dead on this host by holderIsDeadHere. */
export function newProcessId(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

export function createReminderEngine(deps: ReminderEngineDeps): ReminderEngine {
  const options: ReminderEngineOptions = { ...DEFAULT_ENGINE_OPTIONS, ...deps.options };
  const processId = deps.processId ?? newProcessId();
  const schedule: SendSchedule = {
    sendTimes: deps.config.REMINDER_SEND_TIMES,
    workingHours: deps.config.WORKING_HOURS,
    graceMs: options.graceMs,
  };
  const stopping = new AbortController();
  let running: Promise<SweepReport> | undefined;
  let holdsLease = false;
  const realClock = deps.realClock ?? systemClock;
  /** Real time since which this process has been kept out of the scheduler, and when it last said so. */
  let waitingSince: number | undefined;
  let warnedAt: number | undefined;

  const windowNow = (): SendWindow => sendWindowAt(deps.clock.now(), deps.calendar, schedule);

  /** SQLite: true while this process owns the scheduler; renewing it also detects a takeover. */
  async function holdLease(): Promise<{ held: boolean; recovered: number }> {
    if (outboxIsShared(deps.db)) return { held: true, recovered: 0 };
    const realNow = realClock.now();
    let lease = await acquireLease(deps.db, SCHEDULER_LEASE, processId, realNow, options.leaseTtlMs);
    if (!lease.held && holderIsDeadHere(lease.holder)) {
      // Killed without releasing it (kill -9, a crash): no need to wait for the lease to expire.
      const dead = lease.holder;
      lease = await takeOverLease(deps.db, SCHEDULER_LEASE, dead, processId, realNow, options.leaseTtlMs);
      if (lease.held)
        deps.logger.warn({ previous: dead, processId }, 'reminder scheduler lease taken from a dead process');
    }
    if (!lease.held) {
      if (holdsLease) deps.logger.warn({ holder: lease.holder }, 'reminder scheduler lease lost');
      holdsLease = false;
      warnKeptOut(lease.holder, lease.expiresAt, realNow.getTime());
      return { held: false, recovered: 0 };
    }
    waitingSince = undefined;
    warnedAt = undefined;
    let recovered = 0;
    if (lease.acquired) {
      // The previous owner is gone: its claims can never be finished by it.
      const now = deps.clock.now();
      recovered = (await recoverAllClaims(deps.db, now)) + (await recoverAllNoticeClaims(deps.db, now));
      deps.logger.info({ processId, recovered }, 'reminder scheduler lease acquired');
    }
    holdsLease = true;
    return { held: true, recovered };
  }

  /** Not sweeping for 5 minutes is worth a warning (every 5 minutes): no reminders go out from here. */
  function warnKeptOut(holder: string, expiresAt: Date, realNow: number): void {
    waitingSince ??= realNow;
    if (realNow - waitingSince < LEASE_WAIT_WARNING_MS) return;
    if (warnedAt !== undefined && realNow - warnedAt < LEASE_WAIT_WARNING_MS) return;
    warnedAt = realNow;
    deps.logger.warn(
      {
        holder,
        expiresAt: expiresAt.toISOString(),
        waitingMinutes: Math.floor((realNow - waitingSince) / 60_000),
        processId,
      },
      'reminder scheduler lease held by another process: this one sends no reminders',
    );
  }

  /**
   * PostgreSQL: another process may still be planning a batch (its tasks are locked, so ours
   * skipped them). Delivering now could split a person's reminders into two messages; wait a
   * little for it to finish (bounded: delivery must not depend on another process).
   */
  async function awaitOtherPlanners(today: LocalDate): Promise<void> {
    for (let waited = 0; waited < 20_000 && !stopping.signal.aborted; waited += 250) {
      if (!(await hasTasksToPlan(deps.db, today))) return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  async function runSweep(): Promise<SweepReport> {
    const started = performance.now();
    const window = windowNow();
    const base = { at: window.now, today: window.today, windowOpen: window.open };
    const lease = await holdLease();
    if (!lease.held) {
      return {
        ...base,
        skipped: 'not-lease-holder',
        recovered: 0,
        planned: { tasks: 0, reminders: 0 },
        delivered: EMPTY_DELIVERY,
        notices: EMPTY_NOTICE_REPORT,
        durationMs: performance.now() - started,
      };
    }
    const recovered =
      lease.recovered +
      (await recoverExpiredClaims(deps.db, realClock.now(), window.now)) +
      (await recoverExpiredNoticeClaims(deps.db, realClock.now(), window.now));
    const planned = await planDueReminders(
      {
        db: deps.db,
        calendar: deps.calendar,
        catalogue: deps.catalogue,
        batchSize: options.planBatchSize,
        signal: stopping.signal,
      },
      window,
    );
    if (window.open && outboxIsShared(deps.db)) await awaitOtherPlanners(window.today);
    const delivered = window.open
      ? await deliverDue({
          db: deps.db,
          outbox: deps.outbox,
          clock: deps.clock,
          calendar: deps.calendar,
          realClock,
          logger: deps.logger,
          processId,
          retry: options.retry,
          claimTtlMs: options.claimTtlMs,
          recipientsPerClaim: options.recipientsPerClaim,
          concurrency: options.concurrency,
          random: options.random,
          morningDigest: options.morningDigest,
          signal: stopping.signal,
          mayContinue: async () => ((await holdLease()).held ? windowNow() : undefined),
          ...(deps.observeDelivery ? { observe: deps.observeDelivery } : {}),
          ...(deps.alertAdmins ? { alertAdmins: deps.alertAdmins } : {}),
          ...(deps.invitations ? { invitationPace: invitationPaceOf(deps, deps.invitations) } : {}),
        })
      : EMPTY_DELIVERY;
    const notices = noticesMayGo(window)
      ? await deliverNotices({
          db: deps.db,
          outbox: deps.outbox,
          clock: deps.clock,
          calendar: deps.calendar,
          realClock,
          logger: deps.logger,
          processId,
          retry: options.retry,
          claimTtlMs: options.claimTtlMs,
          recipientsPerClaim: options.recipientsPerClaim,
          random: options.random,
          signal: stopping.signal,
          mayContinue: async () => ((await holdLease()).held ? windowNow() : undefined),
        })
      : EMPTY_NOTICE_REPORT;
    const invitation =
      deps.invitations && noticesMayGo(window) && !stopping.signal.aborted
        ? await deliverNextInvitation({
            ...deps.invitations,
            db: deps.db,
            outbox: deps.outbox,
            clock: deps.clock,
            logger: deps.logger,
            processId,
            retry: options.retry,
            random: options.random,
          })
        : undefined;
    const report: SweepReport = {
      ...base,
      recovered,
      planned,
      delivered,
      notices,
      ...(invitation ? { invitation } : {}),
      durationMs: performance.now() - started,
    };
    const activity = recovered + planned.reminders + delivered.messages + delivered.failed + delivered.retried;
    if (activity + notices.messages + notices.failed + notices.retried > 0) {
      deps.logger.info({ ...report, at: report.at.toISOString() }, 'reminder sweep');
    }
    return report;
  }

  return {
    processId,
    async sweep() {
      const now = deps.clock.now();
      const idle = {
        at: now,
        today: windowNow().today,
        windowOpen: false,
        recovered: 0,
        planned: { tasks: 0, reminders: 0 },
        delivered: EMPTY_DELIVERY,
        notices: EMPTY_NOTICE_REPORT,
        durationMs: 0,
      };
      if (stopping.signal.aborted) return { ...idle, skipped: 'stopped' };
      if (running) return { ...idle, skipped: 'already-running' };
      running = runSweep();
      try {
        return await running;
      } finally {
        running = undefined;
      }
    },
    async stop() {
      stopping.abort();
      await running?.catch(() => undefined);
      if (!outboxIsShared(deps.db) && holdsLease)
        await releaseLease(deps.db, SCHEDULER_LEASE, processId).catch(() => undefined);
      holdsLease = false;
    },
  };
}

/** The pace invitations go at here, for the admin digest's expected finish (same rule as `official invite`). */
function invitationPaceOf(
  deps: ReminderEngineDeps,
  invitations: NonNullable<ReminderEngineDeps['invitations']>,
): InvitationPace {
  return {
    spacingMs: invitations.spacingMs,
    dailyCap: invitations.dailyCap,
    hours: [deps.config.WORKING_HOURS.start, deps.config.WORKING_HOURS.end],
    // Read at each use: a reloaded calendar takes effect.
    isWorkingDay: (date) => deps.calendar.isWorkingDay(date),
  };
}
