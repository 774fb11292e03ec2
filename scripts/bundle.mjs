// Compiles the bot and the admin CLI to JavaScript once, so they start without a TypeScript
// loader (tsx costs ~0.5 s and ~100 MiB per start). Run by postinstall (`node scripts/bundle.mjs`)
// and, when a source file changed since, by scripts/launch.mjs before it starts anything: the
// bundles are a cache of src/ and commands/, never something to keep in step by hand.
//
// Output: node_modules/.cache/nhacviec/ (wiped by `npm ci`, ignored by git). Every file there is
// named by the hash of its content and written once, and manifest.json (replaced atomically) names
// the current entry files and every source file they were built from with its size and mtime. So
// concurrent builds (parallel test processes) cannot tear each other's files, and a running bot
// keeps finding the chunks it imports lazily after a newer build replaced the manifest.
import {
  readdirSync,
  renameSync,
  statSync,
  unlinkSync,
  mkdirSync,
  writeFileSync,
  existsSync,
  readFileSync,
} from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const OUT_DIR = join(ROOT, 'node_modules/.cache/nhacviec');
export const MANIFEST = join(OUT_DIR, 'manifest.json');
export const ENTRIES = { main: 'src/main.ts', cli: 'src/cli/main.ts' };

/**
 * V8 settings scripts/launch.mjs applies before starting an entry. The bot: Prisma's query
 * compiler is a large WebAssembly module, and V8's optimising tier (TurboFan) keeps ~80 MiB of
 * compiler memory after compiling it; the baseline tier (Liftoff) alone keeps the bot's RSS well
 * under 200 MiB with a million tasks, and the per-minute sweep stays at a few milliseconds.
 */
export const V8_FLAGS = { main: ['--liftoff-only'], cli: ['--liftoff-only'] };

/**
 * Besides the sources esbuild reads, what can change a bundle: the build settings themselves and
 * the installed packages (npm rewrites node_modules/.package-lock.json on every install).
 */
const ALSO_TRACKED = ['scripts/bundle.mjs', 'tsconfig.json', 'node_modules/.package-lock.json'];

/**
 * Packages left to Node instead of bundled: native addons, WebAssembly loaders and packages that
 * find files next to themselves (Prisma, SQLite, resvg, pino's worker), and the heavy SDKs and
 * renderers that only some commands use, which are imported lazily anyway. Small pure-JavaScript
 * packages (zod, yaml, date-fns, commander…) are bundled: one file parses much faster than Node
 * resolving and loading their hundreds of modules.
 */
const EXTERNAL = [
  '@prisma/*',
  'better-sqlite3',
  'pg-native',
  '@resvg/resvg-js',
  '@expo-google-fonts/*',
  'pino',
  'exceljs',
  'pdfkit',
  'mammoth',
  'unpdf',
  'vega',
  'vega-lite',
  'telegraf',
  'zca-js',
];

/** How the manifest records a tracked file that did not exist (no lock file after --no-package-lock). */
const ABSENT = 'absent';

/** Files left by older builds are deleted after this long (a running bot may still import them). */
const KEEP_OLD_FILES_MS = 24 * 3600 * 1000;

/**
 * Bundled code would see the bundle's URL in `import.meta.url`; the sources use it to find
 * config/ and prisma/ next to themselves, so each file gets its own original URL instead.
 */
const ownImportMetaUrl = {
  name: 'own-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, async (args) => {
      if (args.path.includes('/node_modules/')) return undefined;
      const source = await readFile(args.path, 'utf8');
      const url = JSON.stringify(pathToFileURL(args.path).href);
      return { contents: source.replaceAll('import.meta.url', url), loader: 'ts' };
    });
  },
};

/** esbuild options shared with the benchmarks, which bundle their own child entry the same way. */
export function bundleOptions(entryPoints, outdir) {
  return {
    absWorkingDir: ROOT,
    entryPoints,
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: EXTERNAL,
    entryNames: '[name]-[hash]',
    chunkNames: 'chunk-[hash]',
    outExtension: { '.js': '.mjs' },
    // CommonJS packages inside an ES module bundle call require() for Node built-ins.
    banner: {
      js: "import { createRequire as __nhacviecRequire } from 'node:module';\nconst require = __nhacviecRequire(import.meta.url);",
    },
    plugins: [ownImportMetaUrl],
    // Whitespace and syntax only: Node parses less text at every start (about a fifth of the CLI's
    // start-up), while identifiers, and so class names in logs and stack traces, stay readable.
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'none',
    metafile: true,
    logLevel: 'error',
  };
}

/** Builds every entry; returns the new manifest. */
export async function buildBundles() {
  const { build } = await import('esbuild');
  const started = Date.now();
  const result = await build({ ...bundleOptions(ENTRIES, OUT_DIR), write: false });
  mkdirSync(OUT_DIR, { recursive: true });
  for (const file of result.outputFiles) {
    if (!existsSync(file.path)) writeAtomically(file.path, file.contents);
  }
  const entries = {};
  for (const [output, meta] of Object.entries(result.metafile.outputs)) {
    const name = Object.keys(ENTRIES).find((key) => meta.entryPoint === ENTRIES[key]);
    if (name) entries[name] = basename(output);
  }
  const sources = Object.keys(result.metafile.inputs).filter((path) => !path.startsWith('node_modules/'));
  const inputs = {};
  for (const path of [...sources, ...ALSO_TRACKED]) {
    const stat = statSync(join(ROOT, path), { throwIfNoEntry: false });
    if (!stat) inputs[path] = ABSENT;
    // Changed while esbuild was reading: the bundle may hold the old text, so never call it fresh.
    else inputs[path] = stat.mtimeMs < started ? [stat.mtimeMs, stat.size] : null;
  }
  const manifest = { root: ROOT, entries, inputs };
  writeAtomically(MANIFEST, JSON.stringify(manifest, null, 1));
  pruneOldFiles(
    new Set([basename(MANIFEST), ...Object.values(entries), ...result.outputFiles.map((f) => basename(f.path))]),
  );
  return manifest;
}

/** Write to a temporary name, then rename: readers see the old file or the new one, never half. */
function writeAtomically(path, contents) {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, path);
}

function pruneOldFiles(current) {
  const cutoff = Date.now() - KEEP_OLD_FILES_MS;
  for (const name of readdirSync(OUT_DIR)) {
    const path = join(OUT_DIR, name);
    if (current.has(name)) continue;
    const stat = statSync(path, { throwIfNoEntry: false });
    if (stat && stat.mtimeMs < cutoff) unlinkSync(path);
  }
}

/** The manifest if every file it was built from is unchanged (same size and mtime), else null. */
export function freshManifest() {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(MANIFEST, 'utf8'));
  } catch {
    return null;
  }
  if (manifest.root !== ROOT) return null;
  for (const [path, recorded] of Object.entries(manifest.inputs)) {
    if (!recorded) return null;
    const stat = statSync(join(ROOT, path), { throwIfNoEntry: false });
    if (recorded === ABSENT ? stat : !stat || stat.mtimeMs !== recorded[0] || stat.size !== recorded[1]) return null;
  }
  return manifest;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const manifest = await buildBundles();
  process.stdout.write(
    `nhacviec: compiled ${Object.values(manifest.entries).join(', ')} into ${relative(ROOT, OUT_DIR)}/\n`,
  );
}
