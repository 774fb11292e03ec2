// Cán bộ: the officials of the Sở (a head: of their unit tree) with their link status per chat
// channel, filters (unit, role, link status), and for the office admin: add, deactivate (undone by
// reactivate on the same page), move, change role, unlink a chat account (undone for 24 hours by
// «Hoàn tác» on the official's page, which restores the same accounts), print link sheets. Each form is parsed with zod
// and calls the console's people service; a refusal re-renders the page with the reason.
import type { Context, Hono } from 'hono';
import { html } from 'hono/html';
import { z } from 'zod';
import { UserError } from '../../domain/errors.ts';
import { ROLES, type Role } from '../../domain/model.ts';
import type { OfficialWithChannels } from '../../db/store/console-people-queries.ts';
import { type PeopleFilter, type WebConsolePeople } from '../../services/web-console-people.ts';
import type { WebConsole } from '../../services/web-console.ts';
import { csrfField, page, type Html } from './layout.ts';
import { asRefusal, refusalStatus } from './refusal.ts';
import type { ConsoleEnv } from './session.ts';
import { undoableUnlinksView } from './undoable-unlinks-view.ts';

export const ROLE_LABELS: Record<Role, string> = { member: 'Cán bộ', head: 'Lãnh đạo đơn vị', admin: 'Văn phòng Sở' };

const filterSchema = z.object({
  unit: z.string().trim().optional().catch(undefined),
  role: z
    .enum(ROLES as [Role, ...Role[]])
    .optional()
    .catch(undefined),
  link: z.enum(['linked', 'unlinked']).optional().catch(undefined),
});

const reasonField = z.string().trim().max(500).optional().catch(undefined);
const roleField = z.enum(ROLES as [Role, ...Role[]]);

const DONE: Record<string, string> = {
  them: 'Đã thêm cán bộ. In phiếu liên kết để cán bộ gắn tài khoản chat.',
  ngung: 'Đã ngừng hoạt động cán bộ: gỡ liên kết chat, thu hồi mã liên kết. Bấm «Kích hoạt lại» nếu nhầm.',
  'kich-hoat': 'Cán bộ hoạt động trở lại. In phiếu liên kết mới để gắn tài khoản chat.',
  chuyen: 'Đã chuyển đơn vị; cán bộ được báo qua chat.',
  'vai-tro': 'Đã đổi vai trò; cán bộ được báo qua chat.',
  'go-lien-ket': 'Đã gỡ liên kết chat: bot không nhắc việc qua tài khoản đó nữa.',
  'hoan-tac-go-lien-ket': 'Đã khôi phục liên kết chat như trước khi gỡ; cán bộ được báo qua chat.',
};

/** The chat channels an admin may unlink (the console identity is the demo's terminal). */
const UNLINKABLE = ['telegram', 'zalo'] as const;
const CHANNEL_LABELS: Record<(typeof UNLINKABLE)[number], string> = { telegram: 'Telegram', zalo: 'Zalo' };
const auditIdField = z.coerce.number().int().positive();

function channelCell(person: OfficialWithChannels, channel: 'telegram' | 'zalo'): Html {
  return person.channels.includes(channel)
    ? html`<span class="good">✓ đã liên kết</span>`
    : html`<span class="muted">chưa</span>`;
}

