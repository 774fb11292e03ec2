import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SHIPPED_CALENDAR_FILE } from '../../src/domain/calendar/announcements.ts';
import { cli } from '../support/run-cli.ts';
import { freshSqliteUrl } from '../support/test-databases.ts';

const { url, cleanup } = freshSqliteUrl();
afterAll(() => cleanup());

const DECEMBER_2026 = { NHACVIEC_FAKE_NOW: '2026-12-01T09:00:00+07:00' };

function calendarFile(name: string, text: string): string {
  const file = join(url.slice('file:'.length, -'test.db'.length), name);
  writeFileSync(file, text);
  return file;
}

describe('calendar check', () => {
  it('on 01/12/2026 names 2027 as provisional, says what to add where, and exits 1', async () => {
    const result = await cli(url, ['calendar', 'check'], DECEMBER_2026);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Năm tạm tính trong 120 ngày tới (đến 31/03/2027): 2027.');
    expect(result.stdout).toContain(SHIPPED_CALENDAR_FILE);
    expect(result.stdout).toContain('- { year: 2027, source: "Thông báo số …/TB-BNV ngày …" }');
    expect(result.stdout).toContain('- { from: 2027-02-04, to: 2027-02-10, name: "Nghỉ Tết Nguyên đán 2027" }');
  });

  it('gives the same as JSON', async () => {
    const result = await cli(url, ['calendar', 'check', '--json'], DECEMBER_2026);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual({
      file: SHIPPED_CALENDAR_FILE,
      today: '2026-12-01',
      until: '2027-03-31',
      provisionalYears: [2027],
    });
  });

  it('exits 0 when every year within 120 days is announced', async () => {
    const result = await cli(url, ['calendar', 'check'], { NHACVIEC_FAKE_NOW: '2026-06-01T09:00:00+07:00' });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/hợp lệ; các năm đến 29\/09\/2026 đều đã có thông báo chính thức\.$/);
  });

  it('exits 0 on 01/12/2026 once 2027 is added to the announced years', async () => {
    const file = calendarFile(
      'announced-2027.yaml',
      readFileSync(SHIPPED_CALENDAR_FILE, 'utf8').replace(
        'announced:\n',
        'announced:\n  - { year: 2027, source: "Thông báo thử" }\n',
      ),
    );
    const result = await cli(url, ['calendar', 'check'], { ...DECEMBER_2026, CALENDAR_FILE: file });
    expect(result).toMatchObject({ code: 0, stderr: '' });
  });

  it('refuses a contradictory calendar file with its line and reason, exit 2', async () => {
    const file = calendarFile(
      'contradictory.yaml',
      'daysOff:\n  - { date: 2027-02-08, name: "Nghỉ" }\nworkingDays:\n  - { date: 2027-02-08, name: "Làm bù" }\n',
    );
    const result = await cli(url, ['calendar', 'check'], { ...DECEMBER_2026, CALENDAR_FILE: file });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `${file}, dòng 4: workingDays[0]: ngày 08/02/2027 vừa là ngày làm việc vừa là ngày nghỉ (daysOff, dòng 2)`,
    );
  });
});

describe('calendar days-off marks provisional years', () => {
  it('heads 2027 with TẠM TÍNH and marks each day in JSON', async () => {
    const text = await cli(url, ['calendar', 'days-off', '2027']);
    expect(text.stdout.split('\n')[0]).toMatch(/^Năm 2027: TẠM TÍNH — chưa có thông báo chính thức/);
    const json = JSON.parse((await cli(url, ['calendar', 'days-off', '2027', '--json'])).stdout) as {
      provisional: boolean;
    }[];
    expect(json.every((day) => day.provisional)).toBe(true);
  });

  it('does not mark an announced year (2026)', async () => {
    const text = await cli(url, ['calendar', 'days-off', '2026']);
    expect(text.stdout).not.toContain('TẠM TÍNH');
    expect(text.stdout.split('\n')[0]).toBe('2026-01-01\t01/01/2026\tTết Dương lịch');
  });
});
