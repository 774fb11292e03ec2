// A refusal shown on a console page: the service's Vietnamese reason, with 403 when the person
// may not do it and 400 when what they sent is wrong (nothing was changed either way).
import { UserError } from '../../domain/errors.ts';

const FORBIDDEN_CODES = new Set(['TASK_FORBIDDEN', 'OFFICIAL_FORBIDDEN', 'UNIT_FORBIDDEN', 'ROLE_FORBIDDEN']);

export function refusalStatus(error: UserError): 400 | 403 {
  return FORBIDDEN_CODES.has(error.code) ? 403 : 400;
}

/** Runs `work`; a UserError comes back as the refusal, anything else is a bug and is thrown. */
export async function refusalOf<T>(work: () => Promise<T>): Promise<{ value: T } | { refusal: UserError }> {
  try {
    return { value: await work() };
  } catch (error) {
    if (error instanceof UserError) return { refusal: error };
    throw error;
  }
}
