// Nhập danh sách cán bộ: upload a CSV/XLSX → the dry run `official import --dry-run` prints, as a
// table → confirm writes it, only if the dry run re-run then still promises that table (else 409
// with the new one). The upload's size is capped twice: by the body limit in front of the
// session guard (console-routes.ts) and by the service; only .csv and .xlsx are accepted.
import type { Context, Hono } from 'hono';
import { html } from 'hono/html';
import type { OfficialImportReport } from '../../import/officials/official-import.ts';
import { acceptedExtensions, UPLOAD_KEEP_MINUTES } from '../../services/pending-uploads.ts';
import type { ImportPreview, WebConsolePeople } from '../../services/web-console-people.ts';
import { uploadCapText } from '../../services/upload-size.ts';

const IMPORT_EXTENSIONS = acceptedExtensions('officials');
import { csrfField, page, type Html } from './layout.ts';
import { asRefusal, refusalStatus } from './refusal.ts';
import type { ConsoleEnv } from './session.ts';

function rows(report: OfficialImportReport): { row: number; what: string; who: string; detail: string }[] {
  return [
    ...report.created.map((c) => ({
      row: c.row,
      what: report.written ? 'Đã thêm' : 'Sẽ thêm',
      who: `${c.fullName} (${c.username})`,
      detail: `${c.unitCode}, ${c.role}`,
    })),
    ...report.updated.map((u) => ({
      row: u.row,
      what: report.written ? 'Đã cập nhật' : 'Sẽ cập nhật',
      who: u.username,
      detail: u.change,
    })),
    ...report.toReview.map((r) => ({
      row: r.row,
      what: 'Cần xem lại (không tự đổi)',
      who: r.username,
      detail: `${r.what} — đổi trên trang của cán bộ`,
    })),
    ...report.refused.map((r) => ({ row: r.row, what: 'Lỗi, không nhập', who: r.fullName, detail: r.reason })),
    ...report.unchanged.map((u) => ({ row: u.row, what: 'Đã có, không đổi', who: u.username, detail: '' })),
  ].sort((a, b) => a.row - b.row);
}

