// Việc: the task list with filters (unit, official, status), a task's page (target and legal due
// date, reminders, audit history) and the corrections the role allows: close, reopen, reassign.
// Each action parses its form with zod and calls the console service; a refusal is shown in
// Vietnamese on the task's page and nothing changes.
import type { Context, Hono } from 'hono';
import { html } from 'hono/html';
import { z } from 'zod';
import { STATUS_LABELS } from '../../chat/format.ts';
import { deadlineDates } from '../../domain/deadlines/deadline.ts';
import { UserError } from '../../domain/errors.ts';
import {
  dateRangeMessage,
  formatVietnamese,
  formatVietnamTime,
  parseLocalDate,
  type LocalDate,
} from '../../domain/local-date.ts';
import type { Task } from '../../domain/model.ts';
import type { TaskFilter, WebConsole } from '../../services/web-console.ts';
import { csrfField, page, type Html } from './layout.ts';
import { isForbidden } from './refusal.ts';
import type { ConsoleEnv } from './session.ts';

const STATUS_FILTERS = { open: 'Đang mở', overdue: 'Quá hạn', done: 'Đã xong', cancelled: 'Đã huỷ' } as const;
const LIST_LIMIT = 500;

const filterSchema = z.object({
  unit: z.string().trim().optional(),
  official: z.string().trim().optional(),
  status: z.enum(['open', 'overdue', 'done', 'cancelled', '']).optional(),
  duty: z.string().trim().optional(),
  from: z.string().trim().optional(),
  to: z.string().trim().optional(),
});

/** A date field of the filter: '' is no bound; anything else must be a real date a person writes. */
function dateBound(text: string | undefined, label: string): LocalDate | undefined {
  if (!text) return undefined;
  const date = parseLocalDate(text);
  if (!date)
    throw new UserError(
      dateRangeMessage(text) ?? `${label} «${text}» không phải ngày hợp lệ (dd/MM/yyyy).`,
      'BAD_DATE',
    );
  return date;
}

const DONE_MESSAGES: Record<string, string> = {
  xong: 'Đã báo xong việc.',
  'mo-lai': 'Đã mở lại việc; bot sẽ nhắc lại từ hôm nay.',
  'giao-lai': 'Đã giao lại việc; người nhận được báo qua chat.',
  sua: 'Đã sửa việc; người được giao được báo qua chat.',
  huy: 'Đã huỷ việc; bot thôi nhắc việc này.',
};

function statusCell(task: Task, today: string): Html {
  if (task.status === 'open' && task.dueDate < today) return html`<span class="bad">quá hạn</span>`;
  return html`${STATUS_LABELS[task.status]}`;
}

