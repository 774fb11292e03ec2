// The whole bot with its web console over real HTTP and the fake Telegram Bot API: a head asks
// for a sign-in link, receives it in Telegram, sees only their unit tree, reassigns a task of
// their unit; the new assignee is told in Telegram and `audit --task` shows the channel `web`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from '../../src/app/app.ts';
import { parseConfig } from '../../src/config/config.ts';
import { ManualClock } from '../../src/domain/clock.ts';
import type { LocalDate } from '../../src/domain/local-date.ts';
import { createLogger } from '../../src/logging/logger.ts';
import { createPendingUpload } from '../../src/db/store/pending-uploads.ts';
import { FakeTelegramServer } from '../channels/fake-telegram-server.ts';
import { makeOfficial, makeTask, makeUnit } from '../support/factories.ts';
import { cli } from '../support/run-cli.ts';
import { asTestStore, freshSqliteUrl, type TestStore } from '../support/test-databases.ts';

// A Monday inside working hours: notices go out at the next sweep.
const NOW = '2026-11-23T09:00:00+07:00';

describe('the web console in the running bot', () => {
  let fake: FakeTelegramServer;
  let app: App;
  let db: TestStore;
  let url: string;
  const cleanups: (() => void | Promise<void>)[] = [];

  beforeAll(async () => {
    fake = await FakeTelegramServer.start('123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ_test');
    cleanups.push(() => fake.close());
    const sqlite = freshSqliteUrl();
    url = sqlite.url;
    cleanups.push(sqlite.cleanup);
    const config = parseConfig({
      DATABASE_URL: url,
      TELEGRAM_BOT_TOKEN: fake.token,
      TELEGRAM_API_ROOT: fake.apiRoot,
      WEB_PORT: '0',
    });
    app = await startApp({ config, clock: new ManualClock(NOW), logger: createLogger('silent'), web: true });
    cleanups.push(() => app.stop());
    db = asTestStore(app.database.store);
  });
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('signs a head in through Telegram; they reassign within their unit and the assignee is told', async () => {
    await makeUnit(db, { code: 'SO', name: 'Sở Tư pháp' });
    await makeUnit(db, { code: 'PTP', name: 'Phòng Tư pháp', parentCode: 'SO' });
    await makeUnit(db, { code: 'PHC', name: 'Phòng Hành chính tư pháp', parentCode: 'SO' });
    const head = await makeOfficial(db, { username: 'lethib', fullName: 'Lê Thị Bích', unitCode: 'PTP', role: 'head' });
    const member = await makeOfficial(db, { username: 'tranvanc', fullName: 'Trần Văn Cường', unitCode: 'PTP' });
    const colleague = await makeOfficial(db, { username: 'dohuud', fullName: 'Đỗ Hữu Đức', unitCode: 'PTP' });
    const outsider = await makeOfficial(db, { username: 'vuthig', fullName: 'Vũ Thị Giang', unitCode: 'PHC' });
    for (const [official, chat] of [
      [head, '4001'],
      [member, '4002'],
      [colleague, '4003'],
    ] as const)
      await db.chatIdentity.create({ data: { channel: 'telegram', externalId: chat, officialId: official.id } });
    const due = '2026-11-27' as LocalDate;
    const task = await makeTask(db, { title: 'Báo cáo KSTTHC tháng', assigneeUsername: member.username, dueDate: due });
    const hidden = await makeTask(db, {
      title: 'Việc của phòng khác',
      assigneeUsername: outsider.username,
      dueDate: due,
    });

    const form = (fields: Record<string, string>) => ({
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...(cookie ? { Cookie: cookie } : {}) },
      body: new URLSearchParams(fields).toString(),
      redirect: 'manual' as const,
    });
    let cookie = '';
    const asked = await fetch(`${app.webUrl}/dang-nhap`, form({ username: 'lethib' }));
    expect(asked.status).toBe(200);
    await fake.until(() => fake.sentTo(4001).length === 1, 'the sign-in link in Telegram');
    const link = /http:\/\/\S+\/dang-nhap\/lien-ket\?token=([\w-]+)/.exec(fake.sentTo(4001)[0]!.text);
    expect(link, fake.sentTo(4001)[0]!.text).not.toBeNull();

    const signedIn = await fetch(`${app.webUrl}/dang-nhap/lien-ket`, form({ token: link![1]! }));
    expect(signedIn.status).toBe(303);
    cookie = signedIn.headers.get('set-cookie')!.split(';')[0]!;
    const dashboard = await (await fetch(`${app.webUrl}/tong-quan`, { headers: { Cookie: cookie } })).text();
    expect(dashboard).toContain('Phòng Tư pháp');
    expect(dashboard).not.toContain('Phòng Hành chính tư pháp');
    const forbidden = await fetch(`${app.webUrl}/viec/${hidden.id}`, { headers: { Cookie: cookie } });
    expect(forbidden.status).toBe(403);

    const taskPage = await (await fetch(`${app.webUrl}/viec/${task.id}`, { headers: { Cookie: cookie } })).text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(taskPage)![1]!;
    const reassigned = await fetch(
      `${app.webUrl}/viec/${task.id}/giao-lai`,
      form({ _csrf: csrf, username: colleague.username }),
    );
    expect(reassigned.status).toBe(303);

    await app.sweep();
    await fake.until(() => fake.sentTo(4003).length === 1, 'the notice to the new assignee');
    expect(fake.sentTo(4003)[0]!.text).toContain(`Việc #${task.id} «Báo cáo KSTTHC tháng» đã được giao cho anh/chị`);
    await fake.until(() => fake.sentTo(4002).length === 1, 'the notice to the former assignee');
    expect(fake.sentTo(4002)[0]!.text).toContain('đã được chuyển cho Đỗ Hữu Đức');

    const audit = await cli(url, ['audit', '--task', String(task.id), '--json'], { NHACVIEC_FAKE_NOW: NOW });
    expect(audit.code, audit.stderr).toBe(0);
    const entries = JSON.parse(audit.stdout) as { action: string; channel: string; username: string | null }[];
    expect(entries.find((entry) => entry.action === 'task.reassign')).toMatchObject({
      channel: 'web',
      username: 'lethib',
    });
  });

  it('forgets uploads waiting for confirmation once their 30 minutes are up, at each sweep', async () => {
    const official = await makeOfficial(db, { role: 'admin' });
    const keep = (expiresAt: Date) =>
      createPendingUpload(db, {
        officialId: official.id,
        purpose: 'plan',
        fileName: 'ke-hoach.csv',
        bytes: new Uint8Array([1]),
        now: new Date(new Date(NOW).getTime() - 31 * 60_000),
        expiresAt,
      });
    await keep(new Date(new Date(NOW).getTime() - 60_000));
    await keep(new Date(new Date(NOW).getTime() + 60_000));
    expect(await db.pendingUpload.count({ where: { officialId: official.id } })).toBe(2);
    await app.sweep();
    const left = await db.pendingUpload.findMany({ where: { officialId: official.id } });
    expect(left.map((row) => row.expiresAt)).toEqual([new Date(new Date(NOW).getTime() + 60_000)]);
  });
});
