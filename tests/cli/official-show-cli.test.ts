// `official show <username>` from the command line: the official, their chat links, and each unlink
// still undoable with the exact `--undo` command — which works as printed; once undone, or a day
// later, it is no longer mentioned.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOW } from '../chat/chat-harness.ts';
import { makeOfficial, makeUnit } from '../support/factories.ts';
import { cli as runCli } from '../support/run-cli.ts';
import { createTestDatabase, testProviders, type TestDatabase } from '../support/test-databases.ts';

const providers = await testProviders();
const DAY_LATER = new Date(new Date(NOW).getTime() + 24 * 3_600_000 + 60_000).toISOString();

describe.each(providers)('official show on %s', (provider) => {
  let database: TestDatabase;
  const db = () => database.client;
  const cli = (args: string[], now = NOW) => runCli(database.url, args, { NHACVIEC_FAKE_NOW: now });
  let n = 0;

  async function linkedOfficial() {
    const unit = await makeUnit(db(), { code: `XEM${++n}` });
    const official = await makeOfficial(db(), {
      unitCode: unit.code,
      username: `xemcanbo${n}`,
      fullName: 'Lê Văn Xem',
    });
    await db().chatIdentity.createMany({
      data: [
        { channel: 'telegram', externalId: `t${n}`, officialId: official.id },
        { channel: 'zalo', externalId: `z${n}`, officialId: official.id },
      ],
    });
    return official;
  }

  beforeAll(async () => {
    database = await createTestDatabase(provider);
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('mentions the undoable unlink with the exact --undo command, which restores it as printed', async () => {
    const official = await linkedOfficial();
    const plain = await cli(['official', 'show', official.username]);
    expect(plain).toMatchObject({ code: 0, stderr: '' });
    expect(plain.stdout).toBe(
      `${official.username} — Lê Văn Xem (XEM${n}, member)\nTelegram: đã liên kết. Zalo: đã liên kết.`,
    );

    expect((await cli(['official', 'unlink', official.username, '--channel', 'telegram'])).code).toBe(0);
    const unlink = await db().auditEvent.findFirstOrThrow({
      where: { action: 'identity.unlink' },
      orderBy: { id: 'desc' },
    });
    const shown = await cli(['official', 'show', official.username]);
    expect(shown).toMatchObject({ code: 0, stderr: '' });
    const command = `official unlink ${official.username} --undo ${unlink.id}`;
    expect(shown.stdout).toBe(
      [
        `${official.username} — Lê Văn Xem (XEM${n}, member)`,
        'Telegram: chưa. Zalo: đã liên kết.',
        'Gỡ liên kết còn hoàn tác được (trong 24 giờ):',
        `  lần ${unlink.id}: 23/11/2026 08:00, dòng lệnh (CLI), gỡ Telegram t${n} — hoàn tác: ${command}`,
      ].join('\n'),
    );
    const json = JSON.parse((await cli(['official', 'show', official.username, '--json'])).stdout);
    expect(json).toMatchObject({
      username: official.username,
      channels: ['zalo'],
      undoableUnlinks: [{ auditId: unlink.id, restores: [{ channel: 'telegram', externalId: `t${n}` }] }],
    });

    const undone = await cli(command.split(' '));
    expect(undone).toMatchObject({ code: 0, stderr: '' });
    const after = await cli(['official', 'show', official.username]);
    expect(after.stdout).toContain('Telegram: đã liên kết. Zalo: đã liên kết.');
    expect(after.stdout).not.toContain('--undo');
  });

  it('no longer mentions an unlink a day later', async () => {
    const official = await linkedOfficial();
    expect((await cli(['official', 'unlink', official.username])).code).toBe(0);
    expect((await cli(['official', 'show', official.username])).stdout).toContain('--undo');
    const later = await cli(['official', 'show', official.username], DAY_LATER);
    expect(later).toMatchObject({ code: 0, stderr: '' });
    expect(later.stdout).toBe(`${official.username} — Lê Văn Xem (XEM${n}, member)\nTelegram: chưa. Zalo: chưa.`);
  });

  it('refuses an unknown username, in Vietnamese', async () => {
    const result = await cli(['official', 'show', 'khongco']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/khongco/);
    expect(result.stdout).toBe('');
  });
});
