// The audit log as officials read it: Vietnam time, who (official or CLI/system), through which
// channel and chat, what, and a one-line summary of the recorded details.
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import type { AuditEntry } from '../db/store/audit-queries.ts';
import { VIETNAM_TIME_ZONE } from '../domain/local-date.ts';

const ACTION_LABELS: Record<string, string> = {
  'task.add': 'giao việc',
  'task.done': 'báo xong việc',
  'task.undo': 'hoàn tác báo xong',
  'task.reopen': 'mở lại việc',
  'task.cancel': 'huỷ việc',
  'unit.add': 'thêm đơn vị',
  'unit.focal': 'đặt cán bộ đầu mối',
  'official.add': 'thêm cán bộ',
  'dossier.add': 'ghi nhận hồ sơ',
  'dossier.returned': 'trả kết quả hồ sơ',
};

const ACTOR_KINDS: Record<string, string> = { cli: 'dòng lệnh (CLI)', system: 'hệ thống', scheduler: 'bộ lập lịch' };

/** `23/11/2026 09:00`, Vietnam time whatever the server's TZ. */
export function formatVietnamTime(instant: Date): string {
  return format(new TZDate(instant.getTime(), VIETNAM_TIME_ZONE), 'dd/MM/yyyy HH:mm');
}

export function auditActor(entry: AuditEntry): string {
  if (entry.actor) return `${entry.actor.username} (${entry.actor.fullName})`;
  return ACTOR_KINDS[entry.actorKind] ?? entry.actorKind;
}

export function auditChannel(entry: AuditEntry): string {
  if (!entry.channel) return '-';
  return entry.chatId ? `${entry.channel}:${entry.chatId}` : entry.channel;
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

/** `note=Đã gửi, code=HS-001`: the recorded details on one line, cut at `limit` characters. */
export function payloadSummary(payload: string | null, limit = 100): string {
  if (!payload) return '';
  let text: string;
  try {
    const value: unknown = JSON.parse(payload);
    text =
      value !== null && typeof value === 'object' && !Array.isArray(value)
        ? Object.entries(value)
            .filter(([, v]) => v !== undefined && v !== null)
            .map(([k, v]) => `${k}=${scalar(v)}`)
            .join(', ')
        : scalar(value);
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
