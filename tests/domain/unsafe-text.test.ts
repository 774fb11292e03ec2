import { describe, expect, it } from 'vitest';
import { unsafeTextReason } from '../../src/domain/unsafe-text.ts';

describe('text that may be a name or a title', () => {
  it.each(['Lê Thị Bích', 'Phòng Tư pháp (PTP) – tổ 1', 'Báo cáo KSTTHC tháng 11/2026: "đúng hạn"', 'Nguyễn Văn Ân'])(
    'accepts ordinary Vietnamese: %s',
    (text) => {
      expect(unsafeTextReason(text)).toBeUndefined();
    },
  );

  it.each([
    ['Lê Thị\nBích', 'xuống dòng (U+000A)'],
    ['Lê\tBích', 'tab (U+0009)'],
    ['gpj.\u202Eexe', 'ký tự đảo chiều chữ (U+202E)'],
    ['Lê\u2067Bích', 'ký tự đảo chiều chữ (U+2067)'],
    ['Lê\u200BBích', 'ký tự vô hình (U+200B)'],
    ['\uFEFFLê Bích', 'ký tự vô hình (U+FEFF)'],
    ['Lê\u0000Bích', 'ký tự điều khiển (U+0000)'],
    ['Lê\u0085Bích', 'ký tự điều khiển (U+0085)'],
  ])('refuses %j, naming the character', (text, named) => {
    expect(unsafeTextReason(text)).toBe(`có ${named}, không được dùng trong tên hay tiêu đề`);
  });
});
