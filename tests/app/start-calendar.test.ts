import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshSqliteUrl } from '../support/test-databases.ts';
import { spawnProcess } from '../support/spawn-process.ts';

const startBot = (env: Record<string, string>) =>
  // As npm start runs it (scripts/launch.mjs): tsx's CLI runs the bot in a child and, killed, could exit 143.
  spawnProcess(process.execPath, ['scripts/launch.mjs', 'main'], env);

// Spawned processes transpile on start: on a busy CI machine that alone can take tens of seconds.
describe('npm start and the calendar file', { timeout: 180_000 }, () => {
  it('warns at start on 01/12/2026 that 2027 is provisional: what to add, and where', async () => {
    const { url, cleanup } = freshSqliteUrl();
    try {
      const bot = startBot({ DATABASE_URL: url, NHACVIEC_FAKE_NOW: '2026-12-01T08:00:00+07:00', LOG_LEVEL: 'info' });
      await bot.waitFor('nhacviec started');
      expect(bot.output()).toContain('Lịch nghỉ lễ, Tết năm 2027 chưa có thông báo chính thức');
      expect(bot.output()).toContain('config/calendar.yaml');
      expect(bot.output()).toContain('"year":2027');
      bot.child.kill('SIGTERM');
      expect((await bot.exited).code).toBe(0);
    } finally {
      cleanup();
    }
  });

  it('refuses to start, exit 2, on a calendar file with contradictory entries, naming file and line', async () => {
    const { url, cleanup } = freshSqliteUrl();
    try {
      const file = join(url.slice('file:'.length, -'test.db'.length), 'calendar.yaml');
      writeFileSync(
        file,
        'daysOff:\n  - { from: 2027-02-04, to: 2027-02-10, name: "Nghỉ Tết Nguyên đán 2027" }\n' +
          '  - { from: 2027-02-15, to: 2027-02-16, name: "Nghỉ Tết Nguyên đán (thêm)" }\n',
      );
      const bot = startBot({ DATABASE_URL: url, CALENDAR_FILE: file });
      expect((await bot.exited).code).toBe(2);
      expect(bot.output()).toContain(`${file}, dòng 3: daysOff[1]: năm 2027 có hai kỳ nghỉ Tết Nguyên đán`);
    } finally {
      cleanup();
    }
  });
});
