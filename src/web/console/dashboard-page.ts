// Tổng quan: one row per unit in the official's scope — open, due this week, overdue, and this
// month's on-time rate (from the monthly report) against the plan's target, and that rate as a
// chart (the same one /baocao sends to chat), drawn into the page from the same report.
import type { Hono } from 'hono';
import { html } from 'hono/html';
import type { WebConsole } from '../../services/web-console.ts';
import { inlineChart } from './inline-chart.ts';
import { page, percent } from './layout.ts';
import type { ConsoleEnv } from './session.ts';

export function dashboardPage(app: Hono<ConsoleEnv>, service: WebConsole): void {
  app.get('/', (c) => c.redirect('/tong-quan', 303));
  app.get('/tong-quan', async (c) => {
    const official = c.get('official');
    const { month, target, rows, chartSvg } = await service.dashboard(official);
    const total = rows.reduce(
      (sum, row) => ({
        open: sum.open + row.open,
        dueThisWeek: sum.dueThisWeek + row.dueThisWeek,
        overdue: sum.overdue + row.overdue,
      }),
      { open: 0, dueThisWeek: 0, overdue: 0 },
    );
    const rateClass = (rate: number | null) => {
      if (rate === null) return 'muted';
      return rate >= target ? 'good' : 'bad';
    };
    return c.html(
      page(
        { title: 'Tổng quan', official, csrfToken: c.get('csrfToken') },
        html`<p class="muted">
            Việc đang mở theo đơn vị; tỷ lệ đúng hạn tháng ${month} so với chỉ tiêu ${percent(target)}.
          </p>
          <div class="box scroll">
            <table class="stack">
              <thead>
                <tr>
                  <th>Đơn vị</th>
                  <th class="n">Đang mở</th>
                  <th class="n">Đến hạn tuần này</th>
                  <th class="n">Quá hạn</th>
                  <th class="n">Đúng hạn tháng ${month}</th>
                </tr>
              </thead>
              <tbody>
                ${rows.map(
                  (row) =>
                    html`<tr>
                      <td>
                        <a href="/viec?unit=${encodeURIComponent(row.unitCode)}">${row.unitName}</a>
                        <span class="muted">${row.unitCode}</span>
                      </td>
                      <td class="n" data-label="Đang mở">
                        <a href="/viec?unit=${encodeURIComponent(row.unitCode)}&status=open">${row.open}</a>
                      </td>
                      <td class="n" data-label="Đến hạn tuần này">${row.dueThisWeek}</td>
                      <td class="n ${row.overdue > 0 ? 'bad' : ''}" data-label="Quá hạn">
                        <a href="/viec?unit=${encodeURIComponent(row.unitCode)}&status=overdue">${row.overdue}</a>
                      </td>
                      <td class="n ${rateClass(row.onTimeRate)}" data-label="Đúng hạn tháng ${month}">
                        ${percent(row.onTimeRate)}
                      </td>
                    </tr>`,
                )}
              </tbody>
              <tfoot>
                <tr>
                  <th>Cộng</th>
                  <th class="n" data-label="Đang mở">${total.open}</th>
                  <th class="n" data-label="Đến hạn tuần này">${total.dueThisWeek}</th>
                  <th class="n" data-label="Quá hạn">${total.overdue}</th>
                  <th></th>
                </tr>
              </tfoot>
            </table>
          </div>
          ${
            chartSvg === undefined
              ? ''
              : html`<figure class="box chart">
                  ${inlineChart(
                    chartSvg,
                    `Biểu đồ tỷ lệ đúng hạn tháng ${month} của từng đơn vị so với chỉ tiêu ${percent(target)}`,
                  )}
                </figure>`
          }`,
      ),
    );
  });
}
