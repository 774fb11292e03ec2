// `npm run bench:web`: the web console's dashboard and task list at 100 000 tasks, p50 and p95
// over 30 page loads each (the page and the images it loads from the console), through the Hono
// app's fetch (the HTTP handler, no socket), signed in as the office admin (who sees every unit:
// the heaviest case).
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/db/database.ts';
import { ManualClock } from '../src/domain/clock.ts';
import { vietnamInstant } from '../src/domain/local-date.ts';
import { createWebConsole } from '../src/services/web-console.ts';
import { consoleRoutes } from '../src/web/console/console-routes.ts';
import { createWebApp } from '../src/web/server.ts';
import { makeOfficial } from '../tests/support/factories.ts';
import { asTestStore } from '../tests/support/test-databases.ts';
import { seed, TODAY } from './seed.ts';

const TASKS = Number(process.env.BENCH_TASKS ?? 100_000);
const RUNS = 30;
const GOAL_MS = 300;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'nhacviec-bench-web-'));
  const url = `file:${join(dir, 'bench.db')}`;
  try {
    await seed(url, TASKS, 50, 200);
    const database = await openDatabase(url);
    const admin = await makeOfficial(asTestStore(database.store), { username: 'vanphong', role: 'admin' });
    const clock = new ManualClock(vietnamInstant(TODAY, '09:00'));
    const service = createWebConsole({ store: database.store, clock, baseUrl: 'http://bench' });
    const app = createWebApp([
      consoleRoutes(service, { secureCookies: false, now: () => clock.now().getTime(), logError: () => {} }),
    ]);
    const token = new URL((await service.signInLinkFor(admin.username)).url).searchParams.get('token')!;
    const signedIn = await service.redeemSignInLink(token);
    if (!signedIn.ok) throw new Error('sign-in failed');
    const cookie = `nhacviec_session=${signedIn.sessionToken}`;
    for (const path of ['/tong-quan', '/viec', '/viec?status=overdue']) {
      const times: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        const started = performance.now();
        const response = await app.request(`http://bench${path}`, { headers: { Cookie: cookie } });
        const body = await response.text();
        if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
        // As a browser shows the page: with the images it loads from the console (the dashboard's chart).
        for (const [, src] of body.matchAll(/<img[^>]*\ssrc="(\/[^"]*)"/g)) {
          const image = await app.request(`http://bench${src}`, { headers: { Cookie: cookie } });
          await image.arrayBuffer();
          if (image.status !== 200) throw new Error(`${src}: ${image.status}`);
        }
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      const p95 = percentile(times, 95);
      console.log(
        `load ${loadavg()[0]!.toFixed(1)}  ${path.padEnd(22)} ${TASKS} tasks: p50 ${percentile(times, 50).toFixed(0)} ms, p95 ${p95.toFixed(0)} ms ` +
          `(goal < ${GOAL_MS} ms: ${p95 < GOAL_MS ? 'PASS' : 'FAIL'})`,
      );
    }
    await database.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
