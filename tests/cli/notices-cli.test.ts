import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.ts';
import { applyMigrations } from '../../src/db/migrate/migrations.ts';
import type { NoticeListing } from '../../src/db/store/notice-delivery.ts';
import { makeOfficial, makeUnit } from '../support/factories.ts';
import { cli } from '../support/run-cli.ts';
import { asTestStore, freshSqliteUrl } from '../support/test-databases.ts';

const { url, cleanup } = freshSqliteUrl();
afterAll(() => cleanup());

const NOV_24 = { NHACVIEC_FAKE_NOW: '2026-11-24T09:00:00+07:00' };

describe('notices', () => {
  it('lists the queued notices with recipient, state, text and last error; --failed and --json', async () => {
    await applyMigrations(url);
    const database = await openDatabase(url);
    const db = asTestStore(database.store);
    let username: string;
    try {
      await makeUnit(db, { code: 'PHC', name: 'Phòng Hành chính' });
      const official = await makeOfficial(db, { fullName: 'Trần Văn Cường' });
      username = official.username;
      await db.notice.create({
        data: {
          recipientId: official.id,
          text: 'cũ',
          state: 'failed',
          attempts: 1,
          lastError: 'chưa liên kết Telegram/Zalo (/lienket)',
          nextAttemptAt: new Date('2026-11-20T02:00:00Z'),
        },
      });
    } finally {
      await database.close();
    }
    // A correction from the CLI queues its notice (the CLI sends nothing itself).
    expect((await cli(url, ['official', 'move', username, '--unit', 'PHC'], NOV_24)).code).toBe(0);

    const listed = await cli(url, ['notices']);
    expect(listed.code).toBe(0);
    const lines = listed.stdout.split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      new RegExp(
        `^#2\\t${username} \\(Trần Văn Cường\\)\\tchờ gửi\\t🏢 Từ ngày 24/11/2026, anh/chị chuyển từ .* sang đơn vị PHC \\(Phòng Hành chính\\)\\.$`,
      ),
    );
    expect(lines[1]).toBe(`#1\t${username} (Trần Văn Cường)\tlỗi\tcũ\tchưa liên kết Telegram/Zalo (/lienket)`);

    const failed = await cli(url, ['notices', '--failed', '--json']);
    const rows = JSON.parse(failed.stdout) as NoticeListing[];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      id: 1,
      state: 'failed',
      text: 'cũ',
      lastError: 'chưa liên kết Telegram/Zalo (/lienket)',
      recipient: { username, fullName: 'Trần Văn Cường' },
    });
    const all = JSON.parse((await cli(url, ['notices', '--json'])).stdout) as NoticeListing[];
    expect(all.map((n) => [n.id, n.state])).toEqual([
      [2, 'pending'],
      [1, 'failed'],
    ]);

    // Retry: the failed notice goes back to the queue; the list still works with its subcommand beside it.
    const retried = await cli(url, ['notices', 'retry', '1'], NOV_24);
    expect(retried.stdout).toBe('Đã xếp lại 1 thông báo; bot sẽ gửi ở lượt quét tới.');
    expect((await cli(url, ['notices', '--failed'])).stdout).toBe('Không có thông báo nào bị lỗi.');
    const refused = await cli(url, ['notices', 'retry', '2']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('Thông báo số 2 không ở trạng thái lỗi');
  });

  it('says so when there is nothing to list', async () => {
    const { url: empty, cleanup: done } = freshSqliteUrl();
    try {
      expect((await cli(empty, ['notices'])).stdout).toBe('Chưa có thông báo nào.');
      expect((await cli(empty, ['notices', '--failed'])).stdout).toBe('Không có thông báo nào bị lỗi.');
    } finally {
      done();
    }
  });
});
