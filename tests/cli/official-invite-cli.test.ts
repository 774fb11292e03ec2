// `official invite … --zalo`: the office queues Zalo invitations for officials not yet on board;
// they are spaced out for the bot to send, re-inviting queues nothing twice, a refusal changes
// nothing, a waiting invitation can be cancelled, and `official list --unlinked` shows each state.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redeemLinkCode } from '../../src/db/store/identities.ts';
import { createLinkCode } from '../../src/db/store/link-codes.ts';
import type { Official } from '../../src/domain/model.ts';
import { cli as actor, makeOfficial, makeUnit } from '../support/factories.ts';
import { cli as runCli } from '../support/run-cli.ts';
import { createTestDatabase, testProviders, type TestDatabase, type TestStore } from '../support/test-databases.ts';

const providers = await testProviders();
// Monday 23/11/2026, 08:00 Vietnam time: inside working hours.
const NOW = '2026-11-23T08:00:00+07:00';
const ENV = { NHACVIEC_FAKE_NOW: NOW, ZALO_INVITE_SPACING_SECONDS: '600', ZALO_INVITE_DAILY_CAP: '30' };

async function everything(db: TestStore): Promise<string> {
  const order = { orderBy: { id: 'asc' } } as const;
  const [invitations, linkCodes, audit] = await Promise.all([
    db.zaloInvitation.findMany(order),
    db.linkCode.findMany(order),
    db.auditEvent.findMany(order),
  ]);
  return JSON.stringify({ invitations, linkCodes, audit });
}

