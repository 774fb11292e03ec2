#!/bin/sh
# Stands in for Prisma's native schema engine, which cannot be downloaded offline.
# `prisma generate` only needs the path to exist; migrations run on the WebAssembly engine
# (src/db/migrate/). Anything that really calls this fails loudly.
echo "nhacviec: native Prisma schema engine not installed; use npm run db:migrate" >&2
exit 1
