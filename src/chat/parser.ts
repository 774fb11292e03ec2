// The one command parser, in our core rather than a chat SDK, so Telegram, Zalo and the console
// agree on what `/xong 12` means. Tolerates `/xong@Bot 12`, `xong 12` (Zalo has no slash
// commands), `/xong #12 13`, `/Quá Hạn` or `/quahan`, NFD input and full-width digits.
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
    }
  | { kind: 'unknown'; name: string }
  | { kind: 'chatter' };

// "xong", "đã xong", "xong rồi", "ok xong ạ"… as a reply to a reminder (after folding diacritics).
const DONE_REPLY = /^(?:ok\s+)?(?:da\s+)?xong(?:\s+roi)?(?:\s+(?:a|nhe|nha|anh|chi|em|ha))?\s*[.!]*$/;
const TASK_REFERENCE = /#(\d{1,9})\b/g;
const COMMAND_WORD = /^[a-z]{2,20}$/;

export class CommandParser {
  private readonly byName = new Map<string, AnyCommand>();

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
    }
  }

  parse(text: string, quotedText?: string): ParsedMessage {
    const clean = cleanText(text);
    if (clean === '') return { kind: 'chatter' };
    const quoted = this.quotedDone(clean, quotedText);
    if (quoted) return quoted;

    const slashed = clean.startsWith('/');
    const [first = '', second, ...rest] = words(slashed ? clean.slice(1) : clean);
    // Telegram adds `@BotName` to commands in groups; the adapter strips our own, this is a fallback.
    const name = slashed ? first.replace(/@\S*$/, '') : first;
    const key = foldDiacritics(name);
    const single = COMMAND_WORD.test(key) ? this.byName.get(key) : undefined;
    if (single) return this.command(single, name, [second, ...rest], slashed);
    // Names typed as two words: `/quá hạn`, `/tinh trang 12`, `/lien ket ABCD…`.
    const pair = second === undefined ? undefined : `${key}${foldDiacritics(second)}`;
    const double = pair && COMMAND_WORD.test(pair) ? this.byName.get(pair) : undefined;
    if (double) return this.command(double, `${name} ${second}`, rest, slashed);
    return slashed ? { kind: 'unknown', name } : { kind: 'chatter' };
  }

  private command(command: AnyCommand, name: string, args: (string | undefined)[], slashed: boolean): ParsedMessage {
    const cleaned = args
      .filter((arg): arg is string => arg !== undefined)
      .map((arg) => arg.replace(/^#+/, ''))
      .filter((arg) => arg !== '');
    return { kind: 'command', command, name, args: cleaned, slashed };
  }

  /** A Zalo reply "xong" to a reminder that named `#12` (and maybe `#13`) closes those tasks. */
  private quotedDone(clean: string, quotedText: string | undefined): ParsedMessage | undefined {
    if (!quotedText || !DONE_REPLY.test(foldDiacritics(clean))) return undefined;
    const ids = [...new Set([...cleanText(quotedText).matchAll(TASK_REFERENCE)].map((match) => match[1]!))];
    const command = this.byName.get(this.quotedDoneCommand);
    if (ids.length === 0 || !command) return undefined;
    // Treated as slashed: replying to the bot's own reminder is unmistakably addressed to it.
    return { kind: 'command', command, name: clean, args: ids, slashed: true };
  }
}
