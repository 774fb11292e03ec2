// The behaviour every chat transport owes the rest of the bot, run against each adapter with a
// harness that plays the people on the other side of that transport.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  Address,
  Channel,
  ChannelKind,
  InboundMessage,
  MessageAction,
  Reply,
} from '../../src/channels/channel.ts';
import { channelOfAddress, consoleAddresses, telegramAddresses, zaloAddresses } from '../../src/channels/address.ts';
import { waitFor } from './wait-for.ts';

const CODECS = { telegram: telegramAddresses, zalo: zaloAddresses, console: consoleAddresses } as const;

/** A chat a harness can speak in: who writes there and the address replies go to. */
export interface ChatFixture {
  address: Address;
  senderId: string;
  isGroup: boolean;
}

/** One message as the person on the other side received it. */
export interface DeliveredMessage {
  text: string;
  /** Buttons shown under the message, on transports that have them. */
  buttons: MessageAction[];
}

export interface ChannelHarness {
  readonly kind: ChannelKind;
  readonly channel: Channel;
  readonly directChat: ChatFixture;
  /** Undefined on transports without groups. */
  readonly groupChat?: ChatFixture;
  /** Longest text one transport message may carry; undefined when there is no limit. */
  readonly maxMessageLength?: number;
  /** The person in `chat` writes `text`. */
  receive(chat: ChatFixture, text: string): Promise<void>;
  /** What arrived at `address` so far, in order. */
  deliveredTo(address: Address): DeliveredMessage[];
  /** The person in `chat` uses `action` on `message` the way this transport offers it. */
  useAction(chat: ChatFixture, message: DeliveredMessage, action: MessageAction): Promise<void>;
  /** Pictures that arrived at `address` (their captions); undefined on transports without pictures. */
  imagesTo?(address: Address): string[];
  /** An address of another transport, which this one must refuse. */
  readonly foreignAddress: Address;
  /** Gives a stopped channel the chance to (wrongly) pick up a message. */
  settle(): Promise<void>;
  dispose(): Promise<void>;
}

type Handler = (message: InboundMessage) => Promise<Reply | undefined>;

