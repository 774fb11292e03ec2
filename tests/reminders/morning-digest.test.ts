// The first message of a working day: the office admin's overview (one line per unit, who is not
// linked, failed reminders, calendar warnings) and a head's "Hôm qua đã xong", in the same single
// message as that person's reminders, once a day, on a simulated Monday morning.
import { afterEach, describe, expect, it } from 'vitest';
import { addTask, markTaskDone } from '../../src/db/store/tasks.ts';
import type { LocalDate } from '../../src/domain/local-date.ts';
import { cli } from '../support/factories.ts';
import { postgresAvailable } from '../support/test-databases.ts';
import { composeDigest, MAX_CHARS } from '../../src/reminders/digest.ts';
import { calendar, createHarness, makeUnit, vn, type Harness } from './support.ts';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function mondayMorning(provider: 'sqlite' | 'postgresql') {
  // Monday 23/11/2026, 08:00: the last working day was Friday 20/11.
  const h = await createHarness(vn('2026-11-23'), { morningDigest: true }, provider);
  harness = h;
  const vp = await makeUnit(h.db, { code: 'VP', name: 'Văn phòng Sở' });
  const ptp = await makeUnit(h.db, { code: 'PTP', name: 'Phòng Tư pháp' });
  const tks = await makeUnit(h.db, { code: 'TKS', name: 'Tổ KSTTHC', parentCode: ptp.code });
  const admin = await h.person({ unitCode: vp.code, role: 'admin', fullName: 'Nguyễn Văn An' });
  const head = await h.person({ unitCode: ptp.code, role: 'head', fullName: 'Lê Thị Bích' });
  const member = await h.person({ unitCode: ptp.code, fullName: 'Trần Văn Cường' });
  const tksMember = await h.person({ unitCode: tks.code, fullName: 'Phạm Thị Dung' });
  const unlinked = await h.person({ unitCode: tks.code, fullName: 'Hoàng Văn Em', linked: false });
  const overdue = await h.task(member, '2026-11-19', { title: 'Báo cáo KSTTHC tháng 11' });
  await h.task(member, '2026-11-25', { title: 'Trả lời phản ánh số 15' });
  await h.task(member, '2026-12-15', { title: 'Rà soát quy trình nội bộ' });
  await h.task(tksMember, '2026-11-24', { title: 'Công khai danh sách trễ hạn' });
  const onTime = await h.task(member, '2026-11-20', { title: 'Cập nhật CSDL quốc gia về TTHC' });
  const late = await h.task(tksMember, '2026-11-18', { title: 'Báo cáo rà soát, đơn giản hoá TTHC' });
  await markTaskDone(h.db, onTime, cli, vn('2026-11-20', '09:00'), 'đã cập nhật 12 thủ tục');
  await markTaskDone(h.db, late, cli, vn('2026-11-20', '16:00'));
  // An older close: not "yesterday".
  const older = await h.task(member, '2026-11-19', { title: 'Việc đã xong tuần trước' });
  await markTaskDone(h.db, older, cli, vn('2026-11-19', '10:00'));
  await h.db.reminder.create({
    data: {
      taskId: overdue,
      recipientId: unlinked.id,
      slot: 'overdue:2026-11-20',
      scheduledFor: vn('2026-11-20'),
      nextAttemptAt: vn('2026-11-20'),
      state: 'failed',
      lastError: 'no chat',
    },
  });
  return { h, admin, head, member, onTime, late, unlinked };
}

