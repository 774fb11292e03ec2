// Nhập kế hoạch / PAKN / hồ sơ (office only): upload a file → the import's dry run as tables (the
// rows it will write, the fan-out to units and officials, the refused rows with their reasons) →
// confirm, which writes exactly what was shown (the service re-checks) → the import's summary.
import type { Context, Hono } from 'hono';
import { html } from 'hono/html';
import { z } from 'zod';
import { formatVietnamese, formatVietnamTime } from '../../domain/local-date.ts';
import { planReportText, registerReportText } from '../../import/report-text.ts';
import { acceptedExtensions, UPLOAD_KEEP_MINUTES } from '../../services/pending-uploads.ts';
import { uploadCapText } from '../../services/upload-size.ts';
import {
  type ImportKind,
  type ImportPreview,
  type ImportReport,
  type ImportsConsole,
} from '../../services/web-console-imports.ts';
import { csrfField, page, type Html } from './layout.ts';
import { refusalOf, refusalStatus } from './refusal.ts';
import type { ConsoleEnv } from './session.ts';

const KIND_LABELS: Record<ImportKind, string> = {
  plan: 'Kế hoạch KSTTHC (bảng phụ lục nhiệm vụ)',
  pakn: 'PAKN (tệp xuất của hệ thống một cửa)',
  dossiers: 'Hồ sơ (tệp xuất của hệ thống một cửa)',
};

const kindSchema = z.enum(['plan', 'pakn', 'dossiers']);
const tokenSchema = z.string().regex(/^[\w-]{20,64}$/);

export function importsPage(app: Hono<ConsoleEnv>, imports: ImportsConsole): void {
  app.get('/nhap', (c) => uploadForm(c, imports));

  app.post('/nhap/xem-truoc', async (c) => {
    const form = await c.req.parseBody();
    const kind = kindSchema.safeParse(form.kind);
    const file = form.file;
    if (!kind.success) return uploadForm(c, imports, 'Hãy chọn loại dữ liệu cần nhập.', 400);
    if (!(file instanceof File) || file.name === '')
      return uploadForm(c, imports, 'Hãy chọn tệp cần nhập.', 400, kind.data);
    const bytes = new Uint8Array(await file.arrayBuffer());
    const result = await refusalOf(() => imports.preview(c.get('official'), kind.data, { name: file.name, bytes }));
    if ('refusal' in result)
      return uploadForm(
        c,
        imports,
        result.refusal.message,
        result.refusal.code === 'ROLE_FORBIDDEN' ? 403 : 400,
        kind.data,
      );
    return c.redirect(`/nhap/xem-truoc/${result.value.token}`, 303);
  });

  app.get('/nhap/xem-truoc/:token', async (c) => {
    const token = tokenSchema.safeParse(c.req.param('token'));
    const result = await refusalOf(() => imports.showPreview(c.get('official'), token.success ? token.data : ''));
    if ('refusal' in result) return uploadForm(c, imports, result.refusal.message, 410);
    return previewView(c, result.value);
  });

  app.post('/nhap/xac-nhan', async (c) => {
    const token = tokenSchema.safeParse((await c.req.parseBody()).token);
    const result = await refusalOf(() => imports.confirm(c.get('official'), token.success ? token.data : ''));
    if ('refusal' in result) {
      const status = refusalStatus(result.refusal);
      return uploadForm(c, imports, result.refusal.message, status);
    }
    if (!result.value.ok) return previewView(c, result.value.preview, result.value.reason, 409);
    return c.html(
      page(
        {
          official: c.get('official'),
          csrfToken: c.get('csrfToken'),
          title: 'Đã nhập',
          notice: {
            kind: 'ok',
            text: 'Đã ghi đúng những gì bản xem trước cho thấy; mỗi thay đổi có trong nhật ký (web).',
          },
        },
        html`<pre class="box" style="white-space:pre-wrap;overflow-wrap:anywhere">
${summaryText(result.value.result)}</pre>
          <p><a href="/nhap">Nhập tệp khác</a></p>`,
      ),
    );
  });

  app.post('/nhap/huy', async (c) => {
    const token = tokenSchema.safeParse((await c.req.parseBody()).token);
    await refusalOf(() => imports.discard(c.get('official'), token.success ? token.data : ''));
    return c.redirect('/nhap', 303);
  });
}

function summaryText(result: ImportReport): string {
  return result.kind === 'plan' ? planReportText(result.report) : registerReportText(result.report);
}

function uploadForm(
  c: Context<ConsoleEnv>,
  imports: ImportsConsole,
  error?: string,
  status: 200 | 400 | 403 | 404 | 409 | 410 | 413 = 200,
  kind?: ImportKind,
) {
  const official = c.get('official');
  const base = { official, csrfToken: c.get('csrfToken'), title: 'Nhập kế hoạch, PAKN, hồ sơ' };
  if (official.role !== 'admin')
    return c.html(
      page(
        { ...base, notice: { kind: 'err', text: error ?? 'Chỉ Văn phòng Sở mới nhập kế hoạch, PAKN và hồ sơ.' } },
        html``,
      ),
      403,
    );
  return c.html(
    page(
      { ...base, ...(error ? { notice: { kind: 'err', text: error } } : {}) },
      html`<form method="post" action="/nhap/xem-truoc" enctype="multipart/form-data" class="inline box">
          ${csrfField(c.get('csrfToken'))}
          <label
            >Loại dữ liệu
            <select name="kind" required>
              ${(Object.keys(KIND_LABELS) as ImportKind[]).map(
                (value) =>
                  html`<option value="${value}" ${value === kind ? 'selected' : ''}>${KIND_LABELS[value]}</option>`,
              )}
            </select></label
          >
          <label>Tệp <input type="file" name="file" required accept="${acceptedExtensions('plan').join(',')}" /></label>
          <button>Xem trước</button>
        </form>
        <p class="muted">
          Kế hoạch: .csv, .xlsx, .docx, .pdf; PAKN và hồ sơ: .csv, .xlsx. Tối đa
          ${uploadCapText(imports.maxUploadBytes)}. Chưa ghi gì cho đến khi bạn xác nhận bản xem trước (giữ
          ${UPLOAD_KEEP_MINUTES} phút).
        </p>`,
    ),
    status,
  );
}

