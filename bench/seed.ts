// Seeds a benchmark database with raw SQL in one transaction (Prisma would take minutes for 1M rows).
import Database from 'better-sqlite3';
import { addDays, type LocalDate } from '../src/domain/local-date.ts';
import { sqlitePath } from '../src/db/database.ts';
import { applyMigrations } from '../src/db/migrate/migrations.ts';

/** The benchmarks' "today": a Tuesday, a working day, so reminders go out at the send time. */
export const TODAY = '2026-11-24' as LocalDate;

/**
 * `tasks` open tasks spread over four years (planned: next reminder date set, as the planner
 * leaves them), `dueToday` of them due today; `officials` people linked on Telegram, all in unit B.
 */
export async function seed(url: string, tasks: number, officials: number, dueToday: number): Promise<void> {
  await applyMigrations(url);
  const sqlite = new Database(sqlitePath(url));
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = OFF');
  const now = new Date().toISOString().replace('Z', '+00:00');
  sqlite.transaction(() => {
    sqlite.prepare(`INSERT INTO "Unit" (id, code, name, createdAt) VALUES (1, 'B', 'Đơn vị', ?)`).run(now);
    const official = sqlite.prepare(
      `INSERT INTO "Official" (id, username, fullName, unitId, role, active, createdAt) VALUES (?, ?, ?, 1, 'member', 1, ?)`,
    );
    const identity = sqlite.prepare(
      `INSERT INTO "ChatIdentity" (channel, externalId, officialId, createdAt) VALUES ('telegram', ?, ?, ?)`,
    );
    for (let i = 1; i <= officials; i++) {
      official.run(i, `u${i}`, `Cán bộ ${i}`, now);
      identity.run(String(100_000 + i), i, now);
    }
    const task = sqlite.prepare(
      `INSERT INTO "Task" (title, unitId, assigneeId, targetDate, dueDate, status, nextReminderOn, createdAt, updatedAt) VALUES (?, 1, ?, ?, ?, 'open', ?, ?, ?)`,
    );
    for (let i = 0; i < tasks; i++) {
      const isDue = i < dueToday;
      const due = isDue ? TODAY : addDays('2027-01-04' as LocalDate, i % 1460);
      const next = isDue ? TODAY : addDays(due, -5);
      task.run(`Việc ${i}`, (i % officials) + 1, due, due, next, now, now);
    }
  })();
  sqlite.close();
}
