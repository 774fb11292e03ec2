// Duties counted from an event: a petition's receipt (PAKN), a dossier's promised date (apology
// letter), a decision (internal procedures). The due date comes from the catalogue's rule.
import type { Store } from '../db/store/store.ts';
import { addDossierWithApologyTask } from '../db/store/dossiers.ts';
import { addTask, type NewTask } from '../db/store/tasks.ts';
import { UserError } from '../domain/errors.ts';
import { deadlineFor, type Duty, type DutyCatalogue } from '../domain/duties/catalogue.ts';
import { isRecurringRule } from '../domain/deadlines/rules.ts';
import { formatVietnamese, type LocalDate } from '../domain/local-date.ts';
import type { Actor, Task } from '../domain/model.ts';
import { APOLOGY_DUTY_CODE, PETITION_DUTY_CODE } from '../domain/one-stop.ts';
import type { ReferenceData } from '../domain/reference-data.ts';

export { PETITION_DUTY_CODE };

function eventDuty(catalogue: DutyCatalogue, code: string): Duty {
  const duty = catalogue.find(code);
  if (!duty) throw new UserError(`Danh mục nhiệm vụ không có mã "${code}".`, 'DUTY_NOT_FOUND');
  if (isRecurringRule(duty.rule)) {
    throw new UserError(
      `Nhiệm vụ "${code}" là nhiệm vụ định kỳ: bot tự tạo việc theo kỳ (duties generate), không tính từ một ngày; giao một kỳ bằng --period <kỳ>.`,
      'DUTY_IS_RECURRING',
    );
  }
  return duty;
}

function duplicate(error: unknown, message: string): never {
  if (error instanceof UserError && error.code === 'TASK_EXISTS') throw new UserError(message, 'TASK_EXISTS');
  throw error;
}

/** The answer task of a petition: its title, and its due date by the catalogue's `pakn` rule. */
export function petitionTask(
  input: { code: string; receivedOn: LocalDate; summary?: string },
  reference: ReferenceData,
): { title: string; dueDate: LocalDate; eventDate: LocalDate } {
  const duty = eventDuty(reference.catalogue, PETITION_DUTY_CODE);
  return {
    title: `Trả lời PAKN ${input.code}${input.summary ? `: ${input.summary}` : ''}`,
    dueDate: deadlineFor(duty, { from: input.receivedOn }, reference.calendar).dueDate,
    eventDate: input.receivedOn,
  };
}

/** The apology-letter task of a dossier: its title, and its due date by the `thu-xin-loi` rule. */
export function apologyTask(
  input: { code: string; dueDate: LocalDate },
  reference: ReferenceData,
): { title: string; dueDate: LocalDate; eventDate: LocalDate } {
  const duty = eventDuty(reference.catalogue, APOLOGY_DUTY_CODE);
  return {
    title: `Phiếu xin lỗi và hẹn lại ngày trả kết quả nếu hồ sơ ${input.code} quá hạn (hẹn trả ${formatVietnamese(input.dueDate)})`,
    dueDate: deadlineFor(duty, { from: input.dueDate }, reference.calendar).dueDate,
    eventDate: input.dueDate,
  };
}

/** `confirmedAt`: brought in by an import of the one-stop export (otherwise "chưa đối chiếu"). */
/** The answer task registering a petition adds (an import of the export adds many at once). */
export function petitionTaskInput(
  input: { code: string; receivedOn: LocalDate; assigneeUsername: string; summary?: string; confirmedAt?: Date },
  reference: ReferenceData,
): NewTask & { sourceRef: string; eventDate: LocalDate } {
  const { title, dueDate } = petitionTask(input, reference);
  return {
    title,
    assigneeUsername: input.assigneeUsername,
    dueDate,
    deadlineBasis: { kind: 'duty' },
    dutyCode: PETITION_DUTY_CODE,
    sourceRef: input.code,
    eventDate: input.receivedOn,
    note: input.summary,
    ...(input.confirmedAt ? { confirmedAt: input.confirmedAt } : {}),
  };
}

export async function registerPetition(
  db: Store,
  input: { code: string; receivedOn: LocalDate; assigneeUsername: string; summary?: string; confirmedAt?: Date },
  reference: ReferenceData,
  actor: Actor,
): Promise<Task> {
  return addTask(db, petitionTaskInput(input, reference), actor).catch((error) =>
    duplicate(error, `PAKN mã "${input.code}" đã được ghi nhận.`),
  );
}

export async function registerDossier(
  db: Store,
  input: { code: string; dueDate: LocalDate; assigneeUsername: string; title?: string; confirmedAt?: Date },
  reference: ReferenceData,
  actor: Actor,
): Promise<{ apologyTaskId: number; apologyDueDate: LocalDate }> {
  const apology = apologyTask(input, reference);
  const { apologyTaskId } = await addDossierWithApologyTask(
    db,
    { ...input, apologyDueDate: apology.dueDate, apologyTitle: apology.title },
    actor,
  );
  return { apologyTaskId, apologyDueDate: apology.dueDate };
}

/** `task add --duty <code> --from <date>`: an event duty counted from the given date. */
export async function addEventDutyTask(
  db: Store,
  input: { dutyCode: string; from: LocalDate; assigneeUsername: string; title?: string; sourceRef?: string },
  reference: ReferenceData,
  actor: Actor,
): Promise<Task> {
  const duty = eventDuty(reference.catalogue, input.dutyCode);
  const deadline = deadlineFor(duty, { from: input.from }, reference.calendar);
  return addTask(
    db,
    {
      title: input.title ?? `${duty.title}${input.sourceRef ? ` (${input.sourceRef})` : ''}`,
      assigneeUsername: input.assigneeUsername,
      ...deadline,
      deadlineBasis: { kind: 'duty' },
      dutyCode: duty.code,
      eventDate: input.from,
      sourceRef: input.sourceRef,
    },
    actor,
  ).catch((error) => duplicate(error, `Việc "${duty.code}" cho "${input.sourceRef}" đã có.`));
}
