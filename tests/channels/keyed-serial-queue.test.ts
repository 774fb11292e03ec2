import { describe, expect, it } from 'vitest';
import { KeyedSerialQueue } from '../../src/channels/keyed-serial-queue.ts';

function deferred(): { promise: Promise<void>; resolve: () => void; reject: (error: Error) => void } {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

describe('KeyedSerialQueue', () => {
  it('runs the tasks of one key in order, one at a time', async () => {
    const queue = new KeyedSerialQueue();
    const log: string[] = [];
    const first = deferred();
    const a = queue.run('chat:1', async () => {
      log.push('a start');
      await first.promise;
      log.push('a end');
    });
    const b = queue.run('chat:1', async () => {
      log.push('b');
    });
    await Promise.resolve();
    await Promise.resolve();
    expect(log).toEqual(['a start']);
    first.resolve();
    await Promise.all([a, b]);
    expect(log).toEqual(['a start', 'a end', 'b']);
  });

  it('runs different keys concurrently: a blocked chat does not hold another', async () => {
    const queue = new KeyedSerialQueue();
    const blocked = deferred();
    let slowDone = false;
    const slow = queue.run('chat:1', async () => {
      await blocked.promise;
      slowDone = true;
    });
    await queue.run('chat:2', async () => 'answered');
    expect(slowDone).toBe(false);
    blocked.resolve();
    await slow;
    await queue.idle();
    expect(queue.activeKeys).toBe(0);
  });

  it('keeps a queue going after a task fails, and hands the failure to its caller', async () => {
    const queue = new KeyedSerialQueue();
    const failing = queue.run('chat:1', () => Promise.reject(new Error('boom')));
    const next = queue.run('chat:1', async () => 'still answered');
    await expect(failing).rejects.toThrow('boom');
    await expect(next).resolves.toBe('still answered');
  });

  it('idle() waits for tasks queued on every key', async () => {
    const queue = new KeyedSerialQueue();
    const gate = deferred();
    const done: string[] = [];
    void queue.run('a', async () => {
      await gate.promise;
      done.push('a');
    });
    void queue.run('b', async () => {
      await gate.promise;
      done.push('b');
    });
    const idle = queue.idle().then(() => done.length);
    gate.resolve();
    expect(await idle).toBe(2);
  });
});
