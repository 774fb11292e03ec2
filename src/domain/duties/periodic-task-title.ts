// The title of a periodic duty's task: the duty, its period, in a chain who it goes to, and the
// data span when the plan shifts it ("số liệu từ 21/11 đến 20/12/2026").
import { dataSpanOf, describeDataSpan } from '../deadlines/data-period.ts';
import type { Period } from '../deadlines/periods.ts';
import { chainOf, chainRoleOf, type Duty } from './catalogue.ts';
import { CHAIN_RECIPIENTS } from './reporting-chain.ts';
import { periodTaskTitle } from './task-title.ts';

export function periodicTaskTitle(duty: Duty, period: Period, unitCode: string): string {
  const chain = chainOf(duty);
  const role = chainRoleOf(duty, unitCode);
  const span = duty.dataPeriod ? ` (${describeDataSpan(dataSpanOf(period, duty.dataPeriod))})` : '';
  // The period named as a report's heading names it (task-title.ts): "…tháng 12/2026".
  const named = periodTaskTitle(duty, period);
  if (!chain || !role) return `${named}${span}`;
  if (role === 'compilation') return `Tổng hợp, gửi ${CHAIN_RECIPIENTS[chain.office.to]}: ${named}${span}`;
  return `${named}, gửi ${CHAIN_RECIPIENTS.office}${span}`;
}
