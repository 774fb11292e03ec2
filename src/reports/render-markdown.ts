// The report as Markdown: Vietnamese headings and pipe tables, readable as plain text too.
import type { MonthlyReport } from './report-types.ts';
import { cellText, reportSections, reportSubtitle, reportTitle, type ReportTable } from './report-tables.ts';

function escape(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function markdownTable(table: ReportTable): string {
  const line = (cells: string[]) => `| ${cells.map(escape).join(' | ')} |`;
  const align = table.columns.map((c) => (c.kind === 'text' ? '---' : '---:'));
  const rows = [...table.rows, ...(table.total ? [table.total] : [])].map((row, index) => {
    const cells = row.map((cell, i) => cellText(cell, table.columns[i]!.kind));
    // The totals row in bold, as in the printed report.
    return line(table.total && index === table.rows.length ? cells.map((c) => (c ? `**${c}**` : c)) : cells);
  });
  if (table.rows.length === 0) return `### ${table.title}\n\nKhông có.`;
  return [`### ${table.title}`, '', line(table.columns.map((c) => c.header)), `| ${align.join(' | ')} |`, ...rows].join(
    '\n',
  );
}

export function renderReportMarkdown(report: MonthlyReport): string {
  const parts = [`# ${reportTitle(report)}`, reportSubtitle(report)];
  for (const section of reportSections(report)) {
    parts.push(`## ${section.heading}`);
    if (section.notes.length > 0) parts.push(section.notes.map((note) => `- ${note}`).join('\n'));
    parts.push(...section.tables.map(markdownTable));
  }
  return `${parts.join('\n\n')}\n`;
}
