// One inbound listener per chat account across processes: the lease decides who polls Telegram or
// opens the Zalo listener, hands over on a clean stop, after the holder dies, or when its listener
// stays down; the others still send Telegram, and refuse (for the holder to do it) on Zalo.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LeasedListener } from '../../src/app/listener-lease.ts';
import { ChannelSendError, type Channel, type MessageHandler } from '../../src/channels/channel.ts';
import { acquireLease, findLease } from '../../src/db/store/leases.ts';
import { ManualClock } from '../../src/domain/clock.ts';
import { silentLogger } from '../../src/domain/log-sink.ts';
import { addr } from '../support/address.ts';
import { testProviders, useTestDatabase, type TestStore } from '../support/test-databases.ts';

const TIMING = { ttlMs: 30_000, renewEveryMs: 3_600_000, downLimitMs: 40_000 };

class RecordingChannel implements Channel {
  readonly kind = 'telegram' as const;
  started = false;
  stopped = false;
  up = true;
  readonly sent: string[] = [];
  constructor(readonly name: string) {}
  async start(_onMessage: MessageHandler): Promise<void> {
    this.started = true;
  }
  async send(address: string, message: { text: string }) {
    this.sent.push(`${address} ${message.text}`);
    return {};
  }
  async stop(): Promise<void> {
    this.stopped = true;
  }
  connected(): boolean {
    return this.started && !this.stopped && this.up;
  }
}

interface Process {
  channel: LeasedListener;
  listeners: RecordingChannel[];
  sender: RecordingChannel | undefined;
}

