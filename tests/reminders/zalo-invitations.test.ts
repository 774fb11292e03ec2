// The running bot sends queued Zalo invitations through its Zalo session (the fake zca-js API):
// it finds the person by the phone on record and writes them their link code; a number with no
// Zalo account is reported and never retried; a rate-limited lookup waits in the queue; the
// spacing and the daily cap hold whatever the queue says; only a process with Zalo sends.
import { afterEach, describe, expect, it } from 'vitest';
import type { Channel } from '../../src/channels/channel.ts';
import { createOutbox } from '../../src/channels/outbox.ts';
import { withRateLimit } from '../../src/channels/rate-limit/rate-limited-channel.ts';
import { ZaloChannel } from '../../src/channels/zalo/zalo-channel.ts';
import { loadZca } from '../../src/channels/zalo/zca-module.ts';
import { redeemLinkCode } from '../../src/db/store/identities.ts';
import { claimDueInvitation } from '../../src/db/store/zalo-invitation-delivery.ts';
import { queueZaloInvitations } from '../../src/db/store/zalo-invitations.ts';
import type { InvitationPace } from '../../src/domain/invitation-schedule.ts';
import { silentLogger } from '../../src/domain/log-sink.ts';
import { createReminderEngine, type ReminderEngine } from '../../src/reminders/engine.ts';
import { FakeZaloApi } from '../channels/fake-zalo-api.ts';
import { cli as actor, makeOfficial } from '../support/factories.ts';
import type { DatabaseProvider } from '../../src/db/database.ts';
import { createTestDatabase, testProviders, type TestDatabase, type TestStore } from '../support/test-databases.ts';
import { calendar, catalogue, RecordingChannel, vn } from './support.ts';
import { ManualClock } from '../../src/domain/clock.ts';

const zca = await loadZca();

const MINUTE = 60_000;
const SPACING = 10 * MINUTE;
const PACE: InvitationPace = {
  spacingMs: SPACING,
  dailyCap: 30,
  hours: ['07:30', '17:00'],
  isWorkingDay: (date) => calendar.isWorkingDay(date),
};
let database: TestDatabase | undefined;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await database?.drop();
  database = undefined;
});

async function setUp(options: { dailyCap?: number; withZalo?: boolean; provider?: DatabaseProvider } = {}) {
  database = await createTestDatabase(options.provider ?? 'sqlite');
  const db = database.client;
  const clock = new ManualClock(vn('2026-11-23', '08:00'));
  const api = new FakeZaloApi();
  const zalo = new ZaloChannel({ connect: async () => api, logger: silentLogger, onAlert: () => {}, clock });
  await zalo.start(async () => undefined);
  api.connect();
  cleanups.push(() => zalo.stop());
  const unlimited = (channel: Channel) => withRateLimit(channel, { limits: { rules: [] } });
  const channels = options.withZalo === false ? [new RecordingChannel('telegram', clock)] : [zalo];
  const dailyCap = options.dailyCap ?? 30;
  const engine: ReminderEngine = createReminderEngine({
    db,
    clock,
    realClock: clock,
    calendar,
    catalogue,
    outbox: createOutbox(channels.map(unlimited)),
    config: { REMINDER_SEND_TIMES: ['08:00'], WORKING_HOURS: { start: '07:30', end: '17:00' } },
    logger: silentLogger,
    invitations: { spacingMs: SPACING, dailyCap, linkCodeDays: 7 },
    options: { random: () => 0.5, morningDigest: false },
  });
  cleanups.push(() => engine.stop());
  const pace: InvitationPace = { ...PACE, dailyCap };
  let phone = 912_300_000;
  const invite = async (fullName: string) => {
    const official = await makeOfficial(db, { fullName });
    const number = `0${++phone}`;
    await db.official.update({ where: { id: official.id }, data: { phone: number } });
    await queueZaloInvitations(db, { username: official.username }, { now: clock.now(), pace }, actor);
    return { ...official, phone: number };
  };
  const invitation = (officialId: number) => db.zaloInvitation.findUniqueOrThrow({ where: { officialId } });
  return { db, clock, api, engine, invite, invitation };
}

