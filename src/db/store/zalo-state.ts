// What the Zalo channel keeps across restarts, as Setting rows: the last handled message id (so
// messages missed while down are replayed, and no others) and the "a process is listening" mark.
import { readSetting, saveSetting } from './settings.ts';
import { prismaOf, type Store } from './store.ts';

const LAST_HANDLED_KEY = 'zalo.lastHandledMsgId';
const LISTENING_KEY = 'zalo.listening';

export interface ZaloStateRows {
  readLastHandledMsgId(): Promise<string | undefined>;
  writeLastHandledMsgId(msgId: string): Promise<void>;
  readListeningMark(): Promise<string | undefined>;
  writeListeningMark(mark: string): Promise<void>;
  /** Deletes the row only where it still holds `mark` (the holder's own): one conditional write. */
  clearListeningMark(mark: string): Promise<void>;
}

export function zaloStateRows(store: Store): ZaloStateRows {
  return {
    readLastHandledMsgId: () => readSetting(store, LAST_HANDLED_KEY),
    writeLastHandledMsgId: (msgId) => saveSetting(store, LAST_HANDLED_KEY, msgId),
    readListeningMark: () => readSetting(store, LISTENING_KEY),
    writeListeningMark: (mark) => saveSetting(store, LISTENING_KEY, mark),
    clearListeningMark: async (mark) => {
      await prismaOf(store).setting.deleteMany({ where: { key: LISTENING_KEY, value: mark } });
    },
  };
}
