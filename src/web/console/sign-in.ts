// Sign-in without passwords: the official types their username, the bot sends a one-time link to
// their linked chat. Opening the link shows a button; only pressing it (a POST) spends the link
// and opens the session — chat apps fetch links for previews, and a preview must not use it up.
import type { Context, Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { html } from 'hono/html';
import { UserError } from '../../domain/errors.ts';
import type { WebConsole } from '../../services/web-console.ts';
import type { AttemptLimiter } from './attempt-limiter.ts';
import { page } from './layout.ts';
import { clearSessionCookie, SESSION_COOKIE, setSessionCookie, type ConsoleEnv } from './session.ts';

const LINK_FAILURES = {
  unknown: 'Liên kết đăng nhập không đúng. Hãy xin liên kết mới.',
  used: 'Liên kết đăng nhập này đã được dùng. Mỗi liên kết chỉ dùng được một lần: hãy xin liên kết mới.',
  expired: 'Liên kết đăng nhập đã hết hạn (10 phút). Hãy xin liên kết mới.',
  inactive: 'Tài khoản này đã ngừng hoạt động.',
} as const;

const TOO_MANY = 'Bạn đã thử đăng nhập quá nhiều lần. Hãy đợi ít phút rồi thử lại.';

function signInForm(message?: { kind: 'ok' | 'err'; text: string }) {
  return page(
    { title: 'Đăng nhập', ...(message ? { notice: message } : {}) },
    html`<div class="box">
      <p>
        Nhập tên đăng nhập của bạn. Bot sẽ gửi một liên kết đăng nhập (dùng một lần, trong 10 phút) vào Telegram hoặc
        Zalo đã liên kết với bạn.
      </p>
      <form method="post" action="/dang-nhap" class="inline">
        <label>Tên đăng nhập <input name="username" autocomplete="username" required autofocus /></label>
        <button>Gửi liên kết đăng nhập</button>
      </form>
    </div>`,
  );
}

export function signInRoutes(app: Hono<ConsoleEnv>, service: WebConsole, limiter: AttemptLimiter, secure: boolean) {
  const clientOf = (c: Context) =>
    c.req.header('x-forwarded-for')?.split(',')[0]?.trim() || c.env?.incoming?.socket?.remoteAddress || 'local';

  app.get('/dang-nhap', async (c) => c.html(signInForm()));

  app.post('/dang-nhap', async (c) => {
    if (!limiter.allow(clientOf(c))) return c.html(signInForm({ kind: 'err', text: TOO_MANY }), 429);
    const form = await c.req.parseBody();
    const username = typeof form.username === 'string' ? form.username.trim() : '';
    if (username === '') return c.html(signInForm({ kind: 'err', text: 'Hãy nhập tên đăng nhập.' }), 400);
    try {
      await service.requestSignInLink(username);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      const status = error.code === 'SIGN_IN_RATE_LIMITED' ? 429 : 400;
      return c.html(signInForm({ kind: 'err', text: error.message }), status);
    }
    return c.html(
      signInForm({
        kind: 'ok',
        text: 'Bot đã gửi liên kết đăng nhập vào chat của bạn. Mở liên kết đó trên thiết bị này trong 10 phút.',
      }),
    );
  });

  app.get('/dang-nhap/lien-ket', (c) => {
    const token = c.req.query('token') ?? '';
    return c.html(
      page(
        { title: 'Đăng nhập' },
        html`<div class="box">
          <form method="post" action="/dang-nhap/lien-ket">
            <input type="hidden" name="token" value="${token}" />
            <p>Bấm nút dưới đây để đăng nhập vào trang quản trị nhắc việc.</p>
            <button>Đăng nhập</button>
          </form>
        </div>`,
      ),
    );
  });

  app.post('/dang-nhap/lien-ket', async (c) => {
    if (!limiter.allow(clientOf(c))) return c.html(signInForm({ kind: 'err', text: TOO_MANY }), 429);
    const form = await c.req.parseBody();
    const token = typeof form.token === 'string' ? form.token : '';
    const result = await service.redeemSignInLink(token);
    if (!result.ok) return c.html(signInForm({ kind: 'err', text: LINK_FAILURES[result.reason] }), 400);
    setSessionCookie(c, result.sessionToken, result.maxAgeSeconds, secure);
    return c.redirect('/tong-quan', 303);
  });

  app.post('/dang-xuat', async (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) await service.signOut(token);
    clearSessionCookie(c, secure);
    return c.html(signInForm({ kind: 'ok', text: 'Bạn đã đăng xuất.' }));
  });

  app.post('/dang-xuat/moi-noi', async (c) => {
    const ended = await service.signOutEverywhere(c.get('official'));
    clearSessionCookie(c, secure);
    return c.html(signInForm({ kind: 'ok', text: `Bạn đã đăng xuất khỏi mọi nơi (${ended} phiên).` }));
  });
}
