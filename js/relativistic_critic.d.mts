// Types for the Emscripten glue (cpp/bindings.cpp); 3.1.6 cannot emit them.
// Offsets are byte offsets into the wasm heap.

export interface GlueModule {
  HEAPF64: Float64Array;
  _malloc(bytes: number): number;
  _free(offset: number): void;
  _checkScores(scores: number, count: number, indexOut: number): number;
  _averageLosses(real: number, m: number, fake: number, n: number, out: number, gradients: boolean): void;
  _seedReference(real: number, m: number, fake: number, n: number, out: number): void;
  _maxAbsScore: number;
}

export interface GlueOptions {
  wasmBinary?: ArrayBuffer | Uint8Array;
  locateFile?: (path: string, prefix: string) => string;
}

export default function createRelativisticCritic(options?: GlueOptions): Promise<GlueModule>;