describe.each(['sqlite', 'postgresql'] as const)('the morning digest on %s', (provider) => {
  it('gives the admin one line per unit with the right counts and the head yesterday’s closes, once', async () => {
    if (provider === 'postgresql' && !(await postgresAvailable())) return;
    const { h, admin, head, onTime, late } = await mondayMorning(provider);

    await h.engine.sweep();

    const toAdmin = h.telegram.to(admin.address);
    expect(toAdmin).toHaveLength(1);
    expect(toAdmin[0]!.text).toBe(
      [
        '📊 Tổng quan các đơn vị sáng 23/11/2026 (đang mở · hạn trong tuần · quá hạn · đúng hạn tháng 11):',
        '• PTP Phòng Tư pháp: 3 mở · 1 trong tuần · 1 quá hạn · 67%',
        '• TKS Tổ KSTTHC: 1 mở · 1 trong tuần · 0 quá hạn · 0%',
        '• Không có việc đang mở: VP',
        '',
        '👥 1 cán bộ chưa liên kết Telegram/Zalo: ' +
          (await h.db.official.findFirstOrThrow({ where: { fullName: 'Hoàng Văn Em' } })).username +
          '. Xem: cli official list --unlinked; in phiếu liên kết: cli link-sheet --out phieu.pdf',
        '',
        '❗ 1 nhắc việc không gửi được (việc còn mở). Xem lý do: cli reminders failed',
        '',
        '📅 Lịch nghỉ lễ, Tết năm 2027 chưa có thông báo chính thức. Xem: cli calendar check',
      ].join('\n'),
    );

    // The head: one message, the morning section first, then the unit's overdue work.
    const toHead = h.telegram.to(head.address);
    expect(toHead).toHaveLength(1);
    const sections = toHead[0]!.text.split('\n\n');
    expect(sections[0]).toBe(
      [
        '✅ Hôm qua đã xong (từ 20/11): 2 việc',
        `• #${onTime} Cập nhật CSDL quốc gia về TTHC — Trần Văn Cường (PTP) — đúng hạn: «đã cập nhật 12 thủ tục»`,
        `• #${late} Báo cáo rà soát, đơn giản hoá TTHC — Phạm Thị Dung (TKS) — trễ 2 ngày làm việc (hạn chót 18/11/2026)`,
      ].join('\n'),
    );
    expect(sections[1]).toMatch(/^⚠️ Việc quá hạn trong đơn vị \(1 việc\)/);

    // Once a day: later sweeps add nothing; the next working day brings a new one.
    const before = h.telegram.sent.length;
    h.clock.advance(60_000);
    await h.engine.sweep();
    h.clock.set(vn('2026-11-23', '10:00'));
    await h.engine.sweep();
    expect(h.telegram.to(admin.address)).toHaveLength(1);
    expect(h.telegram.to(head.address)).toHaveLength(1);
    expect(h.telegram.sent.length).toBeGreaterThanOrEqual(before);
    h.clock.set(vn('2026-11-24'));
    await h.engine.sweep();
    expect(h.telegram.to(admin.address)).toHaveLength(2);
    const marker = await h.db.notice.findFirstOrThrow({
      where: { recipientId: admin.id, onceKey: 'sang:2026-11-23' },
    });
    expect(marker).toMatchObject({ state: 'sent', text: toAdmin[0]!.text });
  });

  it('never goes before the first send time: at 07:45 (working hours) nothing, at 08:00 one message', async () => {
    if (provider === 'postgresql' && !(await postgresAvailable())) return;
    const { h, admin } = await mondayMorning(provider);
    h.clock.set(vn('2026-11-23', '07:45'));
    await h.engine.sweep();
    expect(h.telegram.to(admin.address)).toHaveLength(0);
    h.clock.set(vn('2026-11-23', '08:00'));
    await h.engine.sweep();
    expect(h.telegram.to(admin.address)).toHaveLength(1);
  });

  it('a head with nothing closed and nothing overdue gets no message', async () => {
    if (provider === 'postgresql' && !(await postgresAvailable())) return;
    harness = await createHarness(vn('2026-11-23'), { morningDigest: true }, provider);
    const unit = await makeUnit(harness.db, { code: 'PHC', name: 'Phòng Hành chính' });
    const head = await harness.person({ unitCode: unit.code, role: 'head' });
    await harness.engine.sweep();
    expect(harness.telegram.to(head.address)).toHaveLength(0);
    expect(await harness.db.notice.findFirstOrThrow({ where: { recipientId: head.id } })).toMatchObject({
      state: 'sent',
      sentAt: null,
    });
  });

  it('announces new tasks in the next morning digest, in one list with the reminders, once', async () => {
    if (provider === 'postgresql' && !(await postgresAvailable())) return;
    const h = await createHarness(vn('2026-11-23'), { morningDigest: true }, provider);
    harness = h;
    const unit = await makeUnit(h.db, { code: 'PKS', name: 'Phòng Kiểm soát TTHC' });
    const member = await h.person({ unitCode: unit.code, fullName: 'Trần Văn Cường' });
    const away = await h.person({ unitCode: unit.code, fullName: 'Vũ Thị Giang', linked: false });
    const add = (title: string, dueDate: string, who = member, actor = cli) =>
      addTask(h.db, { title, assigneeUsername: who.username, dueDate: dueDate as LocalDate }, actor);
    // Friday: the bot ran its morning at 08:00; in the afternoon the office gives three tasks,
    // one of which is closed before Monday.
    h.clock.set(vn('2026-11-20'));
    await h.engine.sweep();
    h.clock.set(vn('2026-11-20', '15:00'));
    const soon = await add('Báo cáo tình hình giải quyết TTHC', '2026-11-24');
    const later = await add('Rà soát quy định về TTHC', '2027-01-15');
    const closed = await add('Việc làm xong ngay', '2026-11-30');
    await markTaskDone(h.db, closed.id, cli, vn('2026-11-20', '16:00'));
    // What an official registers in chat is not news to them.
    const self = { kind: 'official', officialId: member.id, channel: 'telegram', chatId: 'telegram:1' } as const;
    await add('PAKN tự ghi nhận', '2026-12-04', member, self);
    await add('Việc của người chưa liên kết', '2026-12-10', away);
    // Friday 15:00: neither the notice sweep nor the reminders send the announcements on their own.
    await h.engine.sweep();
    expect(h.telegram.sent).toHaveLength(0);

    h.clock.set(vn('2026-11-23'));
    await h.engine.sweep();

    const messages = h.telegram.to(member.address);
    expect(messages).toHaveLength(1);
    const [news, reminders] = messages[0]!.text.split('\n\n');
    expect(news).toBe(
      [
        '🆕 Việc mới được giao (2 việc):',
        `• #${soon.id} Báo cáo tình hình giải quyết TTHC — hạn 24/11/2026`,
        `• #${later.id} Rà soát quy định về TTHC — hạn 15/01/2027`,
      ].join('\n'),
    );
    expect(reminders).toMatch(/^🔔 Nhắc việc ngày 23\/11\/2026/);
    const states = await h.db.notice.findMany({
      where: { onceKey: { startsWith: 'moi:' } },
      orderBy: { id: 'asc' },
      select: { taskId: true, state: true, lastError: true },
    });
    expect(states).toEqual([
      { taskId: soon.id, state: 'sent', lastError: null },
      { taskId: later.id, state: 'sent', lastError: null },
      { taskId: closed.id, state: 'sent', lastError: expect.stringContaining('không báo') },
      { taskId: expect.any(Number), state: 'failed', lastError: expect.any(String) },
    ]);

    h.clock.set(vn('2026-11-24'));
    await h.engine.sweep();
    const tuesday = h.telegram.to(member.address).slice(1);
    expect(tuesday).toHaveLength(1);
    expect(tuesday[0]!.text).toMatch(/^🔔 Nhắc việc ngày 24\/11\/2026/);
  });
});

