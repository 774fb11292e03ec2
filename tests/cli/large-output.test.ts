// The office pipes CLI output into files (`export tasks --format csv > tre-han.csv`): a large
// output must arrive whole, not cut where the process exited before stdout was flushed.
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.ts';
import { applyMigrations } from '../../src/db/migrate/migrations.ts';
import { spawnProcess } from '../support/spawn-process.ts';
import { asTestStore, freshSqliteUrl } from '../support/test-databases.ts';

const TASKS = 4_000;

describe('the command line piped into another program', { timeout: 180_000 }, () => {
  it('writes a large output whole before it exits', async () => {
    const { url, cleanup } = freshSqliteUrl();
    try {
      await applyMigrations(url);
      const database = await openDatabase(url);
      const db = asTestStore(database.store);
      const unit = await db.unit.create({ data: { code: 'PTP', name: 'Phòng Tư pháp' } });
      const official = await db.official.create({
        data: { username: 'lethib', fullName: 'Lê Thị Bích', unitId: unit.id, role: 'head' },
      });
      await db.task.createMany({
        data: Array.from({ length: TASKS }, (_, i) => ({
          title: `Báo cáo kết quả kiểm soát thủ tục hành chính số ${i} — ${'nội dung dài '.repeat(8)}`,
          unitId: unit.id,
          assigneeId: official.id,
          targetDate: '2026-12-15',
          dueDate: '2026-12-15',
        })),
      });
      await database.close();

      const cli = spawnProcess('npm', ['run', '--silent', 'cli', '--', 'task', 'list', '--json'], {
        DATABASE_URL: url,
      });
      let stdout = '';
      cli.child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      const closed = new Promise<number | null>((resolve) => cli.child.on('close', (code) => resolve(code)));
      expect(await closed, cli.output().slice(-3000)).toBe(0);
      expect(stdout.length).toBeGreaterThan(1_000_000);
      expect(JSON.parse(stdout)).toHaveLength(TASKS);
    } finally {
      cleanup();
    }
  });
});
