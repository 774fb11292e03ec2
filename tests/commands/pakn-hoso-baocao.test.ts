import { describe, expect, it } from 'vitest';
import { findDossier } from '../../src/db/store/dossiers.ts';
import { markTaskDone } from '../../src/db/store/tasks.ts';
import { chatHarness, expectUnchanged, looksLikeClearVietnamese, makeSmallSo } from '../chat/chat-harness.ts';
import { cli } from '../support/factories.ts';
import { testProviders, useTestDatabase } from '../support/test-databases.ts';

const providers = await testProviders();
let sequence = 0;
/** A fresh petition or dossier code, so tests sharing a database never collide. */
const code = (prefix: string) => `${prefix}-${++sequence}`;

describe.each(providers)('/pakn, /hoso and /baocao on %s', (name) => {
  const db = useTestDatabase(name);

  it('/pakn registers a petition for the sender, due 10 working days after receipt', async () => {
    const so = await makeSmallSo(db());
    const petition = code('PAKN');
    const reply = await chatHarness(db()).say(so.member, `/pakn ${petition} 10/11/2026 Chậm cấp phiếu lý lịch tư pháp`);
    expect(reply).toMatch(
      new RegExp(
        `^📨 Đã ghi nhận PAKN ${petition} \\(tiếp nhận 10/11/2026\\): việc #\\d+, hạn trả lời 24/11/2026\\.\\n` +
          'Lưu ý: chưa đối chiếu với hệ thống một cửa: người xử lý và hạn sẽ theo hệ thống một cửa khi Văn phòng nhập tệp xuất\\.$',
      ),
    );
    const task = await db().task.findFirstOrThrow({
      where: { dutyCode: 'pakn', sourceRef: petition },
      include: { assignee: true },
    });
    expect(task.assignee?.username).toBe(so.member.username);
    expect(task.note).toBe('Chậm cấp phiếu lý lịch tư pháp');
  });

  it('/pakn refuses a duplicate code, a bad date, a future date and missing arguments, changing nothing', async () => {
    const so = await makeSmallSo(db());
    const petition = code('PAKN');
    const chat = chatHarness(db());
    await chat.say(so.member, `/pakn ${petition} 10/11/2026`);
    for (const text of [
      `/pakn ${petition} 11/11/2026`,
      `/pakn ${code('PAKN')} 31/02/2026`,
      `/pakn ${code('PAKN')} 01/12/2026`,
      '/pakn',
      `/pakn <script> 10/11/2026`,
    ]) {
      const reply = await expectUnchanged(db(), () => chat.say(so.member, text));
      expect(looksLikeClearVietnamese(reply), `${text} → ${reply}`).toBe(true);
    }
  });

  it('/pakn and /hoso refuse a date outside 2000–2100 with a clear message, changing nothing (issue #10)', async () => {
    const so = await makeSmallSo(db());
    const chat = chatHarness(db());
    for (const [text, message] of [
      [`/pakn ${code('PAKN')} 1/1/1900 Chậm cấp phiếu`, 'Ngày 01/01/1900 nằm ngoài khoảng 2000–2100.'],
      [`/hoso ${code('HS')} 01/01/1900`, 'Ngày 01/01/1900 nằm ngoài khoảng 2000–2100.'],
      [`/hoso ${code('HS')} 31/12/2199`, 'Ngày 31/12/2199 nằm ngoài khoảng 2000–2100.'],
    ] as const) {
      const reply = await expectUnchanged(db(), () => chat.say(so.member, text));
      expect(reply, text).toContain(message);
    }
    expect(chat.logged.filter((entry) => entry.level === 'error')).toEqual([]);
  });

  it('/hoso registers a dossier with its apology-letter task, and /hoso xong on time cancels that task', async () => {
    const so = await makeSmallSo(db());
    const dossier = code('HS');
    const chat = chatHarness(db());
    const added = await chat.say(so.member, `/hoso ${dossier} 26/11/2026`);
    expect(added).toContain(`📁 Đã ghi nhận hồ sơ ${dossier}, hẹn trả 26/11/2026.`);
    expect(added).toContain('gửi phiếu xin lỗi trước 25/11/2026');
    const apology = await db().task.findFirstOrThrow({ where: { dutyCode: 'thu-xin-loi', sourceRef: dossier } });
    expect(apology.status).toBe('open');

    const returned = await chat.say(so.member, `/hoso xong ${dossier}`);
    expect(returned).toBe(`✅ Hồ sơ ${dossier} đã trả đúng hạn; không cần phiếu xin lỗi (đã huỷ việc nhắc).`);
    expect((await db().task.findUniqueOrThrow({ where: { id: apology.id } })).status).toBe('cancelled');
    expect((await findDossier(db(), dossier))?.status).toBe('returned');
  });

  it('/hoso xong says an apology is owed when the dossier is returned late', async () => {
    const so = await makeSmallSo(db());
    const dossier = code('HS');
    const chat = chatHarness(db());
    await chat.say(so.member, `/hoso ${dossier} 20/11/2026`);
    expect(await chat.say(so.member, `/hoso xong ${dossier}`)).toBe(
      `⚠️ Hồ sơ ${dossier} trả quá hạn (hẹn 20/11/2026): cần gửi Phiếu xin lỗi và hẹn lại ngày trả kết quả.`,
    );
  });

  it("/hoso xong refuses someone else's dossier, an unknown code and bad arguments, changing nothing", async () => {
    const so = await makeSmallSo(db());
    const dossier = code('HS');
    const chat = chatHarness(db());
    await chat.say(so.member, `/hoso ${dossier} 26/11/2026`);
    const dossiersBefore = await db().dossier.count();
    for (const [who, text] of [
      [so.otherMember, `/hoso xong ${dossier}`],
      [so.member, `/hoso xong ${code('HS')}`],
      [so.member, `/hoso ${code('HS')} 30/02/2026`],
      [so.member, '/hoso'],
    ] as const) {
      const reply = await expectUnchanged(db(), () => chat.say(who, text));
      expect(looksLikeClearVietnamese(reply), `${text} → ${reply}`).toBe(true);
    }
    expect(await db().dossier.count()).toBe(dossiersBefore);
    expect((await findDossier(db(), dossier))?.status).toBe('processing');
    // The head of the unit may close it.
    expect(await chat.say(so.head, `/hoso xong ${dossier}`)).toMatch(/đã trả đúng hạn/);
  });

  it("/baocao gives a head their unit's month and refuses members", async () => {
    const so = await makeSmallSo(db());
    await markTaskDone(db(), so.upcoming.id, cli, new Date('2026-11-20T09:00:00+07:00'));
    const chat = chatHarness(db());
    const report = await chat.say(so.head, '/baocao 11/2026');
    expect(report).toMatch(/^BÁO CÁO KSTTHC THÁNG 11\/2026 — Phòng Tư pháp/);
    // The head's subtree: member's 2 tasks and the sub-unit's 1, all due in November.
    expect(report).toContain('Việc: 3 đến hạn; đúng hạn 1, xong quá hạn 0, quá hạn chưa xong 2.');
    const refused = await expectUnchanged(db(), () => chat.say(so.member, '/baocao'));
    expect(looksLikeClearVietnamese(refused)).toBe(true);
    expect(await chat.say(so.head, '/baocao 13/2026')).toMatch(/không hợp lệ/);
  });

  it('/baocao for the office admin has one line per unit with tasks due, and counts the others', async () => {
    const so = await makeSmallSo(db());
    await markTaskDone(db(), so.upcoming.id, cli, new Date('2026-11-20T09:00:00+07:00'));
    const report = (await chatHarness(db()).say(so.admin, '/baocao 11/2026'))!.split('\n');
    const unitOf = async (official: { unitCode: string }) =>
      (await db().unit.findUniqueOrThrow({ where: { code: official.unitCode } })).name;
    expect(report).toContain(
      `• ${so.member.unitCode} ${await unitOf(so.member)}: 2 việc, đúng hạn 1, xong quá hạn 0, quá hạn chưa xong 1 — 50%`,
    );
    expect(report).toContain(
      `• ${so.subUnitMember.unitCode} ${await unitOf(so.subUnitMember)}: 1 việc, đúng hạn 0, xong quá hạn 0, quá hạn chưa xong 1 — 0%`,
    );
    expect(report).toContain(
      `• ${so.otherMember.unitCode} ${await unitOf(so.otherMember)}: 1 việc, đúng hạn 0, xong quá hạn 0, quá hạn chưa xong 1 — 0%`,
    );
    expect(report.filter((line) => line.startsWith('• ')).at(-1)).toMatch(/^• \d+ đơn vị không có việc đến hạn/);
  });

  it('/baocao without a month reports the month just ended until the 5th, and says so', async () => {
    const so = await makeSmallSo(db());
    const chat = chatHarness(db());
    chat.clock.set('2026-12-05T09:00:00+07:00');
    const early = await chat.say(so.head, '/baocao');
    expect(early).toMatch(/^\(Đầu tháng: đây là số liệu tháng 11\/2026\. Tháng này: \/baocao 12\/2026\)\n/);
    expect(early).toContain('BÁO CÁO KSTTHC THÁNG 11/2026');
    chat.clock.set('2026-12-06T09:00:00+07:00');
    const later = await chat.say(so.head, '/baocao');
    expect(later).toMatch(/^BÁO CÁO KSTTHC THÁNG 12\/2026/);
    chat.clock.set('2027-01-02T09:00:00+07:00');
    expect(await chat.say(so.head, '/baocao')).toContain('BÁO CÁO KSTTHC THÁNG 12/2026');
  });
});
