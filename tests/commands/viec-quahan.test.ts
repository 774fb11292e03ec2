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
import { cli } from '../support/factories.ts';
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
    const text = reply!.text;
    expect(
      text.indexOf(`#${so.overdue.id} Báo cáo KSTTHC tháng 11 — hạn 19/11/2026 (quá hạn 2 ngày làm việc)`),
    ).toBeGreaterThan(text.indexOf('Quá hạn'));
    expect(
      text.indexOf(`#${so.upcoming.id} Trả lời phản ánh số 15 — hạn 25/11/2026 (còn 2 ngày làm việc)`),
    ).toBeGreaterThan(text.indexOf('Sắp tới'));
    expect(text.indexOf('Quá hạn')).toBeLessThan(text.indexOf('Sắp tới'));
    expect(text).not.toContain(so.subUnitOverdue.title);
    expect(reply!.actions?.[0]).toEqual({ label: `✅ Xong #${so.overdue.id}`, command: `/xong ${so.overdue.id}` });
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
    expect(await expectUnchanged(db(), () => chat.say(so.member, '/viec 12'))).toContain('Cách dùng: /viec');
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
