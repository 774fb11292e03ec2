// `npm run --silent cli -- <command>`
import { existsSync } from 'node:fs';
import { config as loadDotenv } from 'dotenv';
import { runCli } from './run-cli.ts';

if (existsSync('.env')) loadDotenv({ path: '.env', quiet: true });
const code = await runCli(process.argv.slice(2), process.env, {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
});
// Exit explicitly: the migration engine leaves an idle internal timer behind.
process.exit(code);
