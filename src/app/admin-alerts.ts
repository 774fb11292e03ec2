// Alerts for the office admins: to their chats (through the outbox and its rate limiter) and always
// to the log. Off Zalo unless the route says its private chats still work: Zalo's own trouble — the
// session, the account — must reach them elsewhere, while a unit's group that refuses messages
// leaves an admin's private Zalo chat working (src/domain/admin-alert.ts).
import { privateAddress } from '../channels/address.ts';
import type { Outbox } from '../channels/outbox.ts';
import type { AdminAlertRoute } from '../domain/admin-alert.ts';
import type { LogSink } from '../domain/log-sink.ts';
import { listAdminChatIdentities } from '../db/store/identities.ts';
import type { Store } from '../db/store/store.ts';

export async function alertAdmins(
  db: Store,
  logger: LogSink,
  outbox: Outbox,
  text: string,
  route: AdminAlertRoute = { viaZalo: false },
): Promise<void> {
  logger.warn({ alert: text }, 'alert for the office admins');
  const admins = await listAdminChatIdentities(db).catch(() => []);
  const reachable = admins.filter(
    (identity) => identity.channel !== 'console' && (route.viaZalo || identity.channel !== 'zalo'),
  );
  for (const admin of reachable) {
    await outbox
      .send(privateAddress(admin), { text: `⚠️ ${text}` })
      .catch((error: unknown) => logger.error({ err: error, username: admin.username }, 'admin alert not delivered'));
  }
}
