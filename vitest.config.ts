import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Business time is Vietnam time whatever the machine says; CI repeats the suite under other TZs.
    globalSetup: ['tests/support/global-setup.ts'],
    // Generous: a timeout only bounds a failing test, and a busy machine must not fail a passing one.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Each worker imports the app once and runs file after file in it, instead of a fresh process per
    // file: importing src/ cost ~1 s per file, ~40 % of the run (294 s → 187 s on 2 idle cores). Safe
    // because src/ keeps no mutable module state and tests own their databases, servers and clocks;
    // the suite passes with files shuffled (`npx vitest run --sequence.shuffle.files`).
    isolate: false,
    // Most slow files wait on spawned processes, servers and databases rather than compute, so on a
    // 2-core machine two files at a time nearly halve the run (vitest's default there is one).
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
