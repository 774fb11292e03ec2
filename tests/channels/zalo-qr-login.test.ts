// `zalo login` ends: a declined or expired QR gives a clear message (and the CLI exits 1), or a
// new QR with --retry; the QR folder is created; nothing is left to reject unhandled.
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loginWithQr } from '../../src/channels/zalo/zalo-qr-login.ts';
import { UserError } from '../../src/domain/errors.ts';
import { fakeQrLogin } from './fake-zalo-qr.ts';

describe('zalo login by QR', () => {
  let directory: string;
  let said: string[];
  const progress = () => ({
    onQrReady: (path: string) => said.push(`qr ${path}`),
    onScanned: (name: string) => said.push(`scanned ${name}`),
    onExpired: () => said.push('expired'),
    onDeclined: () => said.push('declined'),
  });

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'nhacviec-zalo-qr-'));
    said = [];
  });
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('saves the session (mode 0600) once the phone confirms, creating the QR folder', async () => {
    const { login } = fakeQrLogin(['confirm']);
    const qr = join(directory, 'missing', 'folder', 'qr.png');
    const credentials = join(directory, 'zalo.json');
    const result = await loginWithQr(qr, credentials, progress(), { login });
    expect(result).toEqual({ displayName: 'Nhắc việc Sở' });
    expect((await stat(qr)).size).toBeGreaterThan(0);
    expect(JSON.parse(await readFile(credentials, 'utf8'))).toMatchObject({ imei: 'imei-qr', userAgent: 'UA' });
    expect((await stat(credentials)).mode & 0o777).toBe(0o600);
  });

  it('ends with a clear message when the phone declines', async () => {
    const { login, progress: qr } = fakeQrLogin(['decline']);
    const failure = await loginWithQr(join(directory, 'qr.png'), join(directory, 'zalo.json'), progress(), {
      login,
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(UserError);
    expect((failure as Error).message).toMatch(/từ chối/);
    expect(qr.qrCodes).toBe(1);
  });

  it('ends with a clear message when the QR expires unscanned', async () => {
    const { login, progress: qr } = fakeQrLogin(['expire']);
    await expect(
      loginWithQr(join(directory, 'qr.png'), join(directory, 'zalo.json'), progress(), { login }),
    ).rejects.toThrow(/hết hạn.*--retry/);
    expect(qr.qrCodes).toBe(1);
  });

  it('shows a new QR after a decline or an expiry with --retry, and logs in with the one confirmed', async () => {
    const { login, progress: qr } = fakeQrLogin(['expire', 'decline', 'confirm']);
    const credentials = join(directory, 'zalo.json');
    await loginWithQr(join(directory, 'qr.png'), credentials, progress(), { login, retry: true });
    expect(qr.qrCodes).toBe(3);
    expect(said.filter((line) => line === 'expired' || line === 'declined')).toEqual(['expired', 'declined']);
    expect(JSON.parse(await readFile(credentials, 'utf8')).cookie[0].value).toBe('fresh');
  });

  it('gives up after a few QR codes even with --retry', async () => {
    const { login, progress: qr } = fakeQrLogin([]);
    await expect(
      loginWithQr(join(directory, 'qr.png'), join(directory, 'zalo.json'), progress(), { login, retry: true }),
    ).rejects.toBeInstanceOf(UserError);
    expect(qr.qrCodes).toBe(5);
  });

  it('reports a QR path it cannot write as a clear error, not an unhandled rejection', async () => {
    const { login } = fakeQrLogin(['confirm']);
    // A directory where the file should be: writing the PNG fails.
    const qr = directory;
    await expect(loginWithQr(qr, join(directory, 'zalo.json'), progress(), { login })).rejects.toThrow(
      /Không ghi được ảnh QR/,
    );
  });
});
