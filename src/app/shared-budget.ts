// The channels' shared rate budget (src/channels/rate-limit/shared-budget.ts) over the store's
// send ledger: on PostgreSQL every bot process counts its sends there, so together they stay
// within each channel's limits. SQLite has one sending process (the scheduler lease): none needed.
import type { SharedBudget } from '../channels/rate-limit/shared-budget.ts';
import { sendBudgetIsShared, settleSendSlot, takeSendSlot } from '../db/store/send-ledger.ts';
import type { Store } from '../db/store/store.ts';
import type { Address } from '../channels/channel.ts';

export function sharedBudgetFor(store: Store): SharedBudget | undefined {
  if (!sendBudgetIsShared(store)) return undefined;
  return {
    async take(channel, address, horizonMs, decide) {
      const taken = await takeSendSlot(store, channel, address, horizonMs, (now, recent) =>
        decide(
          now,
          recent.map((send) => ({ address: send.address as Address, at: send.at })),
        ),
      );
      const id = taken.id;
      return id === undefined ? { waitMs: taken.waitMs } : { waitMs: 0, settle: () => settleSendSlot(store, id) };
    },
  };
}
