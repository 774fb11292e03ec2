// `node scripts/launch.mjs main|cli [arguments…]` (what `npm start` and `npm run cli` run): starts
// the compiled bot or CLI, compiling it first (~0.2 s) if any file it was built from has changed
// since, so an edited .ts file is always what runs, never a stale bundle. See scripts/bundle.mjs.
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { pathToFileURL } from 'node:url';
import { ENTRIES, OUT_DIR, ROOT, V8_FLAGS, buildBundles, freshManifest } from './bundle.mjs';

const name = process.argv[2];
if (!Object.hasOwn(ENTRIES, name)) {
  process.stderr.write(`usage: node scripts/launch.mjs ${Object.keys(ENTRIES).join('|')} [arguments…]\n`);
  process.exit(2);
}
// The program reads its own arguments from process.argv.slice(2), as when tsx ran the source.
process.argv.splice(1, 2, join(ROOT, ENTRIES[name]));

let manifest = freshManifest();
if (!manifest) {
  try {
    manifest = await buildBundles();
  } catch {
    // esbuild has already printed the errors with file and line.
    process.exit(1);
  }
}
// Before any code runs, so before any WebAssembly is compiled.
for (const flag of V8_FLAGS[name]) setFlagsFromString(flag);
await import(pathToFileURL(join(OUT_DIR, manifest.entries[name])).href);
