// The monthly report's file formats, one renderer each: the CLI's `report --format` and the web
// console's downloads use the same map, so a download holds what the CLI writes.
import type { MonthlyReport } from './report-types.ts';
import { renderReportChartPng } from './render-chart.ts';
import { renderReportCsv } from './render-csv.ts';
import { renderReportMarkdown } from './render-markdown.ts';
import { renderReportXlsx } from './render-xlsx.ts';

export const REPORT_FORMATS = ['md', 'csv', 'xlsx', 'png'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const REPORT_RENDERERS: Record<
  ReportFormat,
  (report: MonthlyReport) => string | Buffer | Promise<string | Buffer>
> = {
  md: renderReportMarkdown,
  csv: renderReportCsv,
  xlsx: renderReportXlsx,
  png: renderReportChartPng,
};

export const REPORT_CONTENT_TYPES: Record<ReportFormat, string> = {
  md: 'text/markdown; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  png: 'image/png',
};
