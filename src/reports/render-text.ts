// The report as a short chat message (/baocao [MM/yyyy]): a phone screen, not a printout.
import type { MonthlyReport, TaskFigures, UnitRow } from './report-types.ts';
import { formatDate, formatPercent, monthLabel, targetVerdict } from './report-format.ts';

const MAX_NAMES = 5;

function taskLine(label: string, f: TaskFigures, target: number, met: boolean | null): string {
  if (f.due === 0) return `${label}: không có việc đến hạn trong tháng.`;
  const parts = [`đúng hạn ${f.onTime}`, `xong quá hạn ${f.late}`, `quá hạn chưa xong ${f.overdue}`];
  if (f.pending > 0) parts.push(`chưa đến hạn ${f.pending}`);
  return `${label}: ${f.due} đến hạn; ${parts.join(', ')}. Đúng hạn ${formatPercent(f.onTimeRate)} (chỉ tiêu ${formatPercent(target)}: ${targetVerdict(met)}).`;
}

/**
 * One line per unit with tasks due in the month (the admin's every unit, a head's own unit and
 * each sub-unit): due, on time, late, still overdue, on-time rate. Units with none are counted.
 */
function unitLines(rows: UnitRow<TaskFigures>[]): string[] {
  if (rows.length < 2) return [];
  const busy = rows.filter((row) => row.figures.due > 0);
  const idle = rows.length - busy.length;
  return [
    'Theo đơn vị:',
    ...busy.map(
      ({ unitCode, unitName, includesSubUnits, figures: f }) =>
        `• ${unitCode} ${unitName}${includesSubUnits ? ' (cả đơn vị trực thuộc)' : ''}: ${f.due} việc, ` +
        `đúng hạn ${f.onTime}, xong quá hạn ${f.late}, quá hạn chưa xong ${f.overdue} — ${formatPercent(f.onTimeRate)}`,
    ),
    ...(idle > 0 ? [`• ${idle} đơn vị không có việc đến hạn trong tháng.`] : []),
  ];
}

export function renderReportText(report: MonthlyReport): string {
  const scope = report.scope ? ` — ${report.scope.unitName}` : '';
  const lines = [
    `BÁO CÁO KSTTHC THÁNG ${monthLabel(report.month)}${scope}`,
    `(${report.dataPeriod ? `${report.dataPeriod}, ` : ''}số liệu đến ngày ${formatDate(report.asOf)})`,
  ];
  lines.push(taskLine('Việc', report.tasks.total, report.targets.tasks, report.tasks.targetMet));
  lines.push(...unitLines(report.tasks.byUnit));
  lines.push(taskLine('PAKN', report.pakn.total, report.targets.pakn, report.pakn.targetMet));

  const d = report.dossiers.total;
  if (d.due === 0) {
    lines.push('Hồ sơ: không có hồ sơ hẹn trả trong tháng.');
  } else {
    const late = report.dossiers.late;
    const apologised = late.filter((x) => x.apologyDone).length;
    lines.push(
      `Hồ sơ: ${d.due} hẹn trả; đúng hạn ${d.onTime}, trả quá hạn ${d.late}, quá hạn chưa trả ${d.openLate}. ` +
        `Đúng hạn ${formatPercent(d.onTimeRate)} (chỉ tiêu ${formatPercent(report.targets.dossiers)}: ${targetVerdict(report.dossiers.targetMet)}).` +
        (late.length > 0 ? ` Phiếu xin lỗi: ${apologised}/${late.length} hồ sơ quá hạn.` : ''),
    );
  }

  const officials = report.lateList.officials;
  if (officials.length === 0) {
    lines.push('Không có cán bộ quá hạn.');
  } else {
    const names = officials.slice(0, MAX_NAMES).map((o) => `${o.fullName} (${o.unitCode}): ${o.total}`);
    const more = officials.length > MAX_NAMES ? `; và ${officials.length - MAX_NAMES} người khác` : '';
    lines.push(`Cán bộ quá hạn (công khai ngày ${formatDate(report.lateList.publishOn)}): ${names.join('; ')}${more}.`);
  }
  return lines.join('\n');
}
