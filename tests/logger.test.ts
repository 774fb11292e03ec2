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
