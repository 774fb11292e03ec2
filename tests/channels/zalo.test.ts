import { zaloAddresses } from '../../src/channels/address.ts';
import { addr } from '../support/address.ts';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InboundMessage } from '../../src/channels/channel.ts';
import {
  DUPLICATE_CONNECTION_ALERT,
  KICKED_ALERT,
  RELOGIN_FAILED_ALERT,
  UNREACHABLE_AT_START_ALERT,
  ZaloChannel,
  type ZaloChannelOptions,
} from '../../src/channels/zalo/zalo-channel.ts';
import { parseZaloCredentials } from '../../src/channels/zalo/zalo-credentials.ts';
import { loadZca } from '../../src/channels/zalo/zca-module.ts';
import { channelContract, type ChannelHarness, type ChatFixture } from './channel-contract.ts';
import { FakeZaloApi, textMessage } from './fake-zalo-api.ts';
import { waitFor } from './wait-for.ts';
import { flush, handSleep, recordingLogger } from './zalo-test-kit.ts';

const zca = await loadZca();

function chatMessage(chat: ChatFixture, text: string) {
  const [, kind, threadId = ''] = chat.address.split(':');
  return textMessage({ threadId, group: kind === 'group', from: chat.senderId, text });
}

channelContract('ZaloChannel', async (): Promise<ChannelHarness> => {
  const api = new FakeZaloApi();
  const channel = new ZaloChannel({ connect: async () => api, logger: recordingLogger().logger, onAlert: () => {} });
  return {
    kind: 'zalo',
    channel,
    directChat: { address: addr('zalo:user:5001'), senderId: '5001', isGroup: false },
    groupChat: { address: addr('zalo:group:9001'), senderId: '5002', isGroup: true },
    maxMessageLength: 2000,
    async receive(chat, text) {
      api.emitMessage(chatMessage(chat, text));
    },
    foreignAddress: addr('telegram:1'),
    deliveredTo(address) {
      const { thread, threadId } = zaloAddresses.decode(address)!;
      return api.sent
        .filter((sent) => sent.threadId === threadId && sent.threadType === (thread === 'group' ? 1 : 0))
        .map((sent) => ({ text: sent.text, buttons: [] }));
    },
    async useAction(chat, message, action) {
      // No buttons on Zalo: the person types the command the message suggests.
      const hint = message.text.split('\n').find((line) => line.includes(action.label));
      const typed = hint?.split(' gõ ')[1];
      if (!typed) throw new Error(`no hint for "${action.label}" in: ${message.text}`);
      api.emitMessage(chatMessage(chat, typed));
    },
    settle: flush,
    async dispose() {},
  };
});

