// Entry for browsers, Web Workers and bundlers: the glue fetches the .wasm
// from beside itself (new URL(..., import.meta.url)), which Vite and other
// bundlers follow and emit as an asset.
import { initWith, type InitOptions } from './init.js';
import type { RelativisticCritic } from './core.js';

export type * from './core.js';
export { MAX_ABS_SCORE } from './core.js';
export type { InitOptions } from './init.js';

/** Compiles the wasm module once; later calls return the same instance. */
export function init(options?: InitOptions): Promise<RelativisticCritic> {
  return initWith(options, async () => ({}));
}