describe('sending Zalo invitations', { timeout: 60_000 }, () => {
  it('finds the person by phone and sends the link code that links their Zalo chat', async () => {
    const { db, clock, api, engine, invite, invitation } = await setUp();
    const bich = await invite('Lê Thị Bích');
    api.addAccount(bich.phone, '880001');

    expect((await engine.sweep()).invitation).toBe('sent');
    expect(api.lookups).toEqual([`84${bich.phone.slice(1)}`]);
    expect(api.sent).toHaveLength(1);
    const [message] = api.sent;
    expect(message).toMatchObject({ threadId: '880001', threadType: 0 });
    expect(message!.text).toContain('Chào Lê Thị Bích');
    expect(message!.text).toContain('hết hạn ngày 30/11/2026');
    const code = /^lienket ([A-Z0-9]{10})$/m.exec(message!.text)?.[1];
    expect(code).toBeDefined();
    expect(await invitation(bich.id)).toMatchObject({ state: 'sent', zaloUserId: '880001', sentAt: clock.now() });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: 'official.invite-sent' } });
    expect(JSON.parse(audit.payload!)).toMatchObject({ username: bich.username, after: { invitation: 'sent' } });

    // What the person replies links their chat.
    const linked = await redeemLinkCode(db, {
      channel: 'zalo',
      externalId: '880001',
      chatId: 'zalo:user:880001',
      code: code!,
      now: clock.now(),
    });
    expect(linked).toMatchObject({ linked: true });
    // Nothing more to send.
    clock.advance(SPACING);
    expect((await engine.sweep()).invitation).toBe('none');
    expect(api.sent).toHaveLength(1);
  });

  it('reports a number with no Zalo account once, sends nothing, leaves no code and never retries', async () => {
    const { db, clock, api, engine, invite, invitation } = await setUp();
    const nobody = await invite('Trần Văn Cường');
    expect((await engine.sweep()).invitation).toBe('not-on-zalo');
    expect(api.sent).toEqual([]);
    expect(await invitation(nobody.id)).toMatchObject({ state: 'not_on_zalo' });
    expect(await db.linkCode.count({ where: { officialId: nobody.id } })).toBe(0);
    expect(await db.auditEvent.count({ where: { action: 'official.invite-not-on-zalo' } })).toBe(1);
    clock.advance(60 * MINUTE);
    expect((await engine.sweep()).invitation).toBe('none');
    expect(api.lookups).toHaveLength(1);
  });

  it('puts a rate-limited lookup back in the queue, no sooner than the spacing, then sends it', async () => {
    const { clock, api, engine, invite, invitation } = await setUp();
    const dung = await invite('Phạm Thị Dung');
    api.addAccount(dung.phone, '880002');
    api.failNextFind(new zca.ZaloApiError('Request failed with status code 429'));
    expect((await engine.sweep()).invitation).toBe('retried');
    const waiting = await invitation(dung.id);
    expect(waiting).toMatchObject({ state: 'pending', lastError: expect.stringContaining('429') });
    expect(waiting.notBefore.getTime() - clock.now().getTime()).toBe(SPACING);
    clock.advance(SPACING - MINUTE);
    expect((await engine.sweep()).invitation).toBe('none');
    clock.advance(MINUTE);
    expect((await engine.sweep()).invitation).toBe('sent');
    expect(api.sent.map((sent) => sent.threadId)).toEqual(['880002']);
  });

  it('keeps the spacing and the daily cap at send time, even for invitations already due', async () => {
    const { db, clock, api, engine, invite } = await setUp({ dailyCap: 2 });
    const people = [await invite('Hoàng Văn Em'), await invite('Vũ Thị Giang'), await invite('Đỗ Văn Hùng')];
    people.forEach((person, index) => api.addAccount(person.phone, `88010${index}`));
    // The queue is made to say "all due now"; sending must still space them out.
    await db.zaloInvitation.updateMany({ data: { notBefore: clock.now() } });
    expect((await engine.sweep()).invitation).toBe('sent');
    clock.advance(MINUTE);
    expect((await engine.sweep()).invitation).toBe('waiting');
    clock.advance(SPACING);
    expect((await engine.sweep()).invitation).toBe('sent');
    clock.advance(SPACING);
    expect((await engine.sweep()).invitation).toBe('waiting'); // two today: the cap
    clock.set(vn('2026-11-24', '07:30'));
    expect((await engine.sweep()).invitation).toBe('sent');
    expect(api.sent.map((sent) => sent.threadId)).toEqual(['880100', '880101', '880102']);
  });

  it('sends nothing outside working hours, from a process without Zalo, or to someone linked meanwhile', async () => {
    const withoutZalo = await setUp({ withZalo: false });
    const cuong = await withoutZalo.invite('Trần Văn Cường');
    expect((await withoutZalo.engine.sweep()).invitation).toBe('none');
    expect(await withoutZalo.invitation(cuong.id)).toMatchObject({ state: 'pending', attempts: 0 });
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    await database?.drop();

    const { db, clock, api, engine, invite, invitation } = await setUp();
    const an = await invite('Nguyễn Văn An');
    api.addAccount(an.phone, '880201');
    clock.set(vn('2026-11-23', '18:00'));
    expect((await engine.sweep()).invitation).toBeUndefined();
    await db.chatIdentity.create({ data: { channel: 'telegram', externalId: '4401', officialId: an.id } });
    clock.set(vn('2026-11-24', '08:00'));
    expect((await engine.sweep()).invitation).toBe('cancelled');
    expect(await invitation(an.id)).toMatchObject({ state: 'cancelled' });
    expect(api.lookups).toEqual([]);
  });
});

