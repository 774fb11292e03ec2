// `cli backup` / `cli restore` on real SQLite files: a backup taken in the middle of a sweep
// brings back exactly the state it was taken at, a running bot blocks a restore, bad files change
// nothing, and PostgreSQL gets the pg_dump command with the password masked.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Address, OutgoingMessage, SendResult } from '../../src/channels/channel.ts';
import { sqlitePath } from '../../src/db/database.ts';
import { acquireLease, releaseLease } from '../../src/db/store/leases.ts';
import { SCHEDULER_LEASE } from '../../src/reminders/engine.ts';
import { cli } from '../support/run-cli.ts';
import { createHarness, vn, type Harness } from '../reminders/support.ts';

type Snapshot = Record<string, { rows: number; sha256: string }>;

/** Row count and a checksum of every row, per table, read straight from the file. */
function snapshot(path: string): Snapshot {
  const db = new Sqlite(path, { readonly: true, fileMustExist: true });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .all() as { name: string }[];
    return Object.fromEntries(
      tables.map(({ name }) => {
        const rows = db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all();
        return [name, { rows: rows.length, sha256: createHash('sha256').update(JSON.stringify(rows)).digest('hex') }];
      }),
    );
  } finally {
    db.close();
  }
}

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('cli backup and restore (SQLite)', () => {
  it('a backup taken while a sweep is sending restores exactly that state', async () => {
    harness = await createHarness(vn('2026-11-23', '08:00'));
    const h = harness;
    for (let i = 0; i < 8; i++) {
      const person = await h.person();
      await h.task(person, '2026-11-23', { title: `Báo cáo ${i}` });
      await h.task(person, '2026-11-25', { title: `Kế hoạch ${i}` });
    }
    await h.db.auditEvent.create({ data: { action: 'test', actorKind: 'cli' } });
    // The fourth message waits at the channel until the backup is taken.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let reachedGate!: () => void;
    const atGate = new Promise<void>((resolve) => (reachedGate = resolve));
    const send = h.telegram.send.bind(h.telegram);
    let calls = 0;
    h.telegram.send = async (address: Address, message: OutgoingMessage): Promise<SendResult> => {
      if (++calls === 4) {
        reachedGate();
        await gate;
      }
      return send(address, message);
    };

    const sweep = h.engine.sweep();
    await atGate;
    const path = sqlitePath(h.database.url);
    const atBackup = snapshot(path);
    const file = join(mkdtempSync(join(tmpdir(), 'nhacviec-backup-')), 'mid-sweep.db');
    const backup = await cli(h.database.url, ['backup', '--out', file]);
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    release();
    const report = await sweep;
    expect(report.delivered.messages).toBe(8);
    await h.engine.stop();

    const afterSweep = snapshot(path);
    expect(afterSweep.Reminder).not.toEqual(atBackup.Reminder); // the sweep went on writing
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(atBackup.Task!.rows).toBe(16);
    expect(atBackup.Reminder!.rows).toBeGreaterThan(0);
    expect(atBackup.AuditEvent!.rows).toBeGreaterThan(0);

    const restore = await cli(h.database.url, ['restore', file, '--json']);
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);
    expect(snapshot(path)).toEqual(atBackup);
    const { previous } = JSON.parse(restore.stdout) as { previous: string };
    expect(snapshot(previous)).toEqual(afterSweep);
    expect(statSync(previous).mode & 0o777).toBe(0o600);
  });

  it('without --out, writes a 0600 file named by the time into BACKUP_DIR', async () => {
    harness = await createHarness(vn('2026-11-23', '08:00'));
    const dir = join(mkdtempSync(join(tmpdir(), 'nhacviec-backup-')), 'nested', 'backups');
    const result = await cli(harness.database.url, ['backup', '--json'], {
      BACKUP_DIR: dir,
      NHACVIEC_FAKE_NOW: '2026-11-23T02:30:00+07:00',
    });
    expect(result.code).toBe(0);
    const { path } = JSON.parse(result.stdout) as { path: string };
    expect(path).toMatch(new RegExp(`^${dir}/nhacviec-2026-11-23_0230\\d\\d\\.db$`));
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual([basename(path)]); // no temporary file left behind
  });

  it('refuses to restore while a live bot holds the scheduler lease, and changes nothing', async () => {
    harness = await createHarness(vn('2026-11-23', '08:00'));
    const url = harness.database.url;
    const file = join(mkdtempSync(join(tmpdir(), 'nhacviec-backup-')), 'b.db');
    expect((await cli(url, ['backup', '--out', file])).code).toBe(0);
    const holder = `${hostname()}:${process.pid}:livebot`; // this very process: alive
    await acquireLease(harness.db, SCHEDULER_LEASE, holder, new Date(), 3 * 60_000);
    const before = snapshot(sqlitePath(url));

    const refused = await cli(url, ['restore', file]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Bot đang chạy');
    expect(snapshot(sqlitePath(url))).toEqual(before);

    await releaseLease(harness.db, SCHEDULER_LEASE, holder);
    expect((await cli(url, ['restore', file])).code).toBe(0);
  });

  it('refuses a file that is not a sound nhacviec database, and changes nothing', async () => {
    harness = await createHarness(vn('2026-11-23', '08:00'));
    const url = harness.database.url;
    const dir = mkdtempSync(join(tmpdir(), 'nhacviec-backup-'));
    const garbage = join(dir, 'garbage.db');
    writeFileSync(garbage, 'not a database at all, just text '.repeat(200));
    const foreign = join(dir, 'foreign.db');
    const other = new Sqlite(foreign);
    other.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)');
    other.close();
    const before = snapshot(sqlitePath(url));

    for (const [file, reason] of [
      [garbage, 'không đọc được'],
      [foreign, 'không phải cơ sở dữ liệu nhacviec'],
      [join(dir, 'missing.db'), 'Không có tệp'],
    ] as const) {
      const result = await cli(url, ['restore', file]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(reason);
    }
    expect(snapshot(sqlitePath(url))).toEqual(before);
  });

  it('on PostgreSQL prints the pg_dump command with the password masked and exits non-zero', async () => {
    const url = 'postgresql://nhacviec:s3cret-pw@db.example:5432/nhacviec';
    const result = await cli(url, ['backup', '--out', '/var/backups/nv.dump']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      "pg_dump --format=custom --file='/var/backups/nv.dump' --dbname='postgresql://nhacviec:***@db.example:5432/nhacviec'",
    );
    expect(result.stderr).not.toContain('s3cret-pw');
  });
});
