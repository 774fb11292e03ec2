import { describe, expect, it } from 'vitest';
import { normalizeMobile, uniqueUsername, usernameBase } from '../../src/domain/official-identity.ts';
import { roleOfTitle } from '../../src/import/officials/official-rows.ts';

describe('usernames made from a Vietnamese name', () => {
  it.each([
    ['Lê Thị Bích', 'lethib'],
    ['Nguyễn Văn An', 'nguyenvana'],
    ['Đặng  Thị Ánh  Tuyết', 'dangthianht'],
    ['  ĐỖ HỮU ĐỨC ', 'dohuud'],
    ['Y Blơng', 'yb'],
    ['Thảo', 'thao'],
  ])('%s → %s', (name, username) => expect(usernameBase(name)).toBe(username));

  it('adds the first free number when the name is taken', () => {
    expect(uniqueUsername('lethib', new Set())).toBe('lethib');
    expect(uniqueUsername('lethib', new Set(['lethib']))).toBe('lethib2');
    expect(uniqueUsername('lethib', new Set(['lethib', 'lethib2', 'lethib3']))).toBe('lethib4');
  });
});

describe('Vietnamese mobile numbers', () => {
  it.each([
    ['0912 345 678', '0912345678'],
    ['+84 912.345.678', '0912345678'],
    ['84981234567', '0981234567'],
    ['912345678', '0912345678'],
    ['(035) 123-4567', '0351234567'],
    ['0701234567', '0701234567'],
  ])('%s is %s', (text, phone) => expect(normalizeMobile(text)).toBe(phone));

  it.each(['024 3825 1234', '0211234567', '091234567', '09123456789', '0912abc678', '0311234567', ''])(
    '%s is not one',
    (text) => expect(normalizeMobile(text)).toBeUndefined(),
  );
});

describe('roles from a staff list title', () => {
  it.each([
    ['', 'member'],
    ['Chuyên viên chính', 'member'],
    ['Trưởng phòng', 'head'],
    ['PHÓ TRƯỞNG PHÒNG', 'head'],
    ['Chánh Văn phòng', 'head'],
    ['Quản trị', 'admin'],
    ['head', 'head'],
  ])('%s → %s', (title, role) => expect(roleOfTitle(title)).toBe(role));

  it('knows no other role', () => {
    expect(roleOfTitle('Bảo vệ')).toBeUndefined();
    expect(roleOfTitle('Trưởng thôn phó')).toBeUndefined();
  });
});
