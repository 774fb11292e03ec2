// Nhắc việc lỗi (office only): the reminders and notices the bot gave up on — when, to whom,
// about which task, why — each with a button that queues it again (audited `web`).
import type { Context, Hono } from 'hono';
import { html } from 'hono/html';
import { formatVietnamTime } from '../../domain/local-date.ts';
import type { UserError } from '../../domain/errors.ts';
import type { FailuresConsole } from '../../services/web-console-failures.ts';
import { csrfField, page } from './layout.ts';
import { refusalOf, refusalStatus } from './refusal.ts';
import type { ConsoleEnv } from './session.ts';

const KIND_LABELS = { reminder: 'Lời nhắc', notice: 'Thông báo' } as const;

export function failedDeliveriesPage(app: Hono<ConsoleEnv>, failures: FailuresConsole): void {
  app.get('/nhac-viec-loi', (c) => view(c, failures));

  app.post('/nhac-viec-loi/:kind{nhac|thong-bao}/:id{[0-9]+}/gui-lai', async (c) => {
    const kind = c.req.param('kind') === 'nhac' ? 'reminder' : 'notice';
    const id = Number(c.req.param('id'));
    const result = await refusalOf(() => failures.retryDelivery(c.get('official'), kind, id));
    if ('refusal' in result) return view(c, failures, result.refusal);
    return c.redirect(`/nhac-viec-loi?gui-lai=${kind === 'reminder' ? 'nhac' : 'thong-bao'}-${id}`, 303);
  });
}

async function view(c: Context<ConsoleEnv>, failures: FailuresConsole, refusal?: UserError) {
  const official = c.get('official');
  const base = { official, csrfToken: c.get('csrfToken'), title: 'Nhắc việc lỗi' };
  const listed = await refusalOf(() => failures.failedDeliveries(official));
  if ('refusal' in listed)
    return c.html(page({ ...base, notice: { kind: 'err', text: listed.refusal.message } }, html``), 403);
  const rows = listed.value;
  const retried = c.req.query('gui-lai');
  let notice: { kind: 'ok' | 'err'; text: string } | undefined;
  if (refusal) notice = { kind: 'err', text: refusal.message };
  else if (retried)
    notice = { kind: 'ok', text: 'Đã xếp lại để gửi; bot sẽ gửi ở lượt quét tới (trong vòng một phút).' };
  const csrf = csrfField(c.get('csrfToken'));
  return c.html(
    page(
      { ...base, ...(notice ? { notice } : {}) },
      html`<p class="muted">
          Lời nhắc và thông báo bot đã thôi gửi (chưa liên kết chat, bị chặn, tài khoản ngừng…), mới nhất trước. Sửa
          nguyên nhân (ví dụ cán bộ liên kết lại bằng /lienket) rồi bấm Gửi lại.
        </p>
        <div class="box scroll">
          <table class="stack">
            <thead>
              <tr>
                <th>Loại</th>
                <th>Lúc</th>
                <th>Cán bộ</th>
                <th>Việc / nội dung</th>
                <th>Lý do</th>
                <th></th>
              </tr>
            </thead>
            <tbody>
              ${rows.map(
                (row) =>
                  html`<tr>
                    <td>${KIND_LABELS[row.kind]} #${row.id}</td>
                    <td data-label="Lúc">${formatVietnamTime(row.at)}</td>
                    <td data-label="Cán bộ">
                      ${row.recipient.fullName} <span class="muted">${row.recipient.username}</span>
                    </td>
                    <td data-label="Việc">
                      ${row.taskId !== null ? html`<a href="/viec/${row.taskId}">#${row.taskId}</a> ` : ''}${row.what}
                    </td>
                    <td data-label="Lý do" class="bad">${row.reason}</td>
                    <td data-label="">
                      <form
                        method="post"
                        action="/nhac-viec-loi/${row.kind === 'reminder' ? 'nhac' : 'thong-bao'}/${row.id}/gui-lai"
                      >
                        ${csrf}<button>Gửi lại</button>
                      </form>
                    </td>
                  </tr>`,
              )}
            </tbody>
          </table>
          ${rows.length === 0 ? html`<p class="muted">Không có lời nhắc hay thông báo nào bị lỗi.</p>` : ''}
        </div>`,
    ),
    refusal ? refusalStatus(refusal) : 200,
  );
}