describe.each(['sqlite', 'postgresql'] as const)('Zalo invitations in the admin’s morning on %s', (provider) => {
  /** Monday 23/11/2026 08:00 (the last working day was Friday 20/11): one invitation per state. */
  async function invitationsMonday(
    states: { state: string; at?: Date; linked?: boolean }[],
    invitations?: { spacingMs: number; dailyCap: number },
  ) {
    const h = await createHarness(vn('2026-11-23'), { morningDigest: true }, provider);
    harness = h;
    const vp = await makeUnit(h.db, { code: 'VP', name: 'Văn phòng Sở' });
    const admin = await h.person({ unitCode: vp.code, role: 'admin' });
    let phone = 912_000_000;
    for (const { state, at, linked } of states) {
      const official = await h.person({ unitCode: vp.code, linked: linked ?? false });
      await h.db.zaloInvitation.create({
        data: {
          officialId: official.id,
          phone: `0${++phone}`,
          state: state as 'pending',
          notBefore: at ?? vn('2026-11-20', '08:00'),
          ...(state === 'sent' ? { sentAt: at ?? null } : {}),
          ...(state === 'failed' ? { lastError: 'lỗi mạng' } : {}),
        },
      });
    }
    const engine = invitations
      ? h.newEngine({}, undefined, { invitations: { ...invitations, linkCodeDays: 7 } })
      : h.engine;
    await engine.sweep();
    const [message] = h.telegram.to(admin.address);
    return message!.text.split('\n\n').filter((section) => section.startsWith('📨'));
  }

  it('says what went since the last working day, what waits and until when, and what needs the office', async () => {
    if (provider === 'postgresql' && !(await postgresAvailable())) return;
    const sections = await invitationsMonday([
      { state: 'sent', at: vn('2026-11-19', '16:00') }, // before Friday: told on Friday
      { state: 'sent', at: vn('2026-11-20', '08:00') },
      { state: 'sent', at: vn('2026-11-20', '16:50') },
      { state: 'pending', at: vn('2026-11-23', '08:10') },
      { state: 'pending', at: vn('2026-11-23', '08:20') },
      { state: 'not_on_zalo' },
      { state: 'not_on_zalo', linked: true }, // linked by a printed sheet since: nothing to do
      { state: 'failed' },
      { state: 'uncertain' },
      { state: 'cancelled' },
    ]);
    expect(sections).toEqual([
      '📨 Lời mời Zalo: đã gửi 2 (từ 20/11); 2 đang chờ gửi, dự kiến xong lúc 08:20 23/11; ' +
        '1 số điện thoại không dùng Zalo; 1 lỗi gửi; 1 không rõ đã gửi chưa (gửi lại nếu cần: cli official invite <tên> --zalo). ' +
        'Xem: cli official list --unlinked',
    ]);
  });

  it('expects the waiting ones to finish from now on when their times passed while the bot was down', async () => {
    if (provider === 'postgresql' && !(await postgresAvailable())) return;
    const sections = await invitationsMonday(
      [
        { state: 'sent', at: vn('2026-11-20', '13:50') },
        { state: 'pending', at: vn('2026-11-20', '14:00') },
        { state: 'pending', at: vn('2026-11-20', '14:10') },
        { state: 'pending', at: vn('2026-11-20', '14:20') },
      ],
      { spacingMs: 10 * 60_000, dailyCap: 2 },
    );
    // From Monday 08:00, one per 10 minutes, at most 2 a day: 08:00, 08:10, then Tuesday at opening.
    expect(sections).toEqual([
      '📨 Lời mời Zalo: đã gửi 1 (từ 20/11); 3 đang chờ gửi, dự kiến xong lúc 07:30 24/11. ' +
        'Xem: cli official list --unlinked',
    ]);
  });

  it('says nothing when the queue is empty and nothing happened', async () => {
    if (provider === 'postgresql' && !(await postgresAvailable())) return;
    const sections = await invitationsMonday([
      { state: 'sent', at: vn('2026-11-19', '16:00') },
      { state: 'cancelled' },
      { state: 'failed', linked: true },
      { state: 'uncertain', linked: true },
    ]);
    expect(sections).toEqual([]);
  });
});

