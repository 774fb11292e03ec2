// Lịch: a year's days off with their reasons and its announced working days (làm bù), from the
// calendar the bot has loaded; a year without an official announcement is flagged, with what the
// office should add to the calendar file (the words of `calendar check`).
import type { Hono } from 'hono';
import { html } from 'hono/html';
import { z } from 'zod';
import { UserError } from '../../domain/errors.ts';
import { dayOfWeek, formatVietnamese, type LocalDate } from '../../domain/local-date.ts';
import type { CalendarConsole } from '../../services/web-console-calendar.ts';
import { page } from './layout.ts';
import type { ConsoleEnv } from './session.ts';

const KIND_LABELS = { holiday: 'nghỉ lễ, Tết', compensatory: 'nghỉ bù', announced: 'theo thông báo' } as const;

const WEEKDAYS = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];
const weekdayName = (date: LocalDate) => WEEKDAYS[dayOfWeek(date)]!;

const yearQuery = z.object({
  nam: z
    .string()
    .regex(/^\d{4}$/)
    .transform(Number)
    .optional(),
});

export function calendarPage(app: Hono<ConsoleEnv>, calendar: CalendarConsole): void {
  app.get('/lich', (c) => {
    const base = { official: c.get('official'), csrfToken: c.get('csrfToken') };
    const query = yearQuery.safeParse(c.req.query());
    let year;
    try {
      if (!query.success)
        throw new UserError(`Năm "${c.req.query('nam')}" không hợp lệ (bốn chữ số, ví dụ 2027).`, 'BAD_YEAR');
      year = calendar.calendarYear(query.data.nam);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      const back = html`<p><a href="/lich">Về lịch năm nay</a></p>`;
      return c.html(page({ ...base, title: 'Lịch làm việc', notice: { kind: 'err', text: error.message } }, back), 400);
    }
    const years = [-1, 0, 1, 2].map((offset) => year.thisYear + offset);
    if (!years.includes(year.year)) years.push(year.year);
    return c.html(
      page(
        { ...base, title: `Lịch làm việc năm ${year.year}` },
        html`<form method="get" action="/lich" class="inline box">
            <label
              >Năm
              <select name="nam">
                ${years
                  .sort((a, b) => a - b)
                  .map(
                    (option) =>
                      html`<option value="${option}" ${option === year.year ? 'selected' : ''}>${option}</option>`,
                  )}
              </select></label
            >
            <button>Xem</button>
            <a href="/lich?nam=${year.year - 1}">← ${year.year - 1}</a>
            <a href="/lich?nam=${year.year + 1}">${year.year + 1} →</a>
          </form>
          ${
            year.provisional
              ? html`<div class="msg err" role="note">
                  <strong>Năm ${year.year}: TẠM TÍNH.</strong>
                  <pre style="white-space:pre-wrap;overflow-wrap:anywhere;margin:.4rem 0 0;font:inherit">
${year.advice}</pre>
                </div>`
              : html`<p class="muted">Theo thông báo chính thức: ${year.source}</p>`
          }
          <h2>Ngày nghỉ (${year.daysOff.length})</h2>
          <div class="box scroll">
            <table class="stack">
              <thead>
                <tr>
                  <th>Ngày</th>
                  <th>Thứ</th>
                  <th>Lý do</th>
                  <th>Loại</th>
                </tr>
              </thead>
              <tbody>
                ${year.daysOff.map(
                  (day) =>
                    html`<tr>
                      <td>${formatVietnamese(day.date)}</td>
                      <td data-label="Thứ">${weekdayName(day.date)}</td>
                      <td data-label="Lý do">${day.reason}</td>
                      <td data-label="Loại">${KIND_LABELS[day.kind]}</td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>
          <h2>Ngày đi làm bù (${year.workingDays.length})</h2>
          <div class="box scroll">
            ${
              year.workingDays.length === 0
                ? html`<p class="muted">Năm ${year.year} không có ngày làm bù nào trong tệp lịch.</p>`
                : html`<table class="stack">
                    <thead>
                      <tr>
                        <th>Ngày</th>
                        <th>Thứ</th>
                        <th>Lý do</th>
                      </tr>
                    </thead>
                    <tbody>
                      ${year.workingDays.map(
                        (day) =>
                          html`<tr>
                            <td>${formatVietnamese(day.date)}</td>
                            <td data-label="Thứ">${weekdayName(day.date)}</td>
                            <td data-label="Lý do">${day.reason}</td>
                          </tr>`,
                      )}
                    </tbody>
                  </table>`
            }
          </div>`,
      ),
    );
  });
}
