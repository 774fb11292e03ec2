// The shapes the rest of the program sees; the database layer maps its rows to these.
import type { LocalDate } from './local-date.ts';

export type Role = 'member' | 'head' | 'admin';
export const ROLES: readonly Role[] = ['member', 'head', 'admin'];
export type TaskStatus = 'open' | 'done' | 'cancelled';

export interface Unit {
  id: number;
  code: string;
  name: string;
  parentCode: string | null;
  focalUsername: string | null;
  /** false once the office deactivates it (merged, dissolved): no new tasks or officials. */
  active: boolean;
}

export interface Official {
  id: number;
  username: string;
  fullName: string;
  unitCode: string;
  role: Role;
  active: boolean;
}

export interface Task {
  id: number;
  title: string;
  dutyCode: string | null;
  unitCode: string;
  assigneeUsername: string | null;
  assigneeName: string | null;
  periodKey: string | null;
  sourceRef: string | null;
  eventDate: LocalDate | null;
  /** When the office wants it done (reminders aim here). */
  targetDate: LocalDate;
  /** The legal end of the limit: overdue from the next day. Equal to targetDate unless a day off moved it. */
  dueDate: LocalDate;
  status: TaskStatus;
  doneAt: Date | null;
  note: string | null;
  /** One-stop records: when an import confirmed it; null = not yet reconciled (or not one-stop). */
  confirmedAt: Date | null;
}

/** The chat transports the bot speaks through. */
export type ChannelKind = 'telegram' | 'zalo' | 'console';

/** Who did something, for the audit log. `component` names the part of the bot that acted. */
export type Actor =
  | { kind: 'official'; officialId: number; channel: string; chatId: string }
  | { kind: 'cli' }
  | { kind: 'system'; component?: 'scheduler' };

export function systemActor(component?: 'scheduler'): Actor {
  return component ? { kind: 'system', component } : { kind: 'system' };
}
