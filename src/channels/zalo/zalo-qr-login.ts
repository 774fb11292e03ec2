// `npm run cli -- zalo login`: log in by scanning a QR code with the bot's Zalo phone app, then
// save the session for the channel. zca-js's loginQR waits forever on a declined or expired QR
// unless the callback retries or aborts (apis/loginQR.js), so every such event gets one of them:
// a clear Vietnamese error by default, a new QR with `retry`, up to a few codes.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { UserError } from '../../domain/errors.ts';
import { loadZca, type Zca } from './zca-module.ts';
import { createZalo } from './zca-api.ts';
import { writeZaloCredentials, type ZaloCredentials } from './zalo-credentials.ts';

export interface QrLoginProgress {
  /** The QR image was written; show the path to the person holding the phone. */
  onQrReady?(pngPath: string): void;
  onScanned?(displayName: string): void;
  /** A new QR follows (with `retry`). */
  onExpired?(): void;
  onDeclined?(): void;
}

/** zca-js `Zalo.loginQR` with its callback; resolves with the logged-in session's cookies. */
export type QrLogin = (callback: (event: Zca.LoginQRCallbackEvent) => unknown) => Promise<{
  cookies(): unknown[] | undefined;
}>;

export interface QrLoginOptions {
  /** Show a new QR after an expiry or a decline instead of ending. */
  retry?: boolean;
  /** How many QR codes to show at most with `retry`. */
  maxQrCodes?: number;
  /** Tests replace zca-js. */
  login?: QrLogin;
}

const realQrLogin: QrLogin = async (callback) => {
  const api = await (await createZalo()).loginQR({}, callback);
  return { cookies: () => api.getCookie().toJSON()?.cookies };
};

export const QR_EXPIRED_MESSAGE =
  'Mã QR đã hết hạn mà chưa được quét. Chạy lại lệnh, hoặc thêm --retry để tự tạo mã mới khi mã hết hạn.';
export const QR_DECLINED_MESSAGE =
  'Đăng nhập bị từ chối trên điện thoại. Chạy lại lệnh và bấm "Đăng nhập" trên điện thoại, hoặc thêm --retry.';

export async function loginWithQr(
  outputPngPath: string,
  saveCredentialsTo: string,
  progress: QrLoginProgress = {},
  options: QrLoginOptions = {},
): Promise<{ displayName?: string }> {
  const maxQrCodes = options.retry ? (options.maxQrCodes ?? 5) : 1;
  const zca = await loadZca();
  await mkdir(dirname(outputPngPath), { recursive: true });
  let credentials: ZaloCredentials | undefined;
  let displayName: string | undefined;
  let qrCodes = 0;
  /** Why the login was aborted on our side, when it was. */
  let ended: Error | undefined;
  const writes: Promise<void>[] = [];
  const retryOrEnd = (actions: { retry(): unknown; abort(): unknown }, message: string, announce?: () => void) => {
    if (qrCodes < maxQrCodes) {
      announce?.();
      actions.retry();
      return;
    }
    ended ??= new UserError(message, 'ZALO_QR_ENDED');
    actions.abort();
  };
  const onEvent = (event: Zca.LoginQRCallbackEvent) => {
    const type = zca.LoginQRCallbackEventType;
    switch (event.type) {
      case type.QRCodeGenerated: {
        qrCodes += 1;
        // Our own write (mode 0600 like everything secret-ish) instead of zca-js's "qr.png".
        const { actions } = event;
        const write = writeFile(outputPngPath, Buffer.from(event.data.image, 'base64'), { mode: 0o600 }).then(
          () => progress.onQrReady?.(outputPngPath),
          (error: unknown) => {
            ended ??= new UserError(
              `Không ghi được ảnh QR vào ${outputPngPath}: ${error instanceof Error ? error.message : String(error)}`,
              'ZALO_QR_UNWRITABLE',
            );
            actions.abort();
          },
        );
        writes.push(write);
        return;
      }
      case type.QRCodeScanned:
        displayName = event.data.display_name;
        progress.onScanned?.(displayName);
        return;
      case type.QRCodeExpired:
        retryOrEnd(event.actions, QR_EXPIRED_MESSAGE, progress.onExpired);
        return;
      case type.QRCodeDeclined:
        retryOrEnd(event.actions, QR_DECLINED_MESSAGE, progress.onDeclined);
        return;
      case type.GotLoginInfo:
        credentials = { imei: event.data.imei, cookie: event.data.cookie, userAgent: event.data.userAgent };
        return;
      default:
        return;
    }
  };
  let session: Awaited<ReturnType<QrLogin>>;
  try {
    session = await (options.login ?? realQrLogin)(onEvent);
  } catch (error) {
    await Promise.all(writes);
    throw ended ?? error;
  }
  await Promise.all(writes);
  if (ended) throw ended;
  // Prefer the cookies after login: the login itself refreshes some of them.
  const cookie = session.cookies() ?? credentials?.cookie;
  if (!credentials || !cookie) throw new Error('Zalo login finished without session data');
  await writeZaloCredentials(saveCredentialsTo, { ...credentials, cookie });
  return displayName === undefined ? {} : { displayName };
}
