// A font with Vietnamese diacritics for the chart. resvg draws text only with fonts it is given.
// Roboto (TTF, full Vietnamese coverage) ships with the project through an npm package, so a bare
// server still draws the labels; known system fonts are the fallback.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface ChartFont {
  family: string;
  files: string[];
}

function bundledRoboto(): ChartFont | undefined {
  try {
    const root = dirname(createRequire(import.meta.url).resolve('@expo-google-fonts/roboto/package.json'));
    return {
      family: 'Roboto',
      files: [join(root, '400Regular/Roboto_400Regular.ttf'), join(root, '700Bold/Roboto_700Bold.ttf')],
    };
  } catch {
    return undefined;
  }
}

const CANDIDATES: ChartFont[] = [
  ...(bundledRoboto() ? [bundledRoboto()!] : []),
  {
    family: 'DejaVu Sans',
    files: ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf'],
  },
  {
    family: 'DejaVu Sans',
    files: ['/usr/share/fonts/dejavu/DejaVuSans.ttf', '/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf'],
  },
  { family: 'DejaVu Sans', files: ['/usr/share/fonts/TTF/DejaVuSans.ttf', '/usr/share/fonts/TTF/DejaVuSans-Bold.ttf'] },
  {
    family: 'Noto Sans',
    files: ['/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf', '/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf'],
  },
  {
    family: 'Liberation Sans',
    files: [
      '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
      '/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf',
    ],
  },
  {
    family: 'Arial',
    files: ['/System/Library/Fonts/Supplemental/Arial.ttf', '/System/Library/Fonts/Supplemental/Arial Bold.ttf'],
  },
  { family: 'Arial', files: ['C:\\Windows\\Fonts\\arial.ttf', 'C:\\Windows\\Fonts\\arialbd.ttf'] },
];

/** The first known font present on this machine (its regular face at least), or undefined. */
export function findChartFont(candidates: ChartFont[] = CANDIDATES): ChartFont | undefined {
  for (const candidate of candidates) {
    const files = candidate.files.filter((file) => existsSync(file));
    if (files[0] === candidate.files[0]) return { family: candidate.family, files };
  }
  return undefined;
}
