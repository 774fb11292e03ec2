// Characters that hide, reorder or break text: a right-to-left override makes "gpj.exe" read as
// "exe.jpg", a zero-width space makes two names that look alike differ, a newline splits a line
// of `official list` in two. Names, unit names and titles refuse them wherever they enter; chat
// messages are cleaned of them before parsing (src/chat/normalize.ts).
import { UserError } from './errors.ts';

/** Zero-width characters, bidi embeddings/overrides/isolates/marks and the BOM. */
export const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;
/** C0/C1 control characters (NUL, newline, tab… included) and DEL. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const CONTROL = /[\u0000-\u001F\u007F-\u009F]/g;

function describe(char: string): string {
  const code = `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  if (char === '\n' || char === '\r') return `xuống dòng (${code})`;
  if (char === '\t') return `tab (${code})`;
  if (/[\u202A-\u202E\u2066-\u2069]/.test(char)) return `ký tự đảo chiều chữ (${code})`;
  if (/[\u200B-\u200F\u2060-\u2065\uFEFF]/.test(char)) return `ký tự vô hình (${code})`;
  return `ký tự điều khiển (${code})`;
}

/** Why `text` cannot be a name or a title, in Vietnamese; undefined when it can. */
export function unsafeTextReason(text: string): string | undefined {
  const found = text.match(new RegExp(`${INVISIBLE.source}|${CONTROL.source}`, 'u'));
  return found ? `có ${describe(found[0])}, không được dùng trong tên hay tiêu đề` : undefined;
}

/** `text` itself, or a UserError naming the field and the character (nothing is written). */
export function requireSafeText(text: string, field: string): string {
  const reason = unsafeTextReason(text);
  if (reason) throw new UserError(`${field} ${reason}.`, 'UNSAFE_TEXT');
  return text;
}
