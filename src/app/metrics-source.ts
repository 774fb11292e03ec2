// What /metrics reads at scrape time, from the parts the app wired.
import type { Channel } from '../channels/channel.ts';
import type { Config } from '../config/config.ts';
import { providerOf, sqlitePath } from '../db/database.ts';
import { countDueUnsentReminders } from '../db/store/health.ts';
import type { Store } from '../db/store/store.ts';
import type { Clock } from '../domain/clock.ts';
import type { SweepMonitor } from '../reminders/scheduler-health.ts';
import { backupDirFor, newestBackup } from '../services/backups.ts';
import type { MetricsSource } from '../web/metrics.ts';

export function metricsSource(
  db: Store,
  monitor: SweepMonitor,
  channels: readonly Channel[],
  config: Pick<Config, 'DATABASE_URL' | 'BACKUP_DIR'>,
  clock: Clock,
): MetricsSource {
  const backupDir =
    providerOf(config.DATABASE_URL) === 'sqlite'
      ? backupDirFor(sqlitePath(config.DATABASE_URL), config.BACKUP_DIR)
      : undefined;
  return {
    dueUnsentReminders: () => countDueUnsentReminders(db, clock.now()),
    lastSuccessfulSweep: () => monitor.lastSuccessAt,
    channels: () =>
      channels
        .filter((channel) => channel.kind !== 'console')
        .map((channel) => ({ channel: channel.kind, connected: channel.connected?.() ?? true })),
    backupAgeSeconds() {
      const newest = backupDir && newestBackup(backupDir);
      return newest ? Math.max(0, Math.round((clock.now().getTime() - newest.takenAt.getTime()) / 1000)) : undefined;
    },
  };
}
