// Runs bench/bot-sweep.child.ts in its own Node process, compiled and started the way
// scripts/launch.mjs starts the bot (same bundle settings, same V8 flags), against a seeded
// database and a fake Telegram server living in this (benchmark) process.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { bundleOptions, ROOT, V8_FLAGS } from '../scripts/bundle.mjs';
import { FakeTelegramServer } from '../tests/channels/fake-telegram-server.ts';
import { TODAY } from './seed.ts';

export interface BotMemory {
  rss: number;
  rssAfterStart: number;
  heapUsed: number;
  sendTimeMs: number;
  medianMs: number;
  maxMs: number;
}

const OUT_DIR = join(ROOT, 'node_modules/.cache/nhacviec-bench');
let compiled: Promise<string> | undefined;

function compiledChild(): Promise<string> {
  compiled ??= build({ ...bundleOptions({ child: 'bench/bot-sweep.child.ts' }, OUT_DIR), entryNames: '[name]' }).then(
    () => pathToFileURL(join(OUT_DIR, 'child.mjs')).href,
  );
  return compiled;
}

export async function botMemoryAfterSweeps(databaseUrl: string): Promise<BotMemory> {
  const child = await compiledChild();
  const start = `import { setFlagsFromString } from 'node:v8';
${V8_FLAGS.main!.map((flag) => `setFlagsFromString(${JSON.stringify(flag)});`).join('\n')}
await import(${JSON.stringify(child)});`;
  const fake = await FakeTelegramServer.start(`123456:${'A'.repeat(35)}`);
  try {
    // Asynchronous: the fake server answers from this process's event loop.
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', start], {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
      env: {
        PATH: process.env.PATH,
        DATABASE_URL: databaseUrl,
        TELEGRAM_BOT_TOKEN: fake.token,
        TELEGRAM_API_ROOT: fake.apiRoot,
        BENCH_TODAY: TODAY,
      },
    });
    return JSON.parse(stdout.trim().split('\n').at(-1)!) as BotMemory;
  } finally {
    await fake.close();
  }
}
