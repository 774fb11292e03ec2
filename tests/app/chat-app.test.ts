// The wired app end to end: the console channel on a real SQLite file, and Telegram over real
// HTTP against the fake Bot API.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { startApp, type App } from '../../src/app/app.ts';
import { parseConfig } from '../../src/config/config.ts';
import { createLinkCode } from '../../src/db/store/link-codes.ts';
import { findTask } from '../../src/db/store/tasks.ts';
import { ManualClock } from '../../src/domain/clock.ts';
import { createLogger } from '../../src/logging/logger.ts';
import { writeZaloCredentials } from '../../src/channels/zalo/zalo-credentials.ts';
import { UNREACHABLE_AT_START_ALERT } from '../../src/channels/zalo/zalo-channel.ts';
import { applyMigrations } from '../../src/db/migrate/migrations.ts';
import { openDatabase } from '../../src/db/database.ts';
import { FakeTelegramServer } from '../channels/fake-telegram-server.ts';
import { FakeZaloApi, textMessage } from '../channels/fake-zalo-api.ts';
import { waitFor } from '../channels/wait-for.ts';
import { cli, makeOfficial, makeTask } from '../support/factories.ts';
import { asTestStore, freshSqliteUrl, type TestStore } from '../support/test-databases.ts';
import type { LocalDate } from '../../src/domain/local-date.ts';

const NOW = '2026-11-23T08:00:00+07:00';
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function sqlite(): string {
  const { url, cleanup } = freshSqliteUrl();
  cleanups.push(cleanup);
  return url;
}

/** The demo Sở on a console fed by `input`; `printed()` is everything written so far. */
async function startDemoOnConsole(): Promise<{ app: App; input: PassThrough; printed: () => string }> {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const app = await startApp({
    config: parseConfig({ DATABASE_URL: sqlite() }),
    clock: new ManualClock(NOW),
    logger: createLogger('silent'),
    demo: true,
    console: { input, output },
  });
  cleanups.push(() => app.stop());
  return { app, input, printed: () => text };
}

