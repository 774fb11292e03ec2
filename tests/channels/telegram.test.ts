import { telegramAddresses } from '../../src/channels/address.ts';
import { addr } from '../support/address.ts';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import { ChannelSendError, type InboundMessage, type Reply } from '../../src/channels/channel.ts';
import type { LogSink } from '../../src/domain/log-sink.ts';
import { TelegramChannel, type TelegramChannelOptions } from '../../src/channels/telegram/telegram-channel.ts';
import { channelContract, type ChannelHarness, type ChatFixture } from './channel-contract.ts';
import { FakeTelegramServer } from './fake-telegram-server.ts';
import { waitFor } from './wait-for.ts';
import { realSleep } from '../../src/channels/backoff.ts';

const PERSON = 1001;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
const GROUP = -100555;

function recordingLogger() {
  const entries: { level: string; details: object; message?: string }[] = [];
  const logger: LogSink = {
    info: (details, message) => entries.push({ level: 'info', details, message }),
    warn: (details, message) => entries.push({ level: 'warn', details, message }),
    error: (details, message) => entries.push({ level: 'error', details, message }),
  };
  return { logger, entries };
}

function channelFor(fake: FakeTelegramServer, options: Partial<TelegramChannelOptions> = {}): TelegramChannel {
  return new TelegramChannel({
    token: fake.token,
    apiRoot: fake.apiRoot,
    logger: recordingLogger().logger,
    // Relaunches happen at once in tests; the delays themselves are checked through `sleep`.
    sleep: async () => {},
    ...options,
  });
}

function chatIdOf(chat: ChatFixture): number {
  return Number(telegramAddresses.decode(chat.address)!.chatId);
}

channelContract('TelegramChannel', async (): Promise<ChannelHarness> => {
  const fake = await FakeTelegramServer.start();
  const channel = channelFor(fake);
  const directChat = { address: addr(`telegram:${PERSON}`), senderId: String(PERSON), isGroup: false };
  const groupChat = { address: addr(`telegram:${GROUP}`), senderId: '2002', isGroup: true };
  return {
    kind: 'telegram',
    channel,
    directChat,
    groupChat,
    maxMessageLength: 4096,
    async receive(chat, text) {
      fake.enqueueText({
        chatId: chatIdOf(chat),
        chatType: chat.isGroup ? 'supergroup' : 'private',
        fromId: Number(chat.senderId),
        text,
      });
    },
    foreignAddress: addr('zalo:user:1'),
    imagesTo(address) {
      const chatId = telegramAddresses.decode(address)!.chatId;
      return fake
        .callsOf('sendPhoto')
        .filter((call) => call.params.chat_id === chatId)
        .map((call) => String(call.params.caption));
    },
    deliveredTo(address) {
      return fake.sentTo(telegramAddresses.decode(address)!.chatId).map((message) => ({
        text: message.text,
        buttons: message.buttons.map((button) => ({ label: button.text, command: button.callbackData })),
      }));
    },
    async useAction(chat, message, action) {
      const button = message.buttons.find((candidate) => candidate.label === action.label);
      if (!button) throw new Error(`no button "${action.label}"`);
      fake.enqueueCallback({
        chatId: chatIdOf(chat),
        chatType: chat.isGroup ? 'supergroup' : 'private',
        fromId: Number(chat.senderId),
        data: button.command,
      });
    },
    async settle() {
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(fake.openPolls).toBe(0);
    },
    dispose: () => fake.close(),
  };
});