describe('ZaloChannel', () => {
  let api: FakeZaloApi;
  let channel: ZaloChannel | undefined;
  let received: InboundMessage[];
  let alerts: string[];
  let clockMs: number;
  let sleeper: ReturnType<typeof handSleep>;
  let log: ReturnType<typeof recordingLogger>;
  let directory: string;

  beforeEach(async () => {
    api = new FakeZaloApi();
    received = [];
    alerts = [];
    clockMs = Date.parse('2025-03-03T01:00:00Z');
    sleeper = handSleep();
    log = recordingLogger();
    directory = await mkdtemp(join(tmpdir(), 'nhacviec-zalo-'));
  });

  afterEach(async () => {
    await channel?.stop();
    channel = undefined;
    await rm(directory, { recursive: true, force: true });
  });

  async function startChannel(options: Partial<ZaloChannelOptions> = {}): Promise<ZaloChannel> {
    channel = new ZaloChannel({
      connect: async () => {
        return api;
      },
      logger: log.logger,
      onAlert: (text) => {
        alerts.push(text);
      },
      reconnectBackoff: { initialMs: 1_000, maxMs: 60_000 },
      stableAfterMs: 30_000,
      reloginAfterFailures: 100,
      sleep: sleeper.sleep,
      random: () => 1,
      clock: { now: () => new Date(clockMs) },
      ...options,
    });
    await channel.start(async (message) => {
      received.push(message);
      return undefined;
    });
    return channel;
  }

  describe('inbound', () => {
    it('passes the quoted text of a reply along, so "xong" can be matched to its reminder', async () => {
      await startChannel();
      api.emitMessage(
        textMessage({ threadId: '5001', from: '5001', text: 'xong', quote: 'Việc #12: nộp báo cáo quý' }),
      );
      await waitFor(() => received.length === 1, 'the reply');
      expect(received[0]).toMatchObject({ text: 'xong', quotedText: 'Việc #12: nộp báo cáo quý' });
    });

    it('answers another chat while one chat is still being handled, keeping each chat in order', async () => {
      let release!: () => void;
      const blocked = new Promise<void>((resolve) => (release = resolve));
      const handled: string[] = [];
      channel = new ZaloChannel({ connect: async () => api, logger: log.logger, onAlert: () => {} });
      await channel.start(async (message) => {
        if (message.text === 'chậm') await blocked;
        handled.push(message.text);
        return undefined;
      });
      api.emitMessage(textMessage({ threadId: '5001', from: '5001', text: 'chậm' }));
      api.emitMessage(textMessage({ threadId: '5001', from: '5001', text: 'sau' }));
      api.emitMessage(textMessage({ threadId: '5002', from: '5002', text: 'nhanh' }));
      await waitFor(() => handled.includes('nhanh'), 'the other chat handled');
      expect(handled).toEqual(['nhanh']);
      release();
      await waitFor(() => handled.length === 3, 'the slow chat handled');
      expect(handled).toEqual(['nhanh', 'chậm', 'sau']);
    });

    it('leaves quotedText out when the message quotes nothing', async () => {
      await startChannel();
      api.emitMessage(textMessage({ threadId: '5001', from: '5001', text: '/viec' }));
      await waitFor(() => received.length === 1, 'the message');
      expect(received[0]).not.toHaveProperty('quotedText');
      expect(received[0]?.senderName).toBe('Người 5001');
    });

    it('ignores its own messages and messages that are not text', async () => {
      await startChannel();
      api.emitMessage(textMessage({ threadId: '5001', from: '42', text: 'tin của bot', isSelf: true }));
      api.emitMessage(textMessage({ threadId: '5001', from: '5001', text: { title: 'sticker' } }));
      api.emitMessage(textMessage({ threadId: '5001', from: '5001', text: 'tin thật' }));
      await waitFor(() => received.length >= 1, 'the text message');
      await flush();
      expect(received.map((message) => message.text)).toEqual(['tin thật']);
    });

    it('survives listener errors', async () => {
      await startChannel();
      api.emitError(new Error('bad frame'));
      api.emitMessage(textMessage({ threadId: '5001', from: '5001', text: 'vẫn ổn' }));
      await waitFor(() => received.length === 1, 'the message after the error');
      expect(log.messages).toContain('zalo listener error');
    });
  });

  describe('reconnecting', () => {
    it('says it is connected only while the listener is open (the metrics read it)', async () => {
      await startChannel();
      expect(channel!.connected()).toBe(false);
      api.connect();
      expect(channel!.connected()).toBe(true);
      api.drop(1006);
      expect(channel!.connected()).toBe(false);
      await sleeper.wake();
      api.connect();
      expect(channel!.connected()).toBe(true);
    });

    it('reopens the listener after Zalo closes it with 1006', async () => {
      await startChannel();
      api.connect();
      api.drop(1006);
      expect(sleeper.delays).toEqual([1_000]);
      expect(api.starts).toBe(1);
      await sleeper.wake();
      expect(api.starts).toBe(2);
      expect(api.listening).toBe(true);
    });

    it('backs off exponentially up to the cap while reopening keeps failing, and never gives up', async () => {
      await startChannel();
      for (let i = 0; i < 12; i++) {
        api.drop(1006);
        await sleeper.wake();
      }
      expect(sleeper.delays).toEqual([
        1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000, 60_000, 60_000, 60_000,
      ]);
      expect(api.starts).toBe(13);
    });

    it('spreads the delays with jitter', async () => {
      await startChannel({ random: () => 0 });
      api.drop(1006);
      await sleeper.wake();
      api.drop(1006);
      expect(sleeper.delays).toEqual([500, 1_000]);
    });

    it('starts the backoff over after a connection that stayed open long enough', async () => {
      await startChannel();
      api.drop(1006);
      await sleeper.wake();
      api.drop(1006);
      await sleeper.wake();
      api.connect();
      clockMs += 61_000;
      api.drop(1006);
      expect(sleeper.delays).toEqual([1_000, 2_000, 1_000]);
    });

    it('keeps the backoff growing when connections die young', async () => {
      await startChannel();
      api.connect();
      clockMs += 1_000;
      api.drop(1006);
      await sleeper.wake();
      api.connect();
      clockMs += 1_000;
      api.drop(1006);
      expect(sleeper.delays).toEqual([1_000, 2_000]);
    });

    it('tries again when reopening the listener throws', async () => {
      await startChannel();
      api.drop(1006);
      api.failNextStart(new Error('socket setup failed'));
      await sleeper.wake();
      expect(api.starts).toBe(1);
      expect(sleeper.sleeping).toBe(1);
      await sleeper.wake();
      expect(api.starts).toBe(2);
    });

    it('logs in again when reopening keeps failing, and listens on the new session', async () => {
      const first = api;
      const second = new FakeZaloApi();
      const sessions = [first, second];
      await startChannel({ reloginAfterFailures: 2, connect: async () => sessions.shift() ?? second });
      // Two sockets in a row closed without ever connecting.
      first.drop(1006);
      await sleeper.wake();
      expect(first.starts).toBe(2);
      first.drop(1006);
      await sleeper.wake();
      expect(first.starts).toBe(2);
      expect(second.starts).toBe(1);
      expect(first.listening).toBe(false);
      second.emitMessage(textMessage({ threadId: '5001', from: '5001', text: 'phiên mới' }));
      await waitFor(() => received.length === 1, 'a message on the new session');
    });

    it('alerts once when logging in again fails, and keeps trying', async () => {
      let connects = 0;
      await startChannel({
        reloginAfterFailures: 1,
        connect: async () => {
          connects += 1;
          if (connects > 1) throw new Error('Đăng nhập thất bại');
          return api;
        },
      });
      api.drop(1006);
      await sleeper.wake();
      await sleeper.wake();
      await sleeper.wake();
      expect(connects).toBe(4);
      expect(alerts).toEqual([RELOGIN_FAILED_ALERT]);
      expect(sleeper.sleeping).toBe(1);
    });

    it('stops reopening and alerts the admin when another session takes over (DuplicateConnection)', async () => {
      await startChannel();
      api.connect();
      api.drop(3000, 'DuplicateConnection');
      await flush();
      expect(sleeper.delays).toEqual([]);
      expect(api.starts).toBe(1);
      expect(alerts).toEqual([DUPLICATE_CONNECTION_ALERT]);
    });

    it('stops reopening and alerts the admin when Zalo kicks the session (KickConnection)', async () => {
      await startChannel();
      api.drop(3003, 'KickConnection');
      await flush();
      expect(sleeper.delays).toEqual([]);
      expect(alerts).toEqual([KICKED_ALERT]);
    });

    it('does not reopen after stop(), even if it was waiting to', async () => {
      await startChannel();
      api.drop(1006);
      expect(sleeper.sleeping).toBe(1);
      await channel!.stop();
      await flush();
      expect(api.starts).toBe(1);
      expect(api.listening).toBe(false);
    });
  });

  describe('credentials file', () => {
    const saved = {
      imei: 'imei-123',
      userAgent: 'Mozilla/5.0 test',
      cookie: [{ key: 'zpw_sek', value: 'first', domain: 'chat.zalo.me' }],
    };

    async function readSavedCookie(file: string): Promise<unknown> {
      return JSON.parse(await readFile(file, 'utf8')).cookie[0].value;
    }

    async function writeCredentials(mode = 0o644): Promise<string> {
      const file = join(directory, 'zalo.json');
      await writeFile(file, JSON.stringify(saved), { mode });
      return file;
    }

    it('writes refreshed cookies back after the listener reopens, with mode 0600', async () => {
      const file = await writeCredentials();
      await startChannel({ credentialsFile: file });
      api.cookies = [{ key: 'zpw_sek', value: 'refreshed', domain: 'chat.zalo.me' }];
      api.drop(1006);
      await sleeper.wake();
      await waitFor(async () => (await readSavedCookie(file)) === 'refreshed', 'the refreshed cookie in the file');
      const written = JSON.parse(await readFile(file, 'utf8'));
      expect(written).toEqual({ ...saved, cookie: api.cookies });
      expect((await stat(file)).mode & 0o777).toBe(0o600);
    });

    it('writes cookies that changed while sending', async () => {
      const file = await writeCredentials();
      await startChannel({ credentialsFile: file });
      api.cookies = [{ key: 'zpw_sek', value: 'after-send', domain: 'chat.zalo.me' }];
      await channel!.send(addr('zalo:user:5001'), { text: 'chào' });
      await waitFor(async () => (await readSavedCookie(file)) === 'after-send', 'the new cookie in the file');
    });

    it('leaves the file alone while the cookies have not changed', async () => {
      const file = await writeCredentials();
      await startChannel({ credentialsFile: file });
      api.connect();
      api.drop(1006);
      await sleeper.wake();
      await channel!.stop();
      expect(log.messages).not.toContain('zalo cookies saved');
      expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(saved);
    });

    it('accepts the "cookies" spelling and the { url, cookies } export of browser extensions', () => {
      const cookie = [{ name: 'zpw_sek', value: 'v' }];
      expect(parseZaloCredentials({ imei: 'i', userAgent: 'u', cookies: cookie }).cookie).toEqual(cookie);
      expect(
        parseZaloCredentials({ imei: 'i', userAgent: 'u', cookie: { url: 'https://chat.zalo.me', cookies: cookie } })
          .cookie,
      ).toEqual(cookie);
      expect(() => parseZaloCredentials({ imei: 'i', cookie })).toThrow(/userAgent/);
    });
  });

  describe('sending', () => {
    it('sends to people and groups with the matching thread type', async () => {
      await startChannel();
      await channel!.send(addr('zalo:user:5001'), { text: 'riêng' });
      await channel!.send(addr('zalo:group:9001'), { text: 'nhóm' });
      expect(api.sent).toEqual([
        { text: 'riêng', threadId: '5001', threadType: 0 },
        { text: 'nhóm', threadId: '9001', threadType: 1 },
      ]);
    });

    it('splits texts longer than 2000 characters', async () => {
      await startChannel();
      const text = Array.from({ length: 150 }, (_, i) => `Dòng ${i}: hồ sơ cần xử lý trước hạn`).join('\n');
      await channel!.send(addr('zalo:user:5001'), { text: text });
      expect(api.sent.length).toBe(Math.ceil(text.length / 2000));
      expect(api.sent.every((sent) => sent.text.length <= 2000)).toBe(true);
      expect(api.sent.map((sent) => sent.text).join('\n')).toBe(text);
    });

    it("reports the person's refusal of strangers (code 122) as permanent", async () => {
      await startChannel();
      api.failNextSend(new zca.ZaloApiError('Bạn chưa thể gửi tin nhắn đến người này', 122));
      await expect(channel!.send(addr('zalo:user:5001'), { text: 'chào' })).rejects.toMatchObject({
        kind: 'permanent',
      });
    });

    it('reports an HTTP 502 from Zalo as transient and 429 as rate-limited', async () => {
      await startChannel();
      api.failNextSend(new zca.ZaloApiError('Request failed with status code 502'));
      await expect(channel!.send(addr('zalo:user:5001'), { text: 'chào' })).rejects.toMatchObject({
        kind: 'transient',
      });
      api.failNextSend(new zca.ZaloApiError('Request failed with status code 429'));
      await expect(channel!.send(addr('zalo:user:5001'), { text: 'chào' })).rejects.toMatchObject({
        kind: 'rate-limited',
        retryAfterMs: 60_000,
      });
    });

    it('reports a network failure as transient', async () => {
      await startChannel();
      api.failNextSend(new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } }));
      await expect(channel!.send(addr('zalo:group:9001'), { text: 'chào' })).rejects.toMatchObject({
        kind: 'transient',
      });
    });

    it('rejects an address that is not a Zalo thread as permanent', async () => {
      await startChannel();
      await expect(channel!.send(addr('telegram:1'), { text: 'chào' })).rejects.toMatchObject({ kind: 'permanent' });
    });
  });

  it('keeps logging in with backoff when Zalo is unreachable at start, alerting the admins once', async () => {
    let connects = 0;
    await startChannel({
      connect: async () => {
        connects += 1;
        if (connects <= 3) throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
        return api;
      },
    });
    // Start did not fail: the bot runs on; sends wait (without using up attempts) until Zalo is back.
    expect(connects).toBe(1);
    await flush();
    expect(alerts).toEqual([UNREACHABLE_AT_START_ALERT]);
    await expect(channel!.send(addr('zalo:user:5001'), { text: 'chào' })).rejects.toMatchObject({
      kind: 'rate-limited',
    });
    await sleeper.wake();
    await sleeper.wake();
    expect(connects).toBe(3);
    expect(sleeper.delays).toEqual([1_000, 2_000, 4_000]);
    await sleeper.wake();
    expect(connects).toBe(4);
    expect(api.starts).toBe(1);
    expect(alerts).toEqual([UNREACHABLE_AT_START_ALERT]);
    api.emitMessage(textMessage({ threadId: '5001', from: '5001', text: 'đã vào' }));
    await waitFor(() => received.length === 1, 'a message once logged in');
  });

  it('stops retrying the login when stopped', async () => {
    let connects = 0;
    await startChannel({
      connect: async () => {
        connects += 1;
        throw new Error('Đăng nhập thất bại');
      },
    });
    await flush();
    expect(sleeper.sleeping).toBe(1);
    await channel!.stop();
    channel = undefined;
    expect(connects).toBe(1);
  });
});
