// What the web console does, bound to one store: sign-in by a link sent to the official's chat,
// sessions, the pages' data, and the corrections. Who may see and change what is decided by
// src/chat/permissions.ts and the same store functions the chat commands and the CLI call
// (one rule, three doors); the web routes only parse forms and render.
import { mayActOnTask, requireOfficialInScope, requireTaskInScope, scopeOf } from '../chat/permissions.ts';
import { listAuditEntries } from '../db/store/audit-queries.ts';
import { compilationProgress } from '../db/store/report-chains.ts';
import { describeCompilation } from '../domain/duties/compilation-progress.ts';
import {
  countOpenTasksByUnit,
  listChatIdentitiesOf,
  listTaskReminders,
  type TaskReminderRow,
  type UnitOpenCounts,
} from '../db/store/console-queries.ts';
import { findOfficialByUsername, listOfficials } from '../db/store/officials.ts';
import type { Store } from '../db/store/store.ts';
import { reopenTask, requireClosedTask } from '../db/store/task-closing.ts';
import { cancelTask, editTask, reassignTask, type TaskEdit } from '../db/store/task-corrections.ts';
import { listTasks, markTaskDone, type TaskListStatus } from '../db/store/tasks.ts';
import { unitSubtreeIds } from '../db/store/unit-tree.ts';
import { listUnits } from '../db/store/units.ts';
import {
  countSignInTokensSince,
  createSignInToken,
  endAllWebSessions,
  endWebSession,
  findWebSession,
  redeemSignInToken,
  SIGN_IN_LINK_MINUTES,
  type SignInFailure,
  type WebSessionState,
} from '../db/store/web-sessions.ts';
import type { Clock } from '../domain/clock.ts';
import { UserError } from '../domain/errors.ts';
import { addDays, dayOfWeek, formatVietnamTime, vietnamDateOf, type LocalDate } from '../domain/local-date.ts';
import type { Actor, ChannelKind, Official, Task, Unit } from '../domain/model.ts';
import type { ReferenceData } from '../domain/reference-data.ts';
import { CLOSER_REOPEN_DAYS, reopenRefusal } from '../domain/task-closing.ts';
import { auditLine, type AuditLine } from '../reports/audit-format.ts';
import { buildMonthlyReport } from '../reports/build-monthly-report.ts';
import { renderReportChartSvg } from '../reports/render-chart.ts';
import { formatMonth, monthOf } from '../reports/month.ts';

/** Sends one private message to an official's chat account; false when it could not be sent. */
export type SendToChat = (identity: { channel: ChannelKind; externalId: string }, text: string) => Promise<boolean>;

/** Links per official per window: enough for a mistyped click, too few to flood their chat. */
export const SIGN_IN_LINKS_PER_WINDOW = 3;

export interface DashboardRow extends UnitOpenCounts {
  /** this month's on-time rate (0…1) from the monthly report; null when nothing was decided yet */
  onTimeRate: number | null;
}

export interface Dashboard {
  month: string;
  /** the plan's target for tasks (1 = 100 %) */
  target: number;
  rows: DashboardRow[];
  /** This month's on-time rate per unit in scope against the target, as SVG; none for a member. */
  chartSvg?: string;
}

export interface TaskFilter {
  unitCode?: string;
  assigneeUsername?: string;
  status?: TaskListStatus;
  dutyCode?: string;
  /** legal due date from / to, inclusive */
  dueFrom?: LocalDate;
  dueTo?: LocalDate;
}

export interface TaskPage {
  task: Task;
  reminders: TaskReminderRow[];
  history: AuditLine[];
  /** an office compile task: who has sent their report, counted now ("📥 1/2 phòng đã nộp; …") */
  compilation?: string;
  /** which corrections this official may make now */
  may: { close: boolean; reopen: boolean; reassign: boolean; edit: boolean; cancel: boolean };
}

