// `npm run bench:undo`: how long an official's page (and `official show`)
// spends finding the unlinks still undoable, on SQLite with 300 000 audit rows of other kinds and
// 2 000 unlinks of other officials (found by the index on the row's action, then the payload).
import { loadavg } from 'node:os';
import { openDatabase } from '../src/db/database.ts';
import { unlinkOfficial } from '../src/db/store/official-changes.ts';
import { findUndoableUnlinks } from '../src/db/store/undoable-unlinks.ts';
import { cli, makeOfficial, makeUnit } from '../tests/support/factories.ts';
import { asTestStore, migratedSqliteUrl } from '../tests/support/test-databases.ts';

const OTHER_ROWS = Number(process.env.BENCH_AUDIT_ROWS ?? 300_000);
const OTHER_UNLINKS = 2_000;
const RUNS = 30;

async function main(): Promise<void> {
  const file = await migratedSqliteUrl();
  const database = await openDatabase(file.url);
  try {
    const db = asTestStore(database.store);
    const payload = JSON.stringify({ username: 'someone', before: { status: 'open' }, after: { status: 'done' } });
    for (let start = 0; start < OTHER_ROWS; start += 5_000)
      await db.$executeRaw`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)
         INSERT INTO "AuditEvent" ("actorKind", "channel", "action", "payload", "at")
         SELECT 'system', 'scheduler', 'task.done', ${payload}, CURRENT_TIMESTAMP FROM n`;
    const unit = await makeUnit(db);
    const now = new Date('2026-11-23T03:00:00Z');
    const other = await makeOfficial(db, { unitCode: unit.code, username: 'nguoikhac' });
    for (let i = 0; i < OTHER_UNLINKS; i++) {
      await db.chatIdentity.create({ data: { channel: 'telegram', externalId: `o${i}`, officialId: other.id } });
      await unlinkOfficial(db, other.username, { now }, cli);
    }
    const official = await makeOfficial(db, { unitCode: unit.code, username: 'canbo' });
    await db.chatIdentity.create({ data: { channel: 'telegram', externalId: 'mine', officialId: official.id } });
    await unlinkOfficial(db, official.username, { now }, cli);
    const times: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const started = performance.now();
      const found = await findUndoableUnlinks(db, official.username, { now });
      if (found.length !== 1) throw new Error(`expected one undoable unlink, found ${found.length}`);
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const at = (p: number) => times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)]!;
    console.log(
      `load ${loadavg()[0]!.toFixed(1)}  findUndoableUnlinks, ${OTHER_ROWS + OTHER_UNLINKS + 1} audit rows: ` +
        `p50 ${at(50).toFixed(1)} ms, p95 ${at(95).toFixed(1)} ms`,
    );
  } finally {
    await database.close();
    file.cleanup();
  }
}

await main();
