// The session cookie and the guard in front of every console page: no session, no page (GET
// goes to the sign-in form); a POST without the session's CSRF token is refused (synchronizer
// token: a page of another site cannot read it, so it cannot forge a form of ours).
import type { IncomingMessage } from 'node:http';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { html } from 'hono/html';
import type { Official } from '../../domain/model.ts';
import type { WebConsole } from '../../services/web-console.ts';
import { page } from './layout.ts';

export const SESSION_COOKIE = 'nhacviec_session';

export interface ConsoleEnv {
  Bindings: { incoming?: IncomingMessage };
  Variables: { official: Official; csrfToken: string };
}

/**
 * HttpOnly (no script reads it), SameSite=Lax (not sent on another site's POST), Secure whenever
 * the console is served over https (WEB_BASE_URL): on a plain-http intranet address a Secure
 * cookie would never come back and nobody could sign in.
 */
export function setSessionCookie(c: Context, token: string, maxAgeSeconds: number, secure: boolean): void {
  setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Lax', secure, path: '/', maxAge: maxAgeSeconds });
}

export function clearSessionCookie(c: Context, secure: boolean): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure });
}

const PUBLIC_PATHS = ['/dang-nhap', '/dang-nhap/lien-ket'];

export function requireSession(service: WebConsole): MiddlewareHandler<ConsoleEnv> {
  return async (c, next) => {
    if (PUBLIC_PATHS.includes(c.req.path)) return next();
    const token = getCookie(c, SESSION_COOKIE);
    const session = token ? await service.session(token) : undefined;
    if (!session) {
      if (c.req.method === 'GET') return c.redirect('/dang-nhap', 303);
      return c.html(
        page({ title: 'Phiên đã hết' }, html`<p>Phiên đăng nhập đã hết. <a href="/dang-nhap">Đăng nhập lại</a>.</p>`),
        401,
      );
    }
    if (c.req.method === 'POST') {
      const form = await c.req.parseBody();
      if (form._csrf !== session.csrfToken)
        return c.html(
          page(
            { title: 'Yêu cầu bị từ chối' },
            html`<p>Biểu mẫu này không hợp lệ hoặc đã cũ (thiếu mã chống giả mạo). Hãy tải lại trang rồi thử lại.</p>`,
          ),
          403,
        );
    }
    c.set('official', session.official);
    c.set('csrfToken', session.csrfToken);
    c.header('Cache-Control', 'no-store');
    await next();
  };
}
