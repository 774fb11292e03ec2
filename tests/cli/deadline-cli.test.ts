import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../support/run-cli.ts';
import { freshSqliteUrl } from '../support/test-databases.ts';

const { url, cleanup } = freshSqliteUrl();
afterAll(() => cleanup());

describe('deadline and calendar commands', () => {
  it.each([
    // Monthly report before the 20th: 20/2/2026 falls in Tết (14/2–22/2), so Friday 13/2; the limit's
    // last day 19/2 is a day off, so it legally ends on the first working day after, Monday 23/2.
    [['deadline', 'bao-cao-thang', '--period', '2026-02'], '2026-02-13 (chậm nhất 2026-02-23)'],
    [['deadline', 'bao-cao-thang', '--period', '2026-11'], '2026-11-19'],
    // Before Monday 14/9 and 14/12: the last day is a Sunday, so the limit ends on the Monday.
    [['deadline', 'bao-cao-quy', '--period', '2026-Q3', '--unit', 'PTP'], '2026-09-11 (chậm nhất 2026-09-14)'],
    // The office sends on to UBND tỉnh no later than Saturday 19/9: aim at Friday 18/9, legally Monday 21/9.
    [['deadline', 'bao-cao-quy', '--period', '2026-Q3'], '2026-09-18 (chậm nhất 2026-09-21)'],
    [['deadline', 'bao-cao-nam', '--period', '2026'], '2026-12-11 (chậm nhất 2026-12-14)'],
    // No later than Sunday 5/4: aim at Friday 3/4, legally Monday 6/4.
    [['deadline', 'danh-sach-tre-han', '--period', '2026-04'], '2026-04-03 (chậm nhất 2026-04-06)'],
    // PAKN received 10/2/2026: 3 working days before Tết, 7 after → 3/3.
    [['deadline', 'pakn', '--from', '10/02/2026'], '2026-03-03'],
    [['deadline', 'thu-xin-loi', '--from', '23/02/2026'], '2026-02-13'],
    // 10 working days from Friday 24/4/2026 skip nghỉ bù 27/4 and 30/4–1/5.
    [['deadline', 'quy-trinh-noi-bo', '--from', '2026-04-24'], '2026-05-13'],
    [['calendar', 'is-working-day', '23/02/2026'], 'yes'],
    [['calendar', 'is-working-day', '2026-04-27'], 'no'],
    [['calendar', 'is-working-day', '10/01/2026'], 'yes'],
    [['calendar', 'add-working-days', '2026-02-12', '2'], '2026-02-23'],
    [['calendar', 'add-working-days', '2026-02-23', '-1'], '2026-02-13'],
  ])('%j prints %s', async (args, expected) => {
    const result = await cli(url, args);
    expect(result).toEqual({ code: 0, stdout: expected, stderr: '' });
  });

  it('gives the duty, target and legal due date, each rule in words and reminder dates as JSON', async () => {
    const result = JSON.parse((await cli(url, ['deadline', 'bao-cao-thang', '--period', '2026-02', '--json'])).stdout);
    expect(result).toMatchObject({
      duty: 'bao-cao-thang',
      targetDate: '2026-02-13',
      dueDate: '2026-02-23',
      rule: 'trước ngày 20 hằng tháng',
      targetRule: 'ngày làm việc cuối cùng trước ngày 20',
      reminders: {
        before: ['2026-02-10', '2026-02-12'],
        onDueDay: '2026-02-13',
        // 23/2 is past the target but is the legal last day: reminded, not yet overdue.
        afterTarget: ['2026-02-23'],
        firstOverdueDay: '2026-02-24',
      },
    });
    expect(result.dueRule).toContain('Điều 148 khoản 5 Bộ luật Dân sự 2015');
  });

  it('gives the legal end of "chậm nhất ngày 05" when the 5th is a Sunday (09/2027)', async () => {
    const result = JSON.parse(
      (await cli(url, ['deadline', 'danh-sach-tre-han', '--period', '2027-09', '--json'])).stdout,
    );
    expect(result.dueDate).toBe('2027-09-06');
    expect(result.targetDate < '2027-09-05').toBe(true);
  });

  it('lists the days off of a year with their reasons', async () => {
    const days = JSON.parse((await cli(url, ['calendar', 'days-off', '2026', '--json'])).stdout) as {
      date: string;
      reason: string;
    }[];
    expect(days.map((d) => d.date)).toContain('2026-02-17');
    expect(days.find((d) => d.date === '2026-04-27')?.reason).toMatch(/Nghỉ bù/);
    expect(days.map((d) => d.date)).not.toContain('2026-01-10');
  });

  it.each([
    [['deadline', 'khong-co', '--period', '2026-01'], 'Không có nhiệm vụ mã "khong-co"'],
    [['deadline', 'bao-cao-quy', '--period', '2026-Q4'], 'không có hạn trong kỳ 2026-Q4'],
    [['deadline', 'bao-cao-thang', '--period', '2026-13'], 'không hợp lệ'],
    [['deadline', 'bao-cao-thang'], '--period'],
    [['deadline', 'pakn'], '--from'],
    [['calendar', 'is-working-day', '30/02/2026'], 'không hợp lệ'],
    [['calendar', 'add-working-days', '2026-01-01', 'ba'], 'không phải số nguyên'],
    [['calendar', 'add-working-days', '2026-01-01', '0x10'], 'không phải số nguyên'],
    // issue #10: dates from people lie in 2000–2100
    [['deadline', 'pakn', '--from', '31/12/2199'], 'Ngày 31/12/2199 nằm ngoài khoảng 2000–2100.'],
    [['calendar', 'is-working-day', '01/01/1900'], 'Ngày 01/01/1900 nằm ngoài khoảng 2000–2100.'],
    [['calendar', 'days-off', '1900'], 'Năm 1900 nằm ngoài khoảng 2000–2100.'],
    [['deadline', 'bao-cao-thang', '--period', '1900-02'], 'Kỳ 1900-02 nằm ngoài khoảng 2000–2100.'],
    [['deadline', 'bao-cao-nam', '--period', '2199'], 'Kỳ 2199 nằm ngoài khoảng 2000–2100.'],
  ])('refuses %j clearly', async (args, message) => {
    const result = await cli(url, args);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(message);
  });

  it('lists a reporting chain with both days and its data period', async () => {
    const file = fileURLToPath(new URL('../support/an-giang-stp-duties.yaml', import.meta.url));
    const result = await cli(url, ['duties', 'list'], { DUTIES_FILE: file });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'các phòng gửi Văn phòng Sở chậm nhất ngày 21 hằng tháng; Văn phòng Sở tổng hợp gửi UBND tỉnh trước ngày 23 hằng tháng; số liệu từ ngày 21 của tháng trước kỳ đến ngày 20 của tháng cuối kỳ',
    );
  });

  it('refuses a broken duty catalogue with its line and reason, exit code 2', async () => {
    const file = join(url.slice('file:'.length, -'test.db'.length), 'duties.yaml');
    writeFileSync(
      file,
      'duties:\n  - code: bao-cao-thang\n    title: Báo cáo\n    rule: { kind: monthly, due: before, day: 40 }\n',
    );
    const result = await cli(url, ['duties', 'list'], { DUTIES_FILE: file });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/duties\.yaml, dòng 4/);
  });

  it('refuses a broken calendar file with its line and reason, exit code 2', async () => {
    const file = join(url.slice('file:'.length, -'test.db'.length), 'calendar.yaml');
    writeFileSync(
      file,
      'daysOff:\n  - 2026-01-01\n  - { from: 2026-03-05, to: 2026-03-01, name: "Ngược" }\nworkingDays: []\n',
    );
    const result = await cli(url, ['calendar', 'is-working-day', '2026-03-02'], { CALENDAR_FILE: file });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/calendar\.yaml, dòng 3/);
  });
});
