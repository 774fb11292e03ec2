// What the rest of the program (CLI, the /baocao chat command) uses from the reports module.
export { buildMonthlyReport, type MonthlyReportOptions } from './build-monthly-report.ts';
export { renderReportChartPng, type ChartOptions } from './render-chart.ts';
export { renderReportText } from './render-text.ts';
export { renderReportMarkdown } from './render-markdown.ts';
export { renderReportCsv } from './render-csv.ts';
export { renderReportXlsx } from './render-xlsx.ts';
export { parseReportMonth, monthOf, previousMonth, type ReportMonth } from './month.ts';
export type * from './report-types.ts';
