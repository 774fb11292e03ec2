// What a chat command is: data (names, description, who may use it, an argument schema) plus a
// plain function. Commands never see a transport; the router hands them a context and sends back
// whatever they return.
import type { z } from 'zod';
import { UserError } from '../domain/errors.ts';
import type { ChannelKind, InboundMessage, Reply } from '../channels/channel.ts';
import type { Store } from '../db/store/store.ts';
import type { Clock } from '../domain/clock.ts';
import type { LocalDate } from '../domain/local-date.ts';
import type { Actor, Official, Role } from '../domain/model.ts';
import type { ReferenceData } from '../domain/reference-data.ts';

/**
 * Who may use a command: `everyone` (also people not linked yet), `linked` (a linked official,
 * optionally only some roles), `console` (the operator's terminal only; hidden elsewhere).
 */
export type Audience = 'everyone' | 'linked' | 'console';

/** The linked official who sent the message, and how their changes are audited. */
export interface Sender {
  official: Official;
  actor: Extract<Actor, { kind: 'official' }>;
}

export interface CommandContext {
  db: Store;
  clock: Clock;
  now: Date;
  /** The Vietnam date of `now`: what "today", "overdue" and "this week" mean. */
  today: LocalDate;
  message: InboundMessage;
  /** Undefined only for `everyone`/`console` commands sent by someone not linked (or logged in). */
  sender: Sender | undefined;
  /** Every registered command, for /giup. */
  commands: readonly AnyCommand[];
  /** The work calendar and the duty catalogue, for commands that compute deadlines. */
  reference: ReferenceData;
  /** Console only: act as another official from the next line on (/dangnhap). */
  switchConsoleUser?: (username: string) => void;
}

export interface ChatCommand<Args> {
  /** The first is the canonical Vietnamese name, ASCII (it is the Telegram menu entry); then aliases. */
  names: readonly [string, ...string[]];
  /** Vietnamese, one line: shown by /giup and in Telegram's menu. */
  description: string;
  /** How to type it, e.g. `/xong <số việc> [ghi chú]`. */
  usage: string;
  audience: Audience;
  /** When set, only these roles may use it (and /giup shows it only to them). */
  roles?: readonly Role[];
  /**
   * Its answer is one person's list (/viec, /tinhtrang, /quahan): asked in a group, the router
   * sends it to the asker's private chat and shows the group only a one-line note.
   */
  privateReply?: boolean;
  /** Channels where it makes no sense (e.g. /lienket on the console): left out of /giup there. */
  hiddenOn?: readonly ChannelKind[];
  /** Parses the words after the command name (already normalised: no `#`, ASCII digits). */
  args: z.ZodType<Args, string[]>;
  run(args: Args, context: CommandContext): Promise<Reply>;
}

// The registry holds commands of different argument types; each one's own file keeps it typed.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- `unknown` would reject every command's run()
export type AnyCommand = ChatCommand<any>;

/** Identity function that lets TypeScript infer `Args` from the schema. */
export function defineCommand<Args>(command: ChatCommand<Args>): ChatCommand<Args> {
  return command;
}

/**
 * For `linked` commands the router has already refused anyone not linked; this states it for the
 * type checker (and still refuses, should a command be registered with another audience).
 */
export function assertLinked(sender: Sender | undefined): asserts sender is Sender {
  if (!sender) throw new UserError('Bạn chưa liên kết tài khoản.', 'NOT_LINKED');
}
