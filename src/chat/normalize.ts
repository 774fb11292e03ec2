// Text as phones send it: NFD or NFC Vietnamese, full-width digits from some keyboards, invisible
// direction marks pasted from documents, stray control characters. Everything the parser compares
// goes through here first.

// Zero-width characters, bidi embeddings/isolates/marks and the BOM: invisible, never meaningful here.
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;
// C0/C1 controls (NUL included) other than whitespace become spaces, so they cannot glue words.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

/** NFKC (full-width ／ and ０-９ become ASCII), without invisible or control characters, trimmed. */
export function cleanText(text: string): string {
  return text.normalize('NFKC').replace(INVISIBLE, '').replace(CONTROL, ' ').trim();
}

/** The words of a message, split on any whitespace. */
export function words(text: string): string[] {
  return text.split(/\s+/u).filter((word) => word !== '');
}