describe('the morning additions on a small screen', () => {
  it('fit a Zalo message with 150 units: the first lines, how many more, and the reminders still shown', () => {
    const overview = [
      '📊 Tổng quan các đơn vị sáng 23/11/2026 (đang mở · hạn trong tuần · quá hạn · đúng hạn tháng 11):',
      ...Array.from(
        { length: 150 },
        (_, i) => `• P${i} Phòng chuyên môn số ${i}: 3 mở · 1 trong tuần · 1 quá hạn · 67%`,
      ),
    ].join('\n');
    const own = [{ id: 7, title: 'Báo cáo tháng 11', targetDate: '2026-11-23', dueDate: '2026-11-23' }] as const;
    const digest = composeDigest({
      today: '2026-11-23' as LocalDate,
      calendar,
      morning: [overview],
      own: own.map((task) => ({
        ...task,
        targetDate: task.targetDate as LocalDate,
        dueDate: task.dueDate as LocalDate,
      })),
      unit: [],
      undelivered: [],
      maxChars: MAX_CHARS.zalo,
    });
    expect(digest.text.length).toBeLessThanOrEqual(MAX_CHARS.zalo);
    expect(digest.text).toMatch(/\n… và \d+ dòng nữa\.\n\n🔔 Nhắc việc ngày 23\/11\/2026/);
    expect(digest.text).toContain('#7 Báo cáo tháng 11');
  });
});
