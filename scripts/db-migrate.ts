// `npm run db:migrate`: applies pending migrations to DATABASE_URL (default: the SQLite file).
import { loadConfig } from '../src/config/load-env.ts';
import { applyMigrations } from '../src/db/migrate/migrations.ts';

const config = loadConfig();
const applied = await applyMigrations(config.DATABASE_URL);
console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
// The wasm engine leaves a 10 s internal timer behind; nothing else is pending here.
process.exit(0);
