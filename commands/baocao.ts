// /baocao [MM/yyyy]: the month's KSTTHC figures for the sender's unit (a head) or every unit
// (the office admin). Defaults to the current month, or until the 5th to the month just ended
// (what a head reports on then; the current one is nearly empty). The on-time chart follows where the channel
// can show pictures (it is drawn only then).
import { z } from 'zod';
import { monthlyReportDataPeriod } from '../src/domain/duties/catalogue.ts';
import { assertLinked, defineCommand } from '../src/chat/command.ts';
import type { LocalDate } from '../src/domain/local-date.ts';
import {
  buildMonthlyReport,
  formatMonth,
  monthOf,
  parseReportMonth,
  previousMonth,
  renderReportChartPng,
  renderReportText,
} from '../src/reports/index.ts';

/** Until this day of a month, /baocao without a month reports the month before. */
const LAST_DAY_FOR_PREVIOUS_MONTH = 5;

function defaultMonth(today: LocalDate): { key: string; note?: string } {
  const current = monthOf(today);
  if (Number(today.slice(8, 10)) > LAST_DAY_FOR_PREVIOUS_MONTH) return { key: current.key };
  const previous = previousMonth(current);
  return {
    key: previous.key,
    note: `(Đầu tháng: đây là số liệu tháng ${formatMonth(previous)}. Tháng này: /baocao ${formatMonth(current)})`,
  };
}

export const baocao = defineCommand({
  names: ['baocao', 'report'],
  description: 'Báo cáo KSTTHC trong tháng của đơn vị: đúng hạn, quá hạn, PAKN, hồ sơ',
  usage: '/baocao [MM/yyyy]',
  audience: 'linked',
  roles: ['head', 'admin'],
  args: z
    .array(z.string())
    .max(1, { error: 'Chỉ ghi một tháng, ví dụ: /baocao 11/2026' })
    .transform((words, ctx) => {
      if (words.length === 0) return { month: undefined };
      const month = parseReportMonth(words[0]!);
      if (!month) {
        ctx.addIssue({
          code: 'custom',
          message: `Tháng "${words[0]!.slice(0, 20)}" không hợp lệ, ví dụ: /baocao 11/2026`,
        });
        return z.NEVER;
      }
      return { month: month.key };
    }),
  async run({ month }, { db, today, sender, reference }) {
    assertLinked(sender);
    const chosen = month ? { key: month } : defaultMonth(today);
    const report = await buildMonthlyReport(db, {
      month: chosen.key,
      today,
      dataPeriod: monthlyReportDataPeriod(reference.catalogue),
      ...(sender.official.role === 'admin' ? {} : { unitCode: sender.official.unitCode }),
    });
    return {
      text: chosen.note ? `${chosen.note}\n${renderReportText(report)}` : renderReportText(report),
      image: {
        caption: `Tỉ lệ đúng hạn tháng ${report.month.slice(5)}/${report.month.slice(0, 4)}`,
        render: () => renderReportChartPng(report),
        elsewhere: `Văn phòng Sở có thể xuất biểu đồ: cli report --month ${report.month} --format png`,
      },
    };
  },
});
