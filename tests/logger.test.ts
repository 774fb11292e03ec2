import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/logging/logger.ts';

describe('the logger', () => {
  it('never writes tokens, cookies or link codes', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = createLogger('info', sink);
    logger.info(
      { token: '123:SECRET', zalo: { cookie: 'zpw_sek=SECRET' }, linkCode: 'ABCDEFGH23', user: 'an' },
      'hello',
    );
    logger.flush();
    const text = lines.join('');
    expect(text).toContain('"user":"an"');
    expect(text).not.toContain('SECRET');
    expect(text).not.toContain('ABCDEFGH23');
  });
});

describe('the logger redacts secrets by path, not every field named code', () => {
  const capture = () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    return { logger: createLogger('info', sink), text: () => lines.join('') };
  };

  it('shows error codes such as ECONNREFUSED and P2002, and Zalo close codes', () => {
    const { logger, text } = capture();
    logger.error({ err: { message: 'connect failed', code: 'ECONNREFUSED' } }, 'database unreachable');
    logger.error({ err: { name: 'PrismaClientKnownRequestError', code: 'P2002' } }, 'unique constraint');
    logger.info({ code: 1006, reason: 'abnormal' }, 'zalo listener closed');
    logger.flush();
    expect(text()).toContain('"code":"ECONNREFUSED"');
    expect(text()).toContain('"code":"P2002"');
    expect(text()).toContain('"code":1006');
  });

  it('still hides tokens, cookies, link codes, passwords and credentials wherever they sit', () => {
    const { logger, text } = capture();
    logger.info(
      {
        token: 'T1-SECRET',
        telegram: { botToken: 'T2-SECRET', secretToken: 'T3-SECRET' },
        zalo: { session: { cookie: 'C1-SECRET', cookies: ['C2-SECRET'], imei: 'I-SECRET' } },
        link: { linkCode: 'L-SECRET' },
        db: { password: 'P-SECRET' },
        credentials: { any: 'CR-SECRET' },
        headers: { authorization: 'Bearer A-SECRET' },
      },
      'everything secret',
    );
    logger.flush();
    expect(text()).toContain('everything secret');
    expect(text()).not.toContain('SECRET');
  });
});
