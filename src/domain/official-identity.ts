// How the office names and reaches an official: usernames made from a Vietnamese name, and mobile
// numbers in the one form the bot stores (0xxxxxxxxx).
import { foldDiacritics } from './fold-text.ts';

/**
 * "Lê Thị Bích" → "lethib": every word of the name but the last in full, then the first letter
 * of the given name, without diacritics — the convention the office already uses (nguyenvana,
 * tranvanc). A one-word name is the word itself.
 */
export function usernameBase(fullName: string): string {
  const words = foldDiacritics(fullName)
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0);
  if (words.length === 0) return '';
  const given = words[words.length - 1]!;
  const base = words.length === 1 ? given : `${words.slice(0, -1).join('')}${given[0]}`;
  return base.slice(0, 30);
}

/** The base, or base2, base3… — the first not in `taken` (which the caller then adds it to). */
export function uniqueUsername(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}${n}`)) return `${base}${n}`;
}

// Vietnamese mobile prefixes since the 2018 renumbering: 03x (Viettel), 05x (Vietnamobile,
// Gmobile), 07x (Mobifone), 08x (Vinaphone, Viettel, iTel…), 09x (all networks).
const MOBILE = /^0(3[2-9]|5[25689]|7[06-9]|8[1-9]|9\d)\d{7}$/;

/**
 * "0912 345 678", "+84 912.345.678", "84912345678", or "912345678" (Excel drops the leading 0 of a
 * number cell) → "0912345678"; undefined for anything that is not a Vietnamese mobile number
 * (landlines 02x, too short or long, letters).
 */
export function normalizeMobile(text: string): string | undefined {
  const trimmed = text.trim();
  if (!/^\+?[\d\s.()-]+$/.test(trimmed)) return undefined;
  let digits = trimmed.replace(/\D/g, '');
  if (digits.startsWith('84') && digits.length === 11) digits = `0${digits.slice(2)}`;
  else if (digits.length === 9) digits = `0${digits}`;
  return MOBILE.test(digits) ? digits : undefined;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isEmailAddress(text: string): boolean {
  return EMAIL.test(text) && text.length <= 254;
}
