// `npm run cli -- zalo login`: log in by scanning a QR code with the bot's Zalo phone app, then
// save the session for the channel. Needs Zalo's servers, so it is not covered by tests beyond
// the file handling it shares with the channel.
import { writeFile } from 'node:fs/promises';
import { zca, type Zca } from './zca-module.ts';
import { createZalo } from './zca-api.ts';
import { writeZaloCredentials, type ZaloCredentials } from './zalo-credentials.ts';

export interface QrLoginProgress {
  /** The QR image was written; show the path to the person holding the phone. */
  onQrReady?(pngPath: string): void;
  onScanned?(displayName: string): void;
  onExpired?(): void;
}

export async function loginWithQr(
  outputPngPath: string,
  saveCredentialsTo: string,
  progress: QrLoginProgress = {},
): Promise<{ displayName?: string }> {
  let credentials: ZaloCredentials | undefined;
  let displayName: string | undefined;
  const pending: Promise<unknown>[] = [];
  const onEvent = (event: Zca.LoginQRCallbackEvent) => {
    switch (event.type) {
      case zca.LoginQRCallbackEventType.QRCodeGenerated:
        // Our own write (mode 0600 like everything secret-ish) instead of zca-js's "qr.png".
        pending.push(
          writeFile(outputPngPath, Buffer.from(event.data.image, 'base64'), { mode: 0o600 }).then(() =>
            progress.onQrReady?.(outputPngPath),
          ),
        );
        return;
      case zca.LoginQRCallbackEventType.QRCodeScanned:
        displayName = event.data.display_name;
        progress.onScanned?.(displayName);
        return;
      case zca.LoginQRCallbackEventType.QRCodeExpired:
        progress.onExpired?.();
        event.actions.retry();
        return;
      case zca.LoginQRCallbackEventType.GotLoginInfo:
        credentials = { imei: event.data.imei, cookie: event.data.cookie, userAgent: event.data.userAgent };
        return;
      default:
        return;
    }
  };
  const api = await createZalo().loginQR({}, onEvent);
  await Promise.all(pending);
  // Prefer the cookies after login: the login itself refreshes some of them.
  const cookie = api.getCookie().toJSON()?.cookies ?? credentials?.cookie;
  if (!credentials || !cookie) throw new Error('Zalo login finished without session data');
  await writeZaloCredentials(saveCredentialsTo, { ...credentials, cookie });
  return displayName === undefined ? {} : { displayName };
}
