// Vietnamese as people type it and as OCR reads it, compared without diacritics: "Quá Hạn",
// "QUA HAN" and "qua han" are the same word. Chat commands and imported tables both fold this way.

/**
 * Bare lower case without diacritics: `Quá Hạn` → `qua han`, `Đã` → `da`. Compatibility forms are
 * split first (NFKD), so the ligature `ﬁ` becomes `fi` and full-width `Ａ` becomes `a`; then every
 * combining mark is dropped. Spaces are left as they are.
 */
export function foldDiacritics(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase();
}
