import { describe, expect, it } from 'vitest';
import { parseReportMonth } from '../../src/reports/month.ts';
import { formatPercent } from '../../src/reports/report-format.ts';

describe('report wording', () => {
  it('reads a month as YYYY-MM or as officials type it, MM/yyyy', () => {
    expect(parseReportMonth('2026-11')).toMatchObject({ key: '2026-11', first: '2026-11-01', last: '2026-11-30' });
    expect(parseReportMonth('2/2028')).toMatchObject({ key: '2028-02', last: '2028-02-29' });
    expect(parseReportMonth('12/2026')).toMatchObject({ last: '2026-12-31' });
    for (const bad of ['2026-13', '00/2026', '2026', 'tháng 11', '']) expect(parseReportMonth(bad)).toBeUndefined();
  });

  it('writes rates as Vietnamese percentages with a decimal comma', () => {
    expect([1, 2 / 3, 0.375, 0.99, 0, null].map(formatPercent)).toEqual(['100%', '66,7%', '37,5%', '99%', '0%', '—']);
  });
});
