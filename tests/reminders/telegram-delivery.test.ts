// Over real HTTP, against the local fake Telegram Bot API.
import { afterEach, describe, expect, it } from 'vitest';
import { TelegramChannel } from '../../src/channels/telegram/telegram-channel.ts';
import { TELEGRAM_LIMITS } from '../../src/channels/rate-limit/limits.ts';
import { ManualClock } from '../../src/domain/clock.ts';
import { createReminderEngine } from '../../src/reminders/engine.ts';
import { createOutbox } from '../../src/channels/outbox.ts';
import { withRateLimit } from '../../src/channels/rate-limit/rate-limited-channel.ts';
import { silentLogger } from '../../src/domain/log-sink.ts';
import { FakeTelegramServer } from '../channels/fake-telegram-server.ts';
import { makeOfficial, makeTask, makeUnit } from '../support/factories.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-databases.ts';
import { calendar, catalogue, vn } from './support.ts';
import type { LocalDate } from '../../src/domain/local-date.ts';

let fake: FakeTelegramServer | undefined;
let database: TestDatabase | undefined;
afterEach(async () => {
  await fake?.close();
  await database?.drop();
  fake = undefined;
  database = undefined;
});

describe('delivery to Telegram over HTTP', () => {
  it('delivers every reminder, in order, after a spell of 429s and 5xx, without exceeding the rate limits', async () => {
    fake = await FakeTelegramServer.start();
    database = await createTestDatabase('sqlite');
    const db = database.client;
    const unit = await makeUnit(db);
    const people: { chatId: number; taskIds: number[] }[] = [];
    for (let i = 0; i < 45; i++) {
      const official = await makeOfficial(db, { unitCode: unit.code });
      const chatId = 70_000 + i;
      await db.chatIdentity.create({
        data: { channel: 'telegram', externalId: String(chatId), officialId: official.id },
      });
      const task = await makeTask(db, { assigneeUsername: official.username, dueDate: '2026-11-24' as LocalDate });
      people.push({ chatId, taskIds: [task.id] });
    }
    fake.failNext('sendMessage', 3, { status: 429, retryAfterSeconds: 1 });
    fake.failNext('sendMessage', 4, { status: 502 });
    const clock = new ManualClock(vn('2026-11-23', '07:59'));
    const channel = new TelegramChannel({ token: fake.token, apiRoot: fake.apiRoot, logger: silentLogger });
    const engine = createReminderEngine({
      db,
      clock,
      calendar,
      catalogue,
      outbox: createOutbox([withRateLimit(channel, { limits: TELEGRAM_LIMITS })]),
      config: { REMINDER_SEND_TIMES: ['08:00'], WORKING_HOURS: { start: '07:30', end: '17:00' } },
      logger: silentLogger,
      options: { concurrency: 4 },
    });
    // Two working days: each person gets the day-before reminder, then the due-day one.
    for (const day of ['2026-11-23', '2026-11-24']) {
      clock.set(vn(day, '07:59'));
      for (let minute = 0; minute < 40; minute++) {
        await engine.sweep();
        clock.advance(60_000);
      }
    }
    await engine.stop();

    for (const person of people) {
      const texts = fake.sentTo(person.chatId).map((m) => m.text);
      expect(texts).toHaveLength(2);
      expect(texts[0]).toContain('còn 1 ngày');
      expect(texts[1]).toContain('hạn hôm nay');
      expect(texts[0]).toContain(`#${person.taskIds[0]}`);
    }
    expect(await db.reminder.count({ where: { state: { not: 'sent' } } })).toBe(0);
    expect(fake.peakSendRate(1_000, 'global')).toBeLessThanOrEqual(30);
    expect(fake.peakSendRate(1_000, 'per-chat')).toBe(1);
  });
});
