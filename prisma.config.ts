// For the stock Prisma CLI on machines that have its native engines (`npx prisma migrate deploy`).
// nhacviec itself migrates with `npm run db:migrate` (WebAssembly engine, works offline).
import { defineConfig } from 'prisma/config';

const url = process.env.DATABASE_URL ?? 'file:./data/nhacviec.db';
const provider = /^postgres(ql)?:\/\//.test(url) ? 'postgresql' : 'sqlite';

export default defineConfig({
  schema: `prisma/${provider}/schema.prisma`,
  migrations: { path: `prisma/${provider}/migrations` },
  datasource: { url },
});