function reportTable(report: OfficialImportReport): Html {
  return html`<div class="box scroll">
    <table class="stack">
      <thead>
        <tr>
          <th class="n">Dòng</th>
          <th>Kết quả</th>
          <th>Cán bộ</th>
          <th>Chi tiết</th>
        </tr>
      </thead>
      <tbody>
        ${rows(report).map(
          (line) =>
            html`<tr>
              <td class="n">${line.row}</td>
              <td data-label="Kết quả" class="${line.what.startsWith('Lỗi') ? 'bad' : ''}">${line.what}</td>
              <td data-label="Cán bộ">${line.who}</td>
              <td data-label="Chi tiết">${line.detail}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

export function peopleImportPage(app: Hono<ConsoleEnv>, people: WebConsolePeople, uploadMaxBytes: number): void {
  const uploadForm = (c: Context<ConsoleEnv>) =>
    html`<form method="post" action="/can-bo/nhap" enctype="multipart/form-data" class="inline box">
      ${csrfField(c.get('csrfToken'))}
      <label
        >Tệp danh sách (${IMPORT_EXTENSIONS.join(', ')}, tối đa ${uploadCapText(uploadMaxBytes)})
        <input type="file" name="file" accept="${IMPORT_EXTENSIONS.join(',')}" required
      /></label>
      <button>Xem trước</button>
    </form>`;

  const view = (c: Context<ConsoleEnv>, body: Html, notice?: { kind: 'ok' | 'err'; text: string }, status = 200) =>
    c.html(
      page(
        {
          title: 'Nhập danh sách cán bộ',
          official: c.get('official'),
          csrfToken: c.get('csrfToken'),
          ...(notice ? { notice } : {}),
        },
        html`<p><a href="/can-bo">← Danh sách cán bộ</a></p>
          <p class="muted">
            Cột: Họ và tên, Đơn vị, Chức vụ/Vai trò, Số điện thoại, Email, Tên đăng nhập. Xem trước không ghi gì; chỉ
            khi bấm «Nhập» mới ghi (tệp được giữ ${UPLOAD_KEEP_MINUTES} phút).
          </p>
          ${body}`,
      ),
      status as 200,
    );

  /** The dry run with its confirm form; `warning` (409) when a confirmation found the data changed. */
  const previewView = (c: Context<ConsoleEnv>, { uploadId, report }: ImportPreview, warning?: string, status = 200) => {
    const writable = report.created.length + report.updated.length;
    const badRows =
      report.refused.length > 0
        ? `Có ${report.refused.length} dòng lỗi: sửa tệp rồi tải lại, hoặc bỏ qua các dòng đó.`
        : undefined;
    const notice = [warning, badRows].filter(Boolean).join(' ');
    return view(
      c,
      html`<h2>Xem trước: tệp ${report.file}</h2>
        ${reportTable(report)}
        ${
          writable > 0
            ? html`<form method="post" action="/can-bo/nhap/xac-nhan" class="inline box">
                ${csrfField(c.get('csrfToken'))}<input type="hidden" name="upload" value="${uploadId}" />
                ${
                  report.refused.length > 0
                    ? html`<label
                        ><span
                          ><input type="checkbox" name="skipBad" value="1" /> Bỏ qua ${report.refused.length} dòng lỗi,
                          vẫn nhập các dòng hợp lệ</span
                        ></label
                      >`
                    : ''
                }
                <button>Nhập ${report.created.length} người mới, cập nhật ${report.updated.length} người</button>
              </form>`
            : html`<p class="muted">Không có gì để ghi.</p>`
        }
        ${uploadForm(c)}`,
      notice ? { kind: 'err', text: notice } : undefined,
      status,
    );
  };

  app.get('/can-bo/nhap', (c) => {
    if (!people.mayChange(c.get('official')))
      return view(c, html``, { kind: 'err', text: 'Chỉ Văn phòng Sở (admin) mới nhập được danh sách cán bộ.' }, 403);
    return view(c, uploadForm(c));
  });

  app.post('/can-bo/nhap', async (c) => {
    const form = await c.req.parseBody();
    const file = form.file;
    if (!(file instanceof File) || file.name === '')
      return view(c, uploadForm(c), { kind: 'err', text: 'Hãy chọn tệp danh sách (.csv hoặc .xlsx) để tải lên.' }, 400);
    try {
      const preview = await people.previewImport(c.get('official'), {
        fileName: file.name,
        bytes: new Uint8Array(await file.arrayBuffer()),
      });
      return previewView(c, preview);
    } catch (error) {
      const refusal = asRefusal(error);
      return view(c, uploadForm(c), { kind: 'err', text: refusal.message }, refusalStatus(refusal));
    }
  });

  app.post('/can-bo/nhap/xac-nhan', async (c) => {
    const form = await c.req.parseBody();
    try {
      const confirmation = await people.confirmImport(
        c.get('official'),
        typeof form.upload === 'string' ? form.upload : '',
        form.skipBad === '1',
      );
      if (!confirmation.ok) return previewView(c, confirmation.preview, confirmation.reason, 409);
      const { report } = confirmation;
      return view(
        c,
        reportTable(report),
        report.written
          ? {
              kind: 'ok',
              text: `Đã nhập: thêm ${report.created.length} người, cập nhật ${report.updated.length} người.`,
            }
          : { kind: 'err', text: 'Không ghi gì: tệp có dòng lỗi.' },
        report.written ? 200 : 400,
      );
    } catch (error) {
      const refusal = asRefusal(error);
      return view(c, uploadForm(c), { kind: 'err', text: refusal.message }, refusalStatus(refusal));
    }
  });
}