describe('the app on the console', () => {
  it("prints the demo officials' 08:00 reminder digests in the terminal", async () => {
    const { app, input, printed } = await startDemoOnConsole();
    await app.sweep();
    // The acting official's digest plainly, the others' marked with their address.
    expect(printed()).toMatch(/#1 .*19\/11\/2026/);
    expect(printed()).toContain('📨 console:tranvanc');
    expect(printed()).toContain('[✅ Xong #1 → /xong 1]');
    input.end();
    await app.consoleFinished;
  });

  it('runs a scripted conversation against the demo data and finishes at end of input', async () => {
    const { app, input, printed } = await startDemoOnConsole();
    input.end(
      ['/quahan', '/viec', '/xong 5 đã gửi bưu điện', '/xong 5', '/dangnhap tranvanc', '/xong 3', '/viec'].join('\n') +
        '\n',
    );
    await app.consoleFinished;
    expect(printed()).toContain('⚠️ 3 việc quá hạn (PTP và các đơn vị trực thuộc), hôm nay 23/11/2026:');
    // Two demo tasks plus the recurring duties generated at start for the current and next period.
    expect(printed()).toContain('Việc của Lê Thị Bích (7)');
    expect(printed()).toContain(
      '✅ Đã ghi nhận xong việc #5 «Phiếu xin lỗi và hẹn lại ngày trả kết quả: hồ sơ 000.00.12.H39-261110-0003» — quá hạn 1 ngày làm việc so với hạn chót.',
    );
    expect(printed()).toContain('Việc #5 đã được báo xong ngày 23/11/2026.');
    expect(printed()).toContain('Bạn đang dùng bot với tư cách Trần Văn Cường');
    expect(printed()).toContain('Việc #3 không thuộc phạm vi của bạn');
    expect(printed()).toContain('Việc của Trần Văn Cường (2)');
    expect(printed()).not.toContain('📨');
    expect(await findTask(asTestStore(app.database.store), 5)).toMatchObject({
      status: 'done',
      note: 'đã gửi bưu điện',
    });
    expect(await findTask(asTestStore(app.database.store), 3)).toMatchObject({ status: 'open' });
  });

  it('loads the demo data only once', async () => {
    const url = sqlite();
    const taskCounts: number[] = [];
    for (let run = 0; run < 2; run++) {
      const input = new PassThrough();
      const app = await startApp({
        config: parseConfig({ DATABASE_URL: url }),
        clock: new ManualClock(NOW),
        logger: createLogger('silent'),
        demo: true,
        console: { input, output: new PassThrough() },
      });
      input.end();
      await app.consoleFinished;
      expect(await asTestStore(app.database.store).official.count()).toBe(6);
      expect(await asTestStore(app.database.store).task.count({ where: { periodKey: null } })).toBe(10);
      taskCounts.push(await asTestStore(app.database.store).task.count());
      await app.stop();
    }
    // Neither the demo data nor the recurring duties generated at start are created twice.
    expect(taskCounts[1]).toBe(taskCounts[0]);
  });
});

/** The wired app on a fresh SQLite file, speaking Telegram to a local fake Bot API. */
async function startOnFakeTelegram(): Promise<{
  fake: FakeTelegramServer;
  app: App;
  db: TestStore;
  clock: ManualClock;
}> {
  const fake = await FakeTelegramServer.start('123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ_test');
  cleanups.push(() => fake.close());
  const config = parseConfig({
    DATABASE_URL: sqlite(),
    TELEGRAM_BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.apiRoot,
  });
  const clock = new ManualClock(NOW);
  const app: App = await startApp({ config, clock, logger: createLogger('silent') });
  cleanups.push(() => app.stop());
  return { fake, app, db: asTestStore(app.database.store), clock };
}

describe('the app on Telegram', () => {
  it('answers /baocao from a head with the figures and the on-time chart as a photo', async () => {
    const { fake, db } = await startOnFakeTelegram();
    const head = await makeOfficial(db, { fullName: 'Lê Thị Bích', role: 'head' });
    await db.chatIdentity.create({ data: { channel: 'telegram', externalId: '4001', officialId: head.id } });
    await makeTask(db, {
      assigneeUsername: head.username,
      title: 'Báo cáo tháng 11',
      dueDate: '2026-11-20' as LocalDate,
    });

    fake.enqueueText({ chatId: 4001, fromId: 4001, text: '/baocao 11/2026' });
    await fake.until(() => fake.callsOf('sendPhoto').length === 1, 'chart photo');
    // The ticker runs on real time: a minute turning meanwhile sweeps and sends the head's own
    // 08:00 digest (the task is overdue), before or after the report.
    expect(fake.sentTo(4001).map((message) => message.text)).toContainEqual(
      expect.stringMatching(/^BÁO CÁO KSTTHC THÁNG 11\/2026/),
    );
    const photo = fake.callsOf('sendPhoto')[0]!.params;
    expect(photo.chat_id).toBe('4001');
    expect(photo.caption).toBe('Tỉ lệ đúng hạn tháng 11/2026');
    const png = photo.fileBytes as Buffer;
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.length).toBeGreaterThan(5_000);
  });

  it('sends the 08:00 reminder digest of a linked official through Telegram, with a button that closes the task', async () => {
    // Monday 23/11/2026, 08:00 in Hà Nội: a send time on a working day.
    const { fake, app, db } = await startOnFakeTelegram();
    const official = await makeOfficial(db, { fullName: 'Lê Thị Bích' });
    await db.chatIdentity.create({ data: { channel: 'telegram', externalId: '3001', officialId: official.id } });
    const late = await makeTask(db, {
      assigneeUsername: official.username,
      title: 'Báo cáo tháng 11',
      dueDate: '2026-11-20' as LocalDate,
    });

    await app.sweep();
    await fake.until(() => fake.sentTo(3001).length === 1, 'reminder digest');
    const digest = fake.sentTo(3001)[0]!;
    expect(digest.text).toContain(`#${late.id}`);
    expect(digest.text).toContain('20/11/2026');
    expect(digest.text).toContain('quá hạn 1 ngày làm việc');
    expect(digest.buttons).toContainEqual({ text: `✅ Xong #${late.id}`, callbackData: `/xong ${late.id}` });

    // The same sweep again sends nothing new: one message per person per send time.
    await app.sweep();
    expect(fake.sentTo(3001)).toHaveLength(1);

    fake.enqueueCallback({ chatId: 3001, fromId: 3001, data: `/xong ${late.id}` });
    await waitFor(async () => (await findTask(db, late.id))?.status === 'done', 'button closes the task');
  });

  it('links a Telegram user from a deep link, closes a task on /xong and on a button, and publishes the Vietnamese menu', async () => {
    const { fake, app, db, clock } = await startOnFakeTelegram();
    expect(app.consoleFinished).toBeUndefined();
    const official = await makeOfficial(db, { fullName: 'Lê Thị Bích' });
    const overdue = await makeTask(db, {
      assigneeUsername: official.username,
      title: 'Báo cáo tháng 11',
      dueDate: '2026-11-20' as LocalDate,
    });
    const other = await makeTask(db, {
      assigneeUsername: official.username,
      title: 'Báo cáo quý',
      dueDate: '2026-11-30' as LocalDate,
    });
    const { code } = await createLinkCode(db, official.username, clock.now(), cli);

    await fake.until(() => fake.callsOf('setMyCommands').length > 0, 'setMyCommands');
    const menu = JSON.parse(JSON.stringify(fake.callsOf('setMyCommands')[0]!.params.commands)) as unknown;
    const entries = (typeof menu === 'string' ? JSON.parse(menu) : menu) as { command: string; description: string }[];
    expect(entries.map((entry) => entry.command)).toEqual([
      'viec',
      'xong',
      'hoantac',
      'mo',
      'giao',
      'huy',
      'nhac',
      'quahan',
      'tinhtrang',
      'hoan',
      'pakn',
      'hoso',
      'baocao',
      'lienket',
      'giup',
    ]);
    expect(entries.find((entry) => entry.command === 'quahan')?.description).toBe(
      'Việc quá hạn: của bạn, hoặc của đơn vị nếu bạn là lãnh đạo',
    );

    fake.enqueueText({ chatId: 3001, fromId: 3001, text: `/start ${code}` });
    await fake.until(() => fake.sentTo(3001).length === 1, 'link reply');
    expect(fake.sentTo(3001)[0]!.text).toMatch(/^✅ Đã liên kết: từ nay bot nhắc việc cho Lê Thị Bích/);

    fake.enqueueText({ chatId: 3001, fromId: 3001, text: `/xong ${overdue.id}` });
    await fake.until(() => fake.sentTo(3001).length === 2, 'done reply');
    expect(fake.sentTo(3001)[1]!.text).toBe(
      `✅ Đã ghi nhận xong việc #${overdue.id} «Báo cáo tháng 11» — quá hạn 1 ngày làm việc so với hạn chót.`,
    );
    expect(await findTask(db, overdue.id)).toMatchObject({ status: 'done' });

    // In a group, with the bot's name appended: the same parser and the sender's identity; the
    // personal list goes to the sender's private chat, the group only reads a note (issue #10).
    fake.enqueueText({ chatId: -100200, chatType: 'supergroup', fromId: 3001, text: '/viec@NhacViecBot' });
    await fake.until(() => fake.sentTo(-100200).length === 1, 'group note');
    expect(fake.sentTo(-100200)[0]).toMatchObject({
      text: '🔒 Đã gửi riêng cho anh/chị Lê Thị Bích kết quả /viec.',
      buttons: [],
    });
    await fake.until(() => fake.sentTo(3001).length === 3, 'private list');
    const list = fake.sentTo(3001)[2]!;
    expect(list.text).toContain(`#${other.id} Báo cáo quý`);
    expect(list.buttons).toEqual([{ text: `✅ Xong #${other.id}`, callbackData: `/xong ${other.id}` }]);
    // A button press in a group acts as its sender too.
    fake.enqueueCallback({
      chatId: -100200,
      chatType: 'supergroup',
      fromId: 3001,
      data: list.buttons[0]!.callbackData,
    });
    await waitFor(async () => (await findTask(db, other.id))?.status === 'done', 'button closes the task');
  });

  it('answers a group with "message the bot" when the asker cannot be reached privately', async () => {
    const { fake, db } = await startOnFakeTelegram();
    const official = await makeOfficial(db, { fullName: 'Trần Văn Cường' });
    await db.chatIdentity.create({ data: { channel: 'telegram', externalId: '3002', officialId: official.id } });
    const task = await makeTask(db, {
      assigneeUsername: official.username,
      title: 'Báo cáo riêng',
      dueDate: '2026-11-20' as LocalDate,
    });
    // Telegram refuses a bot's first message to someone who never started it.
    fake.failChat(3002, { status: 403, description: "Forbidden: bot can't initiate conversation with a user" });

    fake.enqueueText({ chatId: -100300, chatType: 'supergroup', fromId: 3002, text: '/quahan' });
    await fake.until(() => fake.sentTo(-100300).length === 1, 'group answer');
    const answer = fake.sentTo(-100300)[0]!.text;
    expect(answer).toContain('hãy nhắn riêng cho bot');
    expect(answer).not.toContain(task.title);
    expect(fake.sent.some((message) => message.text.includes(task.title))).toBe(false);
  });
});

