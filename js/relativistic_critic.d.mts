// Types for the Emscripten glue (cpp/bindings.cpp); 3.1.6 cannot emit them.
// Offsets are byte offsets into the wasm heap; each entry point returns 0,
// or a ScoreError code + 4 * side (0 real, 1 fake) with the index in out[0].

export interface GlueModule {
  HEAPF64: Float64Array;
  HEAPF32: Float32Array;
  HEAP32: Int32Array;
  _malloc(bytes: number): number;
  _free(offset: number): void;
  _rc_average_losses_f64(real: number, m: number, fake: number, n: number, out: number, gradients: number, normalization: number): number;
  _rc_average_losses_f32(real: number, m: number, fake: number, n: number, out: number, gradients: number, normalization: number): number;
  _rc_seed_reference(real: number, m: number, fake: number, n: number, out: number): number;
  _rc_family(real: number, realWeights: number, realGroups: number, m: number, fake: number, fakeWeights: number,
             fakeGroups: number, n: number, settings: number, out: number): number;
  maxAbsScore: number;
}

export interface GlueOptions {
  wasmBinary?: ArrayBuffer | Uint8Array;
  locateFile?: (path: string, prefix: string) => string;
}

export default function createRelativisticCritic(options?: GlueOptions): Promise<GlueModule>;
