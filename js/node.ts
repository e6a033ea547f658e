// Entry for Node: reads the .wasm with fs, since Emscripten 3.1.6's glue
// cannot load it by itself from an ES module under Node.
import { readFile } from 'node:fs/promises';
import { initWith, type InitOptions } from './init.js';
import type { RelativisticCritic } from './core.js';

export type * from './core.js';
export { MAX_ABS_SCORE } from './core.js';
export type { InitOptions } from './init.js';

/** Compiles the wasm module once; later calls return the same instance. */
export function init(options?: InitOptions): Promise<RelativisticCritic> {
  return initWith(options, async () => ({
    wasmBinary: await readFile(new URL('./relativistic_critic.wasm', import.meta.url)),
  }));
}
