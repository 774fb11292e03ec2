// The title of a periodic duty's task: the duty, its period, in a chain who it goes to, and the
// data span when the plan shifts it ("số liệu từ 21/11 đến 20/12/2026").
import { dataSpanOf, describeDataSpan } from '../deadlines/data-period.ts';
import { describePeriod, type Period } from '../deadlines/periods.ts';
import { chainOf, chainRoleOf, type Duty } from './catalogue.ts';
import { CHAIN_RECIPIENTS } from './reporting-chain.ts';

export function periodicTaskTitle(duty: Duty, period: Period, unitCode: string): string {
  const chain = chainOf(duty);
  const role = chainRoleOf(duty, unitCode);
  const span = duty.dataPeriod ? ` (${describeDataSpan(dataSpanOf(period, duty.dataPeriod))})` : '';
  if (!chain || !role) return `${duty.title} — ${describePeriod(period)}${span}`;
  if (role === 'compilation')
    return `Tổng hợp, gửi ${CHAIN_RECIPIENTS[chain.office.to]}: ${duty.title} — ${describePeriod(period)}${span}`;
  return `${duty.title} — ${describePeriod(period)}, gửi ${CHAIN_RECIPIENTS.office}${span}`;
}
