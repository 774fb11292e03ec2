// What the rest of the program (CLI, the /baocao chat command) uses from the reports module.
import type { ChartOptions } from './render-chart.ts';
import type { MonthlyReport } from './report-types.ts';
export { buildMonthlyReport, type MonthlyReportOptions } from './build-monthly-report.ts';
export type { ChartOptions } from './render-chart.ts';
export { renderReportText } from './render-text.ts';
export { renderReportMarkdown } from './render-markdown.ts';
export { renderReportCsv } from './render-csv.ts';
export { renderReportXlsx } from './render-xlsx.ts';
export { formatMonth, parseReportMonth, monthOf, previousMonth, type ReportMonth } from './month.ts';
export type * from './report-types.ts';

/**
 * The chart renderer loads vega, vega-lite and resvg (tens of MiB): the bot pays for them at the
 * first /baocao chart, not at every start.
 */
export async function renderReportChartPng(report: MonthlyReport, options?: ChartOptions): Promise<Buffer> {
  return (await import('./render-chart.ts')).renderReportChartPng(report, options);
}
