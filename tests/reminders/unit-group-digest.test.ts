// Unit-group digests: a unit with a Zalo group gets its officials' reminders as ONE group message
// that mentions each of them, through the real ZaloChannel on the fake zca-js session (which keeps
// mentions as zca-js posts them). Officials without Zalo, and units without a group, keep private
// digests; a group that cannot be written to falls back to private digests, nothing lost.
import { afterEach, describe, expect, it } from 'vitest';
import { ChannelSendError, type Channel } from '../../src/channels/channel.ts';
import { createOutbox } from '../../src/channels/outbox.ts';
import { withRateLimit } from '../../src/channels/rate-limit/rate-limited-channel.ts';
import { ZaloChannel } from '../../src/channels/zalo/zalo-channel.ts';
import { loadZca } from '../../src/channels/zalo/zca-module.ts';
import { setUnitZaloGroup, unitOfZaloGroup } from '../../src/db/store/unit-groups.ts';
import { groupSendFailed } from '../../src/reminders/group-health-alerts.ts';
import { silentLogger } from '../../src/domain/log-sink.ts';
import { createReminderEngine, type ReminderEngine } from '../../src/reminders/engine.ts';
import { FakeZaloApi } from '../channels/fake-zalo-api.ts';
import { recordingLogger } from '../channels/zalo-test-kit.ts';
import { cli, makeUnit } from '../support/factories.ts';
import { testProviders } from '../support/test-databases.ts';
import { calendar, catalogue, createHarness, vn, type Harness } from './support.ts';

const zca = await loadZca();

let harness: Harness | undefined;
let zalo: ZaloChannel | undefined;
const engines: ReminderEngine[] = [];
afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.stop();
  await zalo?.stop();
  zalo = undefined;
  await harness?.close();
  harness = undefined;
});

const GROUP = '6620001';

async function setUp(provider: 'sqlite' | 'postgresql' = 'sqlite') {
  const alerts: string[] = [];
  const h = await createHarness(vn('2026-11-24', '08:00'), {}, provider);
  harness = h;
  const api = new FakeZaloApi();
  zalo = new ZaloChannel({ connect: async () => api, logger: recordingLogger().logger, onAlert: () => {} });
  await zalo.start(async () => undefined);
  api.connect();
  const unlimited = (channel: Channel) => withRateLimit(channel, { limits: { rules: [] } });
  await h.engine.stop();
  const outbox = createOutbox([unlimited(h.telegram), unlimited(zalo)]);
  /** A bot process on the database; a new one is a restart. */
  const newEngine = () => {
    const engine = createReminderEngine({
      db: h.db,
      clock: h.clock,
      realClock: h.clock,
      calendar,
      catalogue,
      outbox,
      config: { REMINDER_SEND_TIMES: ['08:00'], WORKING_HOURS: { start: '07:30', end: '17:00' } },
      logger: silentLogger,
      options: { random: () => 0.5, morningDigest: false },
      alertAdmins: async (text) => void alerts.push(text),
    });
    engines.push(engine);
    return engine;
  };
  const engine = newEngine();
  const unit = await makeUnit(h.db, { code: 'PTP', name: 'Phòng Tư pháp' });
  const onZalo = async (fullName: string, zaloId: string, unitCode = unit.code) => {
    const official = await h.person({ unitCode, linked: false, fullName });
    await h.db.chatIdentity.create({ data: { channel: 'zalo', externalId: zaloId, officialId: official.id } });
    return official;
  };
  return { h, api, engine, newEngine, alerts, unit, onZalo };
}

const providers = await testProviders();

