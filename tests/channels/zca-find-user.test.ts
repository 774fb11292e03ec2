// zca-js's own findUser (apis/findUser.js) over HTTP against a local stand-in for Zalo's profile
// service, speaking its format (AES-encrypted params and answer). This is where what zca-js really
// returns and throws is checked: a found user's uid, Zalo's code 216 for a number without an
// account (which the channel reads as "nobody"), and an HTTP 429 (which it retries later).
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findUserFactory } from '../../node_modules/zca-js/dist/apis/findUser.js';
import { decodeAES, encodeAES } from '../../node_modules/zca-js/dist/utils.js';
import { isUnknownPhone, toChannelSendError } from '../../src/channels/zalo/zalo-errors.ts';
import { adaptZcaApi } from '../../src/channels/zalo/zca-api.ts';
import type { Zca } from '../../src/channels/zalo/zca-module.ts';

const SECRET = Buffer.alloc(32, 7).toString('base64');
/** Zalo accounts by phone as Zalo keys them. */
const ACCOUNTS: Record<string, { uid: string; zalo_name: string; display_name: string }> = {
  '84912345678': { uid: '7712345', zalo_name: 'Bích Lê', display_name: 'Lê Thị Bích' },
};

describe('zca-js findUser against a local Zalo profile service', () => {
  let server: Server;
  let base: string;
  const phonesAsked: string[] = [];
  let answerWithStatus: number | undefined;

  beforeAll(async () => {
    server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      const params = JSON.parse(decodeAES(SECRET, url.searchParams.get('params') ?? '') ?? '{}') as { phone: string };
      phonesAsked.push(params.phone);
      if (answerWithStatus) {
        response.writeHead(answerWithStatus).end();
        return;
      }
      const account = ACCOUNTS[params.phone];
      const inner = account
        ? { error_code: 0, error_message: 'Successful.', data: { ...account, avatar: '', cover: '', status: '' } }
        : { error_code: 216, error_message: 'Tài khoản không tồn tại hoặc không cho phép tìm kiếm', data: null };
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({ error_code: 0, error_message: '', data: encodeAES(SECRET, JSON.stringify(inner)) }),
      );
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** zca-js's findUser on a session context with just what it reads, adapted like production. */
  function adapted() {
    const ctx = {
      secretKey: SECRET,
      language: 'vi',
      imei: 'test-imei',
      userAgent: 'test',
      API_VERSION: 665,
      API_TYPE: 30,
      cookie: { getCookieString: async () => 'zpw_sek=test' },
      options: { polyfill: fetch, logging: false },
    };
    const findUser = findUserFactory(ctx as never, { zpwServiceMap: { friend: [base] } } as never);
    return adaptZcaApi({ listener: {}, findUser } as unknown as Zca.API);
  }

  it('finds the user of a phone written 0xxxxxxxxx (zca-js asks Zalo for 84xxxxxxxxx)', async () => {
    expect(await adapted().findUser('0912345678')).toEqual({ uid: '7712345', displayName: 'Lê Thị Bích' });
    expect(phonesAsked.at(-1)).toBe('84912345678');
  });

  it('throws ZaloApiError 216 for a number with no Zalo account: "nobody", not a failure to retry', async () => {
    const error = await adapted()
      .findUser('0987654321')
      .then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
    expect(error).toMatchObject({ name: 'ZcaApiError', code: 216 });
    expect(isUnknownPhone(error)).toBe(true);
  });

  it('throws on HTTP 429, which the channel turns into "rate-limited, try later"', async () => {
    answerWithStatus = 429;
    try {
      const error = await adapted()
        .findUser('0912345678')
        .then(
          () => undefined,
          (thrown: unknown) => thrown,
        );
      expect(isUnknownPhone(error)).toBe(false);
      expect(toChannelSendError(error)).toMatchObject({ kind: 'rate-limited' });
    } finally {
      answerWithStatus = undefined;
    }
  });
});