/** Makes every write that records an invitation as sent fail, as a dying disk or process would. */
async function failRecordingSent(db: TestStore, provider: DatabaseProvider): Promise<() => Promise<void>> {
  if (provider === 'sqlite') {
    await db.$executeRawUnsafe(
      `CREATE TRIGGER recording_fails BEFORE UPDATE ON "ZaloInvitation" WHEN NEW.state = 'sent'
       BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END`,
    );
    return async () => void (await db.$executeRawUnsafe('DROP TRIGGER recording_fails'));
  }
  await db.$executeRawUnsafe(
    `CREATE FUNCTION recording_fails() RETURNS trigger AS $$
     BEGIN RAISE EXCEPTION 'disk I/O error'; END $$ LANGUAGE plpgsql`,
  );
  await db.$executeRawUnsafe(
    `CREATE TRIGGER recording_fails BEFORE UPDATE ON "ZaloInvitation"
     FOR EACH ROW WHEN (NEW.state = 'sent') EXECUTE FUNCTION recording_fails()`,
  );
  return async () => {
    await db.$executeRawUnsafe('DROP TRIGGER recording_fails ON "ZaloInvitation"');
    await db.$executeRawUnsafe('DROP FUNCTION recording_fails()');
  };
}

describe.each(await testProviders())(
  'sending a Zalo invitation at most once on %s',
  { timeout: 60_000 },
  (provider) => {
    it('never sends twice when the bot stops between Zalo accepting the message and recording it', async () => {
      const { db, clock, api, engine, invite, invitation } = await setUp({ provider });
      const bich = await invite('Lê Thị Bích');
      api.addAccount(bich.phone, '880001');
      // The recording step fails after Zalo has taken the message (the disk, the database, a kill).
      const recordingWorksAgain = await failRecordingSent(db, provider);
      await expect(engine.sweep()).rejects.toThrow(/zaloInvitation\.updateMany/);
      expect(api.sent).toHaveLength(1);
      await recordingWorksAgain();
      const crashedAt = clock.now();
      expect(await invitation(bich.id)).toMatchObject({ state: 'sending', attemptAt: crashedAt, messageAt: crashedAt });
      // updatedAt is stamped on real time; line it up with the simulated morning, as in production.
      await db.zaloInvitation.update({ where: { officialId: bich.id }, data: { updatedAt: crashedAt } });

      // Within the window the attempt may still be going on: left alone.
      clock.advance(30 * MINUTE);
      expect((await engine.sweep()).invitation).toBe('none');
      // Past it: nobody knows whether the person got it, so it is not sent again but shown to the office.
      clock.advance(90 * MINUTE);
      expect((await engine.sweep()).invitation).toBe('uncertain');
      clock.set(vn('2026-11-24', '08:00'));
      expect((await engine.sweep()).invitation).toBe('none');
      expect(api.sent).toHaveLength(1);
      expect(api.lookups).toHaveLength(1);
      expect(await invitation(bich.id)).toMatchObject({
        state: 'uncertain',
        lastError: expect.stringContaining('không rõ'),
      });
      const audit = await db.auditEvent.findFirstOrThrow({ where: { action: 'official.invite-uncertain' } });
      expect(JSON.parse(audit.payload!)).toMatchObject({
        username: bich.username,
        before: { invitation: 'sending' },
        after: { invitation: 'uncertain' },
      });

      // The office asked the person, who never got it: invited again deliberately, it goes once more.
      await queueZaloInvitations(db, { username: bich.username }, { now: clock.now(), pace: PACE }, actor);
      expect((await engine.sweep()).invitation).toBe('sent');
      expect(api.sent).toHaveLength(2);
      expect(await invitation(bich.id)).toMatchObject({ state: 'sent', attempts: 1 });
    });

    it('queues again an attempt whose process died during the phone lookup, before any message went', async () => {
      const { db, clock, api, engine, invite, invitation } = await setUp({ provider });
      const dung = await invite('Phạm Văn Dũng');
      api.addAccount(dung.phone, '880004');
      // A process claimed it and died while zca-js was looking the phone up: nothing was written to anyone.
      expect(await claimDueInvitation(db, clock.now(), 'dead-process')).toBeDefined();
      expect(await invitation(dung.id)).toMatchObject({ state: 'sending', messageAt: null });

      clock.advance(30 * MINUTE);
      expect((await engine.sweep()).invitation).toBe('none');
      clock.advance(90 * MINUTE);
      expect((await engine.sweep()).invitation).toBe('sent');
      expect(api.sent).toHaveLength(1);
      expect(await invitation(dung.id)).toMatchObject({ state: 'sent', lastError: null });
      expect(await db.auditEvent.count({ where: { action: 'official.invite-uncertain' } })).toBe(0);
    });

    it('lets one process only take an invitation: the claim is one conditional write', async () => {
      const { db, clock, api, invite, invitation } = await setUp({ provider });
      const giang = await invite('Vũ Thị Giang');
      api.addAccount(giang.phone, '880009');
      const claims = await Promise.all(
        ['p1', 'p2', 'p3'].map((processId) => claimDueInvitation(db, clock.now(), processId)),
      );
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect(await invitation(giang.id)).toMatchObject({ state: 'sending', attempts: 1, attemptAt: clock.now() });
    });
  },
);
