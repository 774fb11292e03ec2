// The Zalo session lives in a JSON file (imei, cookies, user agent) that is as good as a password:
// it is only ever written with mode 0600, atomically, so a crash never leaves half a file.
import { chmod, readFile, rename, writeFile } from 'node:fs/promises';

export interface ZaloCredentials {
  imei: string;
  /** tough-cookie JSON or a browser-extension export; zca-js accepts both. */
  cookie: unknown[];
  userAgent: string;
  language?: string;
}

export async function readZaloCredentials(file: string): Promise<ZaloCredentials> {
  const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
  return parseZaloCredentials(parsed, file);
}

export function parseZaloCredentials(value: unknown, source = 'credentials'): ZaloCredentials {
  const record = (value ?? {}) as Record<string, unknown>;
  // zca-js calls the field `cookie`; browser exporters often say `cookies`, sometimes wrapped
  // as `{ url, cookies }`.
  const rawCookie = record.cookie ?? record.cookies;
  const cookie = Array.isArray(rawCookie) ? rawCookie : (rawCookie as { cookies?: unknown } | undefined)?.cookies;
  if (typeof record.imei !== 'string' || record.imei === '') throw new Error(`${source}: missing imei`);
  if (typeof record.userAgent !== 'string' || record.userAgent === '') throw new Error(`${source}: missing userAgent`);
  if (!Array.isArray(cookie) || cookie.length === 0) throw new Error(`${source}: missing cookie`);
  return {
    imei: record.imei,
    cookie,
    userAgent: record.userAgent,
    ...(typeof record.language === 'string' ? { language: record.language } : {}),
  };
}

export async function writeZaloCredentials(file: string, credentials: ZaloCredentials): Promise<void> {
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temporary, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  // The mode given to writeFile is masked by the umask; make sure.
  await chmod(temporary, 0o600);
  await rename(temporary, file);
}
