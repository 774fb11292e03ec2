// The on-time chart drawn into the page itself (Tổng quan, Báo cáo): no second request, and so no
// second monthly report built for it.
import { raw } from 'hono/html';

/** Vega's SVG has a fixed size: let it shrink to the page's width (a 390 px phone). */
export function inlineChart(svg: string, label = 'Biểu đồ tỷ lệ đúng hạn') {
  const escaped = label.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');
  return raw(svg.replace(/^<svg /, `<svg role="img" aria-label="${escaped}" style="max-width:100%;height:auto" `));
}
