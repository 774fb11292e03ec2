// The on-time rate of each unit against the target, as a PNG for chat and print:
// vega-lite spec → vega view (headless, no canvas) → SVG → PNG with resvg.
// vega, vega-lite and resvg take over a second to load: imported at the first chart drawn, so the
// bot, the CLI and the web console start without them.
import type { TopLevelSpec } from 'vega-lite';
import type { MonthlyReport } from './report-types.ts';
import { findChartFont, type ChartFont } from './chart-fonts.ts';
import { formatDate, formatPercent, monthLabel } from './report-format.ts';

export interface ChartOptions {
  /** the target line, a fraction (default: the report's task target, 100 %) */
  target?: number;
  /** a font with Vietnamese glyphs; default: the first known system font found */
  font?: ChartFont;
  /** pixels per SVG unit (2 = sharp on phones) */
  scale?: number;
}

const MEETS = 'Đạt chỉ tiêu';
const MISSES = 'Chưa đạt';

interface Bar {
  unit: string;
  rate: number;
  label: string;
  verdict: string;
}

function bars(report: MonthlyReport, target: number): Bar[] {
  const rows = report.tasks.byUnit.map((row) => ({ unit: row.unitName, rate: row.figures.onTimeRate }));
  // The total bar only adds something when there are several units to compare it with.
  if (rows.length > 1) rows.push({ unit: 'Tổng cộng', rate: report.tasks.total.onTimeRate });
  return rows
    .filter((row): row is { unit: string; rate: number } => row.rate !== null)
    .map((row) => ({
      unit: row.unit,
      rate: row.rate * 100,
      label: formatPercent(row.rate),
      verdict: row.rate >= target - 1e-9 ? MEETS : MISSES,
    }));
}

/** The subtitle's last line: why the chart is empty, or that units without due tasks are left out. */
function chartNotes(empty: boolean, unitsHidden: boolean): string[] {
  if (empty) return ['Chưa có việc nào đến hạn trong tháng.'];
  if (unitsHidden) return ['Đơn vị chưa có việc đến hạn không hiển thị.'];
  return [];
}

export function reportChartSpec(
  report: MonthlyReport,
  options: { target?: number; fontFamily?: string } = {},
): TopLevelSpec {
  const target = options.target ?? report.targets.tasks;
  const values = bars(report, target);
  const font = options.fontFamily ?? 'sans-serif';
  const y = { field: 'unit', type: 'nominal', sort: null, title: null, axis: { labelLimit: 320 } } as const;
  const hidden = values.length < report.tasks.byUnit.length + (report.tasks.byUnit.length > 1 ? 1 : 0);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: `Tỷ lệ việc hoàn thành đúng hạn tháng ${monthLabel(report.month)}`,
      subtitle: [
        `${report.scope ? report.scope.unitName : 'Tất cả đơn vị'}; số liệu đến ${formatDate(report.asOf)}; chỉ tiêu ${formatPercent(target)} (đường nét đứt)`,
        ...chartNotes(values.length === 0, hidden),
      ],
      anchor: 'start',
    },
    width: 520,
    height: { step: 34 },
    background: 'white',
    padding: 16,
    config: { font, view: { stroke: null } },
    data: { values: values as unknown as Record<string, unknown>[] },
    layer: [
      {
        mark: { type: 'bar', cornerRadiusEnd: 3 },
        encoding: {
          y,
          x: { field: 'rate', type: 'quantitative', title: 'Tỷ lệ đúng hạn (%)', scale: { domain: [0, 100] } },
          color: {
            field: 'verdict',
            type: 'nominal',
            title: null,
            scale: { domain: [MEETS, MISSES], range: ['#2e7d32', '#c62828'] },
            legend: { orient: 'bottom' },
          },
        },
      },
      {
        mark: { type: 'text', align: 'left', dx: 4, fontSize: 12 },
        encoding: { y, x: { field: 'rate', type: 'quantitative' }, text: { field: 'label' } },
      },
      {
        data: { values: [{ target: target * 100 }] },
        mark: { type: 'rule', color: '#1565c0', strokeDash: [6, 4], strokeWidth: 2 },
        encoding: { x: { field: 'target', type: 'quantitative' } },
      },
    ],
  };
}

export async function renderReportChartSvg(
  report: MonthlyReport,
  options: { target?: number; fontFamily?: string } = {},
): Promise<string> {
  const [vega, { compile }] = await Promise.all([import('vega'), import('vega-lite')]);
  const spec = compile(reportChartSpec(report, options)).spec;
  const view = new vega.View(vega.parse(spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

export async function renderReportChartPng(report: MonthlyReport, options: ChartOptions = {}): Promise<Buffer> {
  const font = options.font ?? findChartFont();
  const svg = await renderReportChartSvg(report, { target: options.target, fontFamily: font?.family });
  const { Resvg } = await import('@resvg/resvg-js');
  const resvg = new Resvg(svg, {
    background: 'white',
    fitTo: { mode: 'zoom', value: options.scale ?? 2 },
    font: font
      ? { fontFiles: font.files, loadSystemFonts: false, defaultFontFamily: font.family, sansSerifFamily: font.family }
      : { loadSystemFonts: true },
  });
  return Buffer.from(resvg.render().asPng());
}
