// Whose KickConnection (3003) closed a Zalo listener, asked of the Zalo listener lease when the
// kick comes. With several bot processes on one account a kick has three possible sources:
// - another live process holds the lease: it took the account over (our renewal came too late)
//   and connected, so Zalo dropped us: stand down quietly, nothing is wrong;
// - we hold it, taken from a holder that never gave it up (it died listening), and the kick comes
//   soon after we started: Zalo dropping that dead process's session: reconnect quietly;
// - otherwise (we hold it cleanly, or nobody does): someone opened Zalo elsewhere: halt and alert.
import type { KickContext, KickSource } from '../channels/zalo/zalo-channel.ts';
import type { ListenerLeaseView } from './listener-lease.ts';

export async function kickSourceByLease(lease: ListenerLeaseView, context: KickContext): Promise<KickSource> {
  const holder = await lease.holderNow();
  if (holder === 'another-process') return 'another-bot-process';
  if (holder === 'nobody') return 'another-device';
  const previousDiedListening = lease.tookOverFromUncleanHolder || context.uncleanPreviousStop;
  return previousDiedListening && context.sinceStartMs <= context.ownRestartGraceMs
    ? 'own-old-session'
    : 'another-device';
}
