// Admin alerts reach each active admin's chats; alerts about Zalo itself skip their Zalo chats
// (they would not get there), while an alert saying Zalo's private chats still work uses them too.
import { beforeAll, describe, expect, it } from 'vitest';
import { createOutbox } from '../../src/channels/outbox.ts';
import { alertAdmins } from '../../src/app/admin-alerts.ts';
import { ManualClock } from '../../src/domain/clock.ts';
import { silentLogger } from '../../src/domain/log-sink.ts';
import { makeOfficial } from '../support/factories.ts';
import { useTestDatabase } from '../support/test-databases.ts';
import { RecordingChannel, vn } from '../reminders/support.ts';

describe('alerts for the office admins', () => {
  const db = useTestDatabase('sqlite');

  beforeAll(async () => {
    const both = await makeOfficial(db(), { role: 'admin' });
    await db().chatIdentity.create({ data: { channel: 'telegram', externalId: '7001', officialId: both.id } });
    await db().chatIdentity.create({ data: { channel: 'zalo', externalId: 'z-both', officialId: both.id } });
    const zaloOnly = await makeOfficial(db(), { role: 'admin' });
    await db().chatIdentity.create({ data: { channel: 'zalo', externalId: 'z-only', officialId: zaloOnly.id } });
    const member = await makeOfficial(db());
    await db().chatIdentity.create({ data: { channel: 'telegram', externalId: '7002', officialId: member.id } });
  });

  function setUp() {
    const clock = new ManualClock(vn('2026-11-23'));
    const telegram = new RecordingChannel('telegram', clock);
    const zalo = new RecordingChannel('zalo', clock);
    return { outbox: createOutbox([telegram, zalo]), telegram, zalo };
  }

  it('keeps an alert about Zalo itself off the admins’ Zalo chats', async () => {
    const { outbox, telegram, zalo } = setUp();
    await alertAdmins(db(), silentLogger, outbox, 'Phiên Zalo đã hết hạn');
    expect(telegram.sent.map((sent) => [sent.address, sent.text])).toEqual([
      ['telegram:7001', '⚠️ Phiên Zalo đã hết hạn'],
    ]);
    expect(zalo.sent).toEqual([]);
  });

  it('sends an alert that Zalo’s private chats can carry to admins on Telegram and on Zalo', async () => {
    const { outbox, telegram, zalo } = setUp();
    await alertAdmins(db(), silentLogger, outbox, 'Nhóm Zalo lỗi', { viaZalo: true });
    expect(telegram.sent.map((sent) => sent.address)).toEqual(['telegram:7001']);
    expect(zalo.sent.map((sent) => sent.address).sort()).toEqual(['zalo:user:z-both', 'zalo:user:z-only']);
  });
});
