// Đơn vị: the unit tree (a head: their unit's subtree), and for the office admin: add a unit,
// rename, move under another (a cycle is refused by the same rule as `unit move`), set the focal
// official, deactivate (refused, naming what blocks it, while people, open tasks or sub-units remain)
// and reactivate to undo it. A refusal re-renders the page with the reason; nothing changes.
import type { Context, Hono } from 'hono';
import { html } from 'hono/html';
import { z } from 'zod';
import { UserError } from '../../domain/errors.ts';
import type { WebConsole } from '../../services/web-console.ts';
import type { UnitTreeRow, WebConsoleUnits } from '../../services/web-console-units.ts';
import { csrfField, page } from './layout.ts';
import { asRefusal, refusalStatus } from './refusal.ts';
import type { ConsoleEnv } from './session.ts';

const DONE: Record<string, string> = {
  them: 'Đã thêm đơn vị.',
  'doi-ten': 'Đã đổi tên đơn vị.',
  chuyen: 'Đã chuyển đơn vị.',
  'dau-moi': 'Đã đặt cán bộ đầu mối.',
  ngung: 'Đã ngừng hoạt động đơn vị: không nhận việc và cán bộ mới. Bấm «Kích hoạt lại» ở dòng đơn vị nếu nhầm.',
  'kich-hoat': 'Đơn vị hoạt động trở lại.',
};

const text = (what: string) => z.string({ error: what }).trim().min(1, what).max(500, `${what} (tối đa 500 ký tự)`);
const reasonField = z.string().trim().max(500).optional().catch(undefined);

