// The adapter (zca-api.ts) and the channel on zca-js's real Listener, against a local websocket
// server speaking Zalo's frame format (4-byte header, then JSON; `encrypt: 0` = plain). This is
// where zca-js's own behaviour is checked: its 'error' events, its cipher key, old_messages, and
// the "another connection" frame it only logs.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { Listener } from '../../node_modules/zca-js/dist/apis/listen.js';
import type { InboundMessage } from '../../src/channels/channel.ts';
import { DUPLICATE_CONNECTION_ALERT, ZaloChannel } from '../../src/channels/zalo/zalo-channel.ts';
import { memoryZaloState } from '../../src/channels/zalo/zalo-state.ts';
import { adaptZcaApi } from '../../src/channels/zalo/zca-api.ts';
import type { Zca } from '../../src/channels/zalo/zca-module.ts';
import { waitFor } from './wait-for.ts';
import { handSleep, recordingLogger } from './zalo-test-kit.ts';

function frame(cmd: number, subCmd: number, body: unknown): Buffer {
  const json = Buffer.from(JSON.stringify(body));
  const header = Buffer.alloc(4);
  header.writeUInt8(1, 0);
  header.writeUInt16LE(cmd, 1);
  header.writeUInt8(subCmd, 3);
  return Buffer.concat([header, json]);
}

const event = (data: unknown) => ({ data: JSON.stringify({ data }), encrypt: 0 });

function zaloMessage(msgId: string, content: string) {
  return { msgId, cliMsgId: msgId, uidFrom: '5001', idTo: '0', dName: 'Người 5001', content, ts: '1' };
}

/** zca-js's Listener on a context with just what it reads. */
function realListener(url: string): Listener {
  const ctx = {
    cookie: { getCookieStringSync: () => 'zpw_sek=test' },
    userAgent: 'test',
    uid: '42',
    API_VERSION: 665,
    API_TYPE: 30,
    uploadCallbacks: new Map(),
    options: { selfListen: false, logging: false },
    settings: {
      features: { socket: { retries: {}, close_and_retry_codes: [], rotate_error_codes: [], ping_interval: 60_000 } },
    },
  };
  return new Listener(ctx as never, [url, url]);
}

describe('the Zalo adapter on the real zca-js listener', () => {
  let server: WebSocketServer;
  let sockets: WebSocket[];
  let requests: { cmd: number; body: { lastId?: string | null } }[];
  let channel: ZaloChannel | undefined;
  let received: InboundMessage[];
  let alerts: string[];
  /** Holds the handshake until released: the socket stays "connecting". */
  let holdHandshake: boolean;
  let heldHandshakes: ((accepted: boolean) => void)[];

  beforeEach(async () => {
    sockets = [];
    requests = [];
    received = [];
    alerts = [];
    holdHandshake = false;
    heldHandshakes = [];
    server = new WebSocketServer({
      port: 0,
      host: '127.0.0.1',
      verifyClient: (_info, accept) => {
        if (holdHandshake) heldHandshakes.push(accept);
        else accept(true);
      },
    });
    server.on('connection', (socket) => {
      sockets.push(socket);
      socket.on('message', (data: Buffer) => {
        requests.push({ cmd: data.readUInt16LE(1), body: JSON.parse(data.subarray(4).toString()) });
      });
      socket.send(frame(1, 1, { key: 'cipher-key' }));
    });
    await once(server, 'listening');
  });

  afterEach(async () => {
    await channel?.stop();
    channel = undefined;
    for (const socket of sockets) socket.terminate();
    for (const refuse of heldHandshakes) refuse(false);
    await new Promise((resolve) => server.close(resolve));
  });

  async function startChannel(lastHandledMsgId?: string) {
    const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const api = adaptZcaApi({
      listener: realListener(url),
      getCookie: () => ({ toJSON: () => ({ cookies: [] }) }),
    } as unknown as Zca.API);
    channel = new ZaloChannel({
      connect: async () => api,
      logger: recordingLogger().logger,
      onAlert: (text) => {
        alerts.push(text);
      },
      sleep: handSleep().sleep,
      state: memoryZaloState(lastHandledMsgId === undefined ? {} : { lastHandledMsgId }),
    });
    await channel.start(async (message) => {
      received.push(message);
      return undefined;
    });
  }

  it('asks for old messages once the cipher key came, and handles those after the marker, in order', async () => {
    await startChannel('1000');
    await waitFor(() => requests.length === 2, 'the old-messages requests');
    expect(requests).toEqual([
      { cmd: 510, body: expect.objectContaining({ lastId: '1000' }) },
      { cmd: 511, body: expect.objectContaining({ lastId: '1000' }) },
    ]);
    const page = [zaloMessage('1003', 'ba'), zaloMessage('1001', 'một'), zaloMessage('999', 'cũ')];
    sockets[0]!.send(frame(510, 1, event({ msgs: page })));
    sockets[0]!.send(frame(501, 0, event({ msgs: [zaloMessage('1003', 'ba')] })));
    await waitFor(() => received.length === 2, 'the missed messages');
    sockets[0]!.send(frame(501, 0, event({ msgs: [zaloMessage('1004', 'bốn')] })));
    await waitFor(() => received.length === 3, 'the live message');
    expect(received.map((message) => message.text)).toEqual(['một', 'ba', 'bốn']);
  });

  it('halts and alerts when Zalo announces another connection, though the close arrives as 1006', async () => {
    await startChannel();
    await waitFor(() => channel!.connected(), 'the socket open');
    const socket = sockets[0]!;
    // Zalo does not echo zca-js's close frame: the connection just drops, and the code is 1006.
    socket.send(frame(3000, 0, {}), () => socket.terminate());
    await waitFor(() => alerts.length === 1, 'the alert');
    expect(alerts).toEqual([DUPLICATE_CONNECTION_ALERT]);
  });

  it('stops while the socket is still connecting without an uncaught error', async () => {
    holdHandshake = true;
    await startChannel();
    await waitFor(() => heldHandshakes.length === 1, 'the handshake reaching the server');
    await channel!.stop();
    channel = undefined;
    // An 'error' with no listener would have been thrown from the socket's event by now.
    await new Promise((resolve) => setTimeout(resolve, 50));
  });
});
