// Text as phones send it: NFD or NFC Vietnamese, full-width digits from some keyboards, invisible
// direction marks pasted from documents, stray control characters. Everything the parser compares
// goes through here first.

import { CONTROL, INVISIBLE } from '../domain/unsafe-text.ts';

/**
 * NFKC (full-width ／ and ０-９ become ASCII), without invisible characters, control characters
 * as spaces (so they cannot glue words; newlines and tabs stay word breaks), trimmed.
 */
export function cleanText(text: string): string {
  return text.normalize('NFKC').replace(INVISIBLE, '').replace(CONTROL, ' ').trim();
}

/** The words of a message, split on any whitespace. */
export function words(text: string): string[] {
  return text.split(/\s+/u).filter((word) => word !== '');
}
