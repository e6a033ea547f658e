// The idiomatic API over the wasm module: validation, heap memory, copies.
import type { GlueModule } from './relativistic_critic.mjs';
import { MAX_ABS_SCORE, PREFIX, checkLength, describe, scoreError, scoreKind, type ScoreKind, type Scores } from './errors.js';
import { parseOptions, type LossOptions, type Settings } from './options.js';

export type { Scores, ScoreErrorFields } from './errors.js';
export type { GroupIds, LossKind, LossOptions, Normalization, Relativism, Weights } from './options.js';
export { MAX_ABS_SCORE } from './errors.js';

/** Losses and relative scores, always present. */
export interface Losses {
  /** Discriminator (critic) loss; by default [Σ softplus(-a_i) + Σ softplus(b_j)] / (m + n). */
  dLoss: number;
  /** Generator loss; by default [Σ softplus(a_i) + Σ softplus(-b_j)] / (m + n). */
  gLoss: number;
  /** Mean real score (weighted, over all groups). */
  meanReal: number;
  /** Mean fake score. */
  meanFake: number;
  /** a_i, one per real score: r_i - mean(fake) by default (before the temperature). */
  realRelative: Float64Array;
  /** b_j, one per fake score: f_j - mean(real) by default. */
  fakeRelative: Float64Array;
}

/** With `gradients: true`: exact derivatives, cross terms through the means included. */
export interface Gradients {
  /** ∂ dLoss / ∂ r_i. */
  dGradReal: Float64Array;
  /** ∂ dLoss / ∂ f_j. */
  dGradFake: Float64Array;
  /** ∂ gLoss / ∂ r_i. */
  gGradReal: Float64Array;
  /** ∂ gLoss / ∂ f_j. */
  gGradFake: Float64Array;
}

/** With `perSample: true`: each sample's unweighted, unnormalised loss term. */
export interface PerSample {
  dLossReal: Float64Array;
  dLossFake: Float64Array;
  gLossReal: Float64Array;
  gLossFake: Float64Array;
}

/** With `rewards: true`. */
export interface Rewards {
  /** -dLossReal: the critic's reward per real sample (log σ(a_i) for logistic). */
  rewardReal: Float64Array;
  /** -gLossFake: the generator's reward per fake sample (log σ(b_j) for logistic). */
  rewardFake: Float64Array;
  /** -(m + n) ∂dLoss/∂r_i within its group: the linearised credit of a real sample. */
  creditReal: Float64Array;
  /** -(m + n) ∂gLoss/∂f_j within its group. */
  creditFake: Float64Array;
  /** (rewardFake - group mean) / group std over weighted fakes; 0 where the std is 0. */
  advantages: Float64Array;
}

/** With groupsReal / groupsFake: one value per group (ids 0..G-1). */
export interface GroupResults {
  groupDLoss: Float64Array;
  groupGLoss: Float64Array;
  groupMeanReal: Float64Array;
  groupMeanFake: Float64Array;
}

/** The result type that follows the options. */
export type LossResult<O extends LossOptions | undefined> = Losses
  & (O extends { gradients: true } ? Gradients : unknown)
  & (O extends { perSample: true } ? PerSample : unknown)
  & (O extends { rewards: true } ? Rewards : unknown)
  & (O extends { groupsReal: object } ? GroupResults : unknown);

/** The same as `LossResult<{ gradients: true }>`. */
export type LossesWithGradients = Losses & Gradients;

/** The seed's reference output (deep-ml 268), rounded as Python's round(x, 6). */
export interface SeedReference {
  d_loss: number;
  g_loss: number;
  real_relative: number[];
  fake_relative: number[];
}

export interface RelativisticCritic {
  /** Exact losses and relative scores of the chosen member of the family (see LossOptions). */
  losses<O extends LossOptions | undefined = undefined>(real: Scores, fake: Scores, options?: O): LossResult<O>;
  /** The seed's reference solution, digit for digit (clamped, rounded to 6 decimals). */
  reference(real: Scores, fake: Scores): SeedReference;
  /** Bytes of wasm memory in use by the module (a diagnostic). */
  memoryBytes(): number;
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

  // Lays out [real | fake | extra | outputs] in the scratch buffer, 8-byte
  // aligned; `extra` bytes sit between the scores and the outputs.
  const stage = (real: Scores, fake: Scores, outputs: number, allowFloat: boolean, extra = 0) => {
    const realKind = scoreKind('real', real), fakeKind = scoreKind('fake', fake);
    const m = checkLength('real', real), n = checkLength('fake', fake);
    const asFloat = allowFloat && realKind === 'f32' && fakeKind === 'f32';
    const width = asFloat ? 4 : 8;
    const fakeAt = m * width, extraAt = Math.ceil((fakeAt + n * width) / 8) * 8;
    const outAt = extraAt + Math.ceil(extra / 8) * 8;
    const base = reserve(outAt + outputs * 8);
    copyIn('real', real, realKind, base, asFloat);
    copyIn('fake', fake, fakeKind, base + fakeAt, asFloat);
    return { m, n, asFloat, real: base, fake: base + fakeAt, extra: base + extraAt, out: base + outAt };
  };

