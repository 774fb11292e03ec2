// Chat transports cap message length; long replies (task lists) are cut into several messages.
// Cuts prefer line breaks, then spaces, so a cut never lands inside a word unless a single word
// is longer than the limit. The whitespace at a cut is dropped; nothing else is.

export function splitText(text: string, limit: number): string[] {
  if (limit < 2) throw new RangeError(`limit must be at least 2, got ${limit}`);
  const chunks: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    const cut = findCut(rest, limit);
    chunks.push(rest.slice(0, cut.end));
    rest = rest.slice(cut.resume);
  }
  chunks.push(rest);
  return (
    chunks
      // Blank lines at a cut would only show as empty space at the edge of a message.
      .map((chunk) => chunk.replace(/^[\r\n]+|[\r\n]+$/g, ''))
      // A chunk of only whitespace would be rejected by the transport ("message is empty").
      .filter((chunk) => chunk.trim().length > 0)
  );
}

interface Cut {
  /** The chunk is text[0, end). */
  end: number;
  /** The rest starts here (end + 1 when a whitespace character is dropped). */
  resume: number;
}

function findCut(text: string, limit: number): Cut {
  // Looking one character past the limit lets a break right at the limit be used.
  const window = text.slice(0, limit + 1);
  const tooEarly = Math.floor(limit / 2);
  const lineBreak = window.lastIndexOf('\n');
  if (lineBreak > tooEarly) return { end: lineBreak, resume: lineBreak + 1 };
  const space = lastWhitespace(window);
  if (space > tooEarly) return { end: space, resume: space + 1 };
  if (lineBreak > 0) return { end: lineBreak, resume: lineBreak + 1 };
  if (space > 0) return { end: space, resume: space + 1 };
  // One unbroken word: cut hard, but never between the halves of a surrogate pair (emoji).
  const end = isHighSurrogate(text.charCodeAt(limit - 1)) ? limit - 1 : limit;
  return { end, resume: end };
}

function lastWhitespace(text: string): number {
  for (let index = text.length - 1; index >= 0; index--) {
    if (/\s/.test(text[index] ?? '')) return index;
  }
  return -1;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
