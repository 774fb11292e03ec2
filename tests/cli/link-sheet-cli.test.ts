// Link sheets: the office prints one card per official not yet on board; each card's QR code,
// read back from the printed page, is a Telegram deep link whose code the bot accepts.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from '../../src/app/app.ts';
import { parseConfig } from '../../src/config/config.ts';
import { ManualClock } from '../../src/domain/clock.ts';
import { createLogger } from '../../src/logging/logger.ts';
import { FakeTelegramServer } from '../channels/fake-telegram-server.ts';
import { cli as actor, makeOfficial, makeUnit } from '../support/factories.ts';
import { cli as runCli } from '../support/run-cli.ts';
import { asTestStore, freshSqliteUrl, type TestStore } from '../support/test-databases.ts';
import { createLinkCode } from '../../src/db/store/link-codes.ts';

const NOW = '2026-11-23T08:00:00+07:00';
// jsqr is CommonJS whose types declare an ES default export: under NodeNext the default import is
// typed as the module; at run time it is the function itself.
const jsQR = jsQRModule.default;

/** Every QR code on the PDF's pages, top to bottom: pdftoppm renders, jsQR reads. */
function readQrCodes(pdf: string, dir: string): string[] {
  const prefix = join(dir, `page-${Date.now()}`);
  execFileSync('pdftoppm', ['-r', '100', '-png', pdf, prefix]);
  const pages = readdirSync(dir)
    .filter((name) => name.startsWith(prefix.slice(dir.length + 1)) && name.endsWith('.png'))
    .sort();
  const found: string[] = [];
  for (const page of pages) {
    const png = PNG.sync.read(readFileSync(join(dir, page)));
    // Four cards a page, each QR inside its own quarter of the page: jsQR reads one code an image.
    const quarter = Math.floor(png.height / 4);
    for (let index = 0; index < 4; index++) {
      const strip = new PNG({ width: png.width, height: quarter });
      PNG.bitblt(png, strip, 0, index * quarter, png.width, quarter, 0, 0);
      const code = jsQR(new Uint8ClampedArray(strip.data), strip.width, strip.height);
      if (code) found.push(code.data);
    }
  }
  return found;
}

