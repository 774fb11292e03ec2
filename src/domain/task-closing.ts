// Taking back a close: who may, and until when. A close is undone (exactly as before, by the
// person who closed, for a few minutes: a slip of the thumb) or reopened (a mistake found later:
// the closer for a week, a head for their unit, the office admin always). Pure.
import type { Role } from './model.ts';

/** How long the closer has to undo a close with /hoantac. */
export const UNDO_WINDOW_MINUTES = 10;
/** How long the closer may reopen their own close with /mo; after that, a head or the admin. */
export const CLOSER_REOPEN_DAYS = 7;

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/** What is known of a close: when, and by which official (null: the CLI or the system). */
export interface CloseFacts {
  doneAt: Date;
  doneById: number | null;
}

export type UndoRefusal = 'not-closer' | 'too-late';

/** Why `officialId` may not undo this close at `now`; undefined when they may. */
export function undoRefusal(close: CloseFacts, officialId: number, now: Date): UndoRefusal | undefined {
  if (close.doneById !== officialId) return 'not-closer';
  if (now.getTime() - close.doneAt.getTime() > UNDO_WINDOW_MINUTES * MINUTE_MS) return 'too-late';
  return undefined;
}

export type ReopenRefusal = 'not-allowed' | 'closer-too-late';

/**
 * Why an official may not reopen a closed task; undefined when they may. `headOfTaskUnit`: they
 * are a head and the task belongs to their unit or one below it.
 */
export function reopenRefusal(
  close: CloseFacts,
  official: { id: number; role: Role },
  headOfTaskUnit: boolean,
  now: Date,
): ReopenRefusal | undefined {
  if (official.role === 'admin' || headOfTaskUnit) return undefined;
  if (close.doneById !== official.id) return 'not-allowed';
  if (now.getTime() - close.doneAt.getTime() > CLOSER_REOPEN_DAYS * DAY_MS) return 'closer-too-late';
  return undefined;
}