describe('TelegramChannel', () => {
  let fake: FakeTelegramServer;
  let channel: TelegramChannel | undefined;

  async function startChannel(
    handler: (message: InboundMessage) => Promise<Reply | undefined> = async () => undefined,
    options: Partial<TelegramChannelOptions> = {},
  ): Promise<TelegramChannel> {
    fake ??= await FakeTelegramServer.start();
    channel = channelFor(fake, options);
    await channel.start(handler);
    return channel;
  }

  afterEach(async () => {
    await channel?.stop();
    channel = undefined;
    await fake?.close();
    fake = undefined as unknown as FakeTelegramServer;
  });

  it('says it is connected while polling and not after stop (the metrics read it)', async () => {
    const received: InboundMessage[] = [];
    const started = await startChannel(async (message) => {
      received.push(message);
      return undefined;
    });
    fake.enqueueText({ chatId: PERSON, fromId: PERSON, text: '/giup' });
    await waitFor(() => received.length === 1, 'a polled message');
    expect(started.connected()).toBe(true);
    await started.stop();
    expect(started.connected()).toBe(false);
  });

  it('passes a /start deep-link payload through as text', async () => {
    const received: InboundMessage[] = [];
    await startChannel(async (message) => {
      received.push(message);
      return undefined;
    });
    fake.enqueueText({ chatId: PERSON, fromId: PERSON, text: '/start LK-7F3A', firstName: 'Lan' });
    await waitFor(() => received.length === 1, 'the /start message');
    expect(received[0]).toMatchObject({ text: '/start LK-7F3A', senderName: 'Lan', isGroup: false });
  });

  it('strips its own bot name from group commands and ignores commands for other bots', async () => {
    const received: string[] = [];
    await startChannel(async (message) => {
      received.push(message.text);
      return undefined;
    });
    fake.enqueueText({ chatId: GROUP, chatType: 'group', fromId: PERSON, text: '/xong@OtherBot 3' });
    fake.enqueueText({ chatId: GROUP, chatType: 'group', fromId: PERSON, text: '/xong@nhacviecbot 12' });
    await waitFor(() => received.length === 1, 'the command for this bot');
    expect(received).toEqual(['/xong 12']);
  });

  it('answers the callback query of a pressed button', async () => {
    const received: string[] = [];
    await startChannel(async (message) => {
      received.push(message.text);
      return undefined;
    });
    const callbackId = fake.enqueueCallback({ chatId: PERSON, fromId: PERSON, data: '/xong 12' });
    await waitFor(() => received.length === 1, 'the button press');
    expect(fake.callsOf('answerCallbackQuery').map((call) => call.params.callback_query_id)).toEqual([callbackId]);
  });

  it('answers messages one at a time in arrival order, even when they arrive in one batch', async () => {
    fake = await FakeTelegramServer.start();
    // Queued before start, so the first getUpdates returns both at once.
    fake.enqueueText({ chatId: PERSON, fromId: PERSON, text: 'một' });
    fake.enqueueText({ chatId: PERSON, fromId: PERSON, text: 'hai' });
    const order: string[] = [];
    await startChannel(async (message) => {
      order.push(`start ${message.text}`);
      await new Promise((resolve) => setTimeout(resolve, message.text === 'một' ? 20 : 0));
      order.push(`end ${message.text}`);
      return { text: `trả lời ${message.text}` };
    });
    await fake.until(() => fake.sentTo(PERSON).length === 2, 'two replies');
    expect(order).toEqual(['start một', 'end một', 'start hai', 'end hai']);
    expect(fake.sentTo(PERSON).map((message) => message.text)).toEqual(['trả lời một', 'trả lời hai']);
  });

  it('answers another chat while one chat is still being handled (an import holding the database)', async () => {
    let release!: () => void;
    const blocked = new Promise<void>((resolve) => (release = resolve));
    await startChannel(async (message) => {
      if (message.text === 'chậm') await blocked;
      return { text: `trả lời ${message.text}` };
    });
    fake.enqueueText({ chatId: PERSON, fromId: PERSON, text: 'chậm' });
    fake.enqueueText({ chatId: PERSON, fromId: PERSON, text: 'sau' });
    fake.enqueueText({ chatId: GROUP, chatType: 'group', fromId: PERSON, text: 'nhanh' });
    await fake.until(() => fake.sentTo(GROUP).length === 1, 'the other chat answered');
    expect(fake.sentTo(PERSON)).toEqual([]);
    release();
    await fake.until(() => fake.sentTo(PERSON).length === 2, 'the slow chat answered, in order');
    expect(fake.sentTo(PERSON).map((message) => message.text)).toEqual(['trả lời chậm', 'trả lời sau']);
  });

  it('keeps polling after the handler throws', async () => {
    const { logger, entries } = recordingLogger();
    const received: string[] = [];
    await startChannel(
      async (message) => {
        received.push(message.text);
        if (message.text === 'hỏng') throw new Error('database down');
        return { text: 'ok' };
      },
      { logger },
    );
    fake.enqueueText({ chatId: PERSON, fromId: PERSON, text: 'hỏng' });
    fake.enqueueText({ chatId: PERSON, fromId: PERSON, text: 'lành' });
    await fake.until(() => fake.sentTo(PERSON).length === 1, 'the reply to the second message');
    expect(received).toEqual(['hỏng', 'lành']);
    expect(entries.some((entry) => entry.level === 'error')).toBe(true);
  });

  it('publishes its command menu with setMyCommands', async () => {
    const commands = [
      { command: 'viec', description: 'Xem việc của tôi' },
      { command: 'xong', description: 'Báo đã xong việc' },
    ];
    await startChannel(undefined, { commands });
    await fake.until(() => fake.callsOf('setMyCommands').length === 1, 'setMyCommands');
    expect(fake.callsOf('setMyCommands')[0]?.params.commands).toEqual(commands);
  });

  it('accepts a pino logger', async () => {
    const logger = pino({ level: 'silent' });
    await startChannel(undefined, { logger });
    await channel!.send(addr(`telegram:${PERSON}`), { text: 'chào' });
    expect(fake.sentTo(PERSON)).toHaveLength(1);
  });

  it('shows an action whose command is too long for a button as text to type', async () => {
    await startChannel();
    const longCommand = `/ghichu 12 ${'rất dài '.repeat(10)}`.trim();
    await channel!.send(addr(`telegram:${PERSON}`), {
      text: 'Việc #12',
      actions: [
        { label: '✅ Xong #12', command: '/xong 12' },
        { label: '📝 Ghi chú', command: longCommand },
      ],
    });
    const [message] = fake.sentTo(PERSON);
    expect(message?.buttons).toEqual([{ text: '✅ Xong #12', callbackData: '/xong 12' }]);
    expect(message?.text).toContain(longCommand);
  });

  it('puts the buttons under the last part of a split message', async () => {
    await startChannel();
    const text = Array.from({ length: 400 }, (_, i) => `Dòng số ${i} của danh sách việc`).join('\n');
    await channel!.send(addr(`telegram:${PERSON}`), { text, actions: [{ label: '✅ Xong #1', command: '/xong 1' }] });
    const parts = fake.sentTo(PERSON);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.map((part) => part.buttons.length)).toEqual([...parts.slice(1).map(() => 0), 1]);
  });

  it('returns the id of the delivered message', async () => {
    await startChannel();
    const result = await channel!.send(addr(`telegram:${PERSON}`), { text: 'chào' });
    expect(result.messageId).toBe(String(fake.sentTo(PERSON)[0]?.messageId));
  });

  describe('send failures', () => {
    it('reports 429 as rate-limited with the delay Telegram asks for', async () => {
      await startChannel();
      fake.failNext('sendMessage', 1, { status: 429, retryAfterSeconds: 17 });
      const error = await channel!.send(addr(`telegram:${PERSON}`), { text: 'chào' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ChannelSendError);
      expect(error).toMatchObject({ kind: 'rate-limited', retryAfterMs: 17_000 });
    });

    it('reports a 500 as transient', async () => {
      await startChannel();
      fake.failNext('sendMessage', 1, { status: 500 });
      await expect(channel!.send(addr(`telegram:${PERSON}`), { text: 'chào' })).rejects.toMatchObject({
        kind: 'transient',
      });
    });

    it('reports a bot blocked by the user (403) as permanent', async () => {
      await startChannel();
      fake.failChat(PERSON, { status: 403, description: 'Forbidden: bot was blocked by the user' });
      await expect(channel!.send(addr(`telegram:${PERSON}`), { text: 'chào' })).rejects.toMatchObject({
        kind: 'permanent',
      });
    });

    it('reports "chat not found" as permanent', async () => {
      await startChannel();
      fake.failChat(GROUP, { status: 400, description: 'Bad Request: chat not found' });
      await expect(channel!.send(addr(`telegram:${GROUP}`), { text: 'chào' })).rejects.toMatchObject({
        kind: 'permanent',
      });
    });

    it('reports an unreachable Telegram as transient', async () => {
      fake = await FakeTelegramServer.start();
      const unreachable = new TelegramChannel({
        token: fake.token,
        apiRoot: 'http://127.0.0.1:1',
        logger: recordingLogger().logger,
      });
      await expect(unreachable.send(addr(`telegram:${PERSON}`), { text: 'chào' })).rejects.toMatchObject({
        kind: 'transient',
      });
    });

    it('rejects an address that is not a Telegram chat as permanent', async () => {
      await startChannel();
      await expect(channel!.send(addr('zalo:user:1'), { text: 'chào' })).rejects.toMatchObject({ kind: 'permanent' });
    });
  });

  it('receives updates on its webhook in webhook mode', async () => {
    fake = await FakeTelegramServer.start();
    const port = await freePort();
    const received: string[] = [];
    await startChannel(
      async (message) => {
        received.push(message.text);
        return { text: 'đã nhận' };
      },
      {
        mode: {
          kind: 'webhook',
          domain: 'bot.example.test',
          path: '/tg-hook',
          port,
          host: '127.0.0.1',
          secretToken: 's3cret',
        },
      },
    );
    expect(fake.callsOf('setWebhook')[0]?.params).toMatchObject({
      url: 'https://bot.example.test/tg-hook',
      secret_token: 's3cret',
    });
    const update = {
      update_id: 1,
      message: {
        message_id: 1,
        date: 0,
        chat: { id: PERSON, type: 'private', first_name: 'Lan' },
        from: { id: PERSON, is_bot: false, first_name: 'Lan' },
        text: '/viec',
      },
    };
    const response = await fetch(`http://127.0.0.1:${port}/tg-hook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': 's3cret' },
      body: JSON.stringify(update),
    });
    expect(response.status).toBe(200);
    await fake.until(() => fake.sentTo(PERSON).length === 1, 'the reply');
    expect(received).toEqual(['/viec']);
    expect(fake.callsOf('getUpdates')).toEqual([]);
  });

  describe('polling', () => {
    it('keeps receiving when getUpdates is rate-limited for a while', async () => {
      fake = await FakeTelegramServer.start();
      fake.failNext('getUpdates', 3, { status: 429, retryAfterSeconds: 0 });
      const received: string[] = [];
      await startChannel(async (message) => {
        received.push(message.text);
        return undefined;
      });
      fake.enqueueText({ chatId: PERSON, fromId: PERSON, text: 'vẫn nghe chứ?' });
      await waitFor(() => received.length === 1, 'the message after the 429s');
      expect(fake.callsOf('getUpdates').length).toBeGreaterThan(3);
    });

    it('relaunches polling with growing backoff after the loop dies, and receives again', async () => {
      fake = await FakeTelegramServer.start();
      // 409 Conflict and 401 make telegraf's polling loop give up for good.
      fake.failNext('getUpdates', 2, { status: 409, description: 'Conflict: terminated by other getUpdates request' });
      fake.failNext('getUpdates', 1, { status: 401, description: 'Unauthorized' });
      const delays: number[] = [];
      const { logger, entries } = recordingLogger();
      const received: string[] = [];
      await startChannel(
        async (message) => {
          received.push(message.text);
          return undefined;
        },
        {
          logger,
          random: () => 1,
          restartBackoff: { initialMs: 100, maxMs: 250 },
          sleep: async (ms) => {
            delays.push(ms);
          },
        },
      );
      fake.enqueueText({ chatId: PERSON, fromId: PERSON, text: 'sau sự cố' });
      await waitFor(() => received.length === 1, 'the message after the relaunches');
      expect(delays).toEqual([100, 200, 250]);
      expect(entries.filter((entry) => entry.message === 'telegram polling died; relaunching')).toHaveLength(3);
    });

    it('meets 409 Conflict from the fake, like from Telegram, when a second bot instance polls the token', async () => {
      await startChannel();
      await fake.until(() => fake.openPolls === 1, 'the first long poll');
      const { logger, entries } = recordingLogger();
      const second = channelFor(fake, { logger, sleep: (ms, signal) => realSleep(Math.min(ms, 20), signal) });
      await second.start(async () => undefined);
      try {
        // The relaunch is logged after the 409 reaches the client: wait for the log, not the fake's count.
        const relaunches = () => entries.filter((entry) => entry.message === 'telegram polling died; relaunching');
        await waitFor(() => relaunches().length >= 2, 'the second instance to be refused and relaunched twice');
        expect(fake.conflicts).toBeGreaterThanOrEqual(2);
        expect(fake.openPolls).toBe(1);
      } finally {
        await second.stop();
      }
    });

    it('stops polling cleanly, leaving no long poll open', async () => {
      await startChannel();
      await fake.until(() => fake.openPolls === 1, 'a long poll');
      await channel!.stop();
      await fake.until(() => fake.openPolls === 0, 'the long poll to be dropped');
      const pollsAfterStop = fake.callsOf('getUpdates').length;
      await new Promise((resolve) => setTimeout(resolve, 30));
      expect(fake.callsOf('getUpdates').length).toBe(pollsAfterStop);
    });

    it('fails to start with a token Telegram rejects', async () => {
      fake = await FakeTelegramServer.start();
      const wrongToken = new TelegramChannel({
        token: '1:wrong',
        apiRoot: fake.apiRoot,
        logger: recordingLogger().logger,
      });
      await expect(wrongToken.start(async () => undefined)).rejects.toThrow(/401/);
    });
  });
});
