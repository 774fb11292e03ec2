// Reads `.env` (if any) without overriding what the real environment already says.
import { existsSync } from 'node:fs';
import { config as loadDotenv } from 'dotenv';
import { parseConfig, type Config } from './config.ts';

export function loadConfig(envFile = '.env'): Config {
  if (existsSync(envFile)) loadDotenv({ path: envFile, quiet: true });
  return parseConfig(process.env);
}
