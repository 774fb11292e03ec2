// Báo cáo for the web console: the monthly report — the same figures as `report --month` — as
// the tables every format renders, its chart as SVG, and the CLI's files (XLSX, CSV, PNG) to
// download. The office sees every unit; a head their unit and the units below it.
import type { Store } from '../db/store/store.ts';
import type { Clock } from '../domain/clock.ts';
import { UserError } from '../domain/errors.ts';
import { vietnamDateOf } from '../domain/local-date.ts';
import type { Official } from '../domain/model.ts';
import { buildMonthlyReport } from '../reports/build-monthly-report.ts';
import { monthOf, parseReportMonth } from '../reports/month.ts';
import { renderReportChartSvg } from '../reports/render-chart.ts';
import { REPORT_CONTENT_TYPES, REPORT_RENDERERS, type ReportFormat } from '../reports/report-files.ts';
import { reportSections, reportSubtitle, reportTitle, type ReportSection } from '../reports/report-tables.ts';
import type { MonthlyReport } from '../reports/report-types.ts';

export type DownloadFormat = Extract<ReportFormat, 'xlsx' | 'csv' | 'png'>;
export const DOWNLOAD_FORMATS: readonly DownloadFormat[] = ['xlsx', 'csv', 'png'];

export interface ReportView {
  /** `YYYY-MM` */
  month: string;
  title: string;
  subtitle: string;
  sections: ReportSection[];
  /** the chart of on-time rates per unit against the target, an inline SVG document */
  chartSvg: string;
}

export interface ReportDownload {
  fileName: string;
  contentType: string;
  body: string | Buffer;
}

export interface ReportsConsole {
  /** `month`: `YYYY-MM` or `MM/yyyy`; absent: the current month. */
  monthlyReport(official: Official, month?: string): Promise<ReportView>;
  reportFile(official: Official, month: string, format: DownloadFormat): Promise<ReportDownload>;
}

export function createReportsConsole({ store, clock }: { store: Store; clock: Clock }): ReportsConsole {
  async function build(official: Official, month: string | undefined): Promise<MonthlyReport> {
    if (official.role === 'member')
      throw new UserError('Báo cáo tháng dành cho lãnh đạo đơn vị và Văn phòng Sở.', 'ROLE_FORBIDDEN');
    const today = vietnamDateOf(clock.now());
    const parsed = month === undefined ? monthOf(today) : parseReportMonth(month);
    if (!parsed) throw new UserError(`Tháng "${month}" không hợp lệ (dùng YYYY-MM, ví dụ 2026-11).`, 'BAD_MONTH');
    return buildMonthlyReport(store, {
      month: parsed.key,
      today,
      ...(official.role === 'head' ? { unitCode: official.unitCode } : {}),
    });
  }

  return {
    async monthlyReport(official, month) {
      const report = await build(official, month);
      return {
        month: report.month,
        title: reportTitle(report),
        subtitle: reportSubtitle(report),
        sections: reportSections(report),
        chartSvg: await renderReportChartSvg(report),
      };
    },

    async reportFile(official, month, format) {
      const report = await build(official, month);
      const scope = official.role === 'head' ? `-${official.unitCode}` : '';
      return {
        fileName: `bao-cao-${report.month}${scope}.${format}`,
        contentType: REPORT_CONTENT_TYPES[format],
        body: await REPORT_RENDERERS[format](report),
      };
    },
  };
}
