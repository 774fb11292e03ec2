// The one message handler every channel calls: parse → who is speaking → may they → arguments →
// run. A UserError becomes its message; anything else is logged with channel, chat and command,
// and the person gets a short apology (never a stack trace).
import type { InboundMessage, Reply } from '../channels/channel.ts';
import { describeError, type LogSink } from '../domain/log-sink.ts';
import type { Store } from '../db/store/store.ts';
import { findLinkedOfficial } from '../db/store/identities.ts';
import { findOfficialByUsername } from '../db/store/officials.ts';
import { tasksAssignedTo } from '../db/store/tasks.ts';
import type { Clock } from '../domain/clock.ts';
import { UserError } from '../domain/errors.ts';
import { vietnamDateOf } from '../domain/local-date.ts';
import type { Official } from '../domain/model.ts';
import { firstIssue } from './arguments.ts';
import type { AnyCommand, CommandContext, Sender } from './command.ts';
import { CommandParser } from './parser.ts';
import type { ReferenceData } from '../domain/reference-data.ts';
import { isVisible } from './permissions.ts';
import {
  apology,
  askPrivately,
  badArguments,
  CHATTER_HINT,
  INACTIVE,
  NONE_OF_YOURS,
  notLinked,
  roleRefusal,
  sentPrivately,
  unknownCommand,
} from './replies.ts';

export interface RouterDeps {
  db: Store;
  clock: Clock;
  logger: LogSink;
  commands: readonly AnyCommand[];
  reference: ReferenceData;
  /** Console only: /dangnhap switches who the terminal acts as. */
  switchConsoleUser?: (username: string) => void;
}

/**
 * A personal answer asked in a group: `message` is for the asker's private chat (the app sends it
 * there: commands and the router never hold a channel); the reply itself is the group's note, and
 * `unreachable` the group's answer when the private chat cannot be reached.
 */
export interface PrivateDelivery {
  message: Reply;
  unreachable: Reply;
}

/** What the router answers: a reply for the chat the message came from, maybe with a private part. */
export type RoutedReply = Reply & { privately?: PrivateDelivery };

export type Router = (message: InboundMessage) => Promise<RoutedReply | undefined>;

export function createRouter(deps: RouterDeps): Router {
  const parser = new CommandParser(deps.commands);
  return (message) => route(deps, parser, message);
}

async function route(
  deps: RouterDeps,
  parser: CommandParser,
  message: InboundMessage,
): Promise<RoutedReply | undefined> {
  const parsed = parser.parse(message.text, message.quotedText);
  // Groups are for people: only messages certainly meant for the bot get an answer there.
  if (parsed.kind === 'chatter') return message.isGroup ? undefined : { text: CHATTER_HINT };
  if (parsed.kind === 'unknown') return { text: unknownCommand(parsed.name) };

  // In a group people talk to each other: without a slash nothing there is a command, not even an
  // exact "xong 12" (a reply quoting the bot's own reminder counts as slashed, see the parser).
  if (!parsed.slashed && message.isGroup) return undefined;

  const { command } = parsed;
  const canonical = command.names[0];
  try {
    const official = await identify(deps.db, message);
    const sender = official?.active ? senderOf(official, message) : undefined;
    const args = command.args.safeParse(await ownQuotedIds(deps.db, parsed, message, sender));
    if (command.audience === 'console' && message.channel !== 'console') return { text: unknownCommand(canonical) };
    if (command.audience === 'linked') {
      if (official && !official.active) throw new UserError(INACTIVE, 'OFFICIAL_INACTIVE');
      if (!sender) throw new UserError(notLinked(message.channel, message.isGroup), 'NOT_LINKED');
      if (!isVisible(command, message.channel, sender)) throw new UserError(roleRefusal(canonical), 'ROLE_REFUSED');
    }
    if (!args.success) throw new UserError(badArguments(firstIssue(args.error), command.usage), 'BAD_ARGUMENTS');
    const now = deps.clock.now();
    const context: CommandContext = {
      db: deps.db,
      clock: deps.clock,
      now,
      today: vietnamDateOf(now),
      message,
      sender,
      commands: deps.commands,
      reference: deps.reference,
      ...(deps.switchConsoleUser && message.channel === 'console' ? { switchConsoleUser: deps.switchConsoleUser } : {}),
    };
    const reply = await command.run(args.data, context);
    // One person's list never goes to the whole group (refusals above still do: they show nothing).
    if (command.privateReply && message.isGroup && sender) {
      const name = sender.official.fullName;
      return {
        text: sentPrivately(name, canonical),
        privately: { message: reply, unreachable: { text: askPrivately(name, canonical) } },
      };
    }
    return reply;
  } catch (error) {
    if (error instanceof UserError) return { text: error.message };
    // Never the message text: it may hold a link code.
    deps.logger.error(
      {
        err: describeError(error),
        channel: message.channel,
        chat: message.address,
        sender: message.senderId,
        command: canonical,
      },
      'chat command failed',
    );
    return { text: apology(canonical) };
  }
}

/**
 * A group reply "xong" to a message naming several people's tasks (a unit-group digest) closes
 * only the sender's own: a head's reply must not close the whole unit's work.
 */
async function ownQuotedIds(
  db: Store,
  parsed: Extract<ReturnType<CommandParser['parse']>, { kind: 'command' }>,
  message: InboundMessage,
  sender: Sender | undefined,
): Promise<string[]> {
  if (!parsed.quoted || !message.isGroup || !sender) return parsed.args;
  const own = await tasksAssignedTo(db, sender.official.id, parsed.args.map(Number));
  if (own.length === 0) throw new UserError(NONE_OF_YOURS, 'QUOTED_NOT_OWN');
  return own.map(String);
}

/** The console is the operator's own terminal: its sender id is a username, no linking needed. */
async function identify(db: Store, message: InboundMessage): Promise<Official | undefined> {
  if (message.channel === 'console') return findOfficialByUsername(db, message.senderId);
  return findLinkedOfficial(db, message.channel, message.senderId);
}

function senderOf(official: Official, message: InboundMessage): Sender {
  // In a group the sender acts, never the group: the group's address is only where it happened.
  return {
    official,
    actor: { kind: 'official', officialId: official.id, channel: message.channel, chatId: message.address },
  };
}
