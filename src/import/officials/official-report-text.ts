// The human form of an `official import` report: every row under what happened to it.
import type { OfficialImportReport } from './official-import.ts';

function section<T>(title: string, items: T[], line: (item: T) => string): string[] {
  return items.length === 0 ? [] : [`${title} (${items.length}):`, ...items.map((item) => `  ${line(item)}`)];
}

function outcome(report: OfficialImportReport): string {
  if (report.dryRun) return 'chạy thử, chưa ghi gì';
  if (report.written) return 'đã ghi';
  return report.refused.length > 0 ? 'KHÔNG ghi gì vì có dòng lỗi' : 'không có gì thay đổi';
}

export function officialReportText(report: OfficialImportReport): string {
  const done = report.written;
  return [
    `Danh sách cán bộ (tệp ${report.file}): ${outcome(report)}.`,
    ...section(
      done ? 'Đã thêm' : 'Sẽ thêm',
      report.created,
      (c) => `dòng ${c.row}: ${c.username} — ${c.fullName} (${c.unitCode}, ${c.role})`,
    ),
    ...section(
      done ? 'Đã cập nhật' : 'Sẽ cập nhật',
      report.updated,
      (u) => `dòng ${u.row}: ${u.username} — ${u.change}`,
    ),
    ...section('Đã có, không đổi', report.unchanged, (u) => `dòng ${u.row}: ${u.username}`),
    ...section(
      'Khác hồ sơ, nhập không tự đổi — kiểm tra rồi chạy lệnh',
      report.toReview,
      (r) => `dòng ${r.row}: ${r.username} — ${r.what}: ${r.command}`,
    ),
    ...section(
      'Dòng không nhập được',
      report.refused,
      (r) => `dòng ${r.row}${r.fullName ? ` (${r.fullName})` : ''}: ${r.reason}`,
    ),
  ].join('\n');
}
