// PostgreSQL with several bot processes: the channels' rate budgets are shared through a ledger of
// every message sent, one row per send. Taking a send is one transaction under a per-channel
// advisory lock: read the channel's recent sends, let the caller's rules say how long to wait,
// and record the send when the answer is "now". A send counts from its grant until it is settled
// (its request answered): the server may see it arrive at any moment in between, after a slow
// commit or a paused process, so while in flight its row's `at` lies ahead (read back as "now"),
// and settling stamps the time it was answered. Times come from the database's clock, so the
// processes agree on them whatever their hosts' clocks say.
import { prismaOf, providerOf, type Store } from './store.ts';

export interface LedgerSend {
  address: string;
  /** Epoch milliseconds, database clock. */
  at: number;
}

/** Whether the processes on this database share one rate budget per channel (PostgreSQL). */
export function sendBudgetIsShared(store: Store): boolean {
  return providerOf(store) === 'postgresql';
}

/**
 * Atomically over every process: `decide(now, sends in the last horizonMs)` says how many ms the
 * send to `address` must wait (0 = now); a 0 is recorded before the lock is released. Returns
 * `decide`'s answer. Rows older than the horizon are deleted on the way.
 */
export async function takeSendSlot(
  store: Store,
  channel: string,
  address: string,
  horizonMs: number,
  decide: (now: number, recent: LedgerSend[]) => number,
  /** An unsettled send stops counting this long after its grant (its process died mid-send). */
  inFlightMs = 120_000,
): Promise<{ waitMs: number; id?: number }> {
  const db = prismaOf(store);
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtext(${`nhacviec:send-ledger:${channel}`}))`;
    const [clock] = await tx.$queryRaw<{ now: Date }[]>`SELECT clock_timestamp() AS now`;
    const now = clock!.now.getTime();
    const since = new Date(now - horizonMs);
    await tx.sendLedger.deleteMany({ where: { channel, at: { lte: since } } });
    const rows = await tx.sendLedger.findMany({
      where: { channel, at: { gt: since } },
      orderBy: { at: 'asc' },
      select: { address: true, at: true },
    });
    const waitMs = decide(
      now,
      rows.map((row) => ({ address: row.address, at: Math.min(now, row.at.getTime()) })),
    );
    if (waitMs > 0) return { waitMs };
    const row = await tx.sendLedger.create({ data: { channel, address, at: new Date(now + inFlightMs) } });
    return { waitMs: 0, id: row.id };
  });
}

/** The send taken as `id` was answered (or failed): it counts from now on as sent now. */
export async function settleSendSlot(store: Store, id: number): Promise<void> {
  await prismaOf(store)
    .$executeRaw`UPDATE "SendLedger" SET "at" = (clock_timestamp() AT TIME ZONE 'UTC') WHERE "id" = ${id}`;
}
