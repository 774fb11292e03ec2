import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.ts';
import { applyMigrations } from '../../src/db/migrate/migrations.ts';
import { makeTask } from '../support/factories.ts';
import { cli } from '../support/run-cli.ts';
import { asTestStore, freshSqliteUrl } from '../support/test-databases.ts';

const { url, cleanup } = freshSqliteUrl();
afterAll(() => cleanup());

describe('reminders failed', () => {
  it('lists the reminders given up on, with task, person and reason, for the office', async () => {
    expect((await cli(url, ['reminders', 'failed'])).stdout).toBe('Không có lời nhắc nào bị lỗi.');
    await applyMigrations(url);
    const database = await openDatabase(url);
    const db = asTestStore(database.store);
    try {
      const task = await makeTask(db, { title: 'Báo cáo tháng 11' });
      await db.reminder.create({
        data: {
          taskId: task.id,
          recipientId: (await db.official.findFirstOrThrow()).id,
          slot: 'due',
          scheduledFor: new Date('2026-11-19T01:00:00Z'),
          nextAttemptAt: new Date('2026-11-19T01:00:00Z'),
          state: 'failed',
          attempts: 1,
          lastError: 'chưa liên kết Telegram/Zalo (/lienket)',
        },
      });
    } finally {
      await database.close();
    }
    const listed = await cli(url, ['reminders', 'failed']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(
      new RegExp(
        `^19/11/2026\\t#\\d+\\t\\S+ \\(Cán bộ \\d+\\)\\tchưa liên kết Telegram/Zalo \\(/lienket\\)\\tBáo cáo tháng 11$`,
      ),
    );
    expect(JSON.parse((await cli(url, ['reminders', 'failed', '--json'])).stdout)[0]).toMatchObject({
      lastError: 'chưa liên kết Telegram/Zalo (/lienket)',
      task: { title: 'Báo cáo tháng 11' },
    });
  });

  it('retry queues a failed reminder again, audited as the CLI; a reminder not failed is refused and nothing changes', async () => {
    const id = JSON.parse((await cli(url, ['reminders', 'failed', '--json'])).stdout)[0].id as number;
    const retried = await cli(url, ['reminders', 'retry', String(id)], {
      NHACVIEC_FAKE_NOW: '2026-11-24T09:00:00+07:00',
    });
    expect(retried.code).toBe(0);
    expect(retried.stdout).toBe('Đã xếp lại 1 lời nhắc; bot sẽ gửi ở lượt quét tới.');
    expect((await cli(url, ['reminders', 'failed'])).stdout).toBe('Không có lời nhắc nào bị lỗi.');
    const database = await openDatabase(url);
    const db = asTestStore(database.store);
    try {
      const row = await db.reminder.findUniqueOrThrow({ where: { id } });
      expect(row).toMatchObject({ state: 'pending', attempts: 0, lastError: null });
      // NHACVIEC_FAKE_NOW starts the CLI's clock there and lets it run: due within the minute.
      const dueAfter = row.nextAttemptAt.getTime() - Date.parse('2026-11-24T02:00:00Z');
      expect(dueAfter).toBeGreaterThanOrEqual(0);
      expect(dueAfter).toBeLessThan(60_000);
      const audit = await db.auditEvent.findFirstOrThrow({ where: { action: 'reminder.retried' } });
      expect(audit.channel).toBe('cli');
      expect(JSON.parse(audit.payload!)).toMatchObject({ before: { state: 'failed' }, after: { state: 'pending' } });
    } finally {
      await database.close();
    }
    const again = await cli(url, ['reminders', 'retry', String(id)]);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain(`Lời nhắc số ${id} không ở trạng thái lỗi`);
  });
});
