// The real ZaloApiLike, on zca-js. Kept thin: everything worth testing lives in the channel.
import { zca, type Zca } from './zca-module.ts';
import type { ZaloApiLike, ZaloListenerEvents } from './zalo-api.ts';
import { readZaloCredentials } from './zalo-credentials.ts';

/** zca-js options shared by every login: no update check (it calls npm), no console noise. */
export function createZalo(): Zca.Zalo {
  return new zca.Zalo({ selfListen: false, checkUpdate: false, logging: false });
}

/** Logs in with the session saved in `credentialsFile` (written by `loginWithQr`). */
export async function loginWithCredentialsFile(credentialsFile: string): Promise<ZaloApiLike> {
  const credentials = await readZaloCredentials(credentialsFile);
  const api = await createZalo().login(credentials as Zca.Credentials);
  return adaptZcaApi(api);
}

export function adaptZcaApi(api: Zca.API): ZaloApiLike {
  const listener = api.listener;
  return {
    subscribe(events: ZaloListenerEvents) {
      const onConnected = () => events.onConnected();
      const onClosed = (code: number, reason: string) => events.onClosed(code, reason);
      // Without an 'error' listener an EventEmitter throws, which would crash the process.
      const onError = (error: unknown) => events.onError(error);
      const onMessage = (message: Zca.Message) => events.onMessage(message);
      listener.on('connected', onConnected);
      listener.on('closed', onClosed);
      listener.on('error', onError);
      listener.on('message', onMessage);
      return () => {
        listener.off('connected', onConnected);
        listener.off('closed', onClosed);
        listener.off('error', onError);
        listener.off('message', onMessage);
      };
    },
    // retryOnClose stays off: zca-js's own retry gives up after a few tries; the channel retries forever.
    startListener: () => listener.start({ retryOnClose: false }),
    stopListener: () => listener.stop(),
    async sendText(text, threadId, threadType) {
      const result = await api.sendMessage({ msg: text }, threadId, threadType);
      const msgId = result.message?.msgId;
      return msgId === undefined ? {} : { msgId: String(msgId) };
    },
    currentCookies: () => api.getCookie().toJSON()?.cookies,
  };
}
