import { addr } from '../support/address.ts';
import { describe, expect, it } from 'vitest';
import { markTaskDone } from '../../src/db/store/tasks.ts';
import {
  chatHarness,
  expectUnchanged,
  linkTelegram,
  looksLikeClearVietnamese,
  makeSmallSo,
  NOW,
} from '../chat/chat-harness.ts';
import { cli, makeTask } from '../support/factories.ts';
import type { LocalDate } from '../../src/domain/local-date.ts';
import { testProviders, useTestDatabase } from '../support/test-databases.ts';

const providers = await testProviders();

describe.each(providers)('/viec and /quahan on %s', (provider) => {
  const db = useTestDatabase(provider);

  it('/viec lists my open tasks, overdue first, with dd/MM/yyyy dates and a Xong button', async () => {
    const so = await makeSmallSo(db());
    const reply = await chatHarness(db()).router({
      channel: 'console',
      address: addr(`console:${so.member.username}`),
      senderId: so.member.username,
      isGroup: false,
      text: '/viec',
      receivedAt: new Date(NOW),
    });
    const lines = reply!.text.split('\n');
    expect(lines[0]).toBe('Việc của Trần Văn Cường (2), hôm nay 23/11/2026 — ⚠️ 1 quá hạn:');
    expect(lines.slice(1)).toEqual([
      `⚠️ #${so.overdue.id} Báo cáo KSTTHC tháng 11 — hạn 19/11/2026 (quá hạn 2 ngày làm việc)`,
      `#${so.upcoming.id} Trả lời phản ánh số 15 — hạn 25/11/2026 (còn 2 ngày làm việc)`,
      'Báo xong: /xong <số việc> [ghi chú]',
    ]);
    const text = reply!.text;
    expect(text).not.toContain(so.subUnitOverdue.title);
    expect(reply!.actions?.[0]).toEqual({ label: `✅ Xong #${so.overdue.id}`, command: `/xong ${so.overdue.id}` });
  });

  it('/viec fits 40 open tasks on a phone: overdue first, then the next 30 days, 10 short lines and the rest counted', async () => {
    const so = await makeSmallSo(db());
    const long = (n: number) =>
      `Báo cáo kết quả thực hiện nhiệm vụ kiểm soát thủ tục hành chính và cải cách hành chính số ${n} năm 2026`;
    const task = (n: number, dueDate: string) =>
      makeTask(db(), { assigneeUsername: so.member.username, title: long(n), dueDate: dueDate as LocalDate });
    // With makeSmallSo's two: 4 overdue, 18 due within 30 days (by 23/12), 20 later.
    const overdue = [await task(1, '2026-11-10'), await task(2, '2026-11-20'), await task(3, '2026-11-21')];
    for (let n = 0; n < 17; n++) await task(10 + n, `2026-12-${String(1 + n).padStart(2, '0')}`);
    for (let n = 0; n < 20; n++) await task(40 + n, `2027-0${1 + (n % 9)}-15`);
    const chat = chatHarness(db());

    const reply = (await chat.say(so.member, '/viec'))!;
    const lines = reply.split('\n');
    expect(lines.length).toBeLessThanOrEqual(12);
    expect(lines[0]).toBe('Việc của Trần Văn Cường (42), hôm nay 23/11/2026 — ⚠️ 4 quá hạn:');
    // The most overdue first, each marked; then what falls due soonest.
    expect(lines[1]).toMatch(
      new RegExp(
        `^⚠️ #${overdue[0]!.id} Báo cáo kết quả thực hiện .*… — hạn 10/11/2026 \\(quá hạn 9 ngày làm việc\\)$`,
      ),
    );
    expect(lines.slice(1, 5).every((line) => line.startsWith('⚠️ #'))).toBe(true);
    expect(lines[5]).toContain(`#${so.upcoming.id} Trả lời phản ánh số 15 — hạn 25/11/2026`);
    expect(lines[11]).toBe('… và 32 việc khác — gõ /viec tatca');
    for (const line of lines.slice(1, 11)) {
      const title = /#\d+ (.*) — hạn/.exec(line)![1]!;
      expect(title.length).toBeLessThanOrEqual(60);
    }
    expect(reply).not.toContain('2027');

    // The full title is one /tinhtrang away; everything is in /viec tatca (also typed as "tất cả").
    expect(await chat.say(so.member, `/tinhtrang ${overdue[0]!.id}`)).toContain(long(1));
    const all = (await chat.say(so.member, '/viec tatca'))!;
    expect(all).toContain(long(59));
    expect(all).toContain('📌 Sắp tới (38):');
    expect(await chat.say(so.member, '/viec tất cả')).toBe(all);
    expect(await chat.say(so.member, 'viec tatca')).toBe(all);
  });

  it('/viec says when nothing falls due in the next 30 days, and points to /viec tatca', async () => {
    const so = await makeSmallSo(db());
    await makeTask(db(), {
      assigneeUsername: so.otherHead.username,
      title: 'Báo cáo năm',
      dueDate: '2027-03-01' as LocalDate,
    });
    expect(await chatHarness(db()).say(so.otherHead, '/viec')).toBe(
      [
        'Việc của Hoàng Văn Em (1), hôm nay 23/11/2026:',
        'Không có việc nào đến hạn trong 30 ngày tới.',
        '… và 1 việc khác — gõ /viec tatca',
      ].join('\n'),
    );
  });

  it('/viec says so when I have nothing open', async () => {
    const so = await makeSmallSo(db());
    expect(await chatHarness(db()).say(so.admin, '/viec')).toBe(
      'Bạn không có việc nào đang mở (hôm nay 23/11/2026). 👍',
    );
  });

  it('/viec refuses extra words and unlinked people, changing nothing', async () => {
    const so = await makeSmallSo(db());
    const chat = chatHarness(db());
    const refused = await expectUnchanged(db(), () => chat.say(so.member, '/viec 12'));
    expect(refused).toContain('Gõ /viec để xem việc gần hạn, hoặc /viec tatca để xem tất cả.');
    expect(refused).toContain('Cách dùng: /viec');
    const unlinked = await expectUnchanged(db(), () => chat.say({ channel: 'zalo', senderId: 'z-unknown' }, '/viec'));
    expect(unlinked).toContain('/lienket <mã>');
  });

  it('/quahan shows a head the overdue tasks of the unit and its sub-units, grouped by official', async () => {
    const so = await makeSmallSo(db());
    const reply = (await chatHarness(db()).say(so.head, '/quahan'))!;
    expect(reply).toContain('⚠️ 2 việc quá hạn');
    expect(reply).toContain(`👤 Trần Văn Cường (${so.member.unitCode}) — 1 việc:`);
    expect(reply).toContain(`👤 Phạm Thị Dung (${so.subUnitMember.unitCode}) — 1 việc:`);
    expect(reply).toContain(
      `#${so.subUnitOverdue.id} Công khai danh sách trễ hạn — hạn 20/11/2026 (quá hạn 1 ngày làm việc)`,
    );
    expect(reply).not.toContain(so.otherOverdue.title);
    expect(reply).not.toContain(so.upcoming.title);
  });

  it('/quahan shows a member only their own overdue tasks', async () => {
    const so = await makeSmallSo(db());
    const reply = (await chatHarness(db()).say(so.subUnitMember, '/quahan'))!;
    expect(reply).toContain(so.subUnitOverdue.title);
    expect(reply).not.toContain(so.overdue.title);
  });

  it('/quahan shows the office admin every unit, and leaves closed tasks out', async () => {
    const so = await makeSmallSo(db());
    await markTaskDone(db(), so.subUnitOverdue.id, cli, new Date(NOW));
    const reply = (await chatHarness(db()).say(so.admin, '/quá hạn'))!;
    expect(reply).toContain('toàn Sở');
    expect(reply).toContain(so.overdue.title);
    expect(reply).toContain(so.otherOverdue.title);
    expect(reply).not.toContain(`#${so.subUnitOverdue.id} `);
  });

  it('/quahan tells a head with nothing overdue so', async () => {
    const so = await makeSmallSo(db());
    await markTaskDone(db(), so.otherOverdue.id, cli, new Date(NOW));
    expect(await chatHarness(db()).say(so.otherHead, '/quahan')).toMatch(/^Không có việc quá hạn/);
  });

  it('/quahan in a group acts as the sender, not the group', async () => {
    const so = await makeSmallSo(db());
    await linkTelegram(db(), so.subUnitMember, '6101');
    await linkTelegram(db(), so.head, '6102');
    const chat = chatHarness(db());
    const asMember = await chat.ask({ senderId: '6101', isGroup: true }, '/quahan');
    const asHead = await chat.ask({ senderId: '6102', isGroup: true }, '/quahan');
    expect(asMember?.privately?.message.text).not.toContain(so.overdue.title);
    expect(asHead?.privately?.message.text).toContain(so.overdue.title);
  });

  it('/quahan refuses arguments and unlinked senders in clear Vietnamese, changing nothing', async () => {
    const so = await makeSmallSo(db());
    const chat = chatHarness(db());
    expect(looksLikeClearVietnamese(await expectUnchanged(db(), () => chat.say(so.head, '/quahan PTP')))).toBe(true);
    expect(await expectUnchanged(db(), () => chat.say({ senderId: '404', isGroup: true }, '/quahan'))).toContain(
      'nhắn riêng cho bot',
    );
  });
});