export function channelContract(name: string, createHarness: () => Promise<ChannelHarness>): void {
  describe(`${name} (channel contract)`, () => {
    let harness: ChannelHarness;
    let received: InboundMessage[];
    let answer: Handler;

    beforeEach(async () => {
      harness = await createHarness();
      received = [];
      answer = async () => undefined;
      await harness.channel.start(async (message) => {
        received.push(message);
        return answer(message);
      });
    });

    afterEach(async () => {
      await harness.channel.stop();
      await harness.dispose();
    });

    const chats = () => [harness.directChat, ...(harness.groupChat ? [harness.groupChat] : [])];

    it('hands an inbound text to the handler with channel, address, sender and group flag', async () => {
      for (const chat of chats()) {
        const before = received.length;
        await harness.receive(chat, '/viec hôm nay');
        await waitFor(() => received.length > before, 'the handler to be called');
        expect(received[before]).toMatchObject({
          channel: harness.kind,
          address: chat.address,
          senderId: chat.senderId,
          isGroup: chat.isGroup,
          text: '/viec hôm nay',
        });
        expect(received[before]?.receivedAt).toBeInstanceOf(Date);
      }
    });

    it("sends the handler's reply back to the address the message came from", async () => {
      answer = async (message) => ({ text: `Đã nhận: ${message.text}` });
      for (const chat of chats()) {
        await harness.receive(chat, 'xin chào');
        await waitFor(() => harness.deliveredTo(chat.address).length > 0, `a reply at ${chat.address}`);
        expect(allText(harness.deliveredTo(chat.address))).toContain('Đã nhận: xin chào');
      }
    });

    it("reads back the addresses it writes with its channel's codec, and nothing else does", async () => {
      for (const chat of chats()) {
        expect(channelOfAddress(chat.address)).toBe(harness.kind);
        const codec = CODECS[harness.kind];
        const parts = codec.decode(chat.address);
        expect(parts).toBeDefined();
        expect(codec.encode(parts as never)).toBe(chat.address);
        for (const other of Object.values(CODECS).filter((candidate) => candidate !== codec)) {
          expect(other.decode(chat.address)).toBeUndefined();
        }
      }
    });

    it("refuses another transport's address as a permanent failure", async () => {
      await expect(harness.channel.send(harness.foreignAddress, { text: 'chào' })).rejects.toMatchObject({
        kind: 'permanent',
      });
    });

    it('sends a picture where it can show one, else its caption and where to get it', async () => {
      const chat = harness.directChat;
      let rendered = 0;
      const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      await harness.channel.send(chat.address, {
        text: 'Báo cáo tháng 11/2026',
        image: { caption: 'Tỉ lệ đúng hạn', render: async () => (rendered++, png), elsewhere: 'Xuất bằng lệnh cli.' },
      });
      const text = allText(harness.deliveredTo(chat.address));
      expect(text).toContain('Báo cáo tháng 11/2026');
      if (harness.imagesTo) {
        expect(harness.imagesTo(chat.address)).toEqual(['Tỉ lệ đúng hạn']);
        expect(rendered).toBe(1);
      } else {
        expect(text).toContain('Tỉ lệ đúng hạn');
        expect(text).toContain('Xuất bằng lệnh cli.');
        // A channel that cannot show the picture does not pay for drawing it.
        expect(rendered).toBe(0);
      }
    });

    it('delivers a sent message to the given direct or group address', async () => {
      for (const chat of chats()) {
        await harness.channel.send(chat.address, { text: `Nhắc việc cho ${chat.address}` });
        expect(allText(harness.deliveredTo(chat.address))).toContain(`Nhắc việc cho ${chat.address}`);
      }
    });

    it('delivers actions so that using one sends its command to the handler', async () => {
      const actions: MessageAction[] = [
        { label: '✅ Xong #12', command: '/xong 12' },
        { label: '⏰ Nhắc lại ngày mai', command: '/hoan 12 1' },
      ];
      const chat = harness.directChat;
      await harness.channel.send(chat.address, { text: 'Việc #12 đến hạn hôm nay', actions });
      const [delivered] = harness.deliveredTo(chat.address);
      expect(delivered?.text).toContain('Việc #12 đến hạn hôm nay');
      for (const action of actions) {
        const before = received.length;
        await harness.useAction(chat, delivered!, action);
        await waitFor(() => received.length > before, `the command of "${action.label}"`);
        expect(received[before]).toMatchObject({
          text: action.command,
          address: chat.address,
          senderId: chat.senderId,
        });
      }
    });

    it('splits a long text without losing any of it', async () => {
      const limit = harness.maxMessageLength ?? 2_000;
      const original = longText(limit);
      const chat = harness.directChat;
      await harness.channel.send(chat.address, { text: original });
      const delivered = harness.deliveredTo(chat.address);
      if (harness.maxMessageLength !== undefined) {
        expect(delivered.length).toBeGreaterThan(1);
        for (const message of delivered) expect(message.text.length).toBeLessThanOrEqual(harness.maxMessageLength);
      }
      expect(withoutWhitespace(allText(delivered))).toBe(withoutWhitespace(original));
    });

    it('stops receiving after stop()', async () => {
      await harness.channel.stop();
      await harness.receive(harness.directChat, 'còn ai không?').catch(() => {});
      await harness.settle();
      expect(received).toEqual([]);
    });
  });
}

function allText(messages: DeliveredMessage[]): string {
  return messages.map((message) => message.text).join('\n');
}

function withoutWhitespace(text: string): string {
  return text.replace(/\s+/g, '');
}

/** About three messages' worth: numbered lines, one very long line, and one unbroken word. */
function longText(limit: number): string {
  const lines = Array.from({ length: Math.ceil(limit / 30) }, (_, i) => `${i + 1}. Hồ sơ số ${i + 1} cần ký trước hạn`);
  const longLine = Array.from({ length: Math.ceil(limit / 8) }, (_, i) => `từ${i}`).join(' ');
  const unbroken = 'x'.repeat(Math.ceil(limit * 0.7)) + '🙂'.repeat(10);
  return [...lines, longLine, unbroken, 'Hết.'].join('\n');
}
