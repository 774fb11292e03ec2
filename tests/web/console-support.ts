// A browser in a few lines for HTTP-level tests of the web console: a cookie jar, the CSRF token
// read from the last page, and forms posted as a browser posts them — all through the Hono app's
// own fetch (no socket), against a real database.
import type { Hono } from 'hono';
import { ManualClock } from '../../src/domain/clock.ts';
import type { ReferenceData } from '../../src/domain/reference-data.ts';
import { createWebConsole, type SendToChat, type WebConsole } from '../../src/services/web-console.ts';
import { consoleRoutes } from '../../src/web/console/console-routes.ts';
import { createWebApp } from '../../src/web/server.ts';
import type { TestStore } from '../support/test-databases.ts';

export const BASE_URL = 'http://console.test';

export interface ConsoleUnderTest {
  app: Hono;
  service: WebConsole;
  clock: ManualClock;
  /** What the bot sent to chats: the sign-in links. */
  sent: { channel: string; externalId: string; text: string }[];
}

export function consoleUnderTest(
  db: TestStore,
  start = '2026-11-23T03:00:00Z',
  reference?: ReferenceData,
): ConsoleUnderTest {
  const clock = new ManualClock(start);
  const sent: ConsoleUnderTest['sent'] = [];
  const sendToChat: SendToChat = async (identity, text) => {
    sent.push({ ...identity, text });
    return true;
  };
  const service = createWebConsole({
    store: db,
    clock,
    baseUrl: BASE_URL,
    sendToChat,
    ...(reference ? { reference } : {}),
  });
  const errors: Error[] = [];
  const app = createWebApp([
    consoleRoutes(service, {
      secureCookies: false,
      now: () => clock.now().getTime(),
      logError: (error) => errors.push(error),
    }),
  ]);
  return { app, service, clock, sent };
}

export function tokenOf(url: string): string {
  return new URL(url).searchParams.get('token')!;
}

/** What a Browser talks to: a Hono app (no socket), or real servers behind a test balancer. */
export interface RequestTarget {
  request(url: string, init: RequestInit): Response | Promise<Response>;
}

export class Browser {
  private session: string | undefined;
  csrf: string | undefined;
  lastPage = '';

  constructor(private readonly app: RequestTarget) {}

  get signedIn(): boolean {
    return this.session !== undefined;
  }

  private async send(path: string, init: RequestInit): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.session) headers.set('Cookie', `nhacviec_session=${this.session}`);
    const response = await this.app.request(`${BASE_URL}${path}`, { ...init, headers, redirect: 'manual' });
    const cookie = response.headers.get('set-cookie');
    if (cookie?.startsWith('nhacviec_session=')) {
      const value = cookie.split(';')[0]!.slice('nhacviec_session='.length);
      this.session = value === '' || /Max-Age=0/i.test(cookie) ? undefined : value;
    }
    return response;
  }

  /** The raw response of a GET (downloads), with this browser's session. */
  fetch(path: string): Promise<Response> {
    return this.send(path, { method: 'GET' });
  }

  async get(
    path: string,
  ): Promise<{ status: number; body: string; location: string | null; contentType: string | null }> {
    const response = await this.send(path, { method: 'GET' });
    const body = await response.text();
    this.lastPage = body;
    const csrf = /name="_csrf" value="([^"]*)"/.exec(body)?.[1];
    if (csrf) this.csrf = csrf;
    return {
      status: response.status,
      body,
      location: response.headers.get('location'),
      contentType: response.headers.get('content-type'),
    };
  }

  /** Posts a form; adds this session's CSRF token unless the form says `_csrf` itself. */
  async post(
    path: string,
    form: Record<string, string> = {},
  ): Promise<{ status: number; body: string; location: string | null }> {
    const fields = { ...(this.csrf && !('_csrf' in form) ? { _csrf: this.csrf } : {}), ...form };
    const response = await this.send(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
    const body = await response.text();
    return { status: response.status, body, location: response.headers.get('location') };
  }

  /** Posts a multipart form with one file, as a browser's file input does (CSRF token added). */
  async upload(
    path: string,
    file: { name: string; content: string | Uint8Array },
    form: Record<string, string> = {},
  ): Promise<{ status: number; body: string; location: string | null }> {
    const body = new FormData();
    for (const [name, value] of Object.entries({ ...(this.csrf ? { _csrf: this.csrf } : {}), ...form }))
      body.append(name, value);
    body.append('file', new Blob([file.content]), file.name);
    const response = await this.send(path, { method: 'POST', body });
    const text = await response.text();
    this.lastPage = text;
    return { status: response.status, body: text, location: response.headers.get('location') };
  }

  /** `upload` with the fields first (the import pages' tests). */
  uploadForm(
    path: string,
    fields: Record<string, string>,
    file: { name: string; bytes: Uint8Array | string },
  ): Promise<{ status: number; body: string; location: string | null }> {
    return this.upload(path, { name: file.name, content: file.bytes }, fields);
  }

  /** Signs in with a token as the link's button does, then loads the dashboard (and its CSRF token). */
  async signInWith(token: string): Promise<void> {
    const response = await this.post('/dang-nhap/lien-ket', { token });
    if (response.status !== 303) throw new Error(`sign-in failed: ${response.status} ${response.body}`);
    await this.get('/tong-quan');
  }
}