export interface WebConsole {
  /** Sends a sign-in link to the official's linked chats. Refusals are UserErrors. */
  requestSignInLink(username: string): Promise<void>;
  /** The link the CLI prints for an official (the first admin has no chat yet). */
  signInLinkFor(username: string): Promise<{ url: string; expiresAt: Date }>;
  redeemSignInLink(
    token: string,
  ): Promise<{ ok: true; sessionToken: string; maxAgeSeconds: number } | { ok: false; reason: SignInFailure }>;
  session(sessionToken: string): Promise<WebSessionState | undefined>;
  signOut(sessionToken: string): Promise<void>;
  signOutEverywhere(official: Official): Promise<number>;
  today(): LocalDate;
  dashboard(official: Official): Promise<Dashboard>;
  unitsInScope(official: Official): Promise<Unit[]>;
  officialsInScope(official: Official): Promise<Official[]>;
  /** The first `limit` tasks by due date (all when absent). */
  tasks(official: Official, filter: TaskFilter, limit?: number): Promise<Task[]>;
  taskPage(official: Official, id: number): Promise<TaskPage>;
  closeTask(official: Official, id: number, note?: string): Promise<Task>;
  reopenTask(official: Official, id: number, reason?: string): Promise<Task>;
  reassignTask(official: Official, id: number, username: string): Promise<{ task: Task; notified: string[] }>;
  /** Title, due date, note: the office's correction (`task edit`). */
  editTask(official: Official, id: number, edit: TaskEdit): Promise<{ task: Task; notified: string[] }>;
  /** Calls off an open task, with a reason (/huy): heads in their tree, the office anywhere. */
  cancelTask(official: Official, id: number, reason: string): Promise<{ task: Task; notified: string[] }>;
  /** The duties of the catalogue, for the task list's filter. */
  duties(): { code: string; name: string }[];
}

/** Changes made in the browser are audited with channel `web`. */
export function webActor(official: Official): Actor {
  return { kind: 'official', officialId: official.id, channel: 'web', chatId: 'web' };
}

