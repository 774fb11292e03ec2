// The human form of import reports (the --json form is the report itself): every row is listed
// under what happened to it, with its row number, so the file can be fixed line by line.
import { deadlineText } from '../domain/deadlines/deadline.ts';
import { formatVietnamese } from '../domain/local-date.ts';
import type { PlanImportReport } from './plan/plan-import.ts';
import type { RegisterImportReport } from './one-stop/register-import.ts';

function short(text: string, max = 80): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function where(row: number, stt: string): string {
  return stt ? `dòng ${row}, mục ${stt}` : `dòng ${row}`;
}

function section<T>(title: string, items: T[], line: (item: T) => string): string[] {
  return items.length === 0 ? [] : [`${title} (${items.length}):`, ...items.map((item) => `  ${line(item)}`)];
}

function outcome(report: { dryRun: boolean; written: boolean }): string {
  if (report.dryRun) return 'chạy thử, chưa ghi gì';
  return report.written ? 'đã ghi' : 'KHÔNG ghi gì vì có dòng lỗi';
}

/** Which `rule.kind` to write in the catalogue, or that the plan leaves the cadence open. */
function ruleKindHint(row: PlanImportReport['recurring'][number]): string {
  if (!row.ruleKind) return '→ kế hoạch không nói chu kỳ: chọn rule.kind trong danh mục';
  return row.catalogueRule ? `→ rule.kind: ${row.ruleKind}` : `→ rule.kind: ${row.ruleKind}, cần ghi ngày`;
}

export function planReportText(report: PlanImportReport): string {
  const created = report.written ? 'Đã tạo việc' : 'Việc sẽ tạo';
  return [
    `Kế hoạch ${report.planCode} (tệp ${report.file}): ${outcome(report)}.`,
    ...section(
      created,
      report.tasks,
      (t) =>
        `${where(t.row, t.stt)}: ${short(t.title)} — ${t.unitCode}, ${t.assigneeUsername}, ${deadlineText(t)} — ${t.deadline}${t.taskId ? ` → việc #${t.taskId}` : ''}`,
    ),
    ...section(
      'Đã có từ lần nhập trước, bỏ qua',
      report.duplicates,
      (d) => `${where(d.row, d.stt)}: ${short(d.title)}`,
    ),
    ...section(
      'Đã qua hạn, không tạo việc',
      report.pastDue,
      (p) => `${where(p.row, p.stt)}: ${short(p.title)} (chậm nhất ${formatVietnamese(p.dueDate)})`,
    ),
    ...section(
      'Nhiệm vụ định kỳ: đưa vào danh mục nhiệm vụ (DUTIES_FILE) để bot tạo việc theo kỳ',
      report.recurring,
      (r) => `${where(r.row, r.stt)}: ${short(r.title)} — ${r.unitCode ?? '?'}: ${r.rule} ${ruleKindHint(r)}`,
    ),
    ...section(
      'Nhiệm vụ tính từ một sự kiện: tạo khi có sự kiện (task add --duty … --from …)',
      report.eventDuties,
      (e) => `${where(e.row, e.stt)}: ${short(e.title)} — ${e.unitCode ?? '?'}: ${e.rule}`,
    ),
    ...section(
      'Không có hạn cụ thể: giữ trong báo cáo, không nhắc',
      report.noDeadline,
      (n) => `${where(n.row, n.stt)}: ${short(n.title)} — ${n.why}`,
    ),
    ...section(
      'Cơ quan chủ trì không khớp đơn vị nào',
      report.unmatchedUnits,
      (u) => `"${u.name}" (dòng ${u.rows.join(', ')})`,
    ),
    ...section('Dòng không nhập được', report.refused, (r) => `${where(r.row, r.stt)}: ${r.reason}`),
  ].join('\n');
}

export function registerReportText(report: RegisterImportReport): string {
  const what = report.kind === 'pakn' ? 'PAKN' : 'Hồ sơ';
  const due = report.kind === 'pakn' ? 'hạn trả lời' : 'hạn phiếu xin lỗi nếu quá hạn';
  return [
    `${what} (tệp ${report.file}): ${outcome(report)}.`,
    ...section(
      report.written ? 'Đã thêm' : 'Sẽ thêm',
      report.created,
      (c) =>
        `dòng ${c.row}: ${c.code} — ${c.assigneeUsername}, ${due} ${formatVietnamese(c.dueDate)}${c.finished ? ', đã xong' : ''}${c.taskId ? ` → việc #${c.taskId}` : ''}`,
    ),
    ...section(
      report.written ? 'Đã sửa theo hệ thống một cửa' : 'Sẽ sửa theo hệ thống một cửa',
      report.corrected,
      (c) => `dòng ${c.row}: ${c.code}${c.taskId ? ` (việc #${c.taskId})` : ''} — ${c.change}`,
    ),
    ...section(
      report.written ? 'Đã đối chiếu, khớp với hệ thống một cửa' : 'Sẽ đối chiếu, khớp với hệ thống một cửa',
      report.confirmed,
      (c) => `dòng ${c.row}: ${c.code}`,
    ),
    ...section(
      report.written ? 'Đã cập nhật' : 'Sẽ cập nhật',
      report.updated,
      (u) => `dòng ${u.row}: ${u.code} ${u.change}`,
    ),
    ...section('Đã có, không đổi', report.duplicates, (d) => `dòng ${d.row}: ${d.code}`),
    ...section(
      'Dòng không nhập được',
      report.refused,
      (r) => `dòng ${r.row}${r.code ? ` (${r.code})` : ''}: ${r.reason}`,
    ),
    ...section(
      report.written ? 'Đã xếp thông báo cho cán bộ (bot gửi trong giờ làm việc)' : 'Sẽ báo cho cán bộ (khi nhập thật)',
      report.notify,
      (n) => `${n.username}: ${n.text}`,
    ),
  ].join('\n');
}
