// People come and go: the office deactivates, reactivates, moves officials, changes roles, unlinks
// lost phones, revokes link codes, and renames, moves and deactivates units — all from the CLI,
// audited with before/after, every refusal changing nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redeemLinkCode } from '../../src/db/store/identities.ts';
import { createLinkCode } from '../../src/db/store/link-codes.ts';
import { addTask, markTaskDone } from '../../src/db/store/tasks.ts';
import { setFocalOfficial } from '../../src/db/store/units.ts';
import type { LocalDate } from '../../src/domain/local-date.ts';
import type { Official } from '../../src/domain/model.ts';
import { INACTIVE, notLinked } from '../../src/chat/replies.ts';
import { chatHarness, linkTelegram, NOW, TODAY } from '../chat/chat-harness.ts';
import { cli as actor, makeOfficial, makeTask, makeUnit } from '../support/factories.ts';
import { cli as runCli, type CliResult } from '../support/run-cli.ts';
import { createTestDatabase, testProviders, type TestDatabase, type TestStore } from '../support/test-databases.ts';

const providers = await testProviders();
const ENV = { NHACVIEC_FAKE_NOW: NOW };
const HOUR = 3_600_000;

/** Every table a correction may touch, in a comparable form. */
async function everything(db: TestStore): Promise<string> {
  const order = { orderBy: { id: 'asc' } } as const;
  const [units, officials, identities, linkCodes, tasks, reminders, audit] = await Promise.all([
    db.unit.findMany(order),
    db.official.findMany(order),
    db.chatIdentity.findMany(order),
    db.linkCode.findMany(order),
    db.task.findMany(order),
    db.reminder.findMany(order),
    db.auditEvent.findMany(order),
  ]);
  return JSON.stringify({ units, officials, identities, linkCodes, tasks, reminders, audit });
}

async function linkZalo(db: TestStore, official: Official, zaloUserId: string): Promise<void> {
  const { code } = await createLinkCode(db, official.username, new Date(NOW), actor);
  const result = await redeemLinkCode(db, {
    channel: 'zalo',
    externalId: zaloUserId,
    chatId: `zalo:user:${zaloUserId}`,
    code,
    now: new Date(NOW),
  });
  if (!result.linked) throw new Error(`link failed: ${result.reason}`);
}

async function lastAudit(db: TestStore, action: string) {
  const row = await db.auditEvent.findFirstOrThrow({ where: { action }, orderBy: { id: 'desc' } });
  return { ...row, payload: JSON.parse(row.payload ?? 'null') };
}

