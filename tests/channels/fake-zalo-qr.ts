// A stand-in for zca-js `Zalo.loginQR` that behaves like its source (apis/loginQR.js): every QR
// code is announced through the callback; on expiry or decline the callback gets `retry` and
// `abort`, and if it calls neither the login never settles — exactly the hang of the real one.
import type { QrLogin } from '../../src/channels/zalo/zalo-qr-login.ts';
import { loadZca, type Zca } from '../../src/channels/zalo/zca-module.ts';

const zca = await loadZca();

type QrCookies = Extract<Zca.LoginQRCallbackEvent, { actions: null }>['data']['cookie'];

export type QrOutcome = 'expire' | 'decline' | 'confirm';

/** A 1×1 PNG, base64, as Zalo sends QR images (after zca-js strips the data: prefix). */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

export function fakeQrLogin(outcomes: QrOutcome[]) {
  const progress = { qrCodes: 0 };
  const login: QrLogin = (callback) =>
    new Promise((resolve, reject) => {
      const showQr = () => {
        const outcome = outcomes[progress.qrCodes] ?? 'expire';
        progress.qrCodes += 1;
        let acted = false;
        const actions = {
          retry: () => {
            acted = true;
            showQr();
          },
          abort: () => {
            acted = true;
            reject(new zca.ZaloApiLoginQRAborted());
          },
        };
        const T = zca.LoginQRCallbackEventType;
        callback({
          type: T.QRCodeGenerated,
          data: {
            code: `qr${progress.qrCodes}`,
            image: PNG,
            token: 't',
            options: { enabledCheckOCR: false, enabledMultiLayer: false },
          },
          actions: { ...actions, saveToFile: async () => undefined },
        });
        setImmediate(() => {
          if (acted) return;
          if (outcome === 'expire') {
            callback({ type: T.QRCodeExpired, data: null, actions });
            return;
          }
          callback({ type: T.QRCodeScanned, data: { avatar: '', display_name: 'Nhắc việc Sở' }, actions });
          if (outcome === 'decline') {
            callback({ type: T.QRCodeDeclined, data: { code: `qr${progress.qrCodes}` }, actions });
            return;
          }
          const cookie = [{ key: 'zpw_sek', value: 'fresh', domain: 'chat.zalo.me' }] as QrCookies;
          callback({ type: T.GotLoginInfo, data: { cookie, imei: 'imei-qr', userAgent: 'UA' }, actions: null });
          resolve({ cookies: () => cookie });
        });
      };
      showQr();
    });
  return { login, progress };
}
