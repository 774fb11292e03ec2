// Vietnamese wording shared by every rendering of the report (md, csv, xlsx, chart, chat).
import { formatVietnamese, type LocalDate } from '../domain/local-date.ts';
import type { ApologyStatus, TaskOutcome } from './report-types.ts';
import { parseReportMonth, formatMonth } from './month.ts';

/** 0.6667 → "66,7%" (Vietnamese decimal comma); null → "—" (nothing decided yet). */
export function formatPercent(rate: number | null): string {
  if (rate === null) return '—';
  const text = (Math.round(rate * 1000) / 10).toFixed(1).replace(/\.0$/, '').replace('.', ',');
  return `${text}%`;
}

export function formatDate(date: LocalDate | null): string {
  return date ? formatVietnamese(date) : '';
}

/** `2026-11` → `11/2026` */
export function monthLabel(key: string): string {
  const month = parseReportMonth(key);
  return month ? formatMonth(month) : key;
}

export const OUTCOME_LABELS: Record<TaskOutcome, string> = {
  'on-time': 'Đúng hạn',
  late: 'Xong quá hạn',
  overdue: 'Quá hạn, chưa xong',
  pending: 'Chưa đến hạn',
};

export const APOLOGY_LABELS: Record<ApologyStatus, string> = {
  done: 'Đã gửi phiếu xin lỗi',
  open: 'Chưa gửi phiếu xin lỗi',
  cancelled: 'Việc phiếu xin lỗi đã huỷ',
  missing: 'Không có việc phiếu xin lỗi',
};

export function targetVerdict(met: boolean | null): string {
  if (met === null) return 'chưa có số liệu';
  return met ? 'Đạt' : 'Chưa đạt';
}
