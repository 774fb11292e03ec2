// Báo cáo: a month picker, the monthly report's tables (the same figures and headings as the
// CLI's report), its chart inline (SVG, nothing loaded from elsewhere), and the CLI's files to
// download: XLSX, CSV, PNG. A head sees their unit tree; a member is refused.
import type { Context, Hono } from 'hono';
import { html } from 'hono/html';
import { z } from 'zod';
import { cellText, type ReportTable } from '../../reports/report-tables.ts';
import { DOWNLOAD_FORMATS, type ReportsConsole } from '../../services/web-console-reports.ts';
import { inlineChart } from './inline-chart.ts';
import { page } from './layout.ts';
import { refusalOf, refusalStatus } from './refusal.ts';
import type { ConsoleEnv } from './session.ts';

const monthQuery = z.object({ thang: z.string().trim().max(20).optional() });

function reportTable(table: ReportTable) {
  if (table.rows.length === 0)
    return html`<h3>${table.title}</h3>
      <p class="muted">Không có.</p>`;
  const numeric = (i: number) => (table.columns[i]!.kind === 'text' ? '' : 'n');
  const row = (cells: (string | number | null)[], cell: 'td' | 'th') =>
    html`<tr>
      ${cells.map((value, i) => {
        const text = cellText(value, table.columns[i]!.kind);
        const label = i === 0 ? '' : table.columns[i]!.header;
        return cell === 'td'
          ? html`<td class="${numeric(i)}" ${label ? html`data-label="${label}"` : ''}>${text}</td>`
          : html`<th class="${numeric(i)}" ${label ? html`data-label="${label}"` : ''}>${text}</th>`;
      })}
    </tr>`;
  return html`<h3>${table.title}</h3>
    <div class="box scroll">
      <table class="stack">
        <thead>
          <tr>
            ${table.columns.map((column, i) => html`<th class="${numeric(i)}">${column.header}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${table.rows.map((cells) => row(cells, 'td'))}
        </tbody>
        ${
          table.total
            ? html`<tfoot>
                ${row(table.total, 'th')}
              </tfoot>`
            : ''
        }
      </table>
    </div>`;
}

export function reportsPage(app: Hono<ConsoleEnv>, reports: ReportsConsole): void {
  app.get('/bao-cao', async (c) => {
    const official = c.get('official');
    const base = { official, csrfToken: c.get('csrfToken'), title: 'Báo cáo tháng' };
    const month = monthQuery.safeParse(c.req.query()).data?.thang || undefined;
    const result = await refusalOf(() => reports.monthlyReport(official, month));
    if ('refusal' in result)
      return c.html(
        page({ ...base, notice: { kind: 'err', text: result.refusal.message } }, monthForm(month ?? '')),
        refusalStatus(result.refusal),
      );
    const view = result.value;
    return c.html(
      page(
        { ...base, title: view.title },
        html`${monthForm(view.month)}
          <p class="muted">${view.subtitle}</p>
          <p>
            Tải về:
            ${DOWNLOAD_FORMATS.map(
              (format) =>
                html`<a href="/bao-cao/tai-ve?thang=${view.month}&amp;dinh-dang=${format}" download
                  >${format.toUpperCase()}</a
                > `,
            )}
          </p>
          <div class="box scroll">${inlineChart(view.chartSvg)}</div>
          ${view.sections.map(
            (section) =>
              html`<h2>${section.heading}</h2>
                ${section.notes.map((note) => html`<p class="muted">${note}</p>`)} ${section.tables.map(reportTable)}`,
          )}`,
      ),
    );
  });

  app.get('/bao-cao/tai-ve', async (c) => download(c, reports));
}

const downloadQuery = z.object({
  thang: z.string().trim().min(1).max(20),
  'dinh-dang': z.enum(['xlsx', 'csv', 'png']),
});

async function download(c: Context<ConsoleEnv>, reports: ReportsConsole) {
  const query = downloadQuery.safeParse(c.req.query());
  if (!query.success) return c.text('Cần tháng (thang=YYYY-MM) và định dạng (dinh-dang=xlsx, csv hoặc png).', 400);
  const result = await refusalOf(() =>
    reports.reportFile(c.get('official'), query.data.thang, query.data['dinh-dang']),
  );
  if ('refusal' in result) return c.text(result.refusal.message, refusalStatus(result.refusal));
  const file = result.value;
  c.header('Content-Type', file.contentType);
  c.header('Content-Disposition', `attachment; filename="${file.fileName}"`);
  return c.body(typeof file.body === 'string' ? file.body : new Uint8Array(file.body));
}

function monthForm(month: string) {
  return html`<form method="get" action="/bao-cao" class="inline box">
    <label>Tháng <input type="month" name="thang" value="${month}" required /></label>
    <button>Xem</button>
  </form>`;
}
