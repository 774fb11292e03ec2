// Loose matching of what officials type and what OCR produces: headers, unit and official names,
// statuses and deadline phrases are compared folded (no diacritics, lower case, single spaces),
// so "Cơ quan chủ trì", "CO QUAN CHU TRI" and "co  quan chu tri" are the same thing.
import { foldDiacritics } from '../domain/fold-text.ts';
import { stripControlCharacters } from './control-characters.ts';

/** "Văn phòng Sở  (VP)" → "van phong so (vp)": folded, and runs of spaces and line breaks made one space. */
export function foldText(text: string): string {
  return foldDiacritics(text).replace(/\s+/g, ' ').trim();
}

/** Folded, punctuation turned into spaces: for comparing names word by word. */
export function foldWords(text: string): string {
  return foldText(text)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * Collapses the line breaks and runs of spaces that table cells carry, keeping diacritics, and
 * drops control and bidirectional formatting characters (titles, summaries, notes).
 */
export function tidyText(text: string): string {
  return stripControlCharacters(text).replace(/\s+/g, ' ').trim();
}
