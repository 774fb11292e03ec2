// `npm run --silent cli -- <command>`
import { existsSync } from 'node:fs';
import { config as loadDotenv } from 'dotenv';
import { maskDatabaseUrl } from '../config/mask-url.ts';
import { runCli } from './run-cli.ts';

if (existsSync('.env')) loadDotenv({ path: '.env', quiet: true });
const io = {
  out: (text: string) => process.stdout.write(`${text}\n`),
  err: (text: string) => process.stderr.write(`${text}\n`),
};
const code = await runCli(process.argv.slice(2), process.env, io).catch((error: unknown) => {
  // A bug or an outage, not a user mistake: say so briefly; the stack only when asked for.
  // A driver's error may quote the database URL: never with its password.
  io.err(`Lỗi hệ thống: ${maskDatabaseUrl(error instanceof Error ? error.message : String(error))}`);
  if (process.env.LOG_LEVEL === 'debug' && error instanceof Error) io.err(maskDatabaseUrl(error.stack ?? ''));
  return 1;
});
// Exit explicitly (the migration engine leaves an idle internal timer behind), but only once
// everything written has been handed on: piped into a file, a large output was cut at ~400 KB.
const flushed = (stream: NodeJS.WriteStream) => new Promise<void>((resolve) => stream.write('', () => resolve()));
await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
process.exit(code);
