// A local stand-in for the Telegram Bot API, spoken to over real HTTP on 127.0.0.1, so the
// adapter is tested through telegraf's real client. It keeps only what the tests need: updates
// for long polling, a record of every call, and programmable failures.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  method: string;
  params: Record<string, unknown>;
  /** Arrival time (ms, monotonic), for checking send rates the way Telegram counts them. */
  at: number;
}

export interface SentMessage {
  messageId: number;
  chatId: string;
  text: string;
  buttons: { text: string; callbackData: string }[];
}

export type ChatType = 'private' | 'group' | 'supergroup';

/** How a programmed failure answers. */
export type Failure =
  | { status: 429; retryAfterSeconds: number }
  | { status: 500 | 502 }
  | { status: 400 | 401 | 403 | 409; description: string };

interface Update {
  update_id: number;
  [key: string]: unknown;
}

interface PendingPoll {
  offset: number;
  limit: number;
  answer: (updates: Update[]) => void;
}

const TEXT_LIMIT = 4096;

export class FakeTelegramServer {
  readonly calls: RecordedCall[] = [];
  readonly sent: SentMessage[] = [];
  private readonly updates: Update[] = [];
  private readonly polls = new Set<PendingPoll>();
  private readonly failuresByMethod = new Map<string, Failure[]>();
  private readonly failuresByChat = new Map<string, Failure>();
  private readonly callWaiters = new Set<() => void>();
  /** getUpdates answered 409 because another long poll was open (two bot instances polling). */
  conflicts = 0;
  private nextUpdateId = 1;
  private nextMessageId = 1;
  private nextCallbackId = 1;

  private constructor(
    private readonly server: Server,
    readonly token: string,
    readonly apiRoot: string,
  ) {}