export function unitsPage(
  app: Hono<ConsoleEnv>,
  service: WebConsole,
  units: WebConsoleUnits,
  mayChange: (official: ConsoleEnv['Variables']['official']) => boolean,
): void {
  const view = async (c: Context<ConsoleEnv>, refusal?: UserError) => {
    const official = c.get('official');
    let tree: UnitTreeRow[] = [];
    let error = refusal;
    try {
      tree = await units.tree(official);
    } catch (caught) {
      error = asRefusal(caught);
    }
    const done = DONE[c.req.query('xong') ?? ''];
    const notice = error ? { kind: 'err' as const, text: error.message } : done && { kind: 'ok' as const, text: done };
    const admin = mayChange(official) && tree.length > 0;
    const people = admin ? await service.officialsInScope(official) : [];
    const csrf = csrfField(c.get('csrfToken'));
    const unitOptions = (skip?: string) =>
      tree
        .filter((unit) => unit.code !== skip && unit.active)
        .map((unit) => html`<option value="${unit.code}">${unit.code} — ${unit.name}</option>`);
    return c.html(
      page(
        { title: 'Đơn vị', official, csrfToken: c.get('csrfToken'), ...(notice ? { notice } : {}) },
        html`<div class="box scroll">
            <table class="stack">
              <thead>
                <tr>
                  <th>Đơn vị</th>
                  <th>Mã</th>
                  <th>Cán bộ đầu mối</th>
                  <th>Tình trạng</th>
                  ${admin ? html`<th>Sửa</th>` : ''}
                </tr>
              </thead>
              <tbody>
                ${tree.map(
                  (unit) =>
                    html`<tr>
                      <td style="padding-left:${0.6 + unit.depth * 1.2}rem">
                        ${unit.depth > 0 ? '└ ' : ''}${unit.name}
                      </td>
                      <td data-label="Mã">${unit.code}</td>
                      <td data-label="Đầu mối">${unit.focalUsername ?? '—'}</td>
                      <td data-label="Tình trạng">
                        ${unit.active ? 'hoạt động' : html`<span class="bad">ngừng</span>`}
                      </td>
                      ${
                        admin
                          ? html`<td data-label="Sửa">
                              <details>
                                <summary>Sửa ${unit.code}</summary>
                                <form method="post" action="/don-vi/${unit.code}/doi-ten" class="inline">
                                  ${csrf}<label
                                    >Tên mới <input name="name" value="${unit.name}" required maxlength="500"
                                  /></label>
                                  <button class="secondary">Đổi tên</button>
                                </form>
                                <form method="post" action="/don-vi/${unit.code}/chuyen" class="inline">
                                  ${csrf}<label
                                    >Thuộc đơn vị
                                    <select name="parent" required>
                                      <option value="">— chọn —</option>
                                      ${unitOptions(unit.code)}
                                    </select></label
                                  ><label>Lý do <input name="reason" maxlength="500" /></label>
                                  <button class="secondary">Chuyển</button>
                                </form>
                                <form method="post" action="/don-vi/${unit.code}/dau-moi" class="inline">
                                  ${csrf}<label
                                    >Cán bộ đầu mối
                                    <select name="username" required>
                                      <option value="">— chọn —</option>
                                      ${people
                                        .filter((person) => person.unitCode === unit.code)
                                        .map(
                                          (person) =>
                                            html`<option value="${person.username}">${person.fullName}</option>`,
                                        )}
                                    </select></label
                                  ><button class="secondary">Đặt đầu mối</button>
                                </form>
                                ${
                                  unit.active
                                    ? html`<form method="post" action="/don-vi/${unit.code}/ngung" class="inline">
                                        ${csrf}<label
                                          >Lý do ngừng hoạt động (sáp nhập, giải thể…)
                                          <input name="reason" maxlength="500" /></label
                                        ><button class="secondary">Ngừng hoạt động</button>
                                      </form>`
                                    : ''
                                }
                              </details>
                              ${
                                unit.active
                                  ? ''
                                  : html`<form method="post" action="/don-vi/${unit.code}/kich-hoat" class="inline">
                                      ${csrf}<label>Lý do <input name="reason" maxlength="500" /></label
                                      ><button>Kích hoạt lại ${unit.code}</button>
                                    </form>`
                              }
                            </td>`
                          : ''
                      }
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>
          ${
            admin
              ? html`<h2>Thêm đơn vị</h2>
                  <form method="post" action="/don-vi/them" class="inline box">
                    ${csrf}
                    <label>Mã đơn vị <input name="code" required maxlength="32" /></label>
                    <label>Tên đơn vị <input name="name" required maxlength="500" /></label>
                    <label
                      >Thuộc đơn vị
                      <select name="parent">
                        <option value="">— không (cấp cao nhất) —</option>
                        ${unitOptions()}
                      </select></label
                    >
                    <button>Thêm đơn vị</button>
                  </form>`
              : ''
          }`,
      ),
      error ? refusalStatus(error) : 200,
    );
  };

  app.get('/don-vi', (c) => view(c));

  const action = (path: string, run: (c: Context<ConsoleEnv>, form: Record<string, unknown>) => Promise<unknown>) =>
    app.post(path, async (c) => {
      try {
        await run(c, await c.req.parseBody());
      } catch (error) {
        if (error instanceof z.ZodError)
          return view(c, new UserError(error.issues.map((issue) => issue.message).join('; '), 'BAD_FORM'));
        return view(c, asRefusal(error));
      }
      return c.redirect(`/don-vi?xong=${path.split('/').pop()}`, 303);
    });

  action('/don-vi/them', (c, form) => {
    const input = z
      .object({
        code: text('Hãy điền mã đơn vị'),
        name: text('Hãy điền tên đơn vị'),
        parent: z.string().trim().optional(),
      })
      .parse(form);
    return units.add(c.get('official'), {
      code: input.code,
      name: input.name,
      ...(input.parent ? { parentCode: input.parent } : {}),
    });
  });
  action('/don-vi/:code/doi-ten', (c, form) =>
    units.rename(
      c.get('official'),
      c.req.param('code')!,
      text('Hãy điền tên mới').parse(form.name),
      reasonField.parse(form.reason),
    ),
  );
  action('/don-vi/:code/chuyen', (c, form) =>
    units.move(
      c.get('official'),
      c.req.param('code')!,
      text('Hãy chọn đơn vị cấp trên').parse(form.parent),
      reasonField.parse(form.reason),
    ),
  );
  action('/don-vi/:code/ngung', (c, form) =>
    units.deactivate(c.get('official'), c.req.param('code')!, reasonField.parse(form.reason)),
  );
  action('/don-vi/:code/kich-hoat', (c, form) =>
    units.reactivate(c.get('official'), c.req.param('code')!, reasonField.parse(form.reason)),
  );
  action('/don-vi/:code/dau-moi', (c, form) =>
    units.setFocal(c.get('official'), c.req.param('code')!, text('Hãy chọn cán bộ đầu mối').parse(form.username)),
  );
}
