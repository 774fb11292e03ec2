// The frame of every console page: Vietnamese, one inline style sheet (intranets: nothing is
// loaded from the internet), a menu that wraps on a phone, and tables that scroll inside
// their own box instead of widening the page.
import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { Official } from '../../domain/model.ts';

export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;font-size:16px;line-height:1.45;color:#1b1f24;background:#f4f6f8}
header{background:#0b4f8a;color:#fff;padding:.6rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem 1.2rem;align-items:center}
header a{color:#fff;text-decoration:none;font-weight:600}
header .who{margin-left:auto;font-size:.9rem;display:flex;flex-wrap:wrap;gap:.4rem;align-items:center}
header form{display:inline}
header button{background:transparent;border:1px solid #fff8;color:#fff;padding:.2rem .6rem;border-radius:4px;font-size:.85rem}
main{max-width:72rem;margin:0 auto;padding:1rem}
h1{font-size:1.35rem;margin:.2rem 0 1rem}
h2{font-size:1.1rem;margin:1.5rem 0 .5rem}
.box{background:#fff;border:1px solid #d8dee4;border-radius:6px;padding:1rem;margin-bottom:1rem}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
figure.chart{margin:0 0 1rem}figure.chart svg{display:block;max-width:100%;height:auto}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{padding:.45rem .6rem;border-bottom:1px solid #e3e8ee;text-align:left;vertical-align:top}
th{background:#eef2f6;font-weight:600;white-space:nowrap}
td.n,th.n{text-align:right;white-space:nowrap}
.bad{color:#b42318;font-weight:600}.good{color:#067647;font-weight:600}.muted{color:#5b6571}
.msg{padding:.7rem 1rem;border-radius:6px;margin-bottom:1rem}
.msg.ok{background:#e7f6ec;border:1px solid #a6dcb6}.msg.err{background:#fdecea;border:1px solid #f3b4ad}
form.inline,div.inline{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-end;margin:.5rem 0}
label{display:flex;flex-direction:column;font-size:.9rem;gap:.2rem;min-width:10rem;flex:1 1 10rem}
input,select,button{font:inherit;padding:.45rem .6rem;border:1px solid #b8c2cc;border-radius:4px;max-width:100%}
button{background:#0b4f8a;color:#fff;border-color:#0b4f8a;cursor:pointer}
button.secondary{background:#fff;color:#0b4f8a}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem;margin:0}
dt{color:#5b6571}dd{margin:0;overflow-wrap:anywhere}
@media (max-width:600px){th,td{padding:.4rem}dl{grid-template-columns:1fr}dd{margin-bottom:.4rem}
table.stack thead,table.stack th:empty{display:none}
table.stack tr{display:block;border-bottom:1px solid #d8dee4;padding:.3rem 0}
table.stack td,table.stack th{display:flex;justify-content:space-between;gap:1rem;border:0;padding:.2rem .4rem;text-align:right}
table.stack td:first-child,table.stack th:first-child,table.stack td:not([data-label]){font-weight:600;text-align:left}
table.stack td[data-label]::before,table.stack th[data-label]::before{content:attr(data-label);color:#5b6571;font-weight:400;text-align:left}}
`;

export interface PageOptions {
  title: string;
  official?: Official;
  csrfToken?: string;
  notice?: { kind: 'ok' | 'err'; text: string };
}

const ROLE_NAMES = { admin: 'Văn phòng Sở', head: 'lãnh đạo đơn vị', member: 'cán bộ' } as const;

export function page({ title, official, csrfToken, notice }: PageOptions, body: Html): Html {
  return html`<!doctype html>
    <html lang="vi">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} · Nhắc việc KSTTHC</title>
        <style>
          ${raw(STYLE)}
        </style>
      </head>
      <body>
        <header>
          <a href="/">Nhắc việc KSTTHC</a>
          ${official ? html`<a href="/tong-quan">Tổng quan</a><a href="/viec">Việc</a>` : ''}
          ${official && official.role !== 'member' ? html`<a href="/can-bo">Cán bộ</a><a href="/don-vi">Đơn vị</a>` : ''}
          ${official && official.role !== 'member' ? html`<a href="/bao-cao">Báo cáo</a>` : ''}
          ${official ? html`<a href="/lich">Lịch</a>` : ''}
          ${official?.role === 'admin' ? html`<a href="/nhap">Nhập kế hoạch</a>` : ''}
          ${official?.role === 'admin' ? html`<a href="/nhac-viec-loi">Nhắc việc lỗi</a>` : ''}
          ${
            official
              ? html`<span class="who"
                  >${official.fullName} (${ROLE_NAMES[official.role]})
                  <form method="post" action="/dang-xuat">${csrfField(csrfToken)}<button>Đăng xuất</button></form>
                  <form method="post" action="/dang-xuat/moi-noi">
                    ${csrfField(csrfToken)}<button>Đăng xuất mọi nơi</button>
                  </form></span
                >`
              : ''
          }
        </header>
        <main>
          ${notice ? html`<div class="msg ${notice.kind}" role="status">${notice.text}</div>` : ''}
          <h1>${title}</h1>
          ${body}
        </main>
      </body>
    </html>`;
}

export function csrfField(token: string | undefined): Html {
  return html`<input type="hidden" name="_csrf" value="${token ?? ''}" />`;
}

export function percent(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} %`;
}
