// A recurring duty's task title names its period the way a report's heading does: "Báo cáo kết quả
// kiểm soát TTHC tháng 12/2026", not "…hằng tháng — tháng 12/2026". A duty may spell it out with
// `taskTitle` and the placeholders {kỳ} (the period) and {kỳ trước} (the period before it: the list
// of late dossiers published on 05/02 covers January).
import { describePeriod, previousPeriod, type Period } from '../deadlines/periods.ts';

const RECURRENCE_WORDS = /\s*(?<![\p{L}\p{N}])(?:hằng|hàng) (?:tuần|tháng|quý|năm)(?![\p{L}\p{N}])/u;
export const PERIOD_PLACEHOLDERS = ['{kỳ}', '{kỳ trước}'] as const;

export function periodTaskTitle(duty: { title: string; taskTitle?: string }, period: Period): string {
  if (duty.taskTitle)
    return duty.taskTitle
      .replaceAll('{kỳ trước}', describePeriod(previousPeriod(period)))
      .replaceAll('{kỳ}', describePeriod(period));
  if (RECURRENCE_WORDS.test(duty.title)) return duty.title.replace(RECURRENCE_WORDS, ` ${describePeriod(period)}`);
  return `${duty.title} — ${describePeriod(period)}`;
}
