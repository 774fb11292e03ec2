// zca-js 2.2's root index.d.ts says `export * from "./dist"` — a directory import, which NodeNext
// resolution does not follow — so `import { Zalo } from 'zca-js'` type-checks as empty. The
// runtime entry is fine; only the types need pointing at the real declarations.
import * as untypedZca from 'zca-js';
import type * as Zca from '../../../node_modules/zca-js/dist/index.js';

export type { Zca };
export const zca = untypedZca as unknown as typeof Zca;
