// init(): loads the module once and hands every caller the same instance.
import createRelativisticCritic, { type GlueOptions } from './relativistic_critic.mjs';
import { createApi, type RelativisticCritic } from './core.js';

export interface InitOptions {
  /** Where to fetch the .wasm from, for bundlers that move it (default: beside the glue). */
  wasmUrl?: string | URL;
  /** The .wasm bytes themselves, when the caller already has them. */
  wasmBinary?: ArrayBuffer | Uint8Array;
}

let instance: Promise<RelativisticCritic> | undefined;

export function initWith(options: InitOptions | undefined,
                         loadDefault: () => Promise<GlueOptions>): Promise<RelativisticCritic> {
  if (options !== undefined && (options === null || typeof options !== 'object')) {
    return Promise.reject(new TypeError('relativistic-critic: init options must be an object'));
  }
  instance ??= (async () => {
    let glueOptions: GlueOptions;
    if (options?.wasmBinary) glueOptions = { wasmBinary: options.wasmBinary };
    else if (options?.wasmUrl) {
      const url = String(options.wasmUrl);
      glueOptions = { locateFile: () => url };
    } else glueOptions = await loadDefault();
    return createApi(await createRelativisticCritic(glueOptions));
  })();
  // A failed load (a wrong URL, say) is not cached: the caller may retry.
  instance.catch(() => { instance = undefined; });
  return instance;
}
