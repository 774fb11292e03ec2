// Dates and ids as people type them (chat, CLI, imports): a date must lie in 2000–2100 and an id
// is a plain decimal number. Issue #10: `1/1/1900` showed 46 341 days overdue, `31/12/2199`
// ended in an internal error, and the CLI read `0x10` as #16 and `1e3` as #1000.
import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import {
  oneTaskId,
  optionalTaskIds,
  taskIdsThenNote,
  taskIdThenReason,
  taskIdThenUsername,
} from '../../src/chat/arguments.ts';
import { dateArgument, taskIdArgument } from '../../src/cli/arguments.ts';
import {
  addDays,
  dateRangeMessage,
  isLocalDate,
  localDate,
  parseLocalDate,
  type LocalDate,
} from '../../src/domain/local-date.ts';
import type { AssigneeResolver } from '../../src/import/one-stop/assignee-resolver.ts';
import { parseRegisterRows } from '../../src/import/one-stop/register-rows.ts';
import { parseDeadlinePhrase } from '../../src/import/plan/deadline-phrase.ts';
import { parseReportMonth } from '../../src/reports/month.ts';

describe('dates a person writes', () => {
  it.each(['01/01/2000', '2000-01-01', '31/12/2100', '2100-12-31', '29/02/2096'])('accepts %s', (text) => {
    expect(parseLocalDate(text)).toBeDefined();
  });

  it.each([
    ['01/01/1900', 'Ngày 01/01/1900 nằm ngoài khoảng 2000–2100.'],
    ['1/1/1900', 'Ngày 01/01/1900 nằm ngoài khoảng 2000–2100.'],
    ['31/12/1999', 'Ngày 31/12/1999 nằm ngoài khoảng 2000–2100.'],
    ['2101-01-01', 'Ngày 01/01/2101 nằm ngoài khoảng 2000–2100.'],
    ['31/12/2199', 'Ngày 31/12/2199 nằm ngoài khoảng 2000–2100.'],
  ])('refuses %s, saying why', (text, message) => {
    expect(parseLocalDate(text)).toBeUndefined();
    expect(dateRangeMessage(text)).toBe(message);
  });

  it('says nothing about the range for a date that is not real or is inside it', () => {
    expect(dateRangeMessage('31/02/2026')).toBeUndefined();
    expect(dateRangeMessage('hôm nay')).toBeUndefined();
    expect(dateRangeMessage('23/11/2026')).toBeUndefined();
  });

  it('leaves internal date arithmetic free of the bound', () => {
    expect(localDate(1999, 12, 31)).toBe('1999-12-31');
    expect(addDays('2100-12-31' as LocalDate, 1)).toBe('2101-01-01');
    expect(isLocalDate('1950-06-01')).toBe(true);
  });

  it('refuses the CLI date with the range message', () => {
    expect(() => dateArgument('31/12/2199')).toThrow(
      new InvalidArgumentError('Ngày 31/12/2199 nằm ngoài khoảng 2000–2100.'),
    );
    expect(() => dateArgument('31/02/2026')).toThrow(/không hợp lệ/);
    expect(dateArgument('31/12/2100')).toBe('2100-12-31');
  });

  it('refuses a report month outside the range', () => {
    expect(parseReportMonth('01/1900')).toBeUndefined();
    expect(parseReportMonth('2199-12')).toBeUndefined();
    expect(parseReportMonth('11/2026')?.key).toBe('2026-11');
  });

  it('refuses a plan deadline outside the range, saying why', () => {
    expect(parseDeadlinePhrase('Trước ngày 01/01/1900')).toMatchObject({
      kind: 'unknown',
      reason: 'ngày 01/01/1900 nằm ngoài khoảng 2000–2100',
    });
  });

  it('refuses a one-stop row whose date is outside the range, saying why', () => {
    const rows = [
      { rowNumber: 1, cells: ['Mã hồ sơ', 'Ngày tiếp nhận', 'Người xử lý'] },
      { rowNumber: 2, cells: ['PAKN-1', '01/01/1900', 'lan.nt'] },
      { rowNumber: 3, cells: ['PAKN-2', '2199-12-31 08:00', 'lan.nt'] },
    ];
    const { rows: read, refused } = parseRegisterRows('pakn.csv', rows, 'received', {} as AssigneeResolver);
    expect(read).toEqual([]);
    expect(refused).toEqual([
      { row: 2, code: 'PAKN-1', reason: 'Ngày 01/01/1900 nằm ngoài khoảng 2000–2100.' },
      { row: 3, code: 'PAKN-2', reason: 'Ngày 31/12/2199 nằm ngoài khoảng 2000–2100.' },
    ]);
  });
});

describe('task ids on the CLI', () => {
  it.each([
    ['12', 12],
    ['#12', 12],
    ['999999999', 999_999_999],
  ])('reads %j as %i', (text, id) => {
    expect(taskIdArgument(text)).toBe(id);
  });

  it.each(['0x10', '1e3', '12abc', ' 12', '12 ', '+12', '-1', '0', '1.0', '', '#', '0b11', '１２'])(
    'refuses %j',
    (text) => {
      expect(() => taskIdArgument(text)).toThrow(/không phải số hiệu việc/);
    },
  );
});

describe('task ids in chat', () => {
  it.each(['0x10', '1e3', '12abc', '+12', '1.0', '１２'])('refuses %j in every id schema', (text) => {
    expect(oneTaskId.safeParse(text).success).toBe(false);
    expect(taskIdsThenNote.safeParse([text]).success).toBe(false);
    expect(optionalTaskIds.safeParse([text]).success).toBe(false);
    expect(taskIdThenReason.safeParse([text]).success).toBe(false);
    expect(taskIdThenUsername.safeParse([text, 'tranvanc']).success).toBe(false);
  });

  it('reads plain decimal ids', () => {
    expect(taskIdsThenNote.parse(['#12,13', 'xong'])).toEqual({ ids: [12, 13], note: 'xong' });
  });
});
