// The running bot tells the office admins, through its admin-alert path, when a unit's Zalo group
// keeps refusing the group digest (and the reminders went privately meanwhile).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startApp } from '../../src/app/app.ts';
import { writeZaloCredentials } from '../../src/channels/zalo/zalo-credentials.ts';
import { loadZca } from '../../src/channels/zalo/zca-module.ts';
import { setUnitZaloGroup } from '../../src/db/store/unit-groups.ts';
import { ManualClock } from '../../src/domain/clock.ts';
import type { LocalDate } from '../../src/domain/local-date.ts';
import { parseConfig } from '../../src/config/config.ts';
import { createLogger } from '../../src/logging/logger.ts';
import { FakeZaloApi } from '../channels/fake-zalo-api.ts';
import { waitFor } from '../channels/wait-for.ts';
import { cli, makeOfficial, makeTask, makeUnit } from '../support/factories.ts';
import { asTestStore, freshSqliteUrl } from '../support/test-databases.ts';

const zca = await loadZca();

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('the running bot and a failing unit group', () => {
  it('alerts the admins once the group has failed two mornings in a row', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nhacviec-group-alert-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const credentialsFile = join(dir, 'zalo.json');
    await writeZaloCredentials(credentialsFile, { imei: 'imei-1', cookie: [{ key: 'k', value: 'v' }], userAgent: 't' });
    const sqlite = freshSqliteUrl();
    cleanups.push(sqlite.cleanup);
    const zalo = new FakeZaloApi();
    const clock = new ManualClock('2026-11-23T08:00:00+07:00');
    const log: string[] = [];
    const config = parseConfig({ DATABASE_URL: sqlite.url, ZALO_CREDENTIALS_FILE: credentialsFile });
    const logger = createLogger('info', { write: (line: string) => void log.push(line) });
    const app = await startApp({ config, clock, logger, zaloConnect: async () => zalo });
    cleanups.push(() => app.stop());
    zalo.connect();
    const db = asTestStore(app.database.store);
    const unit = await makeUnit(db, { code: 'PTP', name: 'Phòng Tư pháp' });
    await setUnitZaloGroup(db, unit.code, '6620001', cli);
    const member = await makeOfficial(db, { unitCode: unit.code, fullName: 'Trần Văn Cường' });
    await db.chatIdentity.create({ data: { channel: 'zalo', externalId: 'u9', officialId: member.id } });
    // An admin linked only on Zalo: the group is broken, not the account, so their private chat still works.
    const admin = await makeOfficial(db, { unitCode: unit.code, fullName: 'Lê Văn Quản', role: 'admin' });
    await db.chatIdentity.create({ data: { channel: 'zalo', externalId: 'admin-z', officialId: admin.id } });
    const alerts = () => log.filter((line) => line.includes('alert for the office admins'));

    for (const day of ['2026-11-23', '2026-11-24']) {
      clock.set(new Date(`${day}T08:00:00+07:00`));
      await makeTask(db, { assigneeUsername: member.username, dueDate: day as LocalDate });
      zalo.failNextSend(new zca.ZaloApiError('Bạn không phải là thành viên của nhóm', 166));
      const privately = zalo.sent.filter((sent) => sent.threadId === 'u9').length;
      await app.sweep();
      await waitFor(() => zalo.sent.filter((sent) => sent.threadId === 'u9').length > privately, 'the private digest');
    }

    expect(alerts()).toHaveLength(1);
    expect(alerts()[0]).toContain('Nhóm Zalo 6620001 của đơn vị PTP (Phòng Tư pháp)');
    expect(alerts()[0]).toContain('unit zalo-group PTP --clear');
    const alertsToAdmin = () =>
      zalo.sent.filter((sent) => sent.threadId === 'admin-z' && sent.text.includes('Nhóm Zalo 6620001 của đơn vị PTP'));
    await waitFor(() => alertsToAdmin().length > 0, "the admin's private Zalo alert");
    expect(alertsToAdmin()).toHaveLength(1);
  });
});
