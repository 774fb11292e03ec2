// The one command parser, in our core rather than a chat SDK, so Telegram, Zalo and the console
// agree on what `/xong 12` means. Tolerates `/xong@Bot 12`, `xong 12` (Zalo has no slash
// commands), `/xong #12 13`, `/Quá Hạn` or `/quahan`, NFD input and full-width digits.
//
// Without a slash a message is read strictly, for every command alike: it is a command only when
// it is exactly the command's name and argument values (`xong 12`, `xong #12 #13`, `xong 12, 13`,
// `hoan 12 3`), optionally followed by `: free text` (`xong 12: đã gửi`). Any other word makes it
// chatter: "xong 10 phút nữa em gửi" or "Xong 2 bản rồi anh ơi" close nothing. (The router
// also ignores unslashed commands in groups, where people talk to each other.)
import type { AnyCommand } from './command.ts';
import { foldDiacritics } from '../domain/fold-text.ts';
import { cleanText, words } from './normalize.ts';

export type ParsedMessage =
  | {
      kind: 'command';
      command: AnyCommand;
      /** The command word as typed (for logs). */
      name: string;
      /** The words after the name, `#` removed. */
      args: string[];
      /** Typed with a leading slash (or a button): certainly meant for the bot. */
      slashed: boolean;
      /** A bare "xong" replying to a bot message: `args` are the ids that message named. */
      quoted?: boolean;
    }
  | { kind: 'unknown'; name: string }
  | { kind: 'chatter' };

// "xong", "đã xong", "xong rồi", "ok xong ạ"… as a reply to a reminder (after folding diacritics).
const DONE_REPLY = /^(?:ok\s+)?(?:da\s+)?xong(?:\s+roi)?(?:\s+(?:a|nhe|nha|anh|chi|em|ha))?\s*[.!]*$/;
const TASK_REFERENCE = /#(\d{1,9})\b/g;
const COMMAND_WORD = /^[a-z]{2,20}$/;
// Without a slash, the words after the name must all be values: task numbers (`12`, `#12`, `12,`,
// `12,13`), dates with a year (`19/11/2026`, `11/2026`), record codes (`HS-001`,
// `000.00.12.H39-261110-0003`) or link codes (`K7QW2M9XAB`). Prose (`phút`, `bản`, `rồi`) and
// loose figures (`10h`, `15p`, `10:30`) never are.
const VALUE_WORDS = [
  /^#*\d+(?:[,;]+#*\d+)*[,;]*$/,
  /^(?:\d{1,2}\/)?\d{1,2}\/\d{4}$/,
  /^(?=.*\d)[A-Za-z0-9]+(?:[-._/][A-Za-z0-9]+)+$/,
  /^(?=.*\d)[A-Za-z0-9]{8,}$/,
  /^[A-Z]{8,}$/,
];
// `xong 12: đã gửi`: a colon followed by a space (or the end) separates the values from a note.
const NOTE_SEPARATOR = /:(?:\s|$)/;

export class CommandParser {
  private readonly byName = new Map<string, AnyCommand>();
  /** Fixed words a command takes besides values (`xong` in `/hoso xong <mã>`), from its usage. */
  private readonly keywords = new Map<AnyCommand, Set<string>>();

  constructor(
    commands: readonly AnyCommand[],
    /** The command a bare "xong" reply to a quoted reminder runs, with the quoted task ids. */
    private readonly quotedDoneCommand = 'xong',
  ) {
    for (const command of commands) {
      for (const name of command.names) {
        const key = foldDiacritics(name).replace(/\s+/g, '');
        const clash = this.byName.get(key);
        if (clash && clash !== command) throw new Error(`command name "${name}" used twice`);
        this.byName.set(key, command);
      }
      this.keywords.set(command, keywordsOf(command));
    }
  }

