// Chat with the bot from a terminal, or feed it a script through a pipe: each input line is one
// message from the acting person, handled to completion before the next line is read, so piped
// scripts behave like a conversation. `finished` resolves at end of input so the app can exit.
import { systemClock, type Clock } from '../../domain/clock.ts';
import { createInterface, type Interface } from 'node:readline';
import { consoleAddresses, type Address } from '../address.ts';
import {
  ChannelSendError,
  imageFallbackText,
  type Channel,
  type MessageHandler,
  type OutgoingMessage,
  type SendResult,
} from '../channel.ts';

export interface ConsoleChannelOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** External id of the person typing; the app maps it to an official. */
  actorId: string;
  /** Printed before reading each line, e.g. `> `. */
  prompt?: string;
  clock?: Clock;
}

export function consoleAddress(actorId: string): Address {
  return consoleAddresses.encode({ name: actorId });
}

export class ConsoleChannel implements Channel {
  readonly kind = 'console' as const;
  /** Resolves once input has ended (and every line was answered) or the channel was stopped. */
  readonly finished: Promise<void>;
  private readonly options: ConsoleChannelOptions;
  private readonly clock: Clock;
  private actor: string;
  private lines: Interface | undefined;
  private reading: Promise<void> | undefined;
  private markFinished!: () => void;
  private lineCount = 0;

  constructor(options: ConsoleChannelOptions) {
    this.options = options;
    this.actor = options.actorId;
    this.clock = options.clock ?? systemClock;
    this.finished = new Promise((resolve) => (this.markFinished = resolve));
  }

  /** Lines read so far, blank ones included: none at end of input means there was no input at all. */
  get linesRead(): number {
    return this.lineCount;
  }

  get actorId(): string {
    return this.actor;
  }

  /** Act as someone else from the next line on (`/dangnhap`). */
  setActor(actorId: string): void {
    this.actor = actorId;
  }

  async start(onMessage: MessageHandler): Promise<void> {
    if (this.lines) throw new Error('console channel already started');
    this.lines = createInterface({ input: this.options.input, terminal: false, crlfDelay: Infinity });
    this.reading = this.readLines(this.lines, onMessage).finally(() => this.markFinished());
  }

  async send(address: Address, message: OutgoingMessage): Promise<SendResult> {
    if (!consoleAddresses.decode(address)) {
      throw new ChannelSendError(`not a console address: ${address}`, 'permanent');
    }
    // Messages for someone other than the person at the keyboard are labelled with the recipient.
    const header = address === consoleAddress(this.actor) ? '' : `📨 ${address}\n`;
    this.write(`${header}${render(message)}\n`);
    return {};
  }

  async stop(): Promise<void> {
    this.lines?.close();
    await this.reading;
    this.markFinished();
  }

  private async readLines(lines: Interface, onMessage: MessageHandler): Promise<void> {
    this.writePrompt();
    for await (const line of lines) {
      this.lineCount += 1;
      const text = line.trim();
      if (text !== '') await this.handle(text, onMessage);
      this.writePrompt();
    }
  }

  private async handle(text: string, onMessage: MessageHandler): Promise<void> {
    const address = consoleAddress(this.actor);
    try {
      const reply = await onMessage({
        channel: 'console',
        address,
        senderId: this.actor,
        isGroup: false,
        text,
        receivedAt: this.clock.now(),
      });
      if (reply) await this.send(address, reply);
    } catch (error) {
      // A failing command must not end the session.
      this.write(`⚠️ Lỗi: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  }

  private writePrompt(): void {
    if (this.options.prompt) this.write(this.options.prompt);
  }

  private write(text: string): void {
    this.options.output.write(text);
  }
}

/** Actions become hints like `[✅ Xong #12 → /xong 12]`: type the command to use one. */
function render({ text, actions, image }: OutgoingMessage): string {
  const hints = (actions ?? []).map((action) => `  [${action.label} → ${action.command}]`);
  return [text, ...hints, ...(image ? [imageFallbackText(image)] : [])].join('\n');
}
