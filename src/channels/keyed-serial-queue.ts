// Runs tasks one at a time per key (a chat's address) and concurrently across keys: replies in one
// chat keep their order, and a slow command in one chat (or a database lock held by an import)
// no longer makes every other chat wait behind it.

export class KeyedSerialQueue<K = string> {
  /** The last task queued per key; removed once it settles and nothing was queued behind it. */
  private readonly tails = new Map<K, Promise<void>>();

  /**
   * Queues `task` behind the earlier tasks of `key`. The returned promise settles with the task;
   * a task's failure does not stop the tasks queued after it.
   */
  run<T>(key: K, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Number of keys with a task queued or running. */
  get activeKeys(): number {
    return this.tails.size;
  }

  /** Settles when every task queued so far (on every key) has settled. */
  async idle(): Promise<void> {
    while (this.tails.size > 0) await Promise.all([...this.tails.values()]);
  }
}
