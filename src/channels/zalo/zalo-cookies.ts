// tough-cookie updates `lastAccessed` (and zca-js's jar other bookkeeping) on every request, so
// comparing whole cookies would rewrite the credentials file after every send. What matters for
// logging in again is each cookie's identity, value and expiry.

type CookieLike = Record<string, unknown>;

/** A canonical text of what a later login needs from the cookies; equal texts, same session. */
export function cookieFingerprint(cookies: readonly unknown[]): string {
  const essentials = cookies.map((cookie) => {
    const { key, name, value, domain, path, expires, expirationDate, maxAge } = (cookie ?? {}) as CookieLike;
    return [key ?? name, domain, path, value, expires ?? expirationDate, maxAge];
  });
  essentials.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  return JSON.stringify(essentials);
}
