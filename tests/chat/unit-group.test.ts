// /nhomdonvi (a head registers the Zalo group they type it in for their unit) and the group reply
// "xong" to a unit-group digest, which closes only the sender's own tasks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findTask } from '../../src/db/store/tasks.ts';
import { composeGroupDigest } from '../../src/reminders/group-digest.ts';
import { calendar } from '../reminders/support.ts';
import { addr } from '../support/address.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-databases.ts';
import { chatHarness, expectUnchanged, makeSmallSo, TODAY } from './chat-harness.ts';
import type { Official } from '../../src/domain/model.ts';

describe('unit Zalo groups in chat', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
  });
  afterAll(async () => {
    await database?.drop();
  });
  const db = () => database.client;
  let zaloIds = 7700;
  const onZalo = async (official: Official) => {
    const externalId = String(zaloIds++);
    await db().chatIdentity.create({ data: { channel: 'zalo', externalId, officialId: official.id } });
    return { channel: 'zalo' as const, senderId: externalId };
  };
  const inGroup = (from: { channel: 'zalo'; senderId: string }, group: string) => ({
    ...from,
    isGroup: true,
    address: addr(`zalo:group:${group}`),
  });
  const unitOf = (official: Official) => db().unit.findUniqueOrThrow({ where: { code: official.unitCode } });

  it('lets a head register the group for their unit, audited, and undo it', async () => {
    const so = await makeSmallSo(db());
    const head = await onZalo(so.head);
    const chat = chatHarness(db());
    const reply = await chat.say(inGroup(head, '5550001'), '/nhomdonvi');
    expect(reply).toContain(`nhóm Zalo của đơn vị ${so.head.unitCode}`);
    expect((await unitOf(so.head)).zaloGroupId).toBe('5550001');
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: 'unit.zalo-group' } });
    expect(audit.actorId).toBe(so.head.id);

    expect(await chat.say(inGroup(head, '5550001'), '/nhomdonvi huy')).toContain('Đã gỡ nhóm này');
    expect((await unitOf(so.head)).zaloGroupId).toBeNull();
  });

  it('refuses a member, a private chat, a group of another unit, and changes nothing', async () => {
    const so = await makeSmallSo(db());
    const member = await onZalo(so.member);
    const head = await onZalo(so.head);
    const otherHead = await onZalo(so.otherHead);
    const chat = chatHarness(db());
    await chat.say(inGroup(otherHead, '5550002'), '/nhomdonvi');
    const refusals = await expectUnchanged(db(), async () => [
      await chat.say(inGroup(member, '5550003'), '/nhomdonvi'),
      await chat.say({ ...head, address: addr(`zalo:user:${head.senderId}`) }, '/nhomdonvi'),
      await chat.say(inGroup(head, '5550002'), '/nhomdonvi'),
      await chat.say(inGroup(head, '5550002'), '/nhomdonvi huy'),
      await chat.say(inGroup(head, '5550003'), '/nhomdonvi xoa'),
    ]);
    expect(refusals[0]).toMatch(/lãnh đạo|trưởng|không dùng được|chỉ/i);
    expect(refusals[1]).toContain('trong nhóm Zalo');
    expect(refusals[2]).toContain(`đơn vị ${so.otherHead.unitCode}`);
    expect(refusals[3]).toContain('không phải nhóm Zalo của đơn vị');
    expect(refusals[4]).toContain('Cách dùng');
  });

  it('closes only the sender’s own tasks when someone replies "xong" to a group digest', async () => {
    const so = await makeSmallSo(db());
    const member = await onZalo(so.member);
    const head = await onZalo(so.head);
    const sub = await onZalo(so.subUnitMember);
    const [digest] = composeGroupDigest({
      today: TODAY,
      calendar,
      unitName: 'Phòng Tư pháp',
      maxChars: 1900,
      members: [
        {
          officialId: so.member.id,
          name: so.member.fullName,
          userId: member.senderId,
          tasks: [so.overdue, so.upcoming],
        },
        {
          officialId: so.subUnitMember.id,
          name: so.subUnitMember.fullName,
          userId: sub.senderId,
          tasks: [so.subUnitOverdue],
        },
      ],
    });
    const chat = chatHarness(db());
    const quoting = (from: { channel: 'zalo'; senderId: string }) => ({
      ...inGroup(from, '5550004'),
      quotedText: digest!.text,
    });

    // The head's unit tree holds all three tasks, yet their reply closes none of them.
    const refusal = await expectUnchanged(db(), () => chat.say(quoting(head), 'xong'));
    expect(refusal).toContain('không có việc nào giao cho anh/chị');

    const reply = await chat.say(quoting(member), 'Đã xong rồi ạ');
    expect(reply).toContain(`#${so.overdue.id}`);
    expect(reply).toContain(`#${so.upcoming.id}`);
    expect(reply).not.toContain('❌');
    expect(await findTask(db(), so.overdue.id)).toMatchObject({ status: 'done' });
    expect(await findTask(db(), so.upcoming.id)).toMatchObject({ status: 'done' });
    expect(await findTask(db(), so.subUnitOverdue.id)).toMatchObject({ status: 'open' });
  });
});
