// The Zalo channel against the failures Zalo really has (fake-zalo-api.ts models them): expired
// sessions, messages missed while the socket was down, kicks, sockets failing while connecting.
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InboundMessage } from '../../src/channels/channel.ts';
import {
  DUPLICATE_CONNECTION_ALERT,
  KICKED_ALERT,
  RELOGIN_FAILED_ALERT,
  ZaloChannel,
  type ZaloChannelOptions,
} from '../../src/channels/zalo/zalo-channel.ts';
import { toChannelSendError } from '../../src/channels/zalo/zalo-errors.ts';
import { memoryZaloState, type ZaloStateStore } from '../../src/channels/zalo/zalo-state.ts';
import { loadZca } from '../../src/channels/zalo/zca-module.ts';
import { DEFAULT_RETRY_POLICY, outcomeOf } from '../../src/reminders/retry-policy.ts';
import { addr } from '../support/address.ts';
import { FakeZaloApi, textMessage } from './fake-zalo-api.ts';
import { waitFor } from './wait-for.ts';
import { flush, handSleep, recordingLogger } from './zalo-test-kit.ts';

const zca = await loadZca();

describe('ZaloChannel in production conditions', () => {
  let api: FakeZaloApi;
  let channel: ZaloChannel | undefined;
  let received: InboundMessage[];
  let alerts: string[];
  let clockMs: number;
  let sleeper: ReturnType<typeof handSleep>;
  let log: ReturnType<typeof recordingLogger>;
  let state: ZaloStateStore;
  let reply: (message: InboundMessage) => string | undefined;

  beforeEach(() => {
    api = new FakeZaloApi();
    received = [];
    alerts = [];
    clockMs = Date.parse('2025-03-03T01:00:00Z');
    sleeper = handSleep();
    log = recordingLogger();
    state = memoryZaloState();
    reply = () => undefined;
  });

  afterEach(async () => {
    await channel?.stop();
    channel = undefined;
  });

  async function startChannel(options: Partial<ZaloChannelOptions> = {}): Promise<ZaloChannel> {
    channel = new ZaloChannel({
      connect: async () => api,
      logger: log.logger,
      onAlert: (text) => {
        alerts.push(text);
      },
      reconnectBackoff: { initialMs: 1_000, maxMs: 60_000 },
      reloginAfterFailures: 100,
      sleep: sleeper.sleep,
      random: () => 1,
      clock: { now: () => new Date(clockMs) },
      state,
      ...options,
    });
    await channel.start(async (message) => {
      received.push(message);
      const text = reply(message);
      return text === undefined ? undefined : { text };
    });
    return channel;
  }

  const from5001 = (text: string) => textMessage({ threadId: '5001', from: '5001', text });

  describe('sessions that heal', () => {
    it('logs in again when the session expires mid-burst, and delivers every reminder once', async () => {
      const first = api;
      const second = new FakeZaloApi();
      let connects = 0;
      await startChannel({ connect: async () => (++connects === 1 ? first : second) });
      first.connect();
      const texts = Array.from({ length: 20 }, (_, i) => `Nhắc việc #${i + 1}`);
      for (const text of texts.slice(0, 5)) await channel!.send(addr('zalo:user:5001'), { text });
      first.expireSession();
      await Promise.all(texts.slice(5).map((text) => channel!.send(addr('zalo:user:5001'), { text })));
      expect(connects).toBe(2);
      expect([...first.sent, ...second.sent].map((sent) => sent.text)).toEqual(texts);
      expect(second.starts).toBe(1);
      expect(first.listening).toBe(false);
      expect(alerts).toEqual([]);
    });

    it('keeps reminders pending and alerts the admins once when logging in again fails', async () => {
      let connects = 0;
      const second = new FakeZaloApi();
      await startChannel({
        connect: async () => {
          connects += 1;
          if (connects === 1) return api;
          if (connects <= 3) throw new zca.ZaloApiError('Đăng nhập thất bại');
          return second;
        },
      });
      api.expireSession();
      for (let i = 0; i < 3; i++) {
        const failure = await channel!.send(addr('zalo:user:5001'), { text: `#${i}` }).catch((error: unknown) => error);
        expect(failure).toMatchObject({ kind: 'rate-limited' });
        // Pending, not failed: even past the outbox's attempt limit the reminder is retried.
        expect(outcomeOf(failure, DEFAULT_RETRY_POLICY.maxAttempts, DEFAULT_RETRY_POLICY)).toMatchObject({
          kind: 'retry',
          countsAsAttempt: false,
        });
      }
      expect(connects).toBe(2);
      await flush();
      expect(alerts).toEqual([RELOGIN_FAILED_ALERT]);
      // The login is retried in the background until it works; then sends go out again.
      await sleeper.wake();
      expect(connects).toBe(3);
      await sleeper.wake();
      expect(connects).toBe(4);
      await channel!.send(addr('zalo:user:5001'), { text: 'đã nối lại' });
      expect(second.sent.map((sent) => sent.text)).toEqual(['đã nối lại']);
      expect(alerts).toEqual([RELOGIN_FAILED_ALERT]);
    });

    it('does not reopen a socket the re-login already opened while a reconnect was waiting', async () => {
      const second = new FakeZaloApi();
      let connects = 0;
      await startChannel({ connect: async () => (++connects === 1 ? api : second) });
      api.connect();
      api.drop(1006);
      expect(sleeper.sleeping).toBe(1);
      api.expireSession();
      await channel!.send(addr('zalo:user:5001'), { text: 'sau khi đăng nhập lại' });
      expect(second.starts).toBe(1);
      await sleeper.wake();
      expect(second.starts).toBe(1);
      expect(sleeper.sleeping).toBe(0);
      expect(log.messages).not.toContain('zalo listener could not reopen');
    });

    it('classifies Zalo refusals: session codes wait, unknown codes retry, only a bad recipient is permanent', () => {
      expect(toChannelSendError(new zca.ZaloApiError('hết phiên', 600)).kind).toBe('rate-limited');
      expect(toChannelSendError(new zca.ZaloApiError('session key timeout', 102)).kind).toBe('rate-limited');
      expect(toChannelSendError(new zca.ZaloApiError('lạ', 999)).kind).toBe('transient');
      expect(toChannelSendError(new zca.ZaloApiError('người lạ', 122)).kind).toBe('permanent');
    });
  });

  describe('nothing lost across reconnects', () => {
    it('answers a "xong" sent while the socket was down, after it reconnects, once', async () => {
      reply = (message) => `Đã nhận: ${message.text}`;
      await startChannel();
      api.connect();
      api.emitMessage(from5001('/viec'));
      await waitFor(() => received.length === 1, 'the live message');
      api.drop(1006);
      api.emitMessage(from5001('xong'));
      await flush();
      expect(received.map((message) => message.text)).toEqual(['/viec']);
      await sleeper.wake();
      api.connect();
      await waitFor(() => received.length === 2, 'the missed message');
      await flush();
      expect(received.map((message) => message.text)).toEqual(['/viec', 'xong']);
      expect(api.sent.map((sent) => sent.text)).toEqual(['Đã nhận: /viec', 'Đã nhận: xong']);
    });

    it('replays several missed messages of one chat in the order they were sent', async () => {
      await startChannel();
      api.connect();
      api.emitMessage(from5001('trước'));
      await waitFor(() => received.length === 1, 'the first message');
      api.drop(1006);
      for (const text of ['một', 'hai', 'ba']) api.emitMessage(from5001(text));
      await sleeper.wake();
      api.connect();
      await waitFor(() => received.length === 4, 'the missed messages');
      expect(received.map((message) => message.text)).toEqual(['trước', 'một', 'hai', 'ba']);
    });

    it('does not move the marker past a message of another chat still being handled', async () => {
      let release!: () => void;
      const blocked = new Promise<void>((resolve) => (release = resolve));
      state = memoryZaloState({ lastHandledMsgId: '1' });
      channel = new ZaloChannel({ connect: async () => api, logger: log.logger, onAlert: () => {}, state });
      const handled: string[] = [];
      await channel.start(async (message) => {
        if (message.text === 'chậm') await blocked;
        handled.push(message.text);
        return undefined;
      });
      const slow = textMessage({ threadId: '5001', from: '5001', text: 'chậm' });
      const fast = textMessage({ threadId: '5002', from: '5002', text: 'nhanh' });
      api.emitMessage(slow);
      api.emitMessage(fast);
      await waitFor(() => handled.includes('nhanh'), 'the fast chat handled');
      await flush();
      // A crash now must replay "chậm": the marker may not pass it.
      expect(await state.readLastHandledMsgId()).toBe('1');
      release();
      await waitFor(async () => (await state.readLastHandledMsgId()) === fast.data.msgId, 'the marker after both');
    });

    it('leaves a message queued when the bot stops unmarked, so the next start replays it', async () => {
      let release!: () => void;
      const blocked = new Promise<void>((resolve) => (release = resolve));
      state = memoryZaloState({ lastHandledMsgId: '1' });
      channel = new ZaloChannel({ connect: async () => api, logger: log.logger, onAlert: () => {}, state });
      const handled: string[] = [];
      await channel.start(async (message) => {
        if (message.text === 'đang làm') await blocked;
        handled.push(message.text);
        return undefined;
      });
      const first = from5001('đang làm');
      api.emitMessage(first);
      api.emitMessage(from5001('xếp hàng sau'));
      await flush();
      const stopped = channel.stop();
      channel = undefined;
      release();
      await stopped;
      expect(handled).toEqual(['đang làm']);
      expect(await state.readLastHandledMsgId()).toBe(first.data.msgId);
    });

    it('does not answer old history on the very first connect, only what comes after', async () => {
      api.emitMessage(from5001('tin cũ từ tuần trước'));
      await startChannel();
      api.connect();
      await flush();
      api.emitMessage(from5001('mới'));
      await waitFor(() => received.length === 1, 'the new message');
      await flush();
      expect(received.map((message) => message.text)).toEqual(['mới']);
    });

    it('remembers the last handled message across a restart: replays what came after, nothing before', async () => {
      await startChannel();
      api.connect();
      api.emitMessage(from5001('trước khi tắt'));
      await waitFor(() => received.length === 1, 'the message before the restart');
      await channel!.stop();
      api.emitMessage(from5001('lúc bot tắt'));
      received = [];
      const restarted = new FakeZaloApi();
      restarted.history.push(...api.history);
      api = restarted;
      await startChannel();
      api.connect();
      await waitFor(() => received.length === 1, 'the message sent while the bot was down');
      await flush();
      expect(received.map((message) => message.text)).toEqual(['lúc bot tắt']);
      expect(await state.readLastHandledMsgId()).toBe(api.history.at(-1)?.data.msgId);
    });
  });

  describe('kicks told apart', () => {
    it('halts and alerts when another device takes the session, even when the close arrives as 1006', async () => {
      await startChannel();
      api.connect();
      api.kickByAnotherDevice({ echoed: false });
      await flush();
      expect(sleeper.delays).toEqual([]);
      expect(alerts).toEqual([DUPLICATE_CONNECTION_ALERT]);
      expect(channel!.connected()).toBe(false);
    });

    it("reconnects without alerting on a 3003 right after the bot's own unclean restart", async () => {
      state = memoryZaloState({ listeningMark: 'pid 1 since 2025-03-03T00:59:00Z' });
      await startChannel();
      api.connect();
      clockMs += 20_000;
      api.drop(3003, 'KickConnection');
      await flush();
      expect(alerts).toEqual([]);
      expect(sleeper.delays).toEqual([1_000]);
      await sleeper.wake();
      expect(api.starts).toBe(2);
    });

    it('halts after a few 3003s in a row, even right after an unclean restart', async () => {
      state = memoryZaloState({ listeningMark: 'pid 1 since 2025-03-03T00:59:00Z' });
      await startChannel();
      for (let kick = 1; kick <= 3; kick++) {
        api.connect();
        api.drop(3003, 'KickConnection');
        await flush();
        expect(alerts).toEqual([]);
        await sleeper.wake();
      }
      api.connect();
      api.drop(3003, 'KickConnection');
      await flush();
      expect(alerts).toEqual([KICKED_ALERT]);
      expect(sleeper.sleeping).toBe(0);
    });

    it('halts on a 3003 long after start, even after an unclean restart', async () => {
      state = memoryZaloState({ listeningMark: 'pid 1 since 2025-03-03T00:59:00Z' });
      await startChannel({ ownRestartGraceMs: 60_000 });
      api.connect();
      clockMs += 10 * 60_000;
      api.drop(3003, 'KickConnection');
      await flush();
      expect(sleeper.delays).toEqual([]);
      expect(alerts).toEqual([KICKED_ALERT]);
    });

    it('lets a lease decide whose session a 3003 closed', async () => {
      const asked: boolean[] = [];
      await startChannel({
        kickSource: ({ uncleanPreviousStop }) => {
          asked.push(uncleanPreviousStop);
          return 'own-old-session';
        },
      });
      api.drop(3003, 'KickConnection');
      await flush();
      expect(asked).toEqual([false]);
      expect(alerts).toEqual([]);
      expect(sleeper.delays).toEqual([1_000]);
    });

    it('stands down without an alert when another process of the bot took the account over', async () => {
      await startChannel({ kickSource: () => 'another-bot-process' });
      api.connect();
      api.drop(3003, 'KickConnection');
      await flush();
      expect(alerts).toEqual([]);
      expect(sleeper.sleeping).toBe(0);
      expect(channel!.connected()).toBe(false);
      expect(log.messages).toContain('zalo session taken over by another bot process; standing down');
    });

    it('judges by timing when the lease cannot be read', async () => {
      state = memoryZaloState({ listeningMark: 'pid 1 since 2025-03-03T00:59:00Z' });
      await startChannel({
        kickSource: () => Promise.reject(new Error('database unreachable')),
      });
      api.connect();
      api.drop(3003, 'KickConnection');
      await flush();
      expect(alerts).toEqual([]);
      expect(sleeper.delays).toEqual([1_000]);
    });

    it('marks itself listening while connected and clears the mark on a clean stop', async () => {
      await startChannel();
      api.connect();
      await flush();
      expect(await state.readListeningMark()).toMatch(/^pid \d+ since 2025-03-03T01:00:00/);
      await channel!.stop();
      channel = undefined;
      expect(await state.readListeningMark()).toBeUndefined();
    });

    it('tries the next socket URL when a socket closes without ever connecting', async () => {
      await startChannel();
      api.failWhileConnecting();
      await sleeper.wake();
      expect(api.socketUrlRotations).toBe(1);
      api.connect();
      api.drop(1006);
      await sleeper.wake();
      expect(api.socketUrlRotations).toBe(1);
      expect(log.messages).toContain('zalo listener error');
    });
  });

  it('stops cleanly while the socket is still connecting, with no uncaught error', async () => {
    await startChannel();
    expect(api.connecting).toBe(true);
    await channel!.stop();
    channel = undefined;
    await flush();
    expect(api.crashes).toEqual([]);
    expect(api.listening).toBe(false);
  });

  describe('quiet credentials', () => {
    let directory: string;
    beforeEach(async () => {
      directory = await mkdtemp(join(tmpdir(), 'nhacviec-zalo-quiet-'));
    });
    afterEach(async () => {
      await rm(directory, { recursive: true, force: true });
    });

    it('leaves the credentials file untouched by 100 sends that only touch lastAccessed', async () => {
      const file = join(directory, 'zalo.json');
      const cookie = {
        key: 'zpw_sek',
        value: 'v1',
        domain: 'chat.zalo.me',
        path: '/',
        expires: '2026-01-01T00:00:00Z',
      };
      const saved = `${JSON.stringify({ imei: 'i', userAgent: 'u', cookie: [cookie] })}\n`;
      await writeFile(file, saved, { mode: 0o600 });
      const before = await stat(file);
      let reads = 0;
      // tough-cookie bumps lastAccessed on every request.
      api.currentCookies = () => [
        { ...cookie, lastAccessed: new Date(Date.UTC(2025, 2, 3, 1, 0, reads++)).toISOString() },
      ];
      await startChannel({ credentialsFile: file });
      api.connect();
      for (let i = 0; i < 100; i++) await channel!.send(addr('zalo:user:5001'), { text: `#${i}` });
      await channel!.stop();
      channel = undefined;
      expect(reads).toBeGreaterThanOrEqual(100);
      expect(await readFile(file, 'utf8')).toBe(saved);
      expect((await stat(file)).mtimeMs).toBe(before.mtimeMs);
      expect(log.messages).not.toContain('zalo cookies saved');
    });

    it('rewrites it when a cookie expiry changes', async () => {
      const file = join(directory, 'zalo.json');
      const cookie = { key: 'zpw_sek', value: 'v1', domain: 'chat.zalo.me', expires: '2026-01-01T00:00:00Z' };
      await writeFile(file, JSON.stringify({ imei: 'i', userAgent: 'u', cookie: [cookie] }));
      api.cookies = [{ ...cookie, expires: '2026-02-01T00:00:00Z' }];
      await startChannel({ credentialsFile: file });
      await channel!.send(addr('zalo:user:5001'), { text: 'chào' });
      await waitFor(
        async () => JSON.parse(await readFile(file, 'utf8')).cookie[0].expires === '2026-02-01T00:00:00Z',
        'the new expiry in the file',
      );
    });
  });
});
