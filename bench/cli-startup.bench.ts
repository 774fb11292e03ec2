// CLI start-up benchmark: `npm run bench:cli` (also part of `npm run bench`). Runs, interleaved
// in one session on this machine, the bare Node start, npm's own start, and two CLI commands
// through npm as a person types them; prints each median wall time as a multiple of `node -e 0`,
// its peak RSS, and PASS/FAIL against the goals. BENCH_RUNS=n runs each n times (default 15).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../scripts/bundle.mjs';
import { seed } from './seed.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const TIME = '/usr/bin/time';
const hasTime = existsSync(TIME);

interface Case {
  label: string;
  argv: string[];
  env?: Record<string, string>;
  /** Largest allowed median, as a multiple of `node -e 0`. */
  goal?: number;
}

const dir = mkdtempSync(join(tmpdir(), 'nhacviec-bench-'));
const databaseUrl = `file:${join(dir, 'bench.db')}`;
await seed(databaseUrl, 10_000, 1_000, 50);

const cli = (...args: string[]) => ['npm', 'run', '--silent', 'cli', '--', ...args];
const cases: Case[] = [
  { label: 'node -e 0', argv: ['node', '-e', '0'] },
  { label: 'npm --version', argv: ['npm', '--version'] },
  {
    label: 'cli calendar is-working-day 2026-02-23',
    argv: cli('calendar', 'is-working-day', '2026-02-23'),
    goal: 6,
  },
  {
    label: 'cli task list (10 000 tasks, SQLite)',
    argv: cli('task', 'list'),
    env: { DATABASE_URL: databaseUrl },
    goal: 8,
  },
];

/** One run: wall time (ms) and, through GNU time, the peak RSS (KiB) of the largest process. */
function runOnce(run: Case): { ms: number; peakKib?: number } {
  const output = join(dir, 'time.txt');
  const [command, args] = hasTime ? [TIME, ['-f', '%M', '-o', output, ...run.argv]] : [run.argv[0]!, run.argv.slice(1)];
  const started = performance.now();
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'ignore', env: { ...process.env, ...run.env } });
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`${run.argv.join(' ')} exited with ${result.status}`);
  return { ms, ...(hasTime ? { peakKib: Number(readFileSync(output, 'utf8').trim().split('\n').at(-1)) } : {}) };
}

// Warm-up (not measured): compiles the bundle if a source changed, fills the file cache.
for (const run of cases) runOnce(run);
const samples = cases.map(() => ({ ms: [] as number[], peakKib: [] as number[] }));
for (let i = 0; i < RUNS; i++) {
  // Interleaved, so a burst of load elsewhere on the machine hits every command alike.
  cases.forEach((run, index) => {
    const { ms, peakKib } = runOnce(run);
    samples[index]!.ms.push(ms);
    if (peakKib !== undefined) samples[index]!.peakKib.push(peakKib);
  });
}
rmSync(dir, { recursive: true, force: true });

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const baseline = median(samples[0]!.ms);
console.log(`${RUNS} runs each, medians; ratio = median / median of node -e 0`);
cases.forEach((run, index) => {
  const ms = median(samples[index]!.ms);
  const ratio = ms / baseline;
  const peak = samples[index]!.peakKib.length
    ? `${(Math.max(...samples[index]!.peakKib) / 1024).toFixed(0)} MiB peak`
    : 'peak n/a';
  const verdict = run.goal === undefined ? '' : passOrFail(ratio, run.goal);
  console.log(
    `${run.label.padEnd(42)} ${ms.toFixed(0).padStart(6)} ms ${ratio.toFixed(1).padStart(6)}× ${peak.padStart(14)}  ${verdict}`,
  );
});
process.exit(0);

function passOrFail(ratio: number, goal: number): string {
  return ratio <= goal ? `PASS (≤ ${goal}×)` : `FAIL (> ${goal}×)`;
}
