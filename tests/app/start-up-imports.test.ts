// The bot and the CLI start without the heavy libraries: each is imported (`await import()`) where
// it is used, so a start pays only for what it uses. Checked on esbuild's import graph of the real
// entries, the same graph the bundles and tsx follow: a static import anywhere on a path from an
// entry to one of these packages fails here, naming the path.
import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { ENTRIES, bundleOptions } from '../../scripts/bundle.mjs';

/** Each costs a tenth of a second to a second to load (measured by bench/startup.bench.ts). */
const LOADED_WHEN_USED = [
  'exceljs',
  'vega',
  'vega-lite',
  '@resvg/resvg-js',
  'pdfkit',
  'qrcode',
  'mammoth',
  'unpdf',
  'node-html-parser',
  'zca-js',
  'telegraf',
];

const metafile: Promise<Metafile> = build({ ...bundleOptions(ENTRIES, '/nonexistent'), write: false }).then(
  (result) => result.metafile!,
);

/** Every path (entry → … → package) made of static imports only, for each heavy package reached. */
function staticPathsToHeavyPackages(inputs: Metafile['inputs'], entry: string): string[] {
  const cameFrom = new Map<string, string | null>([[entry, null]]);
  const queue = [entry];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    for (const imported of inputs[file]?.imports ?? []) {
      if (imported.kind !== 'import-statement' && imported.kind !== 'require-call') continue;
      if (cameFrom.has(imported.path)) continue;
      cameFrom.set(imported.path, file);
      queue.push(imported.path);
    }
  }
  const packageOf = (path: string) =>
    LOADED_WHEN_USED.find((name) => path === name || path.startsWith(`node_modules/${name}/`));
  return [...cameFrom.keys()]
    .filter((path) => packageOf(path) && !packageOf(cameFrom.get(path) ?? ''))
    .map((path) => {
      const chain = [path];
      for (let from = cameFrom.get(path); from; from = cameFrom.get(from)) chain.unshift(from);
      return chain.join(' → ');
    });
}

describe('start-up imports', () => {
  it.each(Object.entries(ENTRIES))('%s (%s) imports no heavy library before it needs it', async (_name, entry) => {
    const { inputs } = await metafile;
    expect(inputs[entry]).toBeDefined();
    expect(staticPathsToHeavyPackages(inputs, entry)).toEqual([]);
  });
});
