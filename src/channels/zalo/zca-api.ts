// The real ZaloApiLike, on zca-js. Kept thin: everything worth testing lives in the channel.
import { loadZca, type Zca } from './zca-module.ts';
import type { ZaloApiLike, ZaloListenerEvents } from './zalo-api.ts';
import { readZaloCredentials } from './zalo-credentials.ts';
import { listZaloGroups, type ZaloGroupSummary } from './zalo-groups.ts';

/** zca-js options shared by every login: no update check (it calls npm), no console noise. */
export async function createZalo(): Promise<Zca.Zalo> {
  const zca = await loadZca();
  return new zca.Zalo({ selfListen: false, checkUpdate: false, logging: false });
}

/** The account's groups, logged in from `credentialsFile` (HTTP only: no listener). */
export async function groupsOfAccount(credentialsFile: string): Promise<ZaloGroupSummary[]> {
  const credentials = await readZaloCredentials(credentialsFile);
  return listZaloGroups(await (await createZalo()).login(credentials as Zca.Credentials));
}

/** Logs in with the session saved in `credentialsFile` (written by `loginWithQr`). */
export async function loginWithCredentialsFile(credentialsFile: string): Promise<ZaloApiLike> {
  const credentials = await readZaloCredentials(credentialsFile);
  const api = await (await createZalo()).login(credentials as Zca.Credentials);
  return adaptZcaApi(api);
}

/**
 * Listener internals zca-js 2.2 keeps private (apis/listen.js): the socket, to see Zalo's
 * "another connection opened" frame that zca-js only logs, and its socket URL rotation, which it
 * uses only with its own retryOnClose.
 */
interface ListenerInternals {
  ws: { on(event: 'message', listener: (data: unknown) => void): void } | null;
  urls: string[];
  rotateCount: number;
  rotateEndpoint(): void;
}

/** zca-js frame header: version 1, cmd 3000 (little-endian), subCmd 0. */
function isDuplicateConnectionFrame(data: unknown): boolean {
  return Buffer.isBuffer(data) && data.length >= 4 && data[0] === 1 && data.readUInt16LE(1) === 3000 && data[3] === 0;
}

export function adaptZcaApi(api: Zca.API): ZaloApiLike {
  const listener = api.listener;
  const internals = listener as unknown as ListenerInternals;
  return {
    subscribe(events: ZaloListenerEvents) {
      const onConnected = () => {
        internals.ws?.on('message', (data) => {
          if (isDuplicateConnectionFrame(data)) events.onDuplicateNotice();
        });
        events.onConnected();
      };
      const onReady = () => events.onReady();
      const onOldMessages = (messages: Zca.Message[], threadType: Zca.ThreadType) =>
        events.onOldMessages(messages, threadType);
      const onClosed = (code: number, reason: string) => events.onClosed(code, reason);
      // Without an 'error' listener an EventEmitter throws, which would crash the process.
      const onError = (error: unknown) => events.onError(error);
      const onMessage = (message: Zca.Message) => events.onMessage(message);
      listener.on('connected', onConnected);
      listener.on('closed', onClosed);
      listener.on('error', onError);
      listener.on('message', onMessage);
      listener.on('cipher_key', onReady);
      listener.on('old_messages', onOldMessages);
      return () => {
        listener.off('cipher_key', onReady);
        listener.off('old_messages', onOldMessages);
        listener.off('connected', onConnected);
        listener.off('closed', onClosed);
        listener.off('error', onError);
        listener.off('message', onMessage);
      };
    },
    // retryOnClose stays off: zca-js's own retry gives up after a few tries; the channel retries forever.
    startListener: () => listener.start({ retryOnClose: false }),
    stopListener: () => listener.stop(),
    requestOldMessages: (threadType, lastMsgId) => listener.requestOldMessages(threadType, lastMsgId),
    rotateSocketUrl() {
      // Wraps around: after the last URL, the first one again.
      if (internals.urls.length < 2) return;
      if (internals.rotateCount >= internals.urls.length - 1) internals.rotateCount = -1;
      internals.rotateEndpoint();
    },
    async sendText(text, threadId, threadType, mentions) {
      const content = mentions && mentions.length > 0 ? { msg: text, mentions: [...mentions] } : { msg: text };
      const result = await api.sendMessage(content, threadId, threadType);
      const msgId = result.message?.msgId;
      return msgId === undefined ? {} : { msgId: String(msgId) };
    },
    async findUser(phone) {
      // zca-js turns a leading 0 into 84 itself; the result has no uid when Zalo found nobody.
      const user = (await api.findUser(phone)) as { uid?: string; display_name?: string } | null | undefined;
      if (!user?.uid) return undefined;
      return { uid: user.uid, ...(user.display_name ? { displayName: user.display_name } : {}) };
    },
    currentCookies: () => api.getCookie().toJSON()?.cookies,
  };
}
