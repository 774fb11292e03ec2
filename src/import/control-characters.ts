// Characters an export cell must not smuggle in: C0 and C1 control characters, and the
// bidirectional formatting characters (embeddings and overrides U+202A–U+202E, isolates
// U+2066–U+2069, the marks U+200E, U+200F, U+061C) that make text display differently from what
// it is ("Trojan Source"). A code carrying one is refused; titles and summaries lose them.

function isControl(codePoint: number): boolean {
  return (
    codePoint <= 0x1f ||
    (codePoint >= 0x7f && codePoint <= 0x9f) ||
    codePoint === 0x061c ||
    codePoint === 0x200e ||
    codePoint === 0x200f ||
    (codePoint >= 0x202a && codePoint <= 0x202e) ||
    (codePoint >= 0x2066 && codePoint <= 0x2069)
  );
}

const WHITESPACE_CONTROLS = new Set(['\t', '\n', '\r', '\v', '\f']);

/** The control characters in `text`, as `U+202E`, in order of appearance, each once. */
export function controlCharacters(text: string): string[] {
  const found = new Set<string>();
  for (const char of text) {
    const codePoint = char.codePointAt(0)!;
    if (isControl(codePoint)) found.add(`U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`);
  }
  return [...found];
}

/** `text` with each control character shown as `<U+202E>`, safe to print in a report. */
export function showControlCharacters(text: string): string {
  return Array.from(text, (char) => {
    const codePoint = char.codePointAt(0)!;
    return isControl(codePoint) ? `<U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}>` : char;
  }).join('');
}

/** Removes control characters, keeping tab and line breaks (whitespace a field may hold). */
export function stripControlCharacters(text: string): string {
  return Array.from(text, (char) =>
    WHITESPACE_CONTROLS.has(char) || !isControl(char.codePointAt(0)!) ? char : '',
  ).join('');
}