describe('the app on Zalo', () => {
  it('answers Zalo messages through the same router: linking without a slash, and "xong" replied to a reminder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nhacviec-zalo-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const credentialsFile = join(dir, 'zalo.json');
    await writeZaloCredentials(credentialsFile, {
      imei: 'imei-1',
      cookie: [{ key: 'zpw_sek', value: 'first', domain: 'chat.zalo.me' }],
      userAgent: 'test',
    });

    const fakeTelegram = await FakeTelegramServer.start('123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ_test');
    cleanups.push(() => fakeTelegram.close());
    const zalo = new FakeZaloApi();
    const clock = new ManualClock(NOW);
    const config = parseConfig({
      DATABASE_URL: sqlite(),
      ZALO_CREDENTIALS_FILE: credentialsFile,
      TELEGRAM_BOT_TOKEN: fakeTelegram.token,
      TELEGRAM_API_ROOT: fakeTelegram.apiRoot,
    });
    const app = await startApp({ config, clock, logger: createLogger('silent'), zaloConnect: async () => zalo });
    cleanups.push(() => app.stop());
    zalo.connect();
    const db = asTestStore(app.database.store);
    const official = await makeOfficial(db, { fullName: 'Vũ Thị Giang' });
    const task = await makeTask(db, {
      assigneeUsername: official.username,
      title: 'Cập nhật CSDL quốc gia',
      dueDate: '2026-11-23' as LocalDate,
    });
    const { code } = await createLinkCode(db, official.username, clock.now(), cli);

    zalo.emitMessage(textMessage({ threadId: 'u77', from: 'u77', text: `lienket ${code}` }));
    await waitFor(() => zalo.sent.length === 1, 'link reply on Zalo');
    expect(zalo.sent[0]).toMatchObject({ threadId: 'u77', text: expect.stringMatching(/^✅ Đã liên kết/) });

    zalo.emitMessage(
      textMessage({
        threadId: 'u77',
        from: 'u77',
        text: 'đã xong',
        quote: `🔔 Hôm nay đến hạn: #${task.id} Cập nhật CSDL quốc gia`,
      }),
    );
    await waitFor(() => zalo.sent.length === 2, 'done reply on Zalo');
    // Zalo shows no buttons: the undo is a line saying what to type.
    expect(zalo.sent[1]!.text).toBe(
      `✅ Đã ghi nhận xong việc #${task.id} «Cập nhật CSDL quốc gia» — đúng hạn 👍.\n\n` +
        `👉 ↩️ Hoàn tác: gõ /hoantac ${task.id}`,
    );
    expect(await findTask(db, task.id)).toMatchObject({ status: 'done' });

    // Zalo trouble reaches the office admin on Telegram.
    const admin = await makeOfficial(db, { role: 'admin' });
    const adminCode = (await createLinkCode(db, admin.username, clock.now(), cli)).code;
    fakeTelegram.enqueueText({ chatId: 4001, fromId: 4001, text: `/lienket ${adminCode}` });
    await fakeTelegram.until(() => fakeTelegram.sentTo(4001).length === 1, 'admin linked');
    zalo.drop(3000, 'DuplicateConnection');
    await fakeTelegram.until(() => fakeTelegram.sentTo(4001).length === 2, 'alert to the admin');
    expect(fakeTelegram.sentTo(4001)[1]!.text).toMatch(/^⚠️ Bot Zalo đã ngừng nhận tin/);
  });

  it('answers a "xong" sent to Zalo while the bot was stopped, after it starts again (the marker is in the database)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nhacviec-zalo-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const credentialsFile = join(dir, 'zalo.json');
    await writeZaloCredentials(credentialsFile, {
      imei: 'imei-1',
      cookie: [{ key: 'zpw_sek', value: 'first', domain: 'chat.zalo.me' }],
      userAgent: 'test',
    });
    const clock = new ManualClock(NOW);
    const config = parseConfig({ DATABASE_URL: sqlite(), ZALO_CREDENTIALS_FILE: credentialsFile });
    const before = new FakeZaloApi();
    const first = await startApp({ config, clock, logger: createLogger('silent'), zaloConnect: async () => before });
    before.connect();
    const db = asTestStore(first.database.store);
    const official = await makeOfficial(db, { fullName: 'Vũ Thị Giang' });
    const task = await makeTask(db, { assigneeUsername: official.username, title: 'Báo cáo quý' });
    const { code } = await createLinkCode(db, official.username, clock.now(), cli);
    before.emitMessage(textMessage({ threadId: 'u77', from: 'u77', text: `lienket ${code}` }));
    await waitFor(() => before.sent.length === 1, 'link reply on Zalo');
    await first.stop();

    before.emitMessage(textMessage({ threadId: 'u77', from: 'u77', text: `xong ${task.id}` }));
    const after = new FakeZaloApi();
    after.history.push(...before.history);
    const second = await startApp({ config, clock, logger: createLogger('silent'), zaloConnect: async () => after });
    cleanups.push(() => second.stop());
    after.connect();
    await waitFor(() => after.sent.length === 1, 'the late "xong" answered');
    expect(after.sent[0]!.text).toMatch(/^✅ Đã ghi nhận xong việc #\d+/);
    expect(await findTask(asTestStore(second.database.store), task.id)).toMatchObject({ status: 'done' });
  });

  it('warns at start, naming the file and chmod 600, when the Zalo credentials file is readable by others', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nhacviec-zalo-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const credentialsFile = join(dir, 'zalo.json');
    await writeZaloCredentials(credentialsFile, { imei: 'imei-1', cookie: [], userAgent: 'test' });
    const start = async () => {
      let logged = '';
      const sink = new Writable({
        write(chunk, _encoding, done) {
          logged += String(chunk);
          done();
        },
      });
      const config = parseConfig({ DATABASE_URL: sqlite(), ZALO_CREDENTIALS_FILE: credentialsFile });
      const app = await startApp({
        config,
        clock: new ManualClock(NOW),
        logger: createLogger('warn', sink),
        zaloConnect: async () => new FakeZaloApi(),
      });
      await app.stop();
      return logged;
    };
    expect(await start()).not.toContain('chmod 600');
    chmodSync(credentialsFile, 0o644);
    const logged = await start();
    expect(logged).toContain(`chmod 600 ${credentialsFile}`);
    expect(logged).toContain('"mode":"0644"');
  });

  it('starts with Zalo unreachable, alerts the admin on Telegram, and keeps Telegram answering', async () => {
    const url = sqlite();
    await applyMigrations(url);
    const seed = await openDatabase(url);
    const admin = await makeOfficial(asTestStore(seed.store), { role: 'admin' });
    await asTestStore(seed.store).chatIdentity.create({
      data: { channel: 'telegram', externalId: '4001', officialId: admin.id },
    });
    await seed.close();

    const fakeTelegram = await FakeTelegramServer.start('123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ_test');
    cleanups.push(() => fakeTelegram.close());
    const config = parseConfig({
      DATABASE_URL: url,
      ZALO_CREDENTIALS_FILE: '/nonexistent/zalo.json',
      TELEGRAM_BOT_TOKEN: fakeTelegram.token,
      TELEGRAM_API_ROOT: fakeTelegram.apiRoot,
    });
    const app = await startApp({
      config,
      clock: new ManualClock(NOW),
      logger: createLogger('silent'),
      zaloConnect: async () => {
        throw Object.assign(new Error('getaddrinfo ENOTFOUND wpa.chat.zalo.me'), { code: 'ENOTFOUND' });
      },
    });
    cleanups.push(() => app.stop());
    await fakeTelegram.until(() => fakeTelegram.sentTo(4001).length === 1, 'alert to the admin');
    expect(fakeTelegram.sentTo(4001)[0]!.text).toBe(`⚠️ ${UNREACHABLE_AT_START_ALERT}`);
    fakeTelegram.enqueueText({ chatId: 4001, fromId: 4001, text: '/giup' });
    await fakeTelegram.until(() => fakeTelegram.sentTo(4001).length === 2, 'Telegram still answers');
  });
});
