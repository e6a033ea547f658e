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

function scoreKind(name: string, scores: unknown): 'array' | 'f64' | 'f32' {
  if (Array.isArray(scores)) return 'array';
  const tag = Object.prototype.toString.call(scores);
  if (tag === '[object Float64Array]') return 'f64';
  if (tag === '[object Float32Array]') return 'f32';
  throw new TypeError(
    `${PREFIX}${name} must be an array of numbers, a Float64Array or a Float32Array, got ${describe(scores)}`);
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
const TOO_LARGE = 3;

export function createApi(glue: GlueModule): RelativisticCritic {
  // The core does the magnitude check; its limit and the exported one must agree.
  if (glue._maxAbsScore !== MAX_ABS_SCORE) throw new Error(`${PREFIX}the .wasm does not match this wrapper`);
  // One scratch buffer, grown only when a call needs more: no allocation on
  // the hot path, and nothing for the caller to free.
  let scratch = 0;
  let scratchBytes = 0;
  const reserve = (doubles: number): number => {
    const bytes = doubles * 8;
    if (bytes > scratchBytes) {
      if (scratch) glue._free(scratch);
      scratch = 0;
      scratchBytes = 0;
      const offset = glue._malloc(bytes);
      if (!offset) throw new RangeError(`${PREFIX}out of memory for ${doubles} values`);
      scratch = offset;
      scratchBytes = bytes;
    }
    return scratch;
  };

  // Copies scores into the heap at `at` (an index into HEAPF64) and checks
  // them; typed arrays are checked by the core in one pass.
  const copyIn = (name: string, scores: Scores, at: number, indexSlot: number): void => {
    const heap = glue.HEAPF64;  // re-read: growth replaces the view
    if (scoreKind(name, scores) === 'array') {
      const values = scores as readonly unknown[];
      for (let i = 0; i < values.length; i++) {
        const v = values[i];
        if (typeof v !== 'number') {
          throw scoreError(TypeError, name, i, `must be a finite number, got ${describe(v)}`);
        }
        heap[at + i] = v;
      }
    } else {
      heap.set(scores as Float64Array | Float32Array, at);
    }
    const code = glue._checkScores(at * 8, scores.length, indexSlot * 8);
    if (code === NOT_FINITE || code === TOO_LARGE) {
      const i = glue.HEAPF64[indexSlot];
      const what = code === NOT_FINITE
        ? 'a finite number'
        : `a finite number of magnitude at most ${MAX_ABS_SCORE.toPrecision(2)}`;
      throw scoreError(RangeError, name, i, `must be ${what}, got ${describe(scores[i])}`);
    }
  };

  // Lays out [real | fake | index slot | outputs] in the scratch buffer.
  const stage = (real: Scores, fake: Scores, outputs: number) => {
    scoreKind('real', real);
    scoreKind('fake', fake);
    const m = real.length;
    const n = fake.length;
    if (m === 0) throw new RangeError(`${PREFIX}real must hold at least one score, got an empty ${Array.isArray(real) ? 'array' : 'typed array'}`);
    if (n === 0) throw new RangeError(`${PREFIX}fake must hold at least one score, got an empty ${Array.isArray(fake) ? 'array' : 'typed array'}`);
    const base = reserve(m + n + 1 + outputs) / 8;
    const slot = base + m + n;
    copyIn('real', real, base, slot);
    copyIn('fake', fake, base + m, slot);
    return { m, n, real: base * 8, fake: (base + m) * 8, out: (slot + 1) * 8, at: slot + 1 };
  };

  function losses(real: Scores, fake: Scores, options?: LossOptions): Losses | LossesWithGradients {
    const gradients = checkOptions(options);
    const m = real?.length ?? 0, n = fake?.length ?? 0;
    const s = stage(real, fake, 4 + (m + n) * (gradients ? 3 : 1));
    glue._averageLosses(s.real, s.m, s.fake, s.n, s.out, gradients);
    const heap = glue.HEAPF64;
    let at = s.at + 4;
    const take = (count: number) => heap.slice(at, (at += count));
    const result: Losses = {
      meanReal: heap[s.at], meanFake: heap[s.at + 1], dLoss: heap[s.at + 2], gLoss: heap[s.at + 3],
      realRelative: take(s.m), fakeRelative: take(s.n),
    };
    if (!gradients) return result;
    return { ...result, dGradReal: take(s.m), dGradFake: take(s.n), gGradReal: take(s.m), gGradFake: take(s.n) };
  }

  function reference(real: Scores, fake: Scores): SeedReference {
    const m = real?.length ?? 0, n = fake?.length ?? 0;
    const s = stage(real, fake, 2 + m + n);
    glue._seedReference(s.real, s.m, s.fake, s.n, s.out);
    const heap = glue.HEAPF64;
    const at = s.at + 2;
    return {
      d_loss: heap[s.at], g_loss: heap[s.at + 1],
      real_relative: Array.from(heap.subarray(at, at + s.m)),
      fake_relative: Array.from(heap.subarray(at + s.m, at + s.m + s.n)),
    };
  }

  return {
    losses: losses as RelativisticCritic['losses'],
    reference,
    memoryBytes: () => glue.HEAPF64.buffer.byteLength,
  };
}
