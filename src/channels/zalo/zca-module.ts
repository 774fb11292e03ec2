// zca-js 2.2's root index.d.ts says `export * from "./dist"` — a directory import, which NodeNext
// resolution does not follow — so `import { Zalo } from 'zca-js'` type-checks as empty. The
// runtime entry is fine; only the types need pointing at the real declarations.
import type * as Zca from '../../../node_modules/zca-js/dist/index.js';

export type { Zca };

/** zca-js takes about a second to load: only a process that logs in to Zalo pays for it. */
export async function loadZca(): Promise<typeof Zca> {
  return (await import('zca-js')) as unknown as typeof Zca;
}
