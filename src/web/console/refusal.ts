// How a console page answers a refusal (a UserError): the same page with the service's Vietnamese
// reason on top and nothing changed; 403 when it was about who may do it, 404 for what does not
// exist, 410 for an upload no longer kept (expired, spent), else 400.
import { UserError } from '../../domain/errors.ts';

const FORBIDDEN = new Set(['ROLE_FORBIDDEN', 'UNIT_FORBIDDEN', 'OFFICIAL_FORBIDDEN', 'TASK_FORBIDDEN']);
const NOT_FOUND = new Set(['OFFICIAL_NOT_FOUND', 'UNIT_NOT_FOUND', 'TASK_NOT_FOUND']);

/** Whether the refusal is about who may do it (403). */
export function isForbidden(error: UserError): boolean {
  return FORBIDDEN.has(error.code);
}

export function refusalStatus(error: UserError): 400 | 403 | 404 | 410 {
  if (isForbidden(error)) return 403;
  if (NOT_FOUND.has(error.code)) return 404;
  if (error.code === 'UPLOAD_GONE') return 410;
  return 400;
}

/** The refusal as a UserError, or rethrows anything else (a bug: the server logs it). */
export function asRefusal(error: unknown): UserError {
  if (error instanceof UserError) return error;
  throw error;
}

/** Runs `work`; a UserError comes back as the refusal, anything else is a bug and is thrown. */
export async function refusalOf<T>(work: () => Promise<T>): Promise<{ value: T } | { refusal: UserError }> {
  try {
    return { value: await work() };
  } catch (error) {
    return { refusal: asRefusal(error) };
  }
}
