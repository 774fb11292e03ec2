// The audit log as officials read it: Vietnam time, who (official or CLI/system), through which
// channel and chat, what, and a one-line summary of the recorded details.
import { parseAddress } from '../channels/address.ts';
import type { AuditEntry } from '../db/store/audit-queries.ts';
import { formatVietnamTime } from '../domain/local-date.ts';

const ACTION_LABELS: Record<string, string> = {
  'task.add': 'giao việc',
  'task.done': 'báo xong việc',
  'task.undo': 'hoàn tác báo xong',
  'task.reopen': 'mở lại việc',
  'task.cancel': 'huỷ việc',
  'task.edit': 'sửa việc',
  'task.reassign': 'giao lại việc',
  'unit.add': 'thêm đơn vị',
  'unit.focal': 'đặt cán bộ đầu mối',
  'official.add': 'thêm cán bộ',
  'dossier.add': 'ghi nhận hồ sơ',
  'dossier.returned': 'trả kết quả hồ sơ',
  'official.deactivate': 'cho cán bộ nghỉ',
  'official.reactivate': 'cho cán bộ làm lại',
  'official.move': 'chuyển đơn vị cho cán bộ',
  'official.role': 'đổi vai trò cán bộ',
  'identity.link': 'liên kết tài khoản chat',
  'identity.unlink': 'gỡ liên kết tài khoản chat',
  'identity.restore': 'khôi phục liên kết chat (hoàn tác gỡ nhầm)',
  'link-code.revoke': 'thu hồi mã liên kết',
  'unit.rename': 'đổi tên đơn vị',
  'unit.move': 'chuyển đơn vị',
  'unit.deactivate': 'ngừng đơn vị',
  'unit.reactivate': 'hoạt động lại đơn vị',
};

const ACTOR_KINDS: Record<string, string> = { cli: 'dòng lệnh (CLI)', system: 'hệ thống', scheduler: 'bộ lập lịch' };

export { formatVietnamTime };

export function auditActor(entry: AuditEntry): string {
  if (entry.actor) return `${entry.actor.username} (${entry.actor.fullName})`;
  return ACTOR_KINDS[entry.actorKind] ?? entry.actorKind;
}

export function auditChannel(entry: AuditEntry): string {
  if (!entry.channel) return '-';
  if (!entry.chatId) return entry.channel;
  // Chats are recorded as their address (`telegram:3002`), which already names the channel.
  return parseAddress(entry.chatId) ? entry.chatId : `${entry.channel}:${entry.chatId}`;
}

export function auditAction(entry: AuditEntry): string {
  const label = ACTION_LABELS[entry.action];
  return label ? `${label} (${entry.action})` : entry.action;
}

function scalar(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** `dueDate: 2026-12-31 → 2026-12-10`: only what a correction changed. */
function changes(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys
    .filter((key) => scalar(before[key]) !== scalar(after[key]))
    .map((key) => `${key}: ${scalar(before[key]) || '∅'} → ${scalar(after[key]) || '∅'}`);
}

function summaryOf(value: unknown): string {
  if (!isRecord(value)) return scalar(value);
  const { before, after, ...rest } = value;
  const changed = isRecord(before) && isRecord(after) ? changes(before, after) : [];
  const others = Object.entries(isRecord(before) && isRecord(after) ? rest : value)
    .filter(([, v]) => v !== undefined && v !== null)
    .map(([k, v]) => `${k}=${scalar(v)}`);
  return [...changed, ...others].join(', ');
}

/**
 * `note=Đã gửi, code=HS-001`, or for a correction `dueDate: 2026-12-31 → 2026-12-10, reason=…`:
 * the recorded details on one line, cut at `limit` characters.
 */
export function payloadSummary(payload: string | null, limit = 100): string {
  if (!payload) return '';
  let text: string;
  try {
    text = summaryOf(JSON.parse(payload));
  } catch {
    text = payload; // written by hand or by an older version: show it as it is
  }
  text = text.replace(/\s+/g, ' ');
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
}

export interface AuditLine {
  id: number;
  at: string;
  atIso: string;
  actor: string;
  actorKind: string;
  username: string | null;
  channel: string | null;
  chatId: string | null;
  action: string;
  taskId: number | null;
  summary: string;
  payload: unknown;
}

export function auditLine(entry: AuditEntry): AuditLine {
  let payload: unknown = entry.payload;
  try {
    payload = entry.payload ? JSON.parse(entry.payload) : null;
  } catch {
    // keep the raw text
  }
  return {
    id: entry.id,
    at: formatVietnamTime(entry.at),
    atIso: entry.at.toISOString(),
    actor: auditActor(entry),
    actorKind: entry.actorKind,
    username: entry.actor?.username ?? null,
    channel: entry.channel,
    chatId: entry.chatId,
    action: entry.action,
    taskId: entry.taskId,
    summary: payloadSummary(entry.payload),
    payload,
  };
}

export function renderAuditText(entries: AuditEntry[]): string {
  if (entries.length === 0) return 'Không có thay đổi nào.';
  return entries
    .map((e) =>
      [
        formatVietnamTime(e.at),
        auditActor(e),
        auditChannel(e),
        auditAction(e),
        e.taskId === null ? '-' : `#${e.taskId}`,
        payloadSummary(e.payload),
      ]
        .join('\t')
        .trimEnd(),
    )
    .join('\n');
}