describe.each(providers)('correcting people and units from the command line on %s', (provider) => {
  let database: TestDatabase;
  const db = () => database.client;
  const cli = (args: string[]) => runCli(database.url, args, ENV);
  const json = async (args: string[]) => {
    const result = await cli([...args, '--json']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    return JSON.parse(result.stdout);
  };
  /** Runs a refused command: exit 1, the reason on stderr, and not one row changed. */
  const refused = async (args: string[], reason: string | RegExp): Promise<CliResult> => {
    const before = await everything(db());
    const result = await cli(args);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(reason);
    expect(await everything(db())).toBe(before);
    return result;
  };

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    // Two admins: the last-admin rule has its own tests below.
    const office = await makeUnit(db(), { name: 'Văn phòng Sở' });
    await makeOfficial(db(), { unitCode: office.code, role: 'admin' });
    await makeOfficial(db(), { unitCode: office.code, role: 'admin' });
  });
  afterAll(async () => {
    await database?.drop();
  });

  describe('official deactivate', () => {
    it('makes the official inactive, unlinks every chat, revokes unused codes, clears the focal role and lists open tasks', async () => {
      const unit = await makeUnit(db());
      const official = await makeOfficial(db(), { unitCode: unit.code, fullName: 'Trần Văn Cường' });
      await setFocalOfficial(db(), unit.code, official.username, actor);
      await linkTelegram(db(), official, '5101');
      await linkZalo(db(), official, 'z5101');
      await createLinkCode(db(), official.username, new Date(NOW), actor);
      await createLinkCode(db(), official.username, new Date(NOW), actor);
      const later = await makeTask(db(), { assigneeUsername: official.username, dueDate: '2026-12-04' as LocalDate });
      const sooner = await makeTask(db(), {
        assigneeUsername: official.username,
        title: 'Báo cáo KSTTHC tháng 11',
        dueDate: '2026-11-19' as LocalDate,
      });
      const closed = await makeTask(db(), { assigneeUsername: official.username });
      await markTaskDone(db(), closed.id, actor, new Date(NOW));

      const result = await json(['official', 'deactivate', official.username, '--reason', 'nghỉ hưu']);

      expect(result).toEqual({
        official: { ...official, active: false },
        unlinked: [
          { channel: 'telegram', externalId: '5101' },
          { channel: 'zalo', externalId: 'z5101' },
        ],
        revokedLinkCodes: 2,
        focalCleared: [unit.code],
        openTasks: [
          { id: sooner.id, title: 'Báo cáo KSTTHC tháng 11', dueDate: '2026-11-19', unitCode: unit.code },
          { id: later.id, title: later.title, dueDate: '2026-12-04', unitCode: unit.code },
        ],
      });
      expect(await db().chatIdentity.count({ where: { officialId: official.id } })).toBe(0);
      expect(await db().linkCode.count({ where: { officialId: official.id, usedAt: null, revokedAt: null } })).toBe(0);
      expect((await db().unit.findUniqueOrThrow({ where: { id: unit.id } })).focalOfficialId).toBeNull();
      const audit = await lastAudit(db(), 'official.deactivate');
      expect(audit).toMatchObject({ actorKind: 'cli', actorId: null });
      expect(audit.payload).toEqual({
        username: official.username,
        before: {
          active: true,
          identities: result.unlinked,
          unusedLinkCodes: 2,
          focalOf: [unit.code],
        },
        after: { active: false, identities: [], unusedLinkCodes: 0, focalOf: [] },
        openTaskIds: [sooner.id, later.id],
        reason: 'nghỉ hưu',
      });

      const listed = await json(['official', 'list', '--unit', unit.code]);
      expect(listed).toEqual([expect.objectContaining({ username: official.username, active: false })]);
      expect((await cli(['official', 'list', '--unit', unit.code])).stdout).toContain('(ngừng)');
    });

    it('says in Vietnamese what it did and which open tasks to reassign, with dd/MM/yyyy dates', async () => {
      const unit = await makeUnit(db());
      const official = await makeOfficial(db(), { unitCode: unit.code, fullName: 'Phạm Thị Dung' });
      await linkTelegram(db(), official, '5102');
      const task = await makeTask(db(), {
        assigneeUsername: official.username,
        title: 'Trả lời phản ánh số 15',
        dueDate: '2026-11-25' as LocalDate,
      });

      const result = await cli(['official', 'deactivate', official.username]);

      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout.split('\n')).toEqual([
        `Đã ngừng hoạt động cán bộ ${official.username} — Phạm Thị Dung (${unit.code}).`,
        'Đã gỡ liên kết 1 tài khoản chat: telegram 5102.',
        'Đã thu hồi 0 mã liên kết chưa dùng.',
        'Việc còn mở cần giao lại (1):',
        `#${task.id}\thạn 25/11/2026\t${unit.code}\tTrả lời phản ánh số 15`,
      ]);
    });

    it('leaves the Telegram, Zalo and console chats of a deactivated official able to do nothing', async () => {
      const official = await makeOfficial(db(), { fullName: 'Hoàng Văn Em' });
      const task = await makeTask(db(), { assigneeUsername: official.username, dueDate: '2026-11-20' as LocalDate });
      await linkTelegram(db(), official, '5103');
      await linkZalo(db(), official, 'z5103');
      const chat = chatHarness(db());
      const telegram = { channel: 'telegram' as const, senderId: '5103' };
      const zalo = { channel: 'zalo' as const, senderId: 'z5103' };
      const console = { channel: 'console' as const, senderId: official.username };
      // Before: each chat speaks for the official.
      for (const from of [telegram, zalo, console]) expect(await chat.say(from, '/viec')).toContain(`#${task.id}`);

      expect((await cli(['official', 'deactivate', official.username])).code).toBe(0);

      const before = await everything(db());
      for (const text of ['/viec', `/xong ${task.id}`, '/quahan', `/hoan ${task.id} 3`, '/tinhtrang']) {
        expect(await chat.say(telegram, text)).toBe(notLinked('telegram', false));
        expect(await chat.say(zalo, text)).toBe(notLinked('zalo', false));
        expect(await chat.say(console, text)).toBe(INACTIVE);
      }
      expect(await chat.say(console, `/dangnhap ${official.username}`)).toContain('đang ngừng hoạt động');
      expect(await everything(db())).toBe(before);
      expect((await db().task.findUniqueOrThrow({ where: { id: task.id } })).status).toBe('open');
    });

    it('makes a link code issued before the deactivation fail, and link-code refuse a new one', async () => {
      const official = await makeOfficial(db());
      const { code } = await createLinkCode(db(), official.username, new Date(NOW), actor);
      expect((await cli(['official', 'deactivate', official.username])).code).toBe(0);

      const chat = chatHarness(db());
      const reply = await chat.say({ channel: 'telegram', senderId: '5104' }, `/lienket ${code}`);
      expect(reply).toBe('Mã liên kết này đã bị Văn phòng Sở thu hồi, không dùng được nữa. Hãy liên hệ Văn phòng Sở.');
      expect(await db().chatIdentity.count({ where: { officialId: official.id } })).toBe(0);

      await refused(['link-code', official.username], `Cán bộ ${official.username} đã ngừng hoạt động`);
      await refused(
        ['task', 'add', '--title', 'Việc mới', '--assignee', official.username, '--due', '30/11/2026'],
        'không thể giao việc mới cho cán bộ này',
      );
    });

    it.each([
      ['an unknown official', () => ['official', 'deactivate', 'khongai'], 'Không có cán bộ "khongai"'],
      ['an official already inactive', (u: string) => ['official', 'deactivate', u], 'đã ngừng hoạt động từ trước'],
    ])('refuses %s, changing nothing', async (_case, args, reason) => {
      const official = await makeOfficial(db());
      expect((await cli(['official', 'deactivate', official.username])).code).toBe(0);
      await refused(args(official.username), reason);
    });
  });

  describe('official reactivate', () => {
    it('makes the official active again and asks for a new link code', async () => {
      const official = await makeOfficial(db(), { fullName: 'Vũ Thị Giang' });
      expect((await cli(['official', 'deactivate', official.username])).code).toBe(0);

      const human = await cli(['official', 'reactivate', official.username, '--reason', 'trở lại sau nghỉ sinh']);

      expect(human).toMatchObject({ code: 0, stderr: '' });
      expect(human.stdout).toBe(
        `Cán bộ ${official.username} — Vũ Thị Giang (${official.unitCode}) hoạt động trở lại. ` +
          `Tạo mã liên kết mới bằng link-code ${official.username}.`,
      );
      expect((await lastAudit(db(), 'official.reactivate')).payload).toEqual({
        username: official.username,
        before: { active: false },
        after: { active: true },
        reason: 'trở lại sau nghỉ sinh',
      });
      expect((await cli(['link-code', official.username])).code).toBe(0);
      expect((await cli(['official', 'deactivate', official.username])).code).toBe(0);
      expect(await json(['official', 'reactivate', official.username])).toEqual({ ...official, active: true });
    });

    it('refuses an active official, and one whose unit was deactivated, changing nothing', async () => {
      const active = await makeOfficial(db());
      await refused(['official', 'reactivate', active.username], `Cán bộ ${active.username} đang hoạt động.`);

      const unit = await makeUnit(db());
      const official = await makeOfficial(db(), { unitCode: unit.code });
      expect((await cli(['official', 'deactivate', official.username])).code).toBe(0);
      expect((await cli(['unit', 'deactivate', unit.code])).code).toBe(0);
      await refused(
        ['official', 'reactivate', official.username],
        `Đơn vị ${unit.code} của cán bộ ${official.username} đã ngừng hoạt động: hãy chuyển cán bộ sang đơn vị khác trước`,
      );
    });
  });

  describe('official move', () => {
    it('moves the official, drops the focal role of the unit left, lists open tasks, and audits before/after', async () => {
      const from = await makeUnit(db());
      const to = await makeUnit(db());
      const official = await makeOfficial(db(), { unitCode: from.code, fullName: 'Ngô Văn Hải' });
      await setFocalOfficial(db(), from.code, official.username, actor);
      const task = await makeTask(db(), {
        assigneeUsername: official.username,
        title: 'Công khai danh sách trễ hạn',
        dueDate: '2026-12-05' as LocalDate,
      });

      const human = await cli(['official', 'move', official.username, '--unit', to.code]);

      expect(human).toMatchObject({ code: 0, stderr: '' });
      expect(human.stdout.split('\n')).toEqual([
        `Đã chuyển cán bộ ${official.username} — Ngô Văn Hải từ ${from.code} sang ${to.code}.`,
        `${from.code} không còn cán bộ đầu mối: đặt người mới bằng unit focal ${from.code} <tên đăng nhập>.`,
        'Việc còn mở, vẫn thuộc đơn vị cũ — giao lại nếu cần (1):',
        `#${task.id}\thạn 05/12/2026\t${from.code}\tCông khai danh sách trễ hạn`,
      ]);
      expect((await lastAudit(db(), 'official.move')).payload).toEqual({
        username: official.username,
        before: { unit: from.code, focalOf: [from.code] },
        after: { unit: to.code, focalOf: [] },
      });
      const back = await json(['official', 'move', official.username, '--unit', from.code]);
      expect(back).toMatchObject({
        official: { username: official.username, unitCode: from.code },
        fromUnitCode: to.code,
        focalCleared: [],
        openTasks: [{ id: task.id, dueDate: '2026-12-05' }],
      });
    });

    it.each([
      ['an unknown unit', () => 'KHONGCO', 'Không có đơn vị mã "KHONGCO"'],
      ['the unit they are in', (own: string) => own, /đã thuộc đơn vị/],
      ['an inactive unit', (_own: string, inactive: string) => inactive, /đã ngừng hoạt động: không thể chuyển cán bộ/],
    ])('refuses %s, changing nothing', async (_case, target, reason) => {
      const official = await makeOfficial(db());
      const inactive = await makeUnit(db());
      expect((await cli(['unit', 'deactivate', inactive.code])).code).toBe(0);
      await refused(
        ['official', 'move', official.username, '--unit', target(official.unitCode, inactive.code)],
        reason,
      );
    });
  });

  describe('official role', () => {
    it('changes the role and audits before/after', async () => {
      const official = await makeOfficial(db(), { fullName: 'Lê Thị Bích' });
      const human = await cli(['official', 'role', official.username, 'head']);
      expect(human).toMatchObject({ code: 0, stdout: `Vai trò của ${official.username} — Lê Thị Bích: head.` });
      expect((await lastAudit(db(), 'official.role')).payload).toEqual({
        username: official.username,
        before: { role: 'member' },
        after: { role: 'head' },
      });
      expect(await json(['official', 'role', official.username, 'admin'])).toEqual({ ...official, role: 'admin' });
      expect(await json(['official', 'role', official.username, 'member'])).toEqual({ ...official, role: 'member' });
    });

    it('refuses the role the official already has, and an unknown role, changing nothing', async () => {
      const official = await makeOfficial(db());
      await refused(['official', 'role', official.username, 'member'], `đã có vai trò member`);
      await refused(['official', 'role', official.username, 'boss'], 'member | head | admin');
    });
  });

  describe('official unlink', () => {
    it('unlinks one channel with --channel, then the rest without it', async () => {
      const official = await makeOfficial(db());
      await linkTelegram(db(), official, '5201');
      await linkZalo(db(), official, 'z5201');

      const telegram = await json(['official', 'unlink', official.username, '--channel', 'telegram']);
      expect(telegram.unlinked).toEqual([{ channel: 'telegram', externalId: '5201' }]);
      expect(telegram.auditId).toBe((await lastAudit(db(), 'identity.unlink')).id);
      expect((await lastAudit(db(), 'identity.unlink')).payload).toEqual({
        username: official.username,
        at: expect.stringMatching(/^2026-11-/),
        before: {
          identities: [
            { channel: 'telegram', externalId: '5201' },
            { channel: 'zalo', externalId: 'z5201' },
          ],
        },
        after: { identities: [{ channel: 'zalo', externalId: 'z5201' }] },
      });
      const chat = chatHarness(db());
      expect(await chat.say({ channel: 'telegram', senderId: '5201' }, '/viec')).toBe(notLinked('telegram', false));
      expect(await chat.say({ channel: 'zalo', senderId: 'z5201' }, '/viec')).not.toBe(notLinked('zalo', false));

      const rest = await cli(['official', 'unlink', official.username, '--reason', 'mất điện thoại']);
      expect(rest).toMatchObject({ code: 0, stderr: '' });
      expect(rest.stdout).toBe(
        `Đã gỡ liên kết 1 tài khoản chat của ${official.username}: zalo z5201. ` +
          `Cấp mã mới bằng link-code ${official.username} khi cần. ` +
          `Gỡ nhầm: official unlink ${official.username} --undo ${(await lastAudit(db(), 'identity.unlink')).id} (trong 24 giờ).`,
      );
      expect((await lastAudit(db(), 'identity.unlink')).payload).toMatchObject({
        after: { identities: [] },
        reason: 'mất điện thoại',
      });
      expect(await db().chatIdentity.count({ where: { officialId: official.id } })).toBe(0);
    });

    it('--undo links the same accounts again and tells the official; a second undo or a wrong number changes nothing', async () => {
      const official = await makeOfficial(db());
      await linkTelegram(db(), official, '5203');
      await linkZalo(db(), official, 'z5203');
      const { auditId } = await json(['official', 'unlink', official.username, '--reason', 'nhầm người']);
      const noticesBefore = await db().notice.count({ where: { recipientId: official.id } });

      const undone = await cli(['official', 'unlink', official.username, '--undo', String(auditId)]);

      expect(undone).toMatchObject({ code: 0, stderr: '' });
      expect(undone.stdout).toBe(
        `Đã khôi phục liên kết 2 tài khoản chat của ${official.username}: telegram 5203, zalo z5203. Cán bộ được báo qua chat.`,
      );
      const chat = chatHarness(db());
      expect(await chat.say({ channel: 'telegram', senderId: '5203' }, '/viec')).not.toBe(notLinked('telegram', false));
      expect((await lastAudit(db(), 'identity.restore')).payload).toMatchObject({
        username: official.username,
        undoes: auditId,
        before: { identities: [] },
      });
      expect(await db().notice.count({ where: { recipientId: official.id } })).toBe(noticesBefore + 1);
      await refused(['official', 'unlink', official.username, '--undo', String(auditId)], 'đã được liên kết lại rồi');
      const other = await makeOfficial(db());
      await refused(['official', 'unlink', other.username, '--undo', String(auditId)], 'Không có lần gỡ liên kết số');
      await refused(['official', 'unlink', official.username, '--undo', 'abc'], 'không phải số của một lần gỡ');
    });

    it('refuses when nothing is linked, on any channel or on the one asked, changing nothing', async () => {
      const official = await makeOfficial(db());
      await refused(['official', 'unlink', official.username], 'chưa liên kết tài khoản chat nào');
      await linkTelegram(db(), official, '5202');
      await refused(['official', 'unlink', official.username, '--channel', 'zalo'], 'chưa liên kết tài khoản zalo nào');
      await refused(['official', 'unlink', official.username, '--channel', 'viber'], 'telegram | zalo');
      await refused(['official', 'unlink', 'khongai'], 'Không có cán bộ "khongai"');
    });
  });

  describe('link-code revoke', () => {
    it('revokes every code still redeemable, says how many, and the codes then fail', async () => {
      const official = await makeOfficial(db());
      const first = await createLinkCode(db(), official.username, new Date(NOW), actor);
      await createLinkCode(db(), official.username, new Date(NOW), actor);
      // Neither a spent nor an expired code counts.
      await linkTelegram(db(), official, '5301');
      await createLinkCode(db(), official.username, new Date(new Date(NOW).getTime() - 25 * HOUR), actor);

      const human = await cli(['link-code', 'revoke', official.username, '--reason', 'gửi nhầm người']);

      expect(human).toMatchObject({ code: 0, stdout: `Đã thu hồi 2 mã liên kết chưa dùng của ${official.username}.` });
      expect((await lastAudit(db(), 'link-code.revoke')).payload).toEqual({
        username: official.username,
        before: { unusedLinkCodes: 2 },
        after: { unusedLinkCodes: 0 },
        reason: 'gửi nhầm người',
      });
      const reply = await chatHarness(db()).say({ senderId: '5302' }, `/lienket ${first.code}`);
      expect(reply).toContain('đã bị Văn phòng Sở thu hồi');
      // The official is still active: the office can issue a new code at once.
      expect((await cli(['link-code', official.username])).code).toBe(0);
    });

    it('says when there is nothing to revoke, writing nothing', async () => {
      const official = await makeOfficial(db());
      const before = await everything(db());
      expect(await json(['link-code', 'revoke', official.username])).toEqual({
        username: official.username,
        revoked: 0,
      });
      expect(await everything(db())).toBe(before);
      await refused(['link-code', 'revoke', 'khongai'], 'Không có cán bộ "khongai"');
    });
  });

  describe('unit focal', () => {
    it('sets the focal official, tells them and the one replaced in chat, audits before/after; the same again is refused', async () => {
      const unit = await makeUnit(db());
      const first = await makeOfficial(db(), { unitCode: unit.code });
      const second = await makeOfficial(db(), { unitCode: unit.code });
      await setFocalOfficial(db(), unit.code, first.username, actor);

      expect((await cli(['unit', 'focal', unit.code, second.username])).code).toBe(0);
      const told = await db().notice.findMany({
        where: { recipientId: { in: [first.id, second.id] } },
        orderBy: { recipientId: 'asc' },
      });
      expect(told.map((notice) => [notice.recipientId, notice.text])).toEqual([
        [first.id, expect.stringContaining(`không còn là cán bộ đầu mối của đơn vị ${unit.code}`)],
        [second.id, expect.stringContaining(`được đặt làm cán bộ đầu mối của đơn vị ${unit.code}`)],
      ]);
      expect((await lastAudit(db(), 'unit.focal')).payload).toMatchObject({
        before: { focal: first.username },
        after: { focal: second.username },
      });
      await refused(['unit', 'focal', unit.code, second.username], 'đã là cán bộ đầu mối');
    });
  });

  describe('unit rename, move, deactivate', () => {
    it('renames a unit and audits the old and new names', async () => {
      const unit = await makeUnit(db(), { name: 'Phòng Tư pháp' });
      const human = await cli(['unit', 'rename', unit.code, 'Phòng Hành chính — Tư pháp']);
      expect(human).toMatchObject({ code: 0, stdout: `Đã đổi tên đơn vị ${unit.code}: Phòng Hành chính — Tư pháp` });
      expect((await lastAudit(db(), 'unit.rename')).payload).toEqual({
        unit: unit.code,
        before: { name: 'Phòng Tư pháp' },
        after: { name: 'Phòng Hành chính — Tư pháp' },
      });
      expect(await json(['unit', 'rename', unit.code, 'Phòng Tư pháp'])).toMatchObject({ name: 'Phòng Tư pháp' });
      await refused(['unit', 'rename', unit.code, 'Phòng Tư pháp'], 'đã có tên "Phòng Tư pháp"');
      await refused(['unit', 'rename', 'KHONGCO', 'Tên'], 'Không có đơn vị mã "KHONGCO"');
    });

    it('moves a unit under another and refuses itself, its own sub-unit, its parent and an inactive parent', async () => {
      const so = await makeUnit(db());
      const phong = await makeUnit(db(), { parentCode: so.code });
      const to = await makeUnit(db(), { parentCode: phong.code });
      const other = await makeUnit(db());

      const human = await cli(['unit', 'move', phong.code, '--parent', other.code]);
      expect(human).toMatchObject({ code: 0, stdout: `Đơn vị ${phong.code} nay thuộc ${other.code}.` });
      expect((await lastAudit(db(), 'unit.move')).payload).toEqual({
        unit: phong.code,
        before: { parent: so.code },
        after: { parent: other.code },
      });
      expect(await json(['unit', 'move', phong.code, '--parent', so.code])).toMatchObject({
        code: phong.code,
        parentCode: so.code,
      });

      await refused(['unit', 'move', phong.code, '--parent', phong.code], 'làm cấp trên của chính nó');
      await refused(
        ['unit', 'move', so.code, '--parent', to.code],
        `${to.code} đang là đơn vị cấp dưới của ${so.code}, cây đơn vị sẽ thành vòng lặp`,
      );
      await refused(['unit', 'move', phong.code, '--parent', so.code], `đã thuộc ${so.code}`);
      await refused(['unit', 'move', phong.code, '--parent', 'KHONGCO'], 'Không có đơn vị mã "KHONGCO"');
      expect((await cli(['unit', 'deactivate', other.code])).code).toBe(0);
      await refused(['unit', 'move', phong.code, '--parent', other.code], `Đơn vị ${other.code} đã ngừng hoạt động`);
    });

    it('refuses to deactivate a unit with active officials, open tasks or active sub-units, naming them', async () => {
      const unit = await makeUnit(db());
      const child = await makeUnit(db(), { parentCode: unit.code });
      const official = await makeOfficial(db(), { unitCode: unit.code, fullName: 'Đỗ Văn Khoa' });
      const task = await makeTask(db(), { assigneeUsername: official.username });
      const other = await makeOfficial(db());
      const answerable = await makeTask(db(), { assigneeUsername: other.username, unitCode: unit.code });

      await refused(
        ['unit', 'deactivate', unit.code],
        `Chưa thể ngừng hoạt động đơn vị ${unit.code}: còn 1 cán bộ đang hoạt động (${official.username} — Đỗ Văn Khoa): ` +
          `chuyển đơn vị hoặc ngừng hoạt động họ trước; còn 2 việc đang mở (#${task.id}, #${answerable.id}): ` +
          `đóng, huỷ hoặc giao lại trước; còn 1 đơn vị cấp dưới đang hoạt động (${child.code}).`,
      );

      expect((await cli(['unit', 'deactivate', child.code])).code).toBe(0);
      expect((await cli(['official', 'deactivate', official.username])).code).toBe(0);
      await markTaskDone(db(), task.id, actor, new Date(NOW));
      await markTaskDone(db(), answerable.id, actor, new Date(NOW));

      const human = await cli(['unit', 'deactivate', unit.code, '--reason', 'sáp nhập']);
      expect(human).toMatchObject({ code: 0, stdout: `Đã ngừng hoạt động đơn vị ${unit.code} — ${unit.name}.` });
      expect((await lastAudit(db(), 'unit.deactivate')).payload).toEqual({
        unit: unit.code,
        before: { active: true },
        after: { active: false },
        reason: 'sáp nhập',
      });
      await refused(['unit', 'deactivate', unit.code], 'đã ngừng hoạt động từ trước');
    });

    it('shows inactive units in the list, gives them no new officials, sub-units or tasks, and can restore them', async () => {
      const unit = await makeUnit(db());
      const elsewhere = await makeOfficial(db());
      expect(await json(['unit', 'deactivate', unit.code])).toMatchObject({ code: unit.code, active: false });
      expect(await json(['unit', 'list'])).toContainEqual(expect.objectContaining({ code: unit.code, active: false }));
      expect((await cli(['unit', 'list'])).stdout).toMatch(new RegExp(`^${unit.code}\\t.*\\(ngừng\\)$`, 'm'));

      await refused(['official', 'add', 'moi.vao', 'Người Mới', '--unit', unit.code], 'không thể thêm cán bộ');
      await refused(['unit', 'add', 'CON-MOI', 'Tổ mới', '--parent', unit.code], 'không thể thêm đơn vị con');
      // A task answerable by the unit, assigned to someone elsewhere (the store's addTask, as imports call it).
      const before = await everything(db());
      await expect(
        addTask(db(), { title: 'X', assigneeUsername: elsewhere.username, dueDate: TODAY, unitCode: unit.code }, actor),
      ).rejects.toThrow(`Đơn vị ${unit.code} đã ngừng hoạt động: không thể giao việc mới cho đơn vị này.`);
      expect(await everything(db())).toBe(before);

      expect(await json(['unit', 'reactivate', unit.code])).toMatchObject({ code: unit.code, active: true });
      expect((await lastAudit(db(), 'unit.reactivate')).payload).toEqual({
        unit: unit.code,
        before: { active: false },
        after: { active: true },
      });
      await refused(['unit', 'reactivate', unit.code], `Đơn vị ${unit.code} đang hoạt động.`);
    });
  });
});

describe.each(providers)('the last active admin on %s', (provider) => {
  let database: TestDatabase;
  const db = () => database.client;
  beforeAll(async () => {
    database = await createTestDatabase(provider);
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('cannot be demoted or deactivated, and the refusal says why and changes nothing', async () => {
    const admin = await makeOfficial(db(), { role: 'admin' });
    const inactiveAdmin = await makeOfficial(db(), { role: 'admin' });
    await runCli(database.url, ['official', 'deactivate', inactiveAdmin.username], ENV);
    for (const args of [
      ['official', 'role', admin.username, 'head'],
      ['official', 'deactivate', admin.username],
    ]) {
      const before = await everything(db());
      const result = await runCli(database.url, args, ENV);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`${admin.username}: đây là quản trị viên (admin) cuối cùng còn hoạt động`);
      expect(result.stderr).toContain('official role <tên đăng nhập> admin');
      expect(await everything(db())).toBe(before);
    }

    const successor = await makeOfficial(db(), { role: 'member' });
    expect((await runCli(database.url, ['official', 'role', successor.username, 'admin'], ENV)).code).toBe(0);
    expect((await runCli(database.url, ['official', 'role', admin.username, 'member'], ENV)).code).toBe(0);
  });
});
