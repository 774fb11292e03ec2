// `cli web login-link <username>`: the first admin's way in. The printed link signs in once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.ts';
import { applyMigrations } from '../../src/db/migrate/migrations.ts';
import { systemClock } from '../../src/domain/clock.ts';
import { createWebConsole } from '../../src/services/web-console.ts';
import { makeOfficial } from '../support/factories.ts';
import { cli } from '../support/run-cli.ts';
import { asTestStore, freshSqliteUrl } from '../support/test-databases.ts';

describe('cli web login-link', () => {
  const { url, cleanup } = freshSqliteUrl();
  let database: Database;
  beforeAll(async () => {
    await applyMigrations(url);
    database = await openDatabase(url);
  });
  afterAll(async () => {
    await database.close();
    cleanup();
  });

  it('prints a one-time link under WEB_BASE_URL that opens one session', async () => {
    const admin = await makeOfficial(asTestStore(database.store), { username: 'nguyenvana', role: 'admin' });
    const result = await cli(url, ['web', 'login-link', admin.username], { WEB_BASE_URL: 'https://nhacviec.so.test' });
    expect(result.code).toBe(0);
    const link = /https:\/\/nhacviec\.so\.test\/dang-nhap\/lien-ket\?token=([\w-]+)/.exec(result.stdout);
    expect(link, result.stdout).not.toBeNull();
    expect(result.stdout).toContain('dùng một lần');

    const service = createWebConsole({
      store: database.store,
      clock: systemClock,
      baseUrl: 'https://nhacviec.so.test',
    });
    expect(await service.redeemSignInLink(link![1]!)).toMatchObject({ ok: true });
    expect(await service.redeemSignInLink(link![1]!)).toEqual({ ok: false, reason: 'used' });
    const audit = await asTestStore(database.store).auditEvent.findFirstOrThrow({
      where: { action: 'web.sign-in-link' },
    });
    expect(audit.channel).toBe('cli');
  });

  it('refuses an unknown username in Vietnamese and prints no link', async () => {
    const result = await cli(url, ['web', 'login-link', 'khongco']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('Không có cán bộ đang làm việc với tên đăng nhập "khongco"');
    expect(result.stdout).not.toContain('token=');
  });
});
