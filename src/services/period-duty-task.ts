// One task of a recurring duty for one period, given by the office: the way a "(nếu có)" duty
// (conditional: never made by `duties generate`) gets its task when the case arises, or a period
// generation skipped. Same title, dates and unique (duty, unit, period) key as generated tasks.
import type { Store } from '../db/store/store.ts';
import { addTask } from '../db/store/tasks.ts';
import { deadlineFor } from '../domain/duties/catalogue.ts';
import { periodTaskTitle } from '../domain/duties/task-title.ts';
import { describeRule, isRecurringRule, periodKindOf, ruleAppliesToPeriod } from '../domain/deadlines/rules.ts';
import { describePeriod, parsePeriod } from '../domain/deadlines/periods.ts';
import { UserError } from '../domain/errors.ts';
import { isPersonYear, yearRangeMessage } from '../domain/local-date.ts';
import type { Actor, Task } from '../domain/model.ts';
import type { ReferenceData } from '../domain/reference-data.ts';

const PERIOD_EXAMPLES = { month: '2026-11', quarter: '2026-Q3', year: '2026', half: '2026-H2', week: '2026-W49' };

export async function addPeriodDutyTask(
  db: Store,
  input: { dutyCode: string; periodKey: string; assigneeUsername: string; title?: string; sourceRef?: string },
  reference: ReferenceData,
  actor: Actor,
): Promise<Task> {
  const duty = reference.catalogue.find(input.dutyCode);
  if (!duty) throw new UserError(`Danh mục nhiệm vụ không có mã "${input.dutyCode}".`, 'DUTY_NOT_FOUND');
  if (!isRecurringRule(duty.rule))
    throw new UserError(
      `Nhiệm vụ "${duty.code}" tính từ một ngày: dùng --from <ngày> thay cho --period.`,
      'DUTY_IS_EVENT',
    );
  const kind = periodKindOf(duty.rule);
  const period = parsePeriod(input.periodKey, kind);
  if (!period)
    throw new UserError(
      `Kỳ "${input.periodKey}" không hợp lệ cho "${duty.code}" (ví dụ --period ${PERIOD_EXAMPLES[kind]}).`,
      'BAD_PERIOD',
    );
  if (!isPersonYear(period.year)) throw new UserError(yearRangeMessage(`Kỳ ${period.key}`), 'BAD_PERIOD');
  if (!ruleAppliesToPeriod(duty.rule, period))
    throw new UserError(
      `Nhiệm vụ "${duty.code}" (${describeRule(duty.rule)}) không có hạn trong kỳ ${period.key}.`,
      'PERIOD_NOT_APPLICABLE',
    );
  const deadline = deadlineFor(duty, { period }, reference.calendar);
  return addTask(
    db,
    {
      title: input.title ?? periodTaskTitle(duty, period),
      assigneeUsername: input.assigneeUsername,
      ...deadline,
      deadlineBasis: { kind: 'duty' },
      dutyCode: duty.code,
      periodKey: period.key,
      sourceRef: input.sourceRef,
    },
    actor,
  ).catch((error: unknown) => {
    if (error instanceof UserError && error.code === 'TASK_EXISTS')
      throw new UserError(
        `Việc "${duty.code}" ${describePeriod(period)} của đơn vị này đã có (xem task list).`,
        'TASK_EXISTS',
      );
    throw error;
  });
}
