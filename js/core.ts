// The idiomatic API over the wasm module: validation, heap memory, copies.
import type { GlueModule } from './relativistic_critic.mjs';

/** Critic scores (logits) for one side: real or fake samples. */
export type Scores = readonly number[] | Float64Array | Float32Array;

export interface LossOptions {
  /** Also return the gradient of both losses with respect to every score. */
  gradients?: boolean;
}

/** Relativistic average losses (pooled normalisation, as in the seed). */
export interface Losses {
  /** Discriminator (critic) loss: [Σ softplus(-a_i) + Σ softplus(b_j)] / (m + n). */
  dLoss: number;
  /** Generator loss: [Σ softplus(a_i) + Σ softplus(-b_j)] / (m + n). */
  gLoss: number;
  /** Mean real score. */
  meanReal: number;
  /** Mean fake score. */
  meanFake: number;
  /** a_i = r_i - mean(fake), one per real score. */
  realRelative: Float64Array;
  /** b_j = f_j - mean(real), one per fake score. */
  fakeRelative: Float64Array;
}

export interface LossesWithGradients extends Losses {
  /** ∂ dLoss / ∂ r_i, cross terms through mean(real) included. */
  dGradReal: Float64Array;
  /** ∂ dLoss / ∂ f_j. */
  dGradFake: Float64Array;
  /** ∂ gLoss / ∂ r_i. */
  gGradReal: Float64Array;
  /** ∂ gLoss / ∂ f_j. */
  gGradFake: Float64Array;
}

/** The seed's reference output (deep-ml 268), rounded as Python's round(x, 6). */
export interface SeedReference {
  d_loss: number;
  g_loss: number;
  real_relative: number[];
  fake_relative: number[];
}

export interface RelativisticCritic {
  /** Exact losses and relative scores; gradients with `{ gradients: true }`. */
  losses(real: Scores, fake: Scores, options: LossOptions & { gradients: true }): LossesWithGradients;
  losses(real: Scores, fake: Scores, options?: LossOptions): Losses;
  /** The seed's reference solution, digit for digit (clamped, rounded to 6 decimals). */
  reference(real: Scores, fake: Scores): SeedReference;
  /** Bytes of wasm memory in use by the module (a diagnostic). */
  memoryBytes(): number;
}

/** The largest score magnitude accepted (2^960 ≈ 9.7e288): larger ones could overflow a sum. */
export const MAX_ABS_SCORE = 2 ** 960;

/**
 * What every error about one score carries besides its message: which
 * argument and which index (from 0), so that an app can point at the value.
 */
export interface ScoreErrorFields {
  argument: 'real' | 'fake';
  index: number;
}

const PREFIX = 'relativistic-critic: ';

function scoreError<E extends Error>(make: new (message: string) => E, argument: string, index: number,
                                     message: string): E & ScoreErrorFields {
  return Object.assign(new make(`${PREFIX}${argument}[${index}] ${message}`), { argument, index }) as E & ScoreErrorFields;
}
const KNOWN_OPTIONS = ['gradients'];

function describe(value: unknown): string {
  if (typeof value === 'string') {
    const text = value.length > 20 ? `${value.slice(0, 20)}…` : value;
    return `the string ${JSON.stringify(text)}`;
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'object') return `an object (${Object.prototype.toString.call(value).slice(8, -1)})`;
  return `${typeof value === 'undefined' ? '' : `a ${typeof value} `}${String(value)}`.trim();
}

type ScoreKind = 'array' | 'f64' | 'f32';

function scoreKind(name: string, scores: unknown): ScoreKind {
  if (Array.isArray(scores)) return 'array';
  if (scores instanceof Float64Array) return 'f64';
  if (scores instanceof Float32Array) return 'f32';
  // Typed arrays from another realm (an iframe, a worker's transfer).
  const tag = Object.prototype.toString.call(scores);
  if (tag === '[object Float64Array]') return 'f64';
  if (tag === '[object Float32Array]') return 'f32';
  throw new TypeError(
    `${PREFIX}${name} must be an array of numbers, a Float64Array or a Float32Array, got ${describe(scores)}`);
}

function checkLength(name: string, scores: Scores): number {
  if (scores.length === 0) {
    throw new RangeError(`${PREFIX}${name} must hold at least one score, got an empty ${Array.isArray(scores) ? 'array' : 'typed array'}`);
  }
  return scores.length;
}

