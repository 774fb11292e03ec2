// Duties counted from an event: a petition's receipt (PAKN), a dossier's promised date (apology
// letter), a decision (internal procedures). The due date comes from the catalogue's rule.
import type { Store } from '../db/store/store.ts';
import { addDossierWithApologyTask, APOLOGY_DUTY_CODE } from '../db/store/dossiers.ts';
import { addTask } from '../db/store/tasks.ts';
import { UserError } from '../domain/errors.ts';
import { dueDateFor, type Duty, type DutyCatalogue } from '../domain/duties/catalogue.ts';
import { isRecurringRule } from '../domain/deadlines/rules.ts';
import { formatVietnamese, type LocalDate } from '../domain/local-date.ts';
import type { Actor, Task } from '../domain/model.ts';
import type { ReferenceData } from '../domain/reference-data.ts';

export const PETITION_DUTY_CODE = 'pakn';

function eventDuty(catalogue: DutyCatalogue, code: string): Duty {
  const duty = catalogue.find(code);
  if (!duty) throw new UserError(`Danh mục nhiệm vụ không có mã "${code}".`, 'DUTY_NOT_FOUND');
  if (isRecurringRule(duty.rule)) {
    throw new UserError(
      `Nhiệm vụ "${code}" là nhiệm vụ định kỳ: bot tự tạo việc theo kỳ (duties generate), không tính từ một ngày.`,
      'DUTY_IS_RECURRING',
    );
  }
  return duty;
}

function duplicate(error: unknown, message: string): never {
  if (error instanceof UserError && error.code === 'TASK_EXISTS') throw new UserError(message, 'TASK_EXISTS');
  throw error;
}

export async function registerPetition(
  db: Store,
  input: { code: string; receivedOn: LocalDate; assigneeUsername: string; summary?: string },
  reference: ReferenceData,
  actor: Actor,
): Promise<Task> {
  const duty = eventDuty(reference.catalogue, PETITION_DUTY_CODE);
  const dueDate = dueDateFor(duty, { from: input.receivedOn }, reference.calendar);
  const title = `Trả lời PAKN ${input.code}${input.summary ? `: ${input.summary}` : ''}`;
  return addTask(
    db,
    {
      title,
      assigneeUsername: input.assigneeUsername,
      dueDate,
      dutyCode: duty.code,
      sourceRef: input.code,
      eventDate: input.receivedOn,
      note: input.summary,
    },
    actor,
  ).catch((error) => duplicate(error, `PAKN mã "${input.code}" đã được ghi nhận.`));
}

export async function registerDossier(
  db: Store,
  input: { code: string; dueDate: LocalDate; assigneeUsername: string; title?: string },
  reference: ReferenceData,
  actor: Actor,
): Promise<{ apologyTaskId: number; apologyDueDate: LocalDate }> {
  const duty = eventDuty(reference.catalogue, APOLOGY_DUTY_CODE);
  const apologyDueDate = dueDateFor(duty, { from: input.dueDate }, reference.calendar);
  const { apologyTaskId } = await addDossierWithApologyTask(
    db,
    {
      ...input,
      apologyDueDate,
      apologyTitle: `Thư xin lỗi nếu hồ sơ ${input.code} trễ hạn (hẹn trả ${formatVietnamese(input.dueDate)})`,
    },
    actor,
  );
  return { apologyTaskId, apologyDueDate };
}

/** `task add --duty <code> --from <date>`: an event duty counted from the given date. */
export async function addEventDutyTask(
  db: Store,
  input: { dutyCode: string; from: LocalDate; assigneeUsername: string; title?: string; sourceRef?: string },
  reference: ReferenceData,
  actor: Actor,
): Promise<Task> {
  const duty = eventDuty(reference.catalogue, input.dutyCode);
  const dueDate = dueDateFor(duty, { from: input.from }, reference.calendar);
  return addTask(
    db,
    {
      title: input.title ?? `${duty.title}${input.sourceRef ? ` (${input.sourceRef})` : ''}`,
      assigneeUsername: input.assigneeUsername,
      dueDate,
      dutyCode: duty.code,
      eventDate: input.from,
      sourceRef: input.sourceRef,
    },
    actor,
  ).catch((error) => duplicate(error, `Việc "${duty.code}" cho "${input.sourceRef}" đã có.`));
}
