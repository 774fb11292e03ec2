// Start-up benchmark: `npm run bench:startup` (also part of `npm run bench`). Interleaved, in one
// session on this machine (it is shared: compare runs made back to back, and see the load printed):
//   - importing the app and its heaviest modules from source (what every test worker and `tsx` pays);
//   - the bundled bot (`npm start`, console channel): time until its "nhacviec started" log line,
//     and until `printf '/giup\n' | npm start` has answered and exited.
// Each figure is a median, also as a multiple of `node -e 0`. BENCH_RUNS=n runs each n times (default 7).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../scripts/bundle.mjs';
import { applyMigrations } from '../src/db/migrate/migrations.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const MODULES = [
  'src/app/app.ts',
  'src/web/console/console-routes.ts',
  'src/services/web-console-operations.ts',
  'src/services/web-console-people.ts',
  'src/reports/render-chart.ts',
  'src/channels/zalo/zca-api.ts',
  'commands/index.ts',
];

const dir = mkdtempSync(join(tmpdir(), 'nhacviec-bench-startup-'));
const databaseUrl = `file:${join(dir, 'bench.db')}`;
await applyMigrations(databaseUrl);
// No chat credentials: the console channel; the web console on a free port.
const botEnv: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, WEB_PORT: '0', LOG_LEVEL: 'info' };
delete botEnv.TELEGRAM_BOT_TOKEN;
delete botEnv.ZALO_CREDENTIALS_FILE;

/** Milliseconds a fresh Node process (with tsx) spends in `await import(module)`, as it reports. */
function importMs(module: string): number {
  const script = `const t = performance.now(); await import(${JSON.stringify(join(ROOT, module))}); console.log(performance.now() - t); process.exit(0);`;
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`import ${module} failed:\n${result.stderr}`);
  return Number(result.stdout.trim().split('\n').at(-1));
}

function nodeBaselineMs(): number {
  const started = performance.now();
  spawnSync(process.execPath, ['-e', '0']);
  return performance.now() - started;
}

/** The bundled bot on the console: ms until it logs that it started, and until it has answered /giup and exited. */
function botStart(): Promise<{ readyMs: number; exitMs: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['scripts/launch.mjs', 'main'], { cwd: ROOT, env: botEnv });
    let output = '';
    let readyMs: number | undefined;
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (readyMs === undefined && output.includes('nhacviec started')) {
        readyMs = performance.now() - started;
        child.stdin.end('/giup\n');
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      if (code !== 0 || readyMs === undefined || !output.includes('/xong')) {
        reject(new Error(`the bot exited with ${code}:\n${output}`));
      } else resolve({ readyMs, exitMs: performance.now() - started });
    });
  });
}

// Warm-up (not measured): builds the bundle if a source changed, fills tsx's and the file cache.
await botStart();
for (const module of MODULES) importMs(module);

const samples = new Map<string, number[]>();
const add = (label: string, ms: number) => samples.set(label, [...(samples.get(label) ?? []), ms]);
for (let run = 0; run < RUNS; run++) {
  add('node -e 0', nodeBaselineMs());
  const bot = await botStart();
  add('bot (bundle, console): ready', bot.readyMs);
  add("bot (bundle, console): printf '/giup\\n' | npm start", bot.exitMs);
  for (const module of MODULES) add(`import ${module} (tsx)`, importMs(module));
}
rmSync(dir, { recursive: true, force: true });

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const baseline = median(samples.get('node -e 0')!);
console.log(
  `${RUNS} runs each, medians; load average ${loadavg()
    .map((load) => load.toFixed(2))
    .join(' ')}`,
);
for (const [label, values] of samples) {
  const ms = median(values);
  console.log(`${label.padEnd(58)} ${ms.toFixed(0).padStart(6)} ms ${(ms / baseline).toFixed(1).padStart(6)}×`);
}
process.exit(0);