function checkOptions(options: unknown): boolean {
  if (options === undefined) return false;
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`${PREFIX}options must be an object, got ${describe(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!KNOWN_OPTIONS.includes(key)) {
      throw new TypeError(`${PREFIX}unknown option "${key}" (known options: ${KNOWN_OPTIONS.join(', ')})`);
    }
  }
  const { gradients } = options as LossOptions;
  if (gradients !== undefined && typeof gradients !== 'boolean') {
    throw new TypeError(`${PREFIX}options.gradients must be a boolean, got ${describe(gradients)}`);
  }
  return gradients === true;
}

// Error codes of relativistic::ScoreError (cpp/relativistic.hpp).
const NOT_FINITE = 2;

export function createApi(glue: GlueModule): RelativisticCritic {
  // The core does the magnitude check; its limit and the exported one must agree.
  if (glue.maxAbsScore !== MAX_ABS_SCORE) throw new Error(`${PREFIX}the .wasm does not match this wrapper`);

  // One scratch buffer, grown only when a call needs more: no allocation on
  // the hot path, and nothing for the caller to free.
  let scratch = 0;
  let scratchBytes = 0;
  const reserve = (bytes: number): number => {
    if (bytes > scratchBytes) {
      if (scratch) glue._free(scratch);
      scratch = 0;
      scratchBytes = 0;
      const offset = glue._malloc(bytes);
      if (!offset) throw new RangeError(`${PREFIX}out of memory for ${bytes} bytes of scores and results`);
      scratch = offset;
      scratchBytes = bytes;
    }
    return scratch;
  };

  // Copies scores into the heap at byte offset `at`, as doubles or, for the
  // float kernel, as floats: one copy, no conversion pass.
  const copyIn = (name: string, scores: Scores, kind: ScoreKind, at: number, asFloat: boolean): void => {
    if (kind !== 'array') {
      if (asFloat) glue.HEAPF32.set(scores as Float32Array, at / 4);
      else glue.HEAPF64.set(scores as Float64Array | Float32Array, at / 8);
      return;
    }
    const heap = glue.HEAPF64;  // re-read after any allocation: growth replaces the view
    const values = scores as readonly unknown[];
    const base = at / 8;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (typeof v !== 'number') throw scoreError(TypeError, name, i, `must be a finite number, got ${describe(v)}`);
      heap[base + i] = v;
    }
  };

  // The core checks finiteness and magnitude in the pass that sums the scores.
  const fail = (code: number, real: Scores, fake: Scores, out: number): never => {
    const name = code >= 4 ? 'fake' : 'real';
    const i = glue.HEAPF64[out / 8];
    const what = code % 4 === NOT_FINITE
      ? 'a finite number'
      : `a finite number of magnitude at most ${MAX_ABS_SCORE.toPrecision(2)}`;
    throw scoreError(RangeError, name, i, `must be ${what}, got ${describe((code >= 4 ? fake : real)[i])}`);
  };

  // Lays out [real | fake | outputs] in the scratch buffer (8-byte aligned).
  const stage = (real: Scores, fake: Scores, outputs: number, allowFloat: boolean) => {
    const realKind = scoreKind('real', real), fakeKind = scoreKind('fake', fake);
    const m = checkLength('real', real), n = checkLength('fake', fake);
    const asFloat = allowFloat && realKind === 'f32' && fakeKind === 'f32';
    const width = asFloat ? 4 : 8;
    const fakeAt = m * width, outAt = Math.ceil((fakeAt + n * width) / 8) * 8;
    const base = reserve(outAt + outputs * 8);
    copyIn('real', real, realKind, base, asFloat);
    copyIn('fake', fake, fakeKind, base + fakeAt, asFloat);
    return { m, n, asFloat, real: base, fake: base + fakeAt, out: base + outAt };
  };

  function losses(real: Scores, fake: Scores, options?: LossOptions): Losses | LossesWithGradients {
    const gradients = checkOptions(options);
    const m = real?.length ?? 0, n = fake?.length ?? 0;
    const s = stage(real, fake, 4 + (m + n) * (gradients ? 3 : 1), true);
    const kernel = s.asFloat ? glue._rc_average_losses_f32 : glue._rc_average_losses_f64;
    const code = kernel(s.real, s.m, s.fake, s.n, s.out, gradients ? 1 : 0);
    if (code !== 0) fail(code, real, fake, s.out);
    const heap = glue.HEAPF64;
    const o = s.out / 8, r = o + 4, f = r + s.m;
    // One object literal per shape (no spread): V8 keeps it on the fast path.
    if (!gradients) {
      return {
        meanReal: heap[o], meanFake: heap[o + 1], dLoss: heap[o + 2], gLoss: heap[o + 3],
        realRelative: heap.slice(r, f), fakeRelative: heap.slice(f, f + s.n),
      };
    }
    const g = f + s.n;
    return {
      meanReal: heap[o], meanFake: heap[o + 1], dLoss: heap[o + 2], gLoss: heap[o + 3],
      realRelative: heap.slice(r, f), fakeRelative: heap.slice(f, g),
      dGradReal: heap.slice(g, g + s.m), dGradFake: heap.slice(g + s.m, g + s.m + s.n),
      gGradReal: heap.slice(g + s.m + s.n, g + 2 * s.m + s.n), gGradFake: heap.slice(g + 2 * s.m + s.n, g + 2 * s.m + 2 * s.n),
    };
  }

  function reference(real: Scores, fake: Scores): SeedReference {
    const m = real?.length ?? 0, n = fake?.length ?? 0;
    const s = stage(real, fake, 2 + m + n, false);
    const code = glue._rc_seed_reference(s.real, s.m, s.fake, s.n, s.out);
    if (code !== 0) fail(code, real, fake, s.out);
    const heap = glue.HEAPF64;
    const o = s.out / 8;
    return {
      d_loss: heap[o], g_loss: heap[o + 1],
      real_relative: Array.from(heap.subarray(o + 2, o + 2 + s.m)),
      fake_relative: Array.from(heap.subarray(o + 2 + s.m, o + 2 + s.m + s.n)),
    };
  }

  return {
    losses: losses as RelativisticCritic['losses'],
    reference,
    memoryBytes: () => glue.HEAPF64.buffer.byteLength,
  };
}
