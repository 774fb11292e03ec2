// A database URL as it may be shown to a person or written to a log: the password masked, the
// rest (user, host, database) kept so the reader can still tell which database is meant.
// Works on a whole message too (an error that quotes the URL), masking every URL in it.
export function maskDatabaseUrl(url: string): string {
  return url
    .replace(/\b([a-z][a-z0-9+.-]*:\/\/[^:/?#@\s]*:)[^/?#\s]*@/gi, '$1***@')
    .replace(/([?&]password=)[^&#]*/gi, '$1***');
}
