import { describe, expect, it } from 'vitest';
import {
  CalendarFileError,
  loadCalendarFile,
  parseCalendarYaml,
  SHIPPED_CALENDAR_FILE,
} from '../../../src/domain/calendar/announcements.ts';
import { thrownBy, writeTempFile } from '../helpers.ts';

function refusal(text: string): CalendarFileError {
  const path = writeTempFile('calendar.yaml', text);
  const error = thrownBy(() => loadCalendarFile(path));
  expect(error).toBeInstanceOf(CalendarFileError);
  expect(error.message).toContain(path);
  return error as CalendarFileError;
}

describe('calendar announcements file', () => {
  it('accepts the three item forms and expands a from–to range day by day', () => {
    const announcements = parseCalendarYaml(
      [
        'daysOff:',
        '  - 2025-01-02',
        '  - { date: 2025-01-03, name: "Nghỉ theo thông báo A" }',
        '  - from: 2025-04-30',
        '    to: 2025-05-02',
        '    name: Nghỉ lễ',
        'workingDays:',
        '  - { date: 2025-04-26, name: "Làm bù" }',
      ].join('\n'),
      'test.yaml',
    );
    expect(announcements.daysOff.map((day) => day.date)).toEqual([
      '2025-01-02',
      '2025-01-03',
      '2025-04-30',
      '2025-05-01',
      '2025-05-02',
    ]);
    expect(announcements.daysOff[1]?.name).toBe('Nghỉ theo thông báo A');
    expect(announcements.daysOff[4]?.name).toBe('Nghỉ lễ');
    expect(announcements.workingDays).toEqual([{ date: '2025-04-26', name: 'Làm bù' }]);
  });

  it('treats an empty file as no announcements', () => {
    expect(parseCalendarYaml('# nothing announced yet\n', 'empty.yaml')).toEqual({ daysOff: [], workingDays: [] });
  });

  it('ships a config/calendar.yaml that loads', () => {
    const announcements = loadCalendarFile(SHIPPED_CALENDAR_FILE);
    expect(announcements.daysOff.length).toBeGreaterThan(0);
    expect(announcements.workingDays.map((day) => day.date)).toEqual([
      '2024-02-15',
      '2025-02-03',
      '2025-02-08',
      '2024-05-04',
      '2025-04-26',
      '2026-01-10',
      '2026-08-22',
    ]);
  });

  describe('refuses a bad file, naming the file, the line and the reason', () => {
    it('a YAML syntax error (bad indentation)', () => {
      const error = refusal('daysOff:\n  - 2025-01-01\n - 2025-01-02\n');
      expect(error.line).toBe(3);
      expect(error.message).toMatch(/dòng 3: lỗi cú pháp YAML/);
    });

    it('an unclosed flow mapping', () => {
      const error = refusal('daysOff:\n  - 2025-01-01\n  - { from: 2025-02-01, to: 2025-02-03\nworkingDays: []\n');
      expect(error.message).toMatch(/lỗi cú pháp YAML/);
      expect([3, 4]).toContain(error.line);
    });

    it('a key given twice', () => {
      const error = refusal('daysOff: []\nworkingDays: []\ndaysOff: []\n');
      expect(error.line).toBe(3);
    });

    it('an unknown top-level key', () => {
      const error = refusal('# lịch\ndaysOff: []\nholiday:\n  - 2025-01-01\n');
      expect(error.line).toBe(3);
      expect(error.reason).toContain('"holiday"');
    });

    it('an unknown key inside an item', () => {
      const error = refusal('daysOff:\n  - 2025-01-01\n  - { date: 2025-01-02, name: "x", reason: "y" }\n');
      expect(error.line).toBe(3);
      expect(error.reason).toBe('daysOff[1].reason: khóa không được phép "reason"');
    });

    it('a date that does not exist (2025-02-30)', () => {
      const error = refusal('daysOff:\n  - 2025-01-01\n  - 2025-02-30\n');
      expect(error.line).toBe(3);
      expect(error.reason).toContain('2025-02-30');
    });

    it('a date that does not exist inside a block range, pointing at its own line', () => {
      const error = refusal(
        'daysOff:\n  - date: 2025-01-01\n    name: x\n  - from: 2025-02-01\n    to: 2025-02-31\n    name: y\n',
      );
      expect(error.line).toBe(5);
      expect(error.reason).toContain('daysOff[1].to');
    });

    it('a range whose start is after its end', () => {
      const error = refusal('workingDays: []\ndaysOff:\n  - from: 2025-05-04\n    to: 2025-04-30\n    name: x\n');
      expect(error.line).toBe(4);
      expect(error.reason).toContain('trước ngày bắt đầu');
    });

    it('a range longer than a month, which is almost surely a wrong year', () => {
      const error = refusal('daysOff:\n  - { from: 2026-02-14, to: 2027-02-22, name: "Tết" }\n');
      expect(error.line).toBe(2);
    });

    it('an object item without a name', () => {
      const error = refusal('daysOff:\n  - 2025-01-01\n  - { date: 2025-01-02 }\n');
      expect(error.line).toBe(3);
      expect(error.reason).toBe('daysOff[1].name: thiếu (bắt buộc phải có)');
    });

    it('an item that is neither a date nor an object', () => {
      const error = refusal('daysOff:\n  - 20250101\n');
      expect(error.line).toBe(2);
      expect(error.reason).toContain('YYYY-MM-DD');
    });

    it('a file that does not exist', () => {
      const error = thrownBy(() => loadCalendarFile('/nonexistent/calendar.yaml'));
      expect(error).toBeInstanceOf(CalendarFileError);
      expect(error.message).toContain('/nonexistent/calendar.yaml');
      expect((error as CalendarFileError).line).toBeUndefined();
    });
  });
});