  static async start(token = '123456:TEST-token'): Promise<FakeTelegramServer> {
    // Assigned once the server listens; the request handler closes over it.
    // eslint-disable-next-line prefer-const
    let fake: FakeTelegramServer | undefined;
    const server = createServer((req, res) => {
      void fake?.handle(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    fake = new FakeTelegramServer(server, token, `http://127.0.0.1:${port}`);
    return fake;
  }

  readonly botUser = { id: 999, is_bot: true, first_name: 'Nhắc việc', username: 'NhacViecBot' };

  /** A person types `text` in a chat; returns the update id. */
  enqueueText(input: {
    chatId: number;
    chatType?: ChatType;
    fromId: number;
    text: string;
    firstName?: string;
  }): number {
    return this.enqueue({
      message: {
        message_id: this.nextMessageId++,
        date: Math.floor(Date.now() / 1000),
        chat: this.chat(input.chatId, input.chatType ?? 'private'),
        from: { id: input.fromId, is_bot: false, first_name: input.firstName ?? `Người ${input.fromId}` },
        text: input.text,
      },
    });
  }

  /** A person presses an inline button carrying `data` under message `messageId`. */
  enqueueCallback(input: {
    chatId: number;
    chatType?: ChatType;
    fromId: number;
    data: string;
    messageId?: number;
  }): string {
    const id = `cb-${this.nextCallbackId++}`;
    this.enqueue({
      callback_query: {
        id,
        from: { id: input.fromId, is_bot: false, first_name: `Người ${input.fromId}` },
        chat_instance: 'instance-1',
        data: input.data,
        message: {
          message_id: input.messageId ?? 1,
          date: Math.floor(Date.now() / 1000),
          chat: this.chat(input.chatId, input.chatType ?? 'private'),
          from: this.botUser,
          text: 'tin nhắn có nút',
        },
      },
    });
    return id;
  }

  /** The next `count` calls of `method` fail with `failure`. */
  failNext(method: string, count: number, failure: Failure): void {
    const queue = this.failuresByMethod.get(method) ?? [];
    for (let i = 0; i < count; i++) queue.push(failure);
    this.failuresByMethod.set(method, queue);
  }

  /** Every sendMessage to this chat fails (a blocked bot, a deleted group). */
  failChat(chatId: number | string, failure: Failure): void {
    this.failuresByChat.set(String(chatId), failure);
  }

  callsOf(method: string): RecordedCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /**
   * The most sendMessage calls that arrived within any `windowMs`, over all chats or per chat
   * (the highest of any chat): what Telegram's flood control would have counted.
   */
  peakSendRate(windowMs: number, scope: 'global' | 'per-chat'): number {
    const sends = this.callsOf('sendMessage');
    const groups = new Map<string, number[]>();
    for (const call of sends) {
      const key = scope === 'global' ? '*' : String(call.params.chat_id);
      groups.set(key, [...(groups.get(key) ?? []), call.at]);
    }
    let peak = 0;
    for (const times of groups.values()) {
      times.sort((a, b) => a - b);
      let first = 0;
      for (let last = 0; last < times.length; last++) {
        while (times[last]! - times[first]! >= windowMs) first++;
        peak = Math.max(peak, last - first + 1);
      }
    }
    return peak;
  }

  sentTo(chatId: number | string): SentMessage[] {
    return this.sent.filter((message) => message.chatId === String(chatId));
  }

  /** Open long polls right now. */
  get openPolls(): number {
    return this.polls.size;
  }

  /** Resolves once `condition` holds, re-checking after every API call the fake receives. */
  async until(condition: () => boolean, description = 'condition', timeoutMs = 20_000): Promise<void> {
    if (condition()) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.callWaiters.delete(check);
        reject(new Error(`fake telegram: timed out waiting for ${description}`));
      }, timeoutMs);
      const check = () => {
        if (!condition()) return;
        clearTimeout(timer);
        this.callWaiters.delete(check);
        resolve();
      };
      this.callWaiters.add(check);
    });
  }

  async close(): Promise<void> {
    for (const poll of this.polls) poll.answer([]);
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private chat(id: number, type: ChatType) {
    return type === 'private' ? { id, type, first_name: `Người ${id}` } : { id, type, title: `Nhóm ${id}` };
  }

  private enqueue(payload: Record<string, unknown>): number {
    const update = { update_id: this.nextUpdateId++, ...payload };
    this.updates.push(update);
    for (const poll of [...this.polls]) {
      const ready = this.pending(poll.offset, poll.limit);
      if (ready.length > 0) poll.answer(ready);
    }
    return update.update_id;
  }

  private pending(offset: number, limit: number): Update[] {
    return this.updates.filter((update) => update.update_id >= offset).slice(0, limit);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(req.url ?? '');
    const params = await readParams(req);
    if (!match) return reply(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    const [, token, method = ''] = match;
    this.calls.push({ method, params, at: performance.now() });
    this.notifyWaiters();
    if (token !== this.token) return reply(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });

    const failure = this.takeFailure(method, params);
    if (failure) return replyFailure(res, failure);

    switch (method) {
      case 'getMe':
        return ok(res, this.botUser);
      case 'deleteWebhook':
      case 'setWebhook':
      case 'setMyCommands':
      case 'answerCallbackQuery':
        return ok(res, true);
      case 'getUpdates':
        return this.getUpdates(req, res, params);
      case 'sendMessage':
        return this.sendMessage(res, params);
      case 'sendPhoto':
        return ok(res, {
          message_id: this.nextMessageId++,
          date: Math.floor(Date.now() / 1000),
          chat: { id: Number(params.chat_id), type: 'private' },
        });
      default:
        return reply(res, 404, { ok: false, error_code: 404, description: 'Not Found: method not found' });
    }
  }

  private notifyWaiters(): void {
    for (const waiter of [...this.callWaiters]) waiter();
  }

  private takeFailure(method: string, params: Record<string, unknown>): Failure | undefined {
    const queued = this.failuresByMethod.get(method);
    if (queued && queued.length > 0) return queued.shift();
    if (method === 'sendMessage') return this.failuresByChat.get(String(params.chat_id));
    return undefined;
  }

  private getUpdates(req: IncomingMessage, res: ServerResponse, params: Record<string, unknown>): void {
    // Like Telegram: one long poll per bot at a time; a second concurrent one is refused.
    if (this.polls.size > 0) {
      this.conflicts += 1;
      return reply(res, 409, {
        ok: false,
        error_code: 409,
        description:
          'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
      });
    }
    const offset = Number(params.offset ?? 0);
    const limit = Number(params.limit ?? 100);
    const timeoutSeconds = Number(params.timeout ?? 0);
    // Like Telegram: asking from `offset` confirms every earlier update.
    for (let i = this.updates.length - 1; i >= 0; i--) {
      if ((this.updates[i]?.update_id ?? 0) < offset) this.updates.splice(i, 1);
    }
    const ready = this.pending(offset, limit);
    if (ready.length > 0 || timeoutSeconds <= 0) return ok(res, ready);

    const poll: PendingPoll = {
      offset,
      limit,
      answer: (updates) => {
        clearTimeout(timer);
        this.polls.delete(poll);
        if (!res.writableEnded) ok(res, updates);
        this.notifyWaiters();
      },
    };
    const timer = setTimeout(() => poll.answer([]), timeoutSeconds * 1000);
    this.polls.add(poll);
    this.notifyWaiters();
    // The client gave up (telegraf aborts its poll on stop).
    req.socket.once('close', () => {
      clearTimeout(timer);
      this.polls.delete(poll);
      this.notifyWaiters();
    });
  }

  private sendMessage(res: ServerResponse, params: Record<string, unknown>): void {
    const text = typeof params.text === 'string' ? params.text : '';
    if (text.trim() === '') return badRequest(res, 'Bad Request: message text is empty');
    if (text.length > TEXT_LIMIT) return badRequest(res, 'Bad Request: message is too long');
    const buttons = readButtons(params.reply_markup);
    if (buttons.some((b) => Buffer.byteLength(b.callbackData) < 1 || Buffer.byteLength(b.callbackData) > 64)) {
      return badRequest(res, 'Bad Request: BUTTON_DATA_INVALID');
    }
    const chatId = String(params.chat_id);
    const messageId = this.nextMessageId++;
    this.sent.push({ messageId, chatId, text, buttons });
    this.notifyWaiters();
    const numericId = Number(chatId);
    ok(res, {
      message_id: messageId,
      date: Math.floor(Date.now() / 1000),
      chat:
        numericId < 0
          ? { id: numericId, type: 'group', title: 'Nhóm' }
          : { id: numericId, type: 'private', first_name: 'Người' },
      from: this.botUser,
      text,
      ...(params.reply_markup ? { reply_markup: params.reply_markup } : {}),
    });
  }
}