export function tasksPage(app: Hono<ConsoleEnv>, service: WebConsole): void {
  app.get('/viec', async (c) => {
    const official = c.get('official');
    const parsed = filterSchema.safeParse(c.req.query());
    const query = parsed.success ? parsed.data : {};
    const [units, officials] = await Promise.all([service.unitsInScope(official), service.officialsInScope(official)]);
    let tasks: Task[] = [];
    let error: string | undefined;
    try {
      const filter: TaskFilter = {
        ...(query.unit ? { unitCode: query.unit } : {}),
        ...(query.official ? { assigneeUsername: query.official } : {}),
        ...(query.status ? { status: query.status } : {}),
        ...(query.duty ? { dutyCode: query.duty } : {}),
        ...optional('dueFrom', dateBound(query.from, 'Từ ngày')),
        ...optional('dueTo', dateBound(query.to, 'Đến ngày')),
      };
      // One more than shown: enough to say there are more, without reading a hundred thousand rows.
      tasks = await service.tasks(official, filter, LIST_LIMIT + 1);
    } catch (caught) {
      if (!(caught instanceof UserError)) throw caught;
      error = caught.message;
    }
    const today = service.today();
    const shown = tasks.slice(0, LIST_LIMIT);
    const selected = (value: string | undefined, option: string) => (value === option ? 'selected' : '');
    return c.html(
      page(
        {
          title: 'Việc',
          official,
          csrfToken: c.get('csrfToken'),
          ...(error ? { notice: { kind: 'err', text: error } } : {}),
        },
        html`<form method="get" action="/viec" class="inline box">
            ${
              official.role === 'member'
                ? ''
                : html`<label
                      >Đơn vị
                      <select name="unit">
                        <option value="">Tất cả</option>
                        ${units.map(
                          (unit) =>
                            html`<option value="${unit.code}" ${selected(query.unit, unit.code)}>${unit.name}</option>`,
                        )}
                      </select></label
                    >
                    <label
                      >Cán bộ
                      <select name="official">
                        <option value="">Tất cả</option>
                        ${officials.map(
                          (person) =>
                            html`<option value="${person.username}" ${selected(query.official, person.username)}>
                              ${person.fullName}
                            </option>`,
                        )}
                      </select></label
                    >`
            }
            <label
              >Nhiệm vụ
              <select name="duty">
                <option value="">Tất cả</option>
                ${service
                  .duties()
                  .map(
                    (duty) =>
                      html`<option value="${duty.code}" ${selected(query.duty, duty.code)}>${duty.name}</option>`,
                  )}
              </select></label
            >
            <label>Hạn từ <input name="from" value="${query.from ?? ''}" placeholder="dd/mm/yyyy" size="10" /></label>
            <label>Hạn đến <input name="to" value="${query.to ?? ''}" placeholder="dd/mm/yyyy" size="10" /></label>
            <label
              >Tình trạng
              <select name="status">
                <option value="">Tất cả</option>
                ${Object.entries(STATUS_FILTERS).map(
                  ([value, label]) => html`<option value="${value}" ${selected(query.status, value)}>${label}</option>`,
                )}
              </select></label
            >
            <button>Lọc</button>
          </form>
          <p class="muted">
            ${
              tasks.length > LIST_LIMIT
                ? `Hơn ${LIST_LIMIT} việc: hiện ${LIST_LIMIT} việc hạn sớm nhất, hãy lọc thêm.`
                : `${tasks.length} việc.`
            }
          </p>
          <div class="box scroll">
            <table class="stack">
              <thead>
                <tr>
                  <th class="n">Số</th>
                  <th>Việc</th>
                  <th>Người làm</th>
                  <th>Hạn</th>
                  <th>Tình trạng</th>
                </tr>
              </thead>
              <tbody>
                ${shown.map(
                  (task) =>
                    html`<tr>
                      <td class="n"><a href="/viec/${task.id}">#${task.id}</a></td>
                      <td><a href="/viec/${task.id}">${task.title}</a></td>
                      <td data-label="Người làm">${task.assigneeName ?? '—'}</td>
                      <td data-label="Hạn">${deadlineDates(task)}</td>
                      <td data-label="Tình trạng">${statusCell(task, today)}</td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>`,
      ),
    );
  });

  app.get('/viec/:id{[0-9]+}', async (c) => taskView(c, service, Number(c.req.param('id'))));

  const action = (
    path: string,
    run: (c: Context<ConsoleEnv>, id: number, form: Record<string, unknown>) => Promise<unknown>,
  ) =>
    app.post(`/viec/:id{[0-9]+}/${path}`, async (c) => {
      const id = Number(c.req.param('id'));
      try {
        await run(c, id, await c.req.parseBody());
      } catch (error) {
        // A form no browser of ours sends (fields too long, wrong types): refused like bad input.
        if (error instanceof z.ZodError)
          return taskView(c, service, id, new UserError('Nội dung gửi lên quá dài hoặc không hợp lệ.', 'BAD_FORM'));
        if (!(error instanceof UserError)) throw error;
        return taskView(c, service, id, error);
      }
      return c.redirect(`/viec/${id}?xong=${path}`, 303);
    });

  const text = z.string().trim().max(500).optional();
  action('xong', (c, id, form) => service.closeTask(c.get('official'), id, text.parse(form.note)));
  action('mo-lai', (c, id, form) => service.reopenTask(c.get('official'), id, text.parse(form.reason)));
  action('giao-lai', (c, id, form) => {
    const username = z.string().trim().min(1).safeParse(form.username);
    if (!username.success) throw new UserError('Hãy chọn cán bộ nhận việc.', 'NO_ASSIGNEE');
    return service.reassignTask(c.get('official'), id, username.data);
  });
  action('sua', (c, id, form) => {
    const title = z
      .string()
      .trim()
      .max(300)
      .parse(form.title ?? '');
    const note = z
      .string()
      .trim()
      .max(500)
      .parse(form.note ?? '');
    const due = z
      .string()
      .trim()
      .parse(form.due ?? '');
    // Only what the form changed: an untouched field is not an edit.
    return service.editTask(c.get('official'), id, {
      ...(title ? { title } : {}),
      ...(note ? { note } : {}),
      ...optional('dueDate', dateBound(due, 'Hạn mới')),
    });
  });
  action('huy', (c, id, form) => service.cancelTask(c.get('official'), id, text.parse(form.reason) ?? ''));
}

/** `{ key: value }`, or nothing when value is undefined (exactOptionalPropertyTypes). */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return value === undefined ? {} : ({ [key]: value } as { [P in K]: V });
}

async function taskView(c: Context<ConsoleEnv>, service: WebConsole, id: number, refusal?: UserError) {
  const official = c.get('official');
  const base = { official, csrfToken: c.get('csrfToken') };
  let detail;
  try {
    detail = await service.taskPage(official, id);
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    const status = error.code === 'TASK_NOT_FOUND' ? 404 : 403;
    return c.html(
      page({ ...base, title: `Việc #${id}`, notice: { kind: 'err', text: error.message } }, html``),
      status,
    );
  }
  const { task, reminders, history, may, compilation } = detail;
  const done = DONE_MESSAGES[c.req.query('xong') ?? ''];
  const notice = refusal
    ? { kind: 'err' as const, text: refusal.message }
    : done && { kind: 'ok' as const, text: done };
  const officials = may.reassign ? await service.officialsInScope(official) : [];
  const csrf = csrfField(c.get('csrfToken'));
  let status: 200 | 400 | 403 = 200;
  if (refusal) status = isForbidden(refusal) ? 403 : 400;
  return c.html(
    page(
      { ...base, title: `Việc #${task.id}: ${task.title}`, ...(notice ? { notice } : {}) },
      html`<div class="box">
          <dl>
            <dt>Tình trạng</dt>
            <dd>${statusCell(task, service.today())}${task.doneAt ? ` (${formatVietnamTime(task.doneAt)})` : ''}</dd>
            <dt>Người làm</dt>
            <dd>${task.assigneeName ?? '—'} <span class="muted">${task.assigneeUsername ?? ''}</span></dd>
            <dt>Đơn vị</dt>
            <dd>${task.unitCode}</dd>
            <dt>Hạn khuyến nghị</dt>
            <dd>${formatVietnamese(task.targetDate)}</dd>
            <dt>Hạn theo quy định</dt>
            <dd>${formatVietnamese(task.dueDate)}</dd>
            ${
              compilation
                ? html`<dt>Các phòng</dt>
                    <dd>${compilation}</dd>`
                : ''
            }
            ${
              task.note
                ? html`<dt>Ghi chú</dt>
                    <dd>${task.note}</dd>`
                : ''
            }
          </dl>
        </div>
        ${
          may.close
            ? html`<form method="post" action="/viec/${task.id}/xong" class="inline box">
                ${csrf} <label>Ghi chú (không bắt buộc) <input name="note" maxlength="500" /></label
                ><button>Báo xong</button>
              </form>`
            : ''
        }
        ${
          may.reopen
            ? html`<form method="post" action="/viec/${task.id}/mo-lai" class="inline box">
                ${csrf} <label>Lý do mở lại <input name="reason" maxlength="500" /></label
                ><button class="secondary">Mở lại</button>
              </form>`
            : ''
        }
        ${
          may.reassign
            ? html`<form method="post" action="/viec/${task.id}/giao-lai" class="inline box">
                ${csrf}
                <label
                  >Giao lại cho
                  <select name="username" required>
                    <option value="">— chọn cán bộ —</option>
                    ${officials
                      .filter((person) => person.username !== task.assigneeUsername)
                      .map(
                        (person) =>
                          html`<option value="${person.username}">${person.fullName} (${person.unitCode})</option>`,
                      )}
                  </select></label
                >
                <button class="secondary">Giao lại</button>
              </form>`
            : ''
        }
        ${
          may.cancel
            ? html`<form method="post" action="/viec/${task.id}/huy" class="inline box">
                ${csrf} <label>Lý do huỷ <input name="reason" maxlength="500" required /></label
                ><button class="secondary">Huỷ việc</button>
              </form>`
            : ''
        }
        ${
          may.edit
            ? html`<details class="box">
                <summary>Sửa tên, hạn, ghi chú</summary>
                <form method="post" action="/viec/${task.id}/sua" class="inline">
                  ${csrf}
                  <label>Tên việc <input name="title" value="${task.title}" maxlength="300" /></label>
                  ${
                    task.status === 'open'
                      ? html`<label
                          >Hạn mới <input name="due" placeholder="${formatVietnamese(task.dueDate)}" size="10"
                        /></label>`
                      : ''
                  }
                  <label>Ghi chú <input name="note" value="${task.note ?? ''}" maxlength="500" /></label>
                  <button class="secondary">Lưu</button>
                </form>
              </details>`
            : ''
        }
        <h2>Nhắc việc đã gửi</h2>
        <div class="box scroll">
          <table class="stack">
            <thead>
              <tr>
                <th>Lượt nhắc</th>
                <th>Người nhận</th>
                <th>Trạng thái</th>
                <th>Lúc</th>
              </tr>
            </thead>
            <tbody>
              ${reminders.map(
                (reminder) =>
                  html`<tr>
                    <td>${reminder.slot}</td>
                    <td data-label="Người nhận">${reminder.recipient}</td>
                    <td data-label="Trạng thái">
                      ${reminder.state}${
                        reminder.lastError ? html` <span class="muted">${reminder.lastError}</span>` : ''
                      }
                    </td>
                    <td data-label="Lúc">${formatVietnamTime(reminder.sentAt ?? reminder.scheduledFor)}</td>
                  </tr>`,
              )}
            </tbody>
          </table>
          ${reminders.length === 0 ? html`<p class="muted">Chưa có lượt nhắc nào.</p>` : ''}
        </div>
        <h2>Lịch sử thay đổi</h2>
        <div class="box scroll">
          <table class="stack">
            <thead>
              <tr>
                <th>Lúc</th>
                <th>Ai</th>
                <th>Kênh</th>
                <th>Thao tác</th>
                <th>Chi tiết</th>
              </tr>
            </thead>
            <tbody>
              ${history.map(
                (line) =>
                  html`<tr>
                    <td>${line.at}</td>
                    <td data-label="Ai">${line.actor}</td>
                    <td data-label="Kênh">${line.channel ?? ''}</td>
                    <td data-label="Thao tác">${line.action}</td>
                    <td data-label="Chi tiết">${line.summary}</td>
                  </tr>`,
              )}
            </tbody>
          </table>
        </div>`,
    ),
    status,
  );
}