  // Reads consecutive Float64Array copies out of the heap from index `at`.
  const reader = (at: number) => {
    const heap = glue.HEAPF64;
    return (count: number) => heap.slice(at, (at += count));
  };

  // normalization: 0 pooled, 1 half-sum, 2 sum (as Settings and the C++ enum number them).
  function fast(real: Scores, fake: Scores, gradients: boolean, normalization = 0): Losses & Partial<Gradients> {
    const m = real?.length ?? 0, n = fake?.length ?? 0;  // stage() checks them first
    const s = stage(real, fake, 4 + (m + n) * (gradients ? 3 : 1), true);
    const kernel = s.asFloat ? glue._rc_average_losses_f32 : glue._rc_average_losses_f64;
    const code = kernel(s.real, s.m, s.fake, s.n, s.out, gradients ? 1 : 0, normalization);
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

  // Every other member of the family: weights, groups and settings travel
  // in the `extra` block (cpp/bindings.cpp, rc_family, has the layout).
  function family(real: Scores, fake: Scores, o: Settings): Record<string, unknown> {
    const m = real.length, n = fake.length, G = o.groupCount;
    const outputs = 4 + (m + n) * (1 + (o.gradients ? 2 : 0) + (o.perSample ? 2 : 0) + (o.rewards ? 2 : 0))
      + (o.rewards ? n : 0) + 4 * G;
    const weightBytes = 8 * ((o.weightsReal ? m : 0) + (o.weightsFake ? n : 0));
    const groupBytes = o.groupsReal ? Math.ceil(4 * (m + n) / 8) * 8 : 0;
    const s = stage(real, fake, outputs, false, 80 + weightBytes + groupBytes);
    const settings = s.extra, weightsAt = settings + 80, groupsAt = weightsAt + weightBytes;
    const heap = glue.HEAPF64;
    heap.set([o.relativism, o.loss, o.normalization, o.detachMean ? 1 : 0, o.temperature, o.margin,
      o.gradients ? 1 : 0, o.perSample ? 1 : 0, o.rewards ? 1 : 0, G], settings / 8);
    if (o.weightsReal) heap.set(o.weightsReal, weightsAt / 8);
    if (o.weightsFake) heap.set(o.weightsFake, weightsAt / 8 + (o.weightsReal ? m : 0));
    if (o.groupsReal && o.groupsFake) {
      glue.HEAP32.set(o.groupsReal, groupsAt / 4);
      glue.HEAP32.set(o.groupsFake, groupsAt / 4 + m);
    }
    const code = glue._rc_family(s.real, o.weightsReal ? weightsAt : 0, o.groupsReal ? groupsAt : 0, m,
      s.fake, o.weightsFake ? weightsAt + (o.weightsReal ? 8 * m : 0) : 0, o.groupsFake ? groupsAt + 4 * m : 0, n,
      settings, s.out);
    if (code !== 0) fail(code, real, fake, s.out);
    const out = s.out / 8;
    const take = reader(out + 4);
    const result: Record<string, unknown> = {
      meanReal: glue.HEAPF64[out], meanFake: glue.HEAPF64[out + 1], dLoss: glue.HEAPF64[out + 2], gLoss: glue.HEAPF64[out + 3],
      realRelative: take(m), fakeRelative: take(n),
    };
    if (o.gradients) Object.assign(result, { dGradReal: take(m), dGradFake: take(n), gGradReal: take(m), gGradFake: take(n) });
    if (o.perSample) Object.assign(result, { dLossReal: take(m), dLossFake: take(n), gLossReal: take(m), gLossFake: take(n) });
    if (o.rewards) {
      Object.assign(result, { rewardReal: take(m), rewardFake: take(n), creditReal: take(m), creditFake: take(n), advantages: take(n) });
    }
    if (G > 0) Object.assign(result, { groupDLoss: take(G), groupGLoss: take(G), groupMeanReal: take(G), groupMeanFake: take(G) });
    return result;
  }

  function losses(real: Scores, fake: Scores, options?: LossOptions): Record<string, unknown> {
    if (options === undefined) return fast(real, fake, false) as unknown as Record<string, unknown>;
    scoreKind('real', real);
    scoreKind('fake', fake);
    checkLength('real', real);
    checkLength('fake', fake);
    const settings = parseOptions(options, real, fake);
    return (settings.fast ? fast(real, fake, settings.gradients, settings.normalization) : family(real, fake, settings)) as Record<string, unknown>;
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
    losses: losses as unknown as RelativisticCritic['losses'],
    reference,
    memoryBytes: () => glue.HEAPF64.buffer.byteLength,
  };
}