for (const provider of await testProviders()) {
  describe(`listener lease (${provider})`, () => {
    const store = useTestDatabase(provider);
    const clock = new ManualClock('2026-03-02T01:00:00Z');
    let leaseName: string;
    let processes: Process[] = [];
    let counter = 0;

    beforeEach(() => {
      leaseName = `telegram:${provider}-${++counter}`;
    });
    afterEach(async () => {
      for (const process of processes) await process.channel.stop();
      processes = [];
    });

    function botProcess(
      holder: string,
      withSender = true,
      extra: { store?: TestStore; failStart?: boolean; timing?: Partial<typeof TIMING> } = {},
    ): Process {
      const listeners: RecordingChannel[] = [];
      const sender = withSender ? new RecordingChannel(`${holder}-sender`) : undefined;
      const channel = new LeasedListener('telegram', {
        store: extra.store ?? store(),
        leaseName,
        holder,
        createListener: () => {
          const listener = new RecordingChannel(`${holder}-listener-${listeners.length}`);
          if (extra.failStart) listener.start = () => Promise.reject(new Error('401: Unauthorized'));
          listeners.push(listener);
          return listener;
        },
        ...(sender ? { sender } : {}),
        logger: silentLogger,
        timing: { ...TIMING, ...extra.timing },
        realClock: clock,
      });
      const process = { channel, listeners, sender };
      processes.push(process);
      return process;
    }
    const listening = (process: Process) => process.listeners.filter((l) => l.started && !l.stopped).length;
    const handler: MessageHandler = async () => undefined;

    it('lets only the first of three processes listen, and sends Telegram from all of them', async () => {
      const [a, b, c] = [botProcess('a'), botProcess('b'), botProcess('c')];
      for (const process of [a, b, c]) await process.channel.start(handler);
      expect([a, b, c].map(listening)).toEqual([1, 0, 0]);
      expect((await findLease(store(), leaseName))?.holder).toBe('a');
      await b.channel.send(addr('telegram:7'), { text: 'nhắc' });
      expect(b.sender!.sent).toEqual(['telegram:7 nhắc']);
    });

    it('hands the listener over at once when the holder stops cleanly', async () => {
      const [a, b] = [botProcess('a'), botProcess('b')];
      await a.channel.start(handler);
      await b.channel.start(handler);
      await a.channel.stop();
      expect(a.listeners[0]!.stopped).toBe(true);
      await b.channel.checkLease();
      expect(listening(b)).toBe(1);
    });

    it('takes over once a dead holder lease expires (within the 30 s TTL plus one renewal)', async () => {
      // A holder on another host died with kill -9: its lease stays until it expires.
      await acquireLease(store(), leaseName, 'otherhost:1:dead', clock.now(), TIMING.ttlMs);
      const b = botProcess('b');
      await b.channel.start(handler);
      expect(listening(b)).toBe(0);
      clock.advance(TIMING.ttlMs - 1);
      await b.channel.checkLease();
      expect(listening(b)).toBe(0);
      clock.advance(1);
      await b.channel.checkLease();
      expect(listening(b)).toBe(1);
    });

    it('gives the lease up when its listener stays down, and another process takes it', async () => {
      const [a, b] = [botProcess('a'), botProcess('b')];
      await a.channel.start(handler);
      await b.channel.start(handler);
      a.listeners[0]!.up = false;
      await a.channel.checkLease();
      clock.advance(TIMING.downLimitMs - 1);
      await a.channel.checkLease();
      expect(listening(a)).toBe(1);
      clock.advance(1);
      await a.channel.checkLease();
      expect(listening(a)).toBe(0);
      await b.channel.checkLease();
      expect(listening(b)).toBe(1);
      // The process that gave up does not snatch it back while the other one listens.
      await a.channel.checkLease();
      clock.advance(TIMING.ttlMs);
      await b.channel.checkLease();
      await a.channel.checkLease();
      expect(listening(a)).toBe(0);
    });

    it('stops listening when another process took the lease meanwhile', async () => {
      const a = botProcess('a');
      await a.channel.start(handler);
      clock.advance(TIMING.ttlMs);
      await acquireLease(store(), leaseName, 'b', clock.now(), TIMING.ttlMs);
      await a.channel.checkLease();
      expect(listening(a)).toBe(0);
      expect(a.listeners[0]!.stopped).toBe(true);
    });

    it('refuses to send without the lease when only the holder may (Zalo), as a transient failure', async () => {
      const [a, b] = [botProcess('a', false), botProcess('b', false)];
      await a.channel.start(handler);
      await b.channel.start(handler);
      expect(b.channel.canSend()).toBe(false);
      const refusal = await b.channel.send(addr('zalo:user:1'), { text: 'nhắc' }).catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(ChannelSendError);
      expect((refusal as ChannelSendError).kind).toBe('transient');
      expect(a.channel.canSend()).toBe(true);
      await a.channel.send(addr('zalo:user:1'), { text: 'nhắc' });
      expect(a.listeners[0]!.sent).toEqual(['zalo:user:1 nhắc']);
    });

    it('says the account is served elsewhere only on a process without the lease while another holds it', async () => {
      const [a, b] = [botProcess('a', false), botProcess('b', false)];
      await a.channel.start(handler);
      expect(a.channel.servedElsewhere()).toBe(false);
      await b.channel.start(handler);
      expect(b.channel.servedElsewhere()).toBe(true);
      await a.channel.stop();
      await b.channel.checkLease();
      expect(b.channel.servedElsewhere()).toBe(false);
    });

    it('reports the account served on a process without the lease while another holds it', async () => {
      const [a, b] = [botProcess('a'), botProcess('b')];
      await a.channel.start(handler);
      await b.channel.start(handler);
      expect(b.channel.connected()).toBe(true);
      a.listeners[0]!.up = false;
      expect(a.channel.connected()).toBe(false);
    });

    it('stops listening before its lease runs out when the database stops answering', async () => {
      let broken = false;
      const client = store();
      const flaky = new Proxy(client, {
        get(target, property) {
          if (broken && property === 'lease') throw new Error('database unreachable');
          return Reflect.get(target, property, target) as unknown;
        },
      });
      // Checked every 10 s (by hand here), its 30 s lease must not outlive its last check.
      const a = botProcess('a', true, { store: flaky, timing: { renewEveryMs: 10_000 } });
      await a.channel.start(handler);
      broken = true;
      clock.advance(10_000);
      await a.channel.checkLease();
      expect(listening(a)).toBe(1);
      clock.advance(10_000);
      await a.channel.checkLease();
      expect(listening(a)).toBe(0);
      // Still before the lease expires: nobody else could have started listening yet.
      expect(clock.now().getTime()).toBeLessThan((await findLease(client, leaseName))!.expiresAt.getTime());
    });

    it('fails start-up when its listener cannot start, and gives the lease back', async () => {
      const a = botProcess('a', true, { failStart: true });
      await expect(a.channel.start(handler)).rejects.toThrow('401');
      expect(await findLease(store(), leaseName)).toBeUndefined();
    });
  });
}