export function peoplePage(app: Hono<ConsoleEnv>, service: WebConsole, people: WebConsolePeople): void {
  const listView = async (c: Context<ConsoleEnv>, refusal?: Error, status: 200 | 400 | 403 | 404 | 410 = 200) => {
    const official = c.get('official');
    const parsed = filterSchema.parse(c.req.query());
    const filter: PeopleFilter = {
      ...(parsed.unit ? { unitCode: parsed.unit } : {}),
      ...(parsed.role ? { role: parsed.role } : {}),
      ...(parsed.link ? { link: parsed.link } : {}),
    };
    let rows: OfficialWithChannels[] = [];
    let error = refusal;
    try {
      rows = await people.people(official, filter);
    } catch (caught) {
      error = asRefusal(caught);
      status = refusalStatus(error as UserError);
    }
    const units = official.role === 'member' ? [] : await service.unitsInScope(official);
    const mayChange = people.mayChange(official);
    const done = DONE[c.req.query('xong') ?? ''];
    const notice = error ? { kind: 'err' as const, text: error.message } : done && { kind: 'ok' as const, text: done };
    const csrf = csrfField(c.get('csrfToken'));
    const selected = (value: string | undefined, option: string) => (value === option ? 'selected' : '');
    const unitOptions = (chosen?: string) =>
      units.map(
        (unit) =>
          html`<option value="${unit.code}" ${selected(chosen, unit.code)}>${unit.code} — ${unit.name}</option>`,
      );
    return c.html(
      page(
        { title: 'Cán bộ', official, csrfToken: c.get('csrfToken'), ...(notice ? { notice } : {}) },
        html`<form method="get" action="/can-bo" class="inline box">
            <label
              >Đơn vị
              <select name="unit">
                <option value="">Tất cả</option>
                ${unitOptions(parsed.unit)}
              </select></label
            >
            <label
              >Vai trò
              <select name="role">
                <option value="">Tất cả</option>
                ${ROLES.map((role) => html`<option value="${role}" ${selected(parsed.role, role)}>${ROLE_LABELS[role]}</option>`)}
              </select></label
            >
            <label
              >Liên kết chat
              <select name="link">
                <option value="">Tất cả</option>
                <option value="linked" ${selected(parsed.link, 'linked')}>Đã liên kết</option>
                <option value="unlinked" ${selected(parsed.link, 'unlinked')}>Chưa liên kết</option>
              </select></label
            >
            <button>Lọc</button>
          </form>
          ${
            mayChange
              ? html`<p><a href="/can-bo/nhap">Nhập danh sách từ tệp CSV/XLSX…</a></p>
                  <details class="box">
                    <summary>Thêm cán bộ</summary>
                    <form method="post" action="/can-bo/them" class="inline">
                      ${csrf}
                      <label>Họ và tên <input name="fullName" required maxlength="200" /></label>
                      <label
                        >Tên đăng nhập (để trống: tự đặt theo tên)
                        <input name="username" maxlength="32" pattern="[a-z0-9][a-z0-9_.\\-]{1,31}"
                      /></label>
                      <label
                        >Đơn vị
                        <select name="unit" required>
                          <option value="">— chọn —</option>
                          ${unitOptions()}
                        </select></label
                      >
                      <label
                        >Vai trò
                        <select name="role">
                          ${ROLES.map((role) => html`<option value="${role}">${ROLE_LABELS[role]}</option>`)}
                        </select></label
                      >
                      <button>Thêm</button>
                    </form>
                  </details>`
              : html`<p class="muted">
                  Bạn xem được cán bộ trong phạm vi đơn vị mình; Văn phòng Sở thay đổi danh sách.
                </p>`
          }
          <p class="muted">${rows.length} cán bộ.</p>
          <form method="post" action="/can-bo/phieu-lien-ket">
            ${csrf}
            <div class="box scroll">
              <table class="stack">
                <thead>
                  <tr>
                    ${mayChange ? html`<th></th>` : ''}
                    <th>Cán bộ</th>
                    <th>Đơn vị</th>
                    <th>Vai trò</th>
                    <th>Telegram</th>
                    <th>Zalo</th>
                    <th>Tình trạng</th>
                  </tr>
                </thead>
                <tbody>
                  ${rows.map(
                    (person) =>
                      html`<tr>
                        ${
                          mayChange
                            ? html`<td data-label="Chọn in phiếu">
                                <input
                                  type="checkbox"
                                  name="chon"
                                  value="${person.username}"
                                  aria-label="Chọn ${person.fullName}"
                                />
                              </td>`
                            : ''
                        }
                        <td>
                          <a href="/can-bo/${person.username}">${person.fullName}</a>
                          <span class="muted">${person.username}</span>
                        </td>
                        <td data-label="Đơn vị">${person.unitCode}</td>
                        <td data-label="Vai trò">${ROLE_LABELS[person.role]}</td>
                        <td data-label="Telegram">${channelCell(person, 'telegram')}</td>
                        <td data-label="Zalo">${channelCell(person, 'zalo')}</td>
                        <td data-label="Tình trạng">
                          ${person.active ? 'đang làm việc' : html`<span class="bad">ngừng hoạt động</span>`}
                        </td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>
            ${
              mayChange
                ? html`<div class="box">
                    <p class="muted">
                      In phiếu liên kết (mã mới, phiếu cũ hết hiệu lực) cho người đã chọn, hoặc cho mọi cán bộ chưa liên
                      kết của một đơn vị:
                    </p>
                    <div class="inline">
                      <label
                        >Đơn vị (khi không chọn ai)
                        <select name="unit">
                          <option value="">Cả Sở</option>
                          ${unitOptions(parsed.unit)}
                        </select></label
                      >
                      <label
                        >Định dạng
                        <select name="format">
                          <option value="pdf">PDF</option>
                          <option value="html">HTML</option>
                        </select></label
                      >
                      <button class="secondary">In phiếu liên kết</button>
                    </div>
                  </div>`
                : ''
            }
          </form>`,
      ),
      status,
    );
  };

  app.get('/can-bo', (c) => listView(c));

  app.post('/can-bo/them', async (c) => {
    const form = await c.req.parseBody();
    const input = z
      .object({
        fullName: z.string().trim().min(1).max(200),
        username: z.string().trim().max(32).optional(),
        unit: z.string().trim().min(1),
        role: roleField,
      })
      .safeParse(form);
    if (!input.success)
      return listView(c, new Error('Hãy điền họ và tên, chọn đơn vị và vai trò của cán bộ mới.'), 400);
    try {
      const added = await people.add(c.get('official'), {
        fullName: input.data.fullName,
        unitCode: input.data.unit,
        role: input.data.role,
        ...(input.data.username ? { username: input.data.username } : {}),
      });
      return c.redirect(`/can-bo/${added.username}?xong=them`, 303);
    } catch (error) {
      const refusal = asRefusal(error);
      return listView(c, refusal, refusalStatus(refusal));
    }
  });

  app.post('/can-bo/phieu-lien-ket', async (c) => {
    const form = await c.req.parseBody({ all: true });
    const chosen = ([] as unknown[])
      .concat(form.chon ?? [])
      .filter((value): value is string => typeof value === 'string');
    const format = form.format === 'html' ? 'html' : 'pdf';
    // The people ticked, else everyone still to link in the chosen unit (or the Sở).
    const unit = typeof form.unit === 'string' && form.unit && chosen.length === 0 ? form.unit : undefined;
    try {
      const sheet = await people.linkSheet(c.get('official'), {
        format,
        ...(chosen.length > 0 ? { usernames: chosen } : {}),
        ...(unit ? { unitCode: unit } : {}),
      });
      c.header('Content-Type', sheet.contentType);
      c.header('Content-Disposition', `attachment; filename="${sheet.fileName}"`);
      return c.body(typeof sheet.content === 'string' ? sheet.content : new Uint8Array(sheet.content));
    } catch (error) {
      const refusal = asRefusal(error);
      return listView(c, refusal, refusalStatus(refusal));
    }
  });

  app.get('/can-bo/:username{[a-z0-9][a-z0-9_.-]{1,31}}', (c) => personView(c, service, people));

  const action = (
    path: string,
    run: (c: Context<ConsoleEnv>, username: string, form: Record<string, unknown>) => Promise<unknown>,
  ) =>
    app.post(`/can-bo/:username{[a-z0-9][a-z0-9_.-]{1,31}}/${path}`, async (c) => {
      const username = c.req.param('username');
      try {
        await run(c, username, await c.req.parseBody());
      } catch (error) {
        return personView(c, service, people, asRefusal(error));
      }
      return c.redirect(`/can-bo/${username}?xong=${path}`, 303);
    });

  action('ngung', (c, username, form) =>
    people.deactivate(c.get('official'), username, reasonField.parse(form.reason)),
  );
  app.post('/can-bo/:username{[a-z0-9][a-z0-9_.-]{1,31}}/go-lien-ket', async (c) => {
    const username = c.req.param('username');
    const form = await c.req.parseBody();
    try {
      // Empty: every account; anything but a listed channel is refused, never widened to "every".
      const channel = z
        .enum(UNLINKABLE)
        .optional()
        .safeParse(form.channel || undefined);
      if (!channel.success) throw new PersonFormError('Hãy chọn kênh chat cần gỡ: Telegram, Zalo hoặc mọi tài khoản.');
      const why = reasonField.parse(form.reason);
      const { auditId } = await people.unlink(c.get('official'), username, channel.data, why);
      // `lan` names the unlink just made; the page lists it, with any other still undoable.
      return c.redirect(`/can-bo/${username}?xong=go-lien-ket&lan=${auditId}`, 303);
    } catch (error) {
      return personView(c, service, people, asRefusal(error));
    }
  });
  action('hoan-tac-go-lien-ket', (c, username, form) => {
    const auditId = auditIdField.safeParse(form.lan);
    if (!auditId.success) throw new PersonFormError('Không rõ lần gỡ liên kết nào cần hoàn tác.');
    return people.restoreLink(c.get('official'), username, auditId.data);
  });
  action('kich-hoat', (c, username, form) =>
    people.reactivate(c.get('official'), username, reasonField.parse(form.reason)),
  );
  action('chuyen', (c, username, form) => {
    const unit = z.string().trim().min(1).safeParse(form.unit);
    if (!unit.success) throw new PersonFormError('Hãy chọn đơn vị mới.');
    return people.move(c.get('official'), username, unit.data, reasonField.parse(form.reason));
  });
  action('vai-tro', (c, username, form) => {
    const role = roleField.safeParse(form.role);
    if (!role.success) throw new PersonFormError('Hãy chọn vai trò: cán bộ, lãnh đạo đơn vị hoặc Văn phòng Sở.');
    return people.changeRole(c.get('official'), username, role.data, reasonField.parse(form.reason));
  });
}

class PersonFormError extends UserError {
  constructor(message: string) {
    super(message, 'BAD_FORM');
  }
}

async function personView(c: Context<ConsoleEnv>, service: WebConsole, people: WebConsolePeople, refusal?: UserError) {
  const official = c.get('official');
  const username = c.req.param('username')!;
  const base = { official, csrfToken: c.get('csrfToken') };
  let person: OfficialWithChannels | undefined;
  try {
    person = (await people.people(official, {})).find((row) => row.username === username);
  } catch (error) {
    const denied = asRefusal(error);
    return c.html(page({ ...base, title: 'Cán bộ', notice: { kind: 'err', text: denied.message } }, html``), 403);
  }
  // A form about someone outside the viewer's tree: the refusal (403), not "no such official".
  if (!person && refusal)
    return c.html(
      page({ ...base, title: 'Cán bộ', notice: { kind: 'err', text: refusal.message } }, html``),
      refusalStatus(refusal),
    );
  if (!person)
    return c.html(
      page(
        {
          ...base,
          title: 'Cán bộ',
          notice: { kind: 'err', text: `Không có cán bộ "${username}" trong phạm vi của bạn.` },
        },
        html`<p><a href="/can-bo">Về danh sách cán bộ</a></p>`,
      ),
      404,
    );
  const done = DONE[c.req.query('xong') ?? ''];
  const notice = refusal
    ? { kind: 'err' as const, text: refusal.message }
    : done && { kind: 'ok' as const, text: done };
  const mayChange = people.mayChange(official);
  const csrf = csrfField(c.get('csrfToken'));
  const units = mayChange ? await service.unitsInScope(official) : [];
  const linked = UNLINKABLE.filter((channel) => person.channels.includes(channel));
  const undoable = mayChange ? await people.undoableUnlinks(official, person.username) : [];
  return c.html(
    page(
      { ...base, title: `${person.fullName} (${person.username})`, ...(notice ? { notice } : {}) },
      html`<p><a href="/can-bo">← Danh sách cán bộ</a></p>
        <div class="box">
          <dl>
            <dt>Đơn vị</dt>
            <dd>${person.unitCode}</dd>
            <dt>Vai trò</dt>
            <dd>${ROLE_LABELS[person.role]}</dd>
            <dt>Telegram</dt>
            <dd>${channelCell(person, 'telegram')}</dd>
            <dt>Zalo</dt>
            <dd>${channelCell(person, 'zalo')}</dd>
            <dt>Tình trạng</dt>
            <dd>${person.active ? 'đang làm việc' : html`<span class="bad">ngừng hoạt động</span>`}</dd>
          </dl>
        </div>
        ${undoableUnlinksView(person.username, undoable, csrf)}
        ${
          mayChange && linked.length > 0
            ? html`<form method="post" action="/can-bo/${person.username}/go-lien-ket" class="inline box">
                ${csrf}
                <label
                  >Gỡ liên kết chat (mất điện thoại, đổi tài khoản…)
                  <select name="channel">
                    ${linked.length > 1 ? html`<option value="">Mọi tài khoản chat</option>` : ''}
                    ${linked.map((channel) => html`<option value="${channel}">${CHANNEL_LABELS[channel]}</option>`)}
                  </select></label
                >
                <label>Lý do (không bắt buộc) <input name="reason" maxlength="500" /></label>
                <button class="secondary">Gỡ liên kết</button>
              </form>`
            : ''
        }
        ${
          mayChange
            ? html`<form method="post" action="/can-bo/${person.username}/chuyen" class="inline box">
                  ${csrf}
                  <label
                    >Chuyển sang đơn vị
                    <select name="unit" required>
                      <option value="">— chọn —</option>
                      ${units
                        .filter((unit) => unit.code !== person.unitCode && unit.active)
                        .map((unit) => html`<option value="${unit.code}">${unit.code} — ${unit.name}</option>`)}
                    </select></label
                  >
                  <label>Lý do (không bắt buộc) <input name="reason" maxlength="500" /></label>
                  <button class="secondary">Chuyển đơn vị</button>
                </form>
                <form method="post" action="/can-bo/${person.username}/vai-tro" class="inline box">
                  ${csrf}
                  <label
                    >Vai trò mới
                    <select name="role" required>
                      ${ROLES.filter((role) => role !== person.role).map(
                        (role) => html`<option value="${role}">${ROLE_LABELS[role]}</option>`,
                      )}
                    </select></label
                  >
                  <label>Lý do (không bắt buộc) <input name="reason" maxlength="500" /></label>
                  <button class="secondary">Đổi vai trò</button>
                </form>
                ${
                  person.active
                    ? html`<form method="post" action="/can-bo/${person.username}/ngung" class="inline box">
                        ${csrf}
                        <label
                          >Lý do ngừng hoạt động (nghỉ việc, chuyển công tác…) <input name="reason" maxlength="500"
                        /></label>
                        <button class="secondary">Ngừng hoạt động</button>
                      </form>`
                    : html`<form method="post" action="/can-bo/${person.username}/kich-hoat" class="inline box">
                        ${csrf}
                        <label>Lý do (không bắt buộc) <input name="reason" maxlength="500" /></label>
                        <button>Kích hoạt lại</button>
                      </form>`
                }`
            : ''
        }`,
    ),
    refusal ? refusalStatus(refusal) : 200,
  );
}