  parse(text: string, quotedText?: string): ParsedMessage {
    const clean = cleanText(text);
    if (clean === '') return { kind: 'chatter' };
    const quoted = this.quotedDone(clean, quotedText);
    if (quoted) return quoted;
    return clean.startsWith('/') ? this.parseSlashed(clean.slice(1)) : this.parseUnslashed(clean);
  }

  /** `/xong 12 ghi chú`: certainly meant for the bot; the command's schema judges the rest. */
  private parseSlashed(text: string): ParsedMessage {
    const [first = '', ...rest] = words(text);
    // Telegram adds `@BotName` to commands in groups; the adapter strips our own, this is a fallback.
    const name = first.replace(/@\S*$/, '');
    const found = this.lookup([name, ...rest]);
    return found ? this.command(found.command, found.name, found.args, true) : { kind: 'unknown', name };
  }

  /** `xong 12`, `xong 12, 13`, `xong 12: đã gửi` exactly; anything else is people talking. */
  private parseUnslashed(text: string): ParsedMessage {
    const separator = NOTE_SEPARATOR.exec(text);
    const head = separator ? text.slice(0, separator.index) : text;
    const note = separator ? words(text.slice(separator.index + 1)) : [];
    const found = this.lookup(words(head));
    if (!found) return { kind: 'chatter' };
    const keywords = this.keywords.get(found.command);
    const exact = found.args.every(
      (word) => VALUE_WORDS.some((value) => value.test(word)) || keywords?.has(foldDiacritics(word)),
    );
    // A note needs something to be about: "xong: 10 phút nữa em gửi" is talk, not /xong 10.
    if (!exact || (separator && found.args.length === 0)) return { kind: 'chatter' };
    return this.command(found.command, found.name, [...found.args, ...note], false);
  }

  /** The command named by the first word or the first two (`/quá hạn`, `/hoàn tác`), longest first. */
  private lookup(
    allWords: readonly string[],
  ): { command: AnyCommand; name: string; args: readonly string[] } | undefined {
    const [first = '', second, ...rest] = allWords;
    const key = foldDiacritics(first);
    const pair = second === undefined ? undefined : `${key}${foldDiacritics(second)}`;
    const double = pair && COMMAND_WORD.test(pair) ? this.byName.get(pair) : undefined;
    if (double) return { command: double, name: `${first} ${second}`, args: rest };
    const single = COMMAND_WORD.test(key) ? this.byName.get(key) : undefined;
    if (single) return { command: single, name: first, args: allWords.slice(1) };
    return undefined;
  }

  private command(command: AnyCommand, name: string, args: readonly string[], slashed: boolean): ParsedMessage {
    const cleaned = args.map((arg) => arg.replace(/^#+/, '')).filter((arg) => arg !== '');
    return { kind: 'command', command, name, args: cleaned, slashed };
  }

  /** A Zalo reply "xong" to a reminder that named `#12` (and maybe `#13`) closes those tasks. */
  private quotedDone(clean: string, quotedText: string | undefined): ParsedMessage | undefined {
    if (!quotedText || !DONE_REPLY.test(foldDiacritics(clean))) return undefined;
    const ids = [...new Set([...cleanText(quotedText).matchAll(TASK_REFERENCE)].map((match) => match[1]!))];
    const command = this.byName.get(this.quotedDoneCommand);
    if (ids.length === 0 || !command) return undefined;
    // Treated as slashed: replying to the bot's own reminder is unmistakably addressed to it.
    return { kind: 'command', command, name: clean, args: ids, slashed: true, quoted: true };
  }
}

/** The plain lowercase words of a command's usage outside `<…>` and `[…]`, without its names. */
function keywordsOf(command: AnyCommand): Set<string> {
  const names = new Set(command.names.map((name) => foldDiacritics(name)));
  const fixed = words(command.usage.replace(/<[^>]*>|\[[^\]]*\]/g, ' '))
    .map((word) => foldDiacritics(word))
    .filter((word) => /^[a-z]+$/.test(word) && !names.has(word));
  return new Set(fixed);
}