export function createWebConsole({
  store,
  clock,
  baseUrl,
  sendToChat,
  reference,
}: {
  store: Store;
  clock: Clock;
  /** The calendar and duty catalogue the bot runs on (absent in the CLI, which only prints links). */
  reference?: ReferenceData;
  /** what links start with, e.g. http://127.0.0.1:8080 or https://nhacviec.so.gov.vn */
  baseUrl: string;
  sendToChat?: SendToChat;
}): WebConsole {
  const today = () => vietnamDateOf(clock.now());
  const linkUrl = (token: string) => `${baseUrl.replace(/\/+$/, '')}/dang-nhap/lien-ket?token=${token}`;

  async function requireActive(username: string): Promise<Official> {
    const official = await findOfficialByUsername(store, username.trim().toLowerCase());
    if (!official || !official.active)
      throw new UserError(`Không có cán bộ đang làm việc với tên đăng nhập "${username}".`, 'OFFICIAL_NOT_FOUND');
    return official;
  }

  async function unitIdsInScope(official: Official): Promise<number[] | undefined> {
    if (official.role === 'admin') return undefined;
    return unitSubtreeIds(store, official.unitCode);
  }

  async function unitsInScope(official: Official): Promise<Unit[]> {
    const ids = await unitIdsInScope(official);
    const units = await listUnits(store);
    if (official.role === 'member') return units.filter((unit) => unit.code === official.unitCode);
    return ids ? units.filter((unit) => ids.includes(unit.id)) : units;
  }

  return {
    async requestSignInLink(username) {
      const official = await requireActive(username);
      const now = clock.now();
      const recent = await countSignInTokensSince(
        store,
        official.id,
        new Date(now.getTime() - SIGN_IN_LINK_MINUTES * 60_000),
      );
      if (recent >= SIGN_IN_LINKS_PER_WINDOW)
        throw new UserError(
          `Đã gửi ${recent} liên kết đăng nhập trong ${SIGN_IN_LINK_MINUTES} phút qua. Hãy dùng liên kết đã nhận, hoặc thử lại sau.`,
          'SIGN_IN_RATE_LIMITED',
        );
      const chats = await listChatIdentitiesOf(store, official.id);
      if (chats.length === 0 || !sendToChat)
        throw new UserError(
          'Tài khoản này chưa liên kết Telegram hay Zalo nên bot không gửi được liên kết đăng nhập. ' +
            'Hãy nhờ Văn phòng Sở cấp liên kết (lệnh cli web login-link).',
          'NO_CHAT_LINKED',
        );
      const { token, expiresAt } = await createSignInToken(store, official, webActor(official), now);
      const text =
        `🔑 Liên kết đăng nhập trang quản trị nhắc việc (dùng một lần, hết hạn lúc ${formatVietnamTime(expiresAt)}):\n` +
        `${linkUrl(token)}\nNếu bạn không yêu cầu, hãy bỏ qua tin nhắn này.`;
      let delivered = false;
      for (const chat of chats) delivered = (await sendToChat(chat, text)) || delivered;
      if (!delivered)
        throw new UserError('Bot chưa gửi được liên kết vào chat của bạn. Hãy thử lại sau ít phút.', 'NOT_DELIVERED');
    },

    async signInLinkFor(username) {
      const official = await requireActive(username);
      const { token, expiresAt } = await createSignInToken(store, official, { kind: 'cli' }, clock.now());
      return { url: linkUrl(token), expiresAt };
    },

    async redeemSignInLink(token) {
      const now = clock.now();
      const result = await redeemSignInToken(store, token, now);
      if (!result.ok) return result;
      // A lifetime, not an instant: the browser's clock need not agree with the server's.
      const maxAgeSeconds = Math.floor((result.expiresAt.getTime() - now.getTime()) / 1000);
      return { ok: true, sessionToken: result.sessionToken, maxAgeSeconds };
    },

    session: (sessionToken) => findWebSession(store, sessionToken, clock.now()),
    signOut: (sessionToken) => endWebSession(store, sessionToken),
    signOutEverywhere: (official) => endAllWebSessions(store, official.id),
    today,

    async dashboard(official) {
      const date = today();
      // The week ends on Sunday (dayOfWeek: 0 = Sunday).
      const weekEnd = addDays(date, (7 - dayOfWeek(date)) % 7);
      const unitIds = await unitIdsInScope(official);
      const month = monthOf(date);
      // One report for the table's rates and the chart: the official's tree (the whole Sở for an admin).
      const [counts, report] = await Promise.all([
        countOpenTasksByUnit(store, { today: date, weekEnd, ...(unitIds ? { unitIds } : {}) }),
        buildMonthlyReport(store, {
          month: month.key,
          today: date,
          ...(official.role === 'admin' ? {} : { unitCode: official.unitCode }),
        }),
      ]);
      const rates = new Map(report.tasks.byUnit.map((row) => [row.unitCode, row.figures.onTimeRate]));
      return {
        month: formatMonth(month),
        target: report.targets.tasks,
        rows: counts.map((row) => ({ ...row, onTimeRate: rates.get(row.unitCode) ?? null })),
        ...(official.role === 'member' ? {} : { chartSvg: await renderReportChartSvg(report) }),
      };
    },

    unitsInScope,

    async officialsInScope(official) {
      if (official.role === 'member') return [official];
      const codes = new Set((await unitsInScope(official)).map((unit) => unit.code));
      return (await listOfficials(store)).filter((person) => person.active && codes.has(person.unitCode));
    },

    async tasks(official, filter, limit) {
      const scope = scopeOf(official);
      if (filter.unitCode !== undefined) {
        const allowed = (await unitsInScope(official)).some((unit) => unit.code === filter.unitCode);
        if (!allowed) throw new UserError(`Đơn vị "${filter.unitCode}" không thuộc phạm vi của bạn.`, 'UNIT_FORBIDDEN');
      }
      return listTasks(
        store,
        {
          ...(filter.status ? { status: filter.status } : {}),
          unitCode: filter.unitCode ?? (scope.kind === 'unit' ? scope.unitCode : undefined),
          assigneeUsername: scope.kind === 'own' ? scope.username : filter.assigneeUsername,
          ...(filter.dutyCode ? { dutyCode: filter.dutyCode } : {}),
          ...(filter.dueFrom ? { dueFrom: filter.dueFrom } : {}),
          ...(filter.dueTo ? { dueTo: filter.dueTo } : {}),
        },
        today(),
        limit,
      );
    },

    async taskPage(official, id) {
      const task = await requireTaskInScope(store, official, id);
      const [reminders, audit, progress] = await Promise.all([
        listTaskReminders(store, id),
        listAuditEntries(store, { taskId: id }),
        compilationProgress(store, [id]),
      ]);
      const compilation = progress.get(id);
      const reopen = task.status === 'done' && (await mayReopen(store, official, id, clock.now())) === undefined;
      return {
        task,
        reminders,
        history: audit.map(auditLine),
        ...(compilation ? { compilation: describeCompilation(compilation) } : {}),
        may: {
          close: task.status === 'open',
          reopen,
          reassign: task.status === 'open' && official.role !== 'member',
          edit: official.role === 'admin',
          cancel: task.status === 'open' && official.role !== 'member',
        },
      };
    },

    async closeTask(official, id, note) {
      await requireTaskInScope(store, official, id);
      return (await markTaskDone(store, id, webActor(official), clock.now(), note || undefined)).task;
    },

    async reopenTask(official, id, reason) {
      const refusal = await mayReopen(store, official, id, clock.now());
      if (refusal) throw new UserError(refusal, 'REOPEN_FORBIDDEN');
      return reopenTask(store, id, webActor(official), clock.now(), reason || undefined);
    },

    async reassignTask(official, id, username) {
      if (official.role === 'member')
        throw new UserError('Chỉ lãnh đạo đơn vị và Văn phòng Sở mới giao lại việc được.', 'ROLE_FORBIDDEN');
      await requireTaskInScope(store, official, id);
      const target = await requireOfficialInScope(store, official, username);
      const { task, notified } = await reassignTask(store, id, target.username, webActor(official), clock.now());
      return { task, notified };
    },

    async editTask(official, id, edit) {
      if (official.role !== 'admin')
        throw new UserError('Chỉ Văn phòng Sở mới sửa tên, hạn hay ghi chú của việc.', 'ROLE_FORBIDDEN');
      const { task, notified } = await editTask(store, id, edit, webActor(official), clock.now());
      return { task, notified };
    },

    async cancelTask(official, id, reason) {
      if (official.role === 'member')
        throw new UserError('Chỉ lãnh đạo đơn vị và Văn phòng Sở mới huỷ việc được.', 'ROLE_FORBIDDEN');
      await requireTaskInScope(store, official, id);
      const { task, notified } = await cancelTask(store, id, reason, webActor(official), clock.now());
      return { task, notified };
    },

    duties: () => (reference?.catalogue.duties ?? []).map((duty) => ({ code: duty.code, name: duty.title })),
  };
}

/** The refusal /mo gives, or undefined when `official` may reopen the closed task `id`. */
async function mayReopen(store: Store, official: Official, id: number, now: Date): Promise<string | undefined> {
  const close = await requireClosedTask(store, id);
  const headOfTaskUnit = official.role === 'head' && (await mayActOnTask(store, official, close.task));
  const refusal = reopenRefusal(close, official, headOfTaskUnit, now);
  if (refusal === 'closer-too-late')
    return `Đã quá ${CLOSER_REOPEN_DAYS} ngày kể từ khi bạn báo xong việc #${id}. Hãy nhờ lãnh đạo đơn vị hoặc Văn phòng Sở mở lại.`;
  if (refusal === 'not-allowed')
    return `Bạn không mở lại được việc #${id}: chỉ người đã báo xong (trong ${CLOSER_REOPEN_DAYS} ngày), lãnh đạo đơn vị phụ trách hoặc Văn phòng Sở.`;
  return undefined;
}