function previewView(c: Context<ConsoleEnv>, preview: ImportPreview, warning?: string, status: 200 | 409 = 200) {
  const { result } = preview;
  const refused = result.report.refused;
  const csrf = csrfField(c.get('csrfToken'));
  return c.html(
    page(
      {
        official: c.get('official'),
        csrfToken: c.get('csrfToken'),
        title: `Xem trước: ${preview.fileName}`,
        ...(warning ? { notice: { kind: 'err' as const, text: warning } } : {}),
      },
      html`<p class="muted">
          ${KIND_LABELS[result.kind]}. Chạy thử, chưa ghi gì. Bản xem trước giữ đến
          ${formatVietnamTime(preview.expiresAt)}.
        </p>
        ${result.kind === 'plan' ? planTables(result.report) : registerTables(result.report)}
        ${
          refused.length > 0
            ? html`<h2 class="bad">Dòng bị từ chối (${refused.length})</h2>
                ${table(
                  ['Dòng', 'Mã/STT', 'Lý do'],
                  refused.map((row) => [String(row.row), 'stt' in row ? row.stt : row.code, row.reason]),
                )}
                <p class="bad">Có dòng bị từ chối nên không nhập được: sửa tệp rồi tải lên lại.</p>`
            : html`<form method="post" action="/nhap/xac-nhan" class="inline box">
                ${csrf}<input type="hidden" name="token" value="${preview.token}" /><button>Xác nhận nhập</button>
              </form>`
        }
        <form method="post" action="/nhap/huy" class="inline">
          ${csrf}<input type="hidden" name="token" value="${preview.token}" /><button class="secondary">Huỷ</button>
        </form>`,
    ),
    status,
  );
}

function table(headers: string[], rows: string[][]): Html {
  return html`<div class="box scroll">
    <table class="stack">
      <thead>
        <tr>
          ${headers.map((header) => html`<th>${header}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (cells) =>
            html`<tr>
              ${cells.map((cell, i) => (i === 0 ? html`<td>${cell}</td>` : html`<td data-label="${headers[i]}">${cell}</td>`))}
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

function planTables(report: Extract<ImportReport, { kind: 'plan' }>['report']): Html {
  const units = new Set(report.tasks.map((task) => task.unitCode));
  const people = new Set(report.tasks.map((task) => task.assigneeUsername));
  const skipped = [
    [report.duplicates.length, 'đã nhập trước đây (bỏ qua)'],
    [report.pastDue.length, 'đã quá hạn (không tạo)'],
    [report.recurring.length, 'định kỳ (thuộc danh mục nhiệm vụ)'],
    [report.eventDuties.length, 'theo sự kiện (thuộc danh mục nhiệm vụ)'],
    [report.noDeadline.length, 'không có hạn'],
  ] as const;
  return html`<h2>Sẽ tạo ${report.tasks.length} việc cho ${units.size} đơn vị, ${people.size} cán bộ</h2>
    ${table(
      ['Dòng', 'STT', 'Việc', 'Đơn vị', 'Người làm', 'Hạn khuyến nghị', 'Hạn theo quy định'],
      report.tasks.map((task) => [
        String(task.row),
        task.stt,
        task.title,
        task.unitCode,
        task.assigneeUsername,
        formatVietnamese(task.targetDate),
        formatVietnamese(task.dueDate),
      ]),
    )}
    <ul class="muted">
      ${skipped.filter(([count]) => count > 0).map(([count, label]) => html`<li>${count} dòng ${label}</li>`)}
      ${report.unmatchedUnits.map((unit) => html`<li>Không tìm thấy đơn vị "${unit.name}" (dòng ${unit.rows.join(', ')})</li>`)}
    </ul>`;
}

function registerTables(report: Extract<ImportReport, { kind: 'pakn' | 'dossiers' }>['report']): Html {
  return html`<h2>Sẽ tạo ${report.created.length}, sửa ${report.corrected.length + report.updated.length}</h2>
    ${table(
      ['Dòng', 'Mã', 'Người làm', 'Hạn', 'Đã xong'],
      report.created.map((row) => [
        String(row.row),
        row.code,
        row.assigneeUsername,
        formatVietnamese(row.dueDate),
        row.finished ? 'có' : '',
      ]),
    )}
    ${
      report.corrected.length + report.updated.length > 0
        ? table(
            ['Dòng', 'Mã', 'Thay đổi'],
            [...report.corrected, ...report.updated].map((row) => [String(row.row), row.code, row.change]),
          )
        : ''
    }
    <p class="muted">${report.duplicates.length} dòng đã có, không đổi; ${report.confirmed.length} dòng xác nhận.</p>`;
}