function readButtons(markup: unknown): { text: string; callbackData: string }[] {
  const rows = (markup as { inline_keyboard?: unknown } | undefined)?.inline_keyboard;
  if (!Array.isArray(rows)) return [];
  return rows.flat().map((button: { text?: unknown; callback_data?: unknown }) => ({
    text: String(button.text),
    callbackData: String(button.callback_data),
  }));
}

async function readParams(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  if ((req.headers['content-type'] ?? '').includes('multipart/form-data')) return multipartParams(raw);
  const body = raw.toString('utf8');
  const query = Object.fromEntries(new URL(req.url ?? '/', 'http://fake').searchParams);
  if (body === '') return query;
  if ((req.headers['content-type'] ?? '').includes('application/json')) return { ...query, ...JSON.parse(body) };
  return { ...query, ...Object.fromEntries(new URLSearchParams(body)) };
}

/** Uploads (sendPhoto): the text fields, and the uploaded file's bytes as `fileBytes`. */
function multipartParams(raw: Buffer): Record<string, unknown> {
  const text = raw.toString('latin1');
  const params: Record<string, unknown> = {};
  for (const match of text.matchAll(/name="([^"]+)"(?:; filename="[^"]*")?\r\n(?:[^\r\n]+\r\n)*\r\n/g)) {
    const start = match.index + match[0].length;
    const end = text.indexOf('\r\n--', start);
    const value = raw.subarray(start, end);
    params[match[1]!] = match[0].includes('filename=') ? undefined : Buffer.from(value).toString('utf8');
    if (match[0].includes('filename=')) params.fileBytes = Buffer.from(value);
  }
  return params;
}

function ok(res: ServerResponse, result: unknown): void {
  reply(res, 200, { ok: true, result });
}

function badRequest(res: ServerResponse, description: string): void {
  reply(res, 400, { ok: false, error_code: 400, description });
}

function replyFailure(res: ServerResponse, failure: Failure): void {
  switch (failure.status) {
    case 429:
      return reply(res, 429, {
        ok: false,
        error_code: 429,
        description: `Too Many Requests: retry after ${failure.retryAfterSeconds}`,
        parameters: { retry_after: failure.retryAfterSeconds },
      });
    case 500:
    case 502:
      return reply(res, failure.status, {
        ok: false,
        error_code: failure.status,
        description: 'Internal Server Error',
      });
    default:
      return reply(res, failure.status, { ok: false, error_code: failure.status, description: failure.description });
  }
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}
