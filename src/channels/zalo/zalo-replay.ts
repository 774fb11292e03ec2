// Which Zalo messages to handle: each once (a message can arrive live and again in an old-messages
// page), and after a reconnect only those newer than the last one handled, oldest first. The
// marker is persisted so a restart neither loses nor repeats messages. Chats are handled
// concurrently, so the marker only moves up to the oldest message still being handled: a crash
// then replays that one rather than skipping it.
import { describeError, type LogSink } from '../../domain/log-sink.ts';
import type { ZaloIncomingMessage } from './zalo-api.ts';
import { compareMsgIds, isNewerMsgId, type ZaloStateStore } from './zalo-state.ts';

/** Enough to cover an old-messages page per thread type plus what arrived live meanwhile. */
const REMEMBERED_IDS = 2_000;

export class ZaloReplay {
  private lastHandled: string | undefined;
  private readonly seen = new Set<string>();
  /** Admitted and not yet handled. */
  private readonly inFlight = new Set<string>();
  /** Handled, but newer than something still in flight: not yet safe to mark. */
  private doneAhead: string[] = [];
  private markerWrites: Promise<void> = Promise.resolve();

  constructor(
    private readonly state: ZaloStateStore,
    private readonly logger: LogSink,
  ) {}

  async load(): Promise<void> {
    try {
      this.lastHandled = await this.state.readLastHandledMsgId();
    } catch (error) {
      this.logger.error({ err: describeError(error) }, 'zalo last handled message unreadable; not replaying');
    }
  }

  get lastHandledMsgId(): string | undefined {
    return this.lastHandled;
  }

  /** A live message: true the first time its id is seen. */
  admit(message: ZaloIncomingMessage): boolean {
    const id = message.data.msgId;
    if (this.seen.has(id)) return false;
    this.seen.add(id);
    if (this.seen.size > REMEMBERED_IDS) this.seen.delete(this.seen.values().next().value as string);
    this.inFlight.add(id);
    return true;
  }

  /**
   * An old-messages page: the messages to handle, oldest first. With `baseline` (no marker yet:
   * the first connect ever) nothing is handled; the page only says where "now" is.
   */
  admitOld(messages: readonly ZaloIncomingMessage[], baseline: boolean): ZaloIncomingMessage[] {
    if (baseline) {
      for (const message of messages) {
        this.seen.add(message.data.msgId);
        this.advance(message.data.msgId);
      }
      return [];
    }
    const since = this.lastHandled;
    return messages
      .filter((message) => isNewerMsgId(message.data.msgId, since))
      .sort((a, b) => compareMsgIds(a.data.msgId, b.data.msgId))
      .filter((message) => this.admit(message));
  }

  /** The message was handled (or deliberately ignored): later replays start after it. */
  handled(message: ZaloIncomingMessage): void {
    this.inFlight.delete(message.data.msgId);
    this.doneAhead.push(message.data.msgId);
    let oldestInFlight: string | undefined;
    for (const id of this.inFlight)
      if (oldestInFlight === undefined || compareMsgIds(id, oldestInFlight) < 0) oldestInFlight = id;
    const safe = this.doneAhead.filter((id) => oldestInFlight === undefined || compareMsgIds(id, oldestInFlight) < 0);
    this.doneAhead = this.doneAhead.filter((id) => !safe.includes(id));
    const newest = safe.sort(compareMsgIds).at(-1);
    if (newest !== undefined) this.advance(newest);
  }

  idle(): Promise<void> {
    return this.markerWrites;
  }

  private advance(msgId: string): void {
    if (!isNewerMsgId(msgId, this.lastHandled)) return;
    this.lastHandled = msgId;
    this.markerWrites = this.markerWrites
      .then(() => (this.lastHandled === msgId ? this.state.writeLastHandledMsgId(msgId) : undefined))
      .catch((error: unknown) => {
        this.logger.error({ err: describeError(error) }, 'zalo last handled message not saved');
      });
  }
}