describe.each(providers)('official invite on %s', (provider) => {
  let database: TestDatabase;
  const db = () => database.client;
  const cli = (args: string[]) => runCli(database.url, args, ENV);
  let phoneSequence = 912_000_000;
  const withPhone = async (official: Official, phone: string | null = `0${++phoneSequence}`) => {
    await db().official.update({ where: { id: official.id }, data: { phone } });
    return official;
  };
  const refused = async (args: string[], reason: RegExp) => {
    const before = await everything(db());
    const result = await cli(args);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(reason);
    expect(await everything(db())).toBe(before);
  };

  beforeAll(async () => {
    database = await createTestDatabase(provider);
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('queues one official with the phone on record, says when it goes, and audits it', async () => {
    const official = await withPhone(await makeOfficial(db(), { fullName: 'Lê Thị Bích' }), '0912345678');
    const result = await cli(['official', 'invite', official.username, '--zalo']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain(`${official.username}\tLê Thị Bích\t0912345678\tgửi từ 23/11/2026 08:00`);
    expect(result.stdout).toContain('Đã xếp hàng 1 lời mời; gửi dần 1 lời mời/10 phút, tối đa 30/ngày');
    expect(result.stdout).toContain('dự kiến xong lúc 08:00 23/11');
    const row = await db().zaloInvitation.findUniqueOrThrow({ where: { officialId: official.id } });
    expect(row).toMatchObject({ state: 'pending', phone: '0912345678', attempts: 0 });
    // NHACVIEC_FAKE_NOW starts the CLI's clock at NOW and lets it run: "now" is a moment later.
    expect(row.notBefore.getTime() - new Date(NOW).getTime()).toBeGreaterThanOrEqual(0);
    expect(row.notBefore.getTime() - new Date(NOW).getTime()).toBeLessThan(60_000);
    const audit = await db().auditEvent.findFirstOrThrow({
      where: { action: 'official.invite' },
      orderBy: { id: 'desc' },
    });
    expect(JSON.parse(audit.payload!)).toMatchObject({
      username: official.username,
      before: { invitation: null },
      after: { invitation: 'pending', phone: '0912345678' },
    });

    // Inviting again while it waits queues nothing and writes nothing.
    const before = await everything(db());
    const again = await cli(['official', 'invite', official.username, '--zalo']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('đã trong hàng chờ, gửi từ 23/11/2026 08:00');
    expect(again.stdout).toContain('Đã xếp hàng 0 lời mời (1 đã chờ từ trước)');
    expect(await everything(db())).toBe(before);
  });

  it('refuses, changing nothing: no phone, not a mobile, already linked, inactive, unknown, no --zalo', async () => {
    const unit = await makeUnit(db());
    const noPhone = await withPhone(await makeOfficial(db(), { unitCode: unit.code }), null);
    await refused(['official', 'invite', noPhone.username, '--zalo'], /chưa có số điện thoại/);
    const landline = await withPhone(await makeOfficial(db(), { unitCode: unit.code }), '0241234567');
    await refused(['official', 'invite', landline.username, '--zalo'], /0241234567 không phải số di động Việt Nam/);
    const linked = await withPhone(await makeOfficial(db(), { unitCode: unit.code }));
    const { code } = await createLinkCode(db(), linked.username, new Date(NOW), actor);
    await redeemLinkCode(db(), {
      channel: 'telegram',
      externalId: '7001',
      chatId: 'telegram:7001',
      code,
      now: new Date(NOW),
    });
    await refused(['official', 'invite', linked.username, '--zalo'], /đã liên kết telegram: không cần mời/);
    const gone = await withPhone(await makeOfficial(db(), { unitCode: unit.code }));
    await db().official.update({ where: { id: gone.id }, data: { active: false } });
    await refused(['official', 'invite', gone.username, '--zalo'], /đã ngừng hoạt động/);
    await refused(['official', 'invite', 'khongco', '--zalo'], /Không có cán bộ "khongco"/);
    await refused(['official', 'invite', '--unit', 'KHONGCO', '--zalo'], /KHONGCO/);
    const fine = await withPhone(await makeOfficial(db(), { unitCode: unit.code }));
    await refused(['official', 'invite', fine.username], /thêm --zalo/);
    await refused(['official', 'invite', fine.username, '--unit', unit.code, '--zalo'], /Chọn đúng một/);
  });

  it('queues a whole unit spaced 10 minutes apart, reporting the ones it cannot invite', async () => {
    const unit = await makeUnit(db());
    const invited = [];
    for (let index = 0; index < 4; index++)
      invited.push(await withPhone(await makeOfficial(db(), { unitCode: unit.code })));
    const noPhone = await withPhone(await makeOfficial(db(), { unitCode: unit.code }), null);
    const waitingBefore = await db().zaloInvitation.findFirstOrThrow({ orderBy: { notBefore: 'desc' } });
    const result = await cli(['official', 'invite', '--unit', unit.code, '--zalo', '--json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.refused).toEqual([expect.objectContaining({ username: noPhone.username })]);
    expect(report.queued).toHaveLength(4);
    const times = report.queued.map((entry: { notBefore: string }) => new Date(entry.notBefore).getTime());
    // After the one already waiting from the first test (08:00).
    expect(times.map((time: number) => (time - waitingBefore.notBefore.getTime()) / 60_000)).toEqual([10, 20, 30, 40]);
    const text = await cli(['official', 'invite', '--unit', unit.code, '--zalo']);
    expect(text.stdout).toContain(`${noPhone.username}\t`);
    expect(text.stdout).toContain('dự kiến xong lúc 08:40 23/11');
    expect(await db().zaloInvitation.count({ where: { official: { unit: { code: unit.code } } } })).toBe(4);
  });

  it('cancels a waiting invitation once; list --unlinked shows each state', async () => {
    const unit = await makeUnit(db());
    const waiting = await withPhone(await makeOfficial(db(), { unitCode: unit.code }));
    const cancelled = await withPhone(await makeOfficial(db(), { unitCode: unit.code }));
    const never = await withPhone(await makeOfficial(db(), { unitCode: unit.code }));
    expect((await cli(['official', 'invite', '--unit', unit.code, '--zalo'])).code).toBe(0);
    const cancel = await cli(['official', 'invite', cancelled.username, '--cancel', '--reason', 'gửi nhầm']);
    expect(cancel).toMatchObject({ code: 0, stdout: `Đã huỷ lời mời Zalo của ${cancelled.username} (chưa gửi).` });
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: 'official.invite-cancel' } });
    expect(JSON.parse(audit.payload!)).toMatchObject({ after: { invitation: 'cancelled' }, reason: 'gửi nhầm' });
    await refused(['official', 'invite', cancelled.username, '--cancel'], /không có lời mời Zalo nào đang chờ gửi/);
    await db().zaloInvitation.update({ where: { officialId: never.id }, data: { state: 'not_on_zalo' } });

    const list = await cli(['official', 'list', '--unlinked', '--unit', unit.code]);
    const lineOf = (official: Official) =>
      list.stdout.split('\n').find((line) => line.startsWith(`${official.username}\t`));
    expect(lineOf(waiting)).toMatch(/\tchờ gửi \(từ 23\/11\/2026 \d\d:\d\d\)$/);
    expect(lineOf(cancelled)).toMatch(/\tđã huỷ lời mời$/);
    expect(lineOf(never)).toMatch(/\tsố điện thoại không dùng Zalo$/);
    const json = JSON.parse((await cli(['official', 'list', '--unlinked', '--unit', unit.code, '--json'])).stdout);
    expect(json.map((o: { zaloInvitation: { state: string } }) => o.zaloInvitation.state)).toEqual([
      'pending',
      'cancelled',
      'not_on_zalo',
    ]);

    // A cancelled invitation can be queued again: the same row, waiting again.
    expect((await cli(['official', 'invite', cancelled.username, '--zalo'])).code).toBe(0);
    expect(await db().zaloInvitation.count({ where: { officialId: cancelled.id } })).toBe(1);
    expect(await db().zaloInvitation.findUnique({ where: { officialId: cancelled.id } })).toMatchObject({
      state: 'pending',
    });
  });

  it('shows an invitation that may or may not have gone, and queues it again only when asked, audited', async () => {
    const unit = await makeUnit(db());
    const official = await withPhone(await makeOfficial(db(), { unitCode: unit.code }));
    expect((await cli(['official', 'invite', official.username, '--zalo'])).code).toBe(0);
    // What the bot leaves when it died between Zalo accepting the message and recording it.
    await db().zaloInvitation.update({
      where: { officialId: official.id },
      data: { state: 'uncertain', attempts: 1, attemptAt: new Date(NOW) },
    });

    const list = await cli(['official', 'list', '--unlinked', '--unit', unit.code]);
    expect(list.stdout).toContain(
      `${official.username}\t${official.fullName}\t${unit.code}\tmember\tkhông rõ đã gửi chưa (thử lúc 23/11/2026 08:00)`,
    );
    expect(list.stdout).toContain(`official invite ${official.username} --zalo`);

    const again = await cli(['official', 'invite', official.username, '--zalo']);
    expect(again).toMatchObject({ code: 0, stderr: '' });
    expect(await db().zaloInvitation.findUniqueOrThrow({ where: { officialId: official.id } })).toMatchObject({
      state: 'pending',
      attempts: 0,
      attemptAt: null,
    });
    const audits = await db().auditEvent.findMany({ where: { action: 'official.invite' }, orderBy: { id: 'asc' } });
    expect(JSON.parse(audits.at(-1)!.payload!)).toMatchObject({
      username: official.username,
      before: { invitation: 'uncertain' },
      after: { invitation: 'pending' },
    });
  });
});
