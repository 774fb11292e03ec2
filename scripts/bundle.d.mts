import type { BuildOptions } from 'esbuild';

export const ROOT: string;
export const OUT_DIR: string;
export const ENTRIES: Record<string, string>;
export function bundleOptions(entryPoints: Record<string, string>, outdir: string): BuildOptions;
export const V8_FLAGS: Record<string, string[]>;