describe('link-sheet against the fake Telegram Bot API', () => {
  let fake: FakeTelegramServer;
  let app: App;
  let db: TestStore;
  let url: string;
  let dir: string;
  const cleanups: (() => void | Promise<void>)[] = [];
  const telegramEnv = () => ({
    NHACVIEC_FAKE_NOW: NOW,
    TELEGRAM_BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.apiRoot,
  });
  const cli = (args: string[], env: Record<string, string> = telegramEnv()) => runCli(url, args, env);
  const linkCodes = async () => JSON.stringify(await db.linkCode.findMany({ orderBy: { id: 'asc' } }));
  let chatId = 5000;
  /** A person sends `/start <code>` (what Telegram sends when the deep link is opened); the bot's answer. */
  const start = async (code: string): Promise<string> => {
    const chat = ++chatId;
    fake.enqueueText({ chatId: chat, fromId: chat, text: `/start ${code}` });
    await fake.until(() => fake.sentTo(chat).length === 1, `answer to /start in chat ${chat}`);
    return fake.sentTo(chat)[0]!.text;
  };

  beforeAll(async () => {
    fake = await FakeTelegramServer.start('123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ_test');
    cleanups.push(() => fake.close());
    const sqlite = freshSqliteUrl();
    url = sqlite.url;
    cleanups.push(sqlite.cleanup);
    dir = mkdtempSync(join(tmpdir(), 'nhacviec-sheet-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const config = parseConfig({ DATABASE_URL: url, TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot });
    app = await startApp({ config, clock: new ManualClock(NOW), logger: createLogger('silent') });
    cleanups.push(() => app.stop());
    db = asTestStore(app.database.store);
  });
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it("prints a card per unlinked official of the unit, and each card's QR links that person's chat on /start", async () => {
    await makeUnit(db, { code: 'PTP', name: 'Phòng Tư pháp' });
    await makeUnit(db, { code: 'VP', name: 'Văn phòng Sở' });
    const names = ['Lê Thị Bích', 'Trần Văn Cường', 'Phạm Thị Dung', 'Hoàng Văn Em', 'Vũ Thị Giang'];
    for (const [index, fullName] of names.entries())
      await makeOfficial(db, { username: `ptp${index}`, fullName, unitCode: 'PTP' });
    const linked = await makeOfficial(db, { username: 'ptplinked', fullName: 'Đỗ Hữu Đức', unitCode: 'PTP' });
    await db.chatIdentity.create({ data: { channel: 'telegram', externalId: '4999', officialId: linked.id } });
    await makeOfficial(db, { username: 'vpone', fullName: 'Nguyễn Văn An', unitCode: 'VP' });

    const pdf = join(dir, 's.pdf');
    const result = await cli(['link-sheet', '--unit', 'PTP', '--out', pdf, '--json']);
    expect(result.code, result.stderr).toBe(0);
    const printed = JSON.parse(result.stdout);
    expect(printed.cards.map((card: { username: string }) => card.username).sort()).toEqual([
      'ptp0',
      'ptp1',
      'ptp2',
      'ptp3',
      'ptp4',
    ]);
    expect(printed.cards[0]).toMatchObject({
      unitName: 'Phòng Tư pháp',
      expiresAt: expect.stringMatching(/^2026-11-30T01:00:/),
      zaloText: expect.stringMatching(/^lienket [A-Z0-9]{10}$/),
    });
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');

    const links = readQrCodes(pdf, dir);
    expect(links).toHaveLength(5);
    const codes = links.map((link) => {
      const match = /^https:\/\/t\.me\/NhacViecBot\?start=([A-Z0-9]{10})$/.exec(link);
      expect(match, link).not.toBeNull();
      return match![1]!;
    });
    expect(codes.sort()).toEqual(printed.cards.map((card: { code: string }) => card.code).sort());

    const answers = [];
    for (const code of codes) answers.push(await start(code));
    for (const answer of answers) expect(answer).toMatch(/^✅ Đã liên kết: từ nay bot nhắc việc cho /);
    expect(answers.map((answer) => names.find((name) => answer.includes(name)))).toHaveLength(5);
    expect(await db.chatIdentity.count({ where: { official: { unit: { code: 'PTP' } } } })).toBe(6);

    // Everyone of PTP is on board now: nothing to print, nothing written.
    const before = await linkCodes();
    const nothing = await cli(['link-sheet', '--unit', 'PTP', '--out', join(dir, 'again.pdf')]);
    expect(nothing).toMatchObject({ code: 1 });
    expect(nothing.stderr).toContain('Mọi cán bộ của PTP đã liên kết tài khoản chat');
    expect(await linkCodes()).toBe(before);
  });

  it("revokes a person's earlier unused codes when a new sheet is printed for them", async () => {
    const first = await cli(['link-sheet', '--unit', 'VP', '--out', join(dir, 'vp1.html'), '--json']);
    expect(first.code, first.stderr).toBe(0);
    const oldCode = JSON.parse(first.stdout).cards[0].code as string;
    const second = await cli(['link-sheet', '--unit', 'VP', '--out', join(dir, 'vp2.html'), '--json']);
    const newCode = JSON.parse(second.stdout).cards[0].code as string;
    expect(newCode).not.toBe(oldCode);
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { action: 'link-code.sheet' },
      orderBy: { id: 'desc' },
    });
    expect(JSON.parse(audit.payload!)).toMatchObject({ username: 'vpone', before: { unusedLinkCodes: 1 } });

    expect(await start(oldCode)).toContain('đã bị Văn phòng Sở thu hồi');
    expect(await start(newCode)).toMatch(/^✅ Đã liên kết: từ nay bot nhắc việc cho Nguyễn Văn An/);
  });

  it('writes an HTML sheet with the QR as inline SVG, the Zalo line and the expiry, using TELEGRAM_BOT_USERNAME', async () => {
    const unit = await makeUnit(db, { code: 'PHC', name: 'Phòng Hành chính tư pháp' });
    await makeOfficial(db, { username: 'phcone', fullName: 'Vũ Thị Giang', unitCode: unit.code });
    const html = join(dir, 'phc.html');
    const result = await cli(['link-sheet', '--unit', 'PHC', '--out', html, '--json'], {
      NHACVIEC_FAKE_NOW: NOW,
      TELEGRAM_BOT_USERNAME: '@SoTuPhapBot',
      LINK_SHEET_DAYS: '3',
    });
    expect(result.code, result.stderr).toBe(0);
    const [card] = JSON.parse(result.stdout).cards;
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('<svg');
    expect(page).toContain('Vũ Thị Giang');
    expect(page).toContain(`lienket ${card.code}`);
    expect(page).toContain(`https://t.me/SoTuPhapBot?start=${card.code}`);
    expect(page).toContain('Hết hạn: 26/11/2026 08:00');
  });

  it('says how to name the bot when neither TELEGRAM_BOT_USERNAME nor a token is set, and creates no code', async () => {
    const unit = await makeUnit(db, { code: 'PXD', name: 'Phòng Xây dựng' });
    const official = await makeOfficial(db, { username: 'pxdone', fullName: 'Bùi Văn Hải', unitCode: unit.code });
    const earlier = await createLinkCode(db, official.username, new Date(NOW), actor);
    const before = await linkCodes();
    const result = await cli(['link-sheet', '--unit', 'PXD', '--out', join(dir, 'pxd.pdf')], {
      NHACVIEC_FAKE_NOW: NOW,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Đặt TELEGRAM_BOT_USERNAME=<tên bot, không có @> trong .env');
    expect(await linkCodes()).toBe(before);

    // A sheet that cannot be written leaves the earlier code valid and adds none.
    const unwritable = await cli(['link-sheet', '--unit', 'PXD', '--out', join(dir, 'khong-co', 'pxd.pdf')]);
    expect(unwritable.code).toBe(1);
    expect(unwritable.stderr).toContain('Không ghi được tệp');
    expect(await linkCodes()).toBe(before);
    expect(await start(earlier.code)).toMatch(/^✅ Đã liên kết: từ nay bot nhắc việc cho Bùi Văn Hải/);
  });

  it('refuses an output that is neither .pdf nor .html', async () => {
    const result = await cli(['link-sheet', '--out', join(dir, 's.docx')]);
    expect(result).toMatchObject({ code: 1 });
    expect(result.stderr).toContain('phải có đuôi .pdf hoặc .html');
  });
});
