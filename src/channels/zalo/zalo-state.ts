// What the Zalo channel remembers across restarts. Production keeps it in the database (Setting
// rows, src/db/store/zalo-state.ts); tests and the console use memory.

export interface ZaloStateStore {
  /** Zalo's id of the newest message handled: after a (re)connect, older ones are not replayed. */
  readLastHandledMsgId(): Promise<string | undefined>;
  writeLastHandledMsgId(msgId: string): Promise<void>;
  /**
   * Set while a process listens, cleared when it stops cleanly: found at start, it means the
   * previous process died while listening, so Zalo may kick the new socket once (3003).
   */
  readListeningMark(): Promise<string | undefined>;
  writeListeningMark(mark: string): Promise<void>;
  /**
   * Clears the mark only if it is still `mark` (one conditional write): a process that stood down
   * must not clear the mark of the process that took the account over and listens now.
   */
  clearListeningMark(mark: string): Promise<void>;
}

export function memoryZaloState(initial: { lastHandledMsgId?: string; listeningMark?: string } = {}): ZaloStateStore {
  let lastHandled = initial.lastHandledMsgId;
  let listening = initial.listeningMark;
  return {
    readLastHandledMsgId: async () => lastHandled,
    writeLastHandledMsgId: async (msgId) => {
      lastHandled = msgId;
    },
    readListeningMark: async () => listening,
    writeListeningMark: async (mark) => {
      listening = mark;
    },
    clearListeningMark: async (mark) => {
      if (listening === mark) listening = undefined;
    },
  };
}

/** Zalo message ids are decimal strings too long for a double: compare them as big integers. */
export function isNewerMsgId(candidate: string, than: string | undefined): boolean {
  if (than === undefined) return true;
  try {
    return BigInt(candidate) > BigInt(than);
  } catch {
    return candidate > than;
  }
}

export function compareMsgIds(a: string, b: string): number {
  if (a === b) return 0;
  return isNewerMsgId(a, b) ? 1 : -1;
}