describe('unit-group digests on Zalo', { timeout: 60_000 }, () => {
  it.each(providers)(
    'send one group message mentioning each official with their tasks, at UTF-16 offsets (%s)',
    async (provider) => {
      const { h, api, engine, unit, onZalo } = await setUp(provider);
      await setUnitZaloGroup(h.db, unit.code, GROUP, cli);
      const cuong = await onZalo('Trần Văn Cường', '9101');
      const dung = await onZalo('Phạm Thị Dung', '9102');
      const yen = await onZalo('Nguyễn Thị Yến', '9103');
      const telegramOnly = await h.person({ unitCode: unit.code, fullName: 'Lê Văn Tám' });
      const otherUnit = await onZalo('Vũ Thị Giang', '9104', (await makeUnit(h.db)).code);
      const tasks = {
        cuong: [
          await h.task(cuong, '2026-11-24', { title: 'Báo cáo KSTTHC tháng 11' }),
          await h.task(cuong, '2026-11-20'),
        ],
        dung: [await h.task(dung, '2026-11-27')],
        yen: [await h.task(yen, '2026-11-24')],
      };
      await h.task(telegramOnly, '2026-11-24');
      await h.task(otherUnit, '2026-11-24');

      const report = await engine.sweep();

      const toGroup = api.sent.filter((sent) => sent.threadType === 1);
      expect(toGroup).toHaveLength(1);
      const [message] = toGroup;
      expect(message!.threadId).toBe(GROUP);
      expect(message!.text.startsWith('🔔')).toBe(true); // two UTF-16 units before any name
      const named = message!.mentions!.map((mention) => ({
        shown: message!.text.slice(mention.pos, mention.pos + mention.len),
        uid: mention.uid,
      }));
      expect(named).toEqual([
        { shown: '@Trần Văn Cường', uid: '9101' },
        { shown: '@Phạm Thị Dung', uid: '9102' },
        { shown: '@Nguyễn Thị Yến', uid: '9103' },
      ]);
      // Each official's tasks follow their mention, before the next one's.
      const block = (from: number, to?: number) => message!.text.slice(message!.mentions![from]!.pos, to);
      for (const id of tasks.cuong) expect(block(0, message!.mentions![1]!.pos)).toContain(`#${id}`);
      expect(block(1, message!.mentions![2]!.pos)).toContain(`#${tasks.dung[0]}`);
      expect(block(2)).toContain(`#${tasks.yen[0]}`);
      expect(message!.text).toContain('Báo cáo KSTTHC tháng 11');

      // Nobody of the group got a private message; the others did, privately.
      expect(api.sent.filter((sent) => sent.threadType === 0).map((sent) => sent.threadId)).toEqual(['9104']);
      expect(h.telegram.to(telegramOnly.address)).toHaveLength(1);
      expect(report.delivered).toMatchObject({ messages: 3, sent: 6, failed: 0 });
      const states = await h.db.reminder.findMany({ select: { state: true } });
      expect(new Set(states.map((row) => row.state))).toEqual(new Set(['sent']));

      // Sent once: later sweeps send nothing more.
      h.clock.advance(30 * 60_000);
      await engine.sweep();
      expect(api.sent).toHaveLength(2);
    },
  );

  it('falls back to private digests when the group cannot be written to', async () => {
    const { h, api, engine, unit, onZalo } = await setUp();
    await setUnitZaloGroup(h.db, unit.code, GROUP, cli);
    const cuong = await onZalo('Trần Văn Cường', '9101');
    const dung = await onZalo('Phạm Thị Dung', '9102');
    await h.task(cuong, '2026-11-24');
    await h.task(dung, '2026-11-24');
    // zca-js: the bot's account is no longer a member of the group.
    api.failNextSend(new zca.ZaloApiError('Bạn không phải là thành viên của nhóm', 166));

    const report = await engine.sweep();

    expect(api.sent.map((sent) => [sent.threadType, sent.threadId]).sort()).toEqual([
      [0, '9101'],
      [0, '9102'],
    ]);
    expect(report.delivered).toMatchObject({ sent: 2, failed: 0 });
    const states = await h.db.reminder.findMany({ select: { state: true } });
    expect(states.map((row) => row.state)).toEqual(['sent', 'sent']);
  });

  it('leave out tasks closed since planning', async () => {
    const { h, api, engine, unit, onZalo } = await setUp();
    await setUnitZaloGroup(h.db, unit.code, GROUP, cli);
    const cuong = await onZalo('Trần Văn Cường', '9101');
    const open = await h.task(cuong, '2026-11-24');
    const closed = await h.task(cuong, '2026-11-24');
    await engine.sweep(); // planned and sent
    api.sent.length = 0;
    h.clock.set(vn('2026-11-25', '08:00'));
    await h.db.task.update({ where: { id: closed }, data: { status: 'done', doneAt: h.clock.now() } });

    await engine.sweep();

    const [message] = api.sent;
    expect(api.sent).toHaveLength(1);
    expect(message!.text).toContain(`#${open}`);
    expect(message!.text).not.toContain(`#${closed}`);
  });

  it('tell the admins once when a group keeps failing, across a restart, and once when it works again', async () => {
    const { h, api, engine, newEngine, alerts, unit, onZalo } = await setUp();
    await setUnitZaloGroup(h.db, unit.code, GROUP, cli);
    const cuong = await onZalo('Trần Văn Cường', '9101');
    const notMember = () => new zca.ZaloApiError('Bạn không phải là thành viên của nhóm', 166);
    const morning = async (day: string, sweep: () => Promise<unknown>, fails: boolean) => {
      h.clock.set(vn(day, '08:00'));
      await h.task(cuong, day);
      if (fails) api.failNextSend(notMember());
      await sweep();
    };

    await morning('2026-11-24', () => engine.sweep(), true);
    expect(alerts).toEqual([]);
    await morning('2026-11-25', () => engine.sweep(), true);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toContain(`Nhóm Zalo ${GROUP} của đơn vị PTP (Phòng Tư pháp)`);
    expect(alerts[0]).toContain('2 lần liên tiếp');
    expect(alerts[0]).toContain('Bạn không phải là thành viên của nhóm');
    expect(alerts[0]).toContain('unit zalo-group PTP --clear');
    // Every morning still reached him, privately.
    expect(api.sent.filter((sent) => sent.threadType === 0).map((sent) => sent.threadId)).toEqual(['9101', '9101']);

    await engine.stop();
    const restarted = newEngine();
    await morning('2026-11-26', () => restarted.sweep(), true);
    expect(alerts).toHaveLength(1);
    const row = await h.db.unit.findUniqueOrThrow({ where: { id: unit.id } });
    expect([row.zaloGroupFailures, row.zaloGroupAlerted]).toEqual([3, true]);

    await morning('2026-11-27', () => restarted.sweep(), false);
    expect(alerts).toHaveLength(2);
    expect(alerts[1]).toContain(`Nhóm Zalo ${GROUP} của đơn vị PTP (Phòng Tư pháp) đã nhận được nhắc việc trở lại`);
    await morning('2026-11-30', () => restarted.sweep(), false);
    expect(alerts).toHaveLength(2);
    const healed = await h.db.unit.findUniqueOrThrow({ where: { id: unit.id } });
    expect([healed.zaloGroupFailures, healed.zaloGroupAlerted, healed.zaloGroupLastError]).toEqual([0, false, null]);
  });

  it("do not count a refusal for the account's pace or session, and forget failures when the group changes", async () => {
    const { h, api, engine, alerts, unit, onZalo } = await setUp();
    await setUnitZaloGroup(h.db, unit.code, GROUP, cli);
    const cuong = await onZalo('Trần Văn Cường', '9101');
    await h.task(cuong, '2026-11-24');
    // Refused for the account's pace or its session (the Zalo channel alerts for that): not the group's fault.
    const group = (await unitOfZaloGroup(h.db, GROUP))!;
    await groupSendFailed(
      { db: h.db, clock: h.clock, logger: silentLogger },
      group,
      new ChannelSendError('zalo session unavailable', 'rate-limited', 60_000),
    );
    expect((await h.db.unit.findUniqueOrThrow({ where: { id: unit.id } })).zaloGroupFailures).toBe(0);

    h.clock.set(vn('2026-11-25', '08:00'));
    await h.task(cuong, '2026-11-25');
    api.failNextSend(new zca.ZaloApiError('Bạn không phải là thành viên của nhóm', 166));
    await engine.sweep();
    expect((await h.db.unit.findUniqueOrThrow({ where: { id: unit.id } })).zaloGroupFailures).toBe(1);

    await setUnitZaloGroup(h.db, unit.code, '6620002', cli);

    const row = await h.db.unit.findUniqueOrThrow({ where: { id: unit.id } });
    expect([row.zaloGroupFailures, row.zaloGroupLastError, row.zaloGroupFailingSince]).toEqual([0, null, null]);
    expect(alerts).toEqual([]);
  });
});
