// Shared set-up for the reminder tests: a real SQLite (or PostgreSQL) database, a recording
// channel, and an engine on a manual clock with the shipped calendar and duty catalogue.
import {
  type ChannelSendError,
  type Address,
  type Channel,
  type MessageAction,
  type OutgoingMessage,
  type SendResult,
} from '../../src/channels/channel.ts';
import type { TestStore } from '../support/test-databases.ts';
import type { Store } from '../../src/db/store/store.ts';
import { WorkCalendar } from '../../src/domain/calendar/work-calendar.ts';
import { loadCalendarFile } from '../../src/domain/calendar/announcements.ts';
import { ManualClock, type Clock } from '../../src/domain/clock.ts';
import { loadDutyCatalogue } from '../../src/domain/duties/catalogue.ts';
import type { LocalDate } from '../../src/domain/local-date.ts';
import { vietnamInstant } from '../../src/domain/local-date.ts';
import type { Official, Role } from '../../src/domain/model.ts';
import {
  createReminderEngine,
  type ReminderEngine,
  type ReminderEngineDeps,
  type ReminderEngineOptions,
} from '../../src/reminders/engine.ts';
import { createOutbox } from '../../src/channels/outbox.ts';
import type { DeliveryObserver } from '../../src/reminders/delivery.ts';
import { withRateLimit } from '../../src/channels/rate-limit/rate-limited-channel.ts';
import { telegramAddresses } from '../../src/channels/address.ts';
import { silentLogger, type LogSink } from '../../src/domain/log-sink.ts';
import { makeOfficial, makeTask, makeUnit } from '../support/factories.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-databases.ts';

export const calendar = new WorkCalendar(loadCalendarFile());
export const catalogue = loadDutyCatalogue();

export interface SentRecord {
  address: Address;
  text: string;
  actions: MessageAction[];
  at: Date;
}

/** A channel that records what it is asked to send; failures can be queued per address. */
export class RecordingChannel implements Channel {
  readonly sent: SentRecord[] = [];
  private readonly failures = new Map<Address, ChannelSendError[]>();
  constructor(
    readonly kind: Channel['kind'],
    private readonly clock: ManualClock,
  ) {}
  async start(): Promise<void> {}
  async stop(): Promise<void> {}
  failNext(address: Address, ...errors: ChannelSendError[]): void {
    this.failures.set(address, [...(this.failures.get(address) ?? []), ...errors]);
  }
  failAlways(address: Address, error: ChannelSendError): void {
    this.failures.set(
      address,
      Array.from({ length: 1000 }, () => error),
    );
  }
  async send(address: Address, { text, actions = [] }: OutgoingMessage): Promise<SendResult> {
    const failure = this.failures.get(address)?.shift();
    if (failure) throw failure;
    this.sent.push({ address, text, actions, at: this.clock.now() });
    return { messageId: String(this.sent.length) };
  }
  to(address: Address): SentRecord[] {
    return this.sent.filter((message) => message.address === address);
  }
}

/** `2026-02-23 08:00` in Vietnam time. */
export function vn(date: string, time = '08:00'): Date {
  return vietnamInstant(date as LocalDate, time);
}

export interface Harness {
  database: TestDatabase;
  db: TestStore;
  clock: ManualClock;
  telegram: RecordingChannel;
  engine: ReminderEngine;
  /** `realClock` (the lease's) defaults to the harness's manual clock, `logger` to silence. */
  newEngine(options?: Partial<ReminderEngineOptions>, processId?: string, deps?: HarnessEngineDeps): ReminderEngine;
  /** An official linked on Telegram as `telegram:<chatId>`. */
  person(input?: {
    unitCode?: string;
    role?: Role;
    chatId?: number;
    linked?: boolean;
    fullName?: string;
  }): Promise<Official & { address: Address }>;
  task(
    assignee: Official,
    dueDate: string,
    extra?: { title?: string; dutyCode?: string; targetDate?: string },
  ): Promise<number>;
  /** Sweeps every `stepMinutes` from the clock's time until `until` (exclusive). */
  runUntil(until: Date, stepMinutes?: number): Promise<void>;
  close(): Promise<void>;
}

/** What a test may swap in an engine of the harness (invitations: the Zalo invitations' pace). */
export interface HarnessEngineDeps {
  clock?: Clock;
  realClock?: Clock;
  logger?: LogSink;
  observeDelivery?: DeliveryObserver;
  db?: Store;
  invitations?: ReminderEngineDeps['invitations'];
}

let chatSequence = 5000;

export async function createHarness(
  start: Date,
  options: Partial<ReminderEngineOptions> = {},
  provider: 'sqlite' | 'postgresql' = 'sqlite',
): Promise<Harness> {
  const database = await createTestDatabase(provider);
  const db = database.client;
  const clock = new ManualClock(start);
  const telegram = new RecordingChannel('telegram', clock);
  const engines: ReminderEngine[] = [];
  const newEngine = (extra: Partial<ReminderEngineOptions> = {}, processId?: string, deps: HarnessEngineDeps = {}) => {
    const engine = createReminderEngine({
      db: deps.db ?? db,
      clock: deps.clock ?? clock,
      realClock: deps.realClock ?? clock,
      calendar,
      catalogue,
      // Each engine stands for a process, with its own rate limiter; pacing is tested elsewhere.
      outbox: createOutbox([withRateLimit(telegram, { limits: { rules: [] } })]),
      config: { REMINDER_SEND_TIMES: ['08:00'], WORKING_HOURS: { start: '07:30', end: '17:00' } },
      logger: deps.logger ?? silentLogger,
      ...(processId ? { processId } : {}),
      ...(deps.observeDelivery ? { observeDelivery: deps.observeDelivery } : {}),
      ...(deps.invitations ? { invitations: deps.invitations } : {}),
      // The morning additions have their own tests (morning-digest.test.ts); off unless asked.
      options: { random: () => 0.5, morningDigest: false, ...options, ...extra },
    });
    engines.push(engine);
    return engine;
  };
  const engine = newEngine();
  return {
    database,
    db,
    clock,
    telegram,
    engine,
    newEngine,
    async person(input = {}) {
      const official = await makeOfficial(db, {
        ...(input.unitCode ? { unitCode: input.unitCode } : {}),
        role: input.role ?? 'member',
        ...(input.fullName ? { fullName: input.fullName } : {}),
      });
      const chatId = input.chatId ?? chatSequence++;
      if (input.linked !== false) {
        await db.chatIdentity.create({
          data: { channel: 'telegram', externalId: String(chatId), officialId: official.id },
        });
      }
      return { ...official, address: telegramAddresses.encode({ chatId: String(chatId) }) };
    },
    async task(assignee, dueDate, extra = {}) {
      const task = await makeTask(db, {
        assigneeUsername: assignee.username,
        dueDate: dueDate as LocalDate,
        ...(extra.title ? { title: extra.title } : {}),
        ...(extra.dutyCode ? { dutyCode: extra.dutyCode } : {}),
        ...(extra.targetDate ? { targetDate: extra.targetDate as LocalDate } : {}),
      });
      return task.id;
    },
    async runUntil(until, stepMinutes = 30) {
      while (clock.now() < until) {
        await engines.at(-1)!.sweep();
        clock.advance(stepMinutes * 60_000);
      }
    },
    async close() {
      for (const each of engines) await each.stop();
      await database.drop();
    },
  };
}

export { makeUnit };
