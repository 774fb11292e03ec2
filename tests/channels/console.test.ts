import { addr } from '../support/address.ts';
import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { InboundMessage, Reply } from '../../src/channels/channel.ts';
import { ConsoleChannel } from '../../src/channels/console/console-channel.ts';
import { channelContract, type ChannelHarness } from './channel-contract.ts';

/** An output stream that keeps each write separately: one write is one printed message. */
class RecordingOutput extends Writable {
  readonly writes: string[] = [];
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.writes.push(chunk.toString('utf8'));
    done();
  }
  get text(): string {
    return this.writes.join('');
  }
}

function consoleFixture(actorId = 'an', prompt?: string) {
  const input = new PassThrough();
  const output = new RecordingOutput();
  const channel = new ConsoleChannel({ input, output, actorId, ...(prompt === undefined ? {} : { prompt }) });
  return { input, output, channel };
}

channelContract('ConsoleChannel', async (): Promise<ChannelHarness> => {
  const { input, output, channel } = consoleFixture('an');
  const printed = (address: string) =>
    output.writes.flatMap((write) => {
      const labelled = /^📨 (\S+)\n/.exec(write);
      const to = labelled?.[1] ?? `console:${channel.actorId}`;
      if (to !== address || write.startsWith('⚠️')) return [];
      return [{ text: write.slice(labelled?.[0].length ?? 0), buttons: [] }];
    });
  return {
    kind: 'console',
    channel,
    directChat: { address: addr('console:an'), senderId: 'an', isGroup: false },
    async receive(_chat, text) {
      input.write(`${text}\n`);
    },
    deliveredTo: printed,
    foreignAddress: addr('telegram:1'),
    async useAction(_chat, message, action) {
      const hint = message.text.split('\n').find((line) => line.includes(`[${action.label} → `));
      const command = hint ? /→ (.+)\]$/.exec(hint)?.[1] : undefined;
      if (!command) throw new Error(`no hint for "${action.label}" in: ${message.text}`);
      input.write(`${command}\n`);
    },
    settle: () => new Promise<void>((resolve) => setImmediate(resolve)),
    async dispose() {
      input.end();
    },
  };
});

describe('ConsoleChannel', () => {
  it('answers piped lines in order, finishing each before reading the next', async () => {
    const { input, output, channel } = consoleFixture();
    const events: string[] = [];
    await channel.start(async (message) => {
      events.push(`bắt đầu ${message.text}`);
      // The first line takes longest: a channel that did not wait would interleave.
      await new Promise((resolve) => setTimeout(resolve, message.text === 'một' ? 15 : 1));
      events.push(`xong ${message.text}`);
      return { text: `đáp ${message.text}` };
    });
    input.end('một\nhai\nba\n');
    await channel.finished;
    expect(events).toEqual(['bắt đầu một', 'xong một', 'bắt đầu hai', 'xong hai', 'bắt đầu ba', 'xong ba']);
    expect(output.text).toBe('đáp một\nđáp hai\nđáp ba\n');
  });

  it('resolves finished at end of input only after the last reply is printed', async () => {
    const { input, output, channel } = consoleFixture();
    await channel.start(async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return { text: 'cuối' };
    });
    input.end('/viec');
    await channel.finished;
    expect(output.text).toBe('cuối\n');
  });

  it('skips blank lines and trims what is typed', async () => {
    const { input, channel } = consoleFixture();
    const texts: string[] = [];
    await channel.start(async (message) => {
      texts.push(message.text);
      return undefined;
    });
    input.end('\n   \n  /viec  \r\n\n');
    await channel.finished;
    expect(texts).toEqual(['/viec']);
  });

  it('prints actions as hints of the command to type', async () => {
    const { input, output, channel } = consoleFixture();
    const reply: Reply = {
      text: 'Việc #12 đến hạn hôm nay',
      actions: [
        { label: '✅ Xong #12', command: '/xong 12' },
        { label: '⏰ Nhắc lại ngày mai', command: '/hoan 12 1' },
      ],
    };
    await channel.start(async () => reply);
    input.end('/viec\n');
    await channel.finished;
    expect(output.text).toBe(
      'Việc #12 đến hạn hôm nay\n  [✅ Xong #12 → /xong 12]\n  [⏰ Nhắc lại ngày mai → /hoan 12 1]\n',
    );
  });

  it('acts as another person after setActor', async () => {
    const { input, channel } = consoleFixture('an');
    const received: InboundMessage[] = [];
    await channel.start(async (message) => {
      received.push(message);
      if (message.text.startsWith('/dangnhap ')) channel.setActor(message.text.slice('/dangnhap '.length));
      return undefined;
    });
    input.end('/dangnhap binh\n/viec\n');
    await channel.finished;
    expect(received.map((m) => [m.senderId, m.address, m.text])).toEqual([
      ['an', 'console:an', '/dangnhap binh'],
      ['binh', 'console:binh', '/viec'],
    ]);
  });

  it('labels messages sent to someone other than the person typing', async () => {
    const { output, channel } = consoleFixture('an');
    await channel.send(addr('console:binh'), { text: 'Nhắc việc #3' });
    await channel.send(addr('console:an'), { text: 'Nhắc việc #4' });
    expect(output.text).toBe('📨 console:binh\nNhắc việc #3\nNhắc việc #4\n');
  });

  it('keeps going after the handler throws', async () => {
    const { input, output, channel } = consoleFixture();
    await channel.start(async (message) => {
      if (message.text === 'hỏng') throw new Error('cơ sở dữ liệu bận');
      return { text: 'ổn' };
    });
    input.end('hỏng\nlành\n');
    await channel.finished;
    expect(output.text).toBe('⚠️ Lỗi: cơ sở dữ liệu bận\nổn\n');
  });

  it('prints the prompt before each line it reads', async () => {
    const { input, output, channel } = consoleFixture('an', '> ');
    await channel.start(async () => ({ text: 'chào' }));
    input.end('xin chào\n');
    await channel.finished;
    expect(output.text).toBe('> chào\n> ');
  });

  it('resolves finished when stopped before input ends', async () => {
    const { channel } = consoleFixture();
    await channel.start(async () => undefined);
    await channel.stop();
    await expect(channel.finished).resolves.toBeUndefined();
  });

  it('refuses addresses of other channels', async () => {
    const { channel } = consoleFixture();
    await expect(channel.send(addr('telegram:1'), { text: 'chào' })).rejects.toMatchObject({ kind: 'permanent' });
  });
});
