// Validation of losses() options: each problem is a TypeError (wrong type)
// or a RangeError (wrong value) that names the option.
import { PREFIX, describe, type Scores } from './errors.js';

export const RELATIVISMS = ['average', 'centered', 'paired', 'all-pairs', 'none'] as const;
export const LOSSES = ['logistic', 'least-squares', 'hinge'] as const;
export const NORMALIZATIONS = ['pooled', 'half-sum', 'sum'] as const;

export type Relativism = (typeof RELATIVISMS)[number];
export type LossKind = (typeof LOSSES)[number];
export type Normalization = (typeof NORMALIZATIONS)[number];
export type Weights = readonly number[] | Float64Array | Float32Array;
export type GroupIds = readonly number[] | Int32Array;

export interface LossOptions {
  /** Also return ∂loss/∂score for both losses and every score. */
  gradients?: boolean;
  /** How a score is compared: with the other side's mean (default), the centre of both means, its partner, every other-side score, or not at all (standard GAN). */
  relativism?: Relativism;
  /** The loss applied to each relative score (default logistic, as in RaSGAN). */
  loss?: LossKind;
  /** pooled: every sample weighs 1/(m+n) (default, the seed); half-sum: 1/(2m), 1/(2n) (official RaGAN code, ESRGAN); sum: 1/m, 1/n (the paper, TF-GAN). */
  normalization?: Normalization;
  /** Gradients without the dependence through the reference (ESRGAN's discriminator step). */
  detachMean?: boolean;
  /** Non-negative weight per real score; 0 masks a sample out of means and losses. */
  weightsReal?: Weights;
  /** Non-negative weight per fake score. */
  weightsFake?: Weights;
  /** Relative scores are divided by it before the loss (default 1). */
  temperature?: number;
  /** Real must beat fake by this much (default 0), as in Bradley-Terry reward models. */
  margin?: number;
  /** Also return each sample's unweighted loss terms. */
  perSample?: boolean;
  /** Also return per-sample rewards, linearised credits and GRPO advantages. */
  rewards?: boolean;
  /** Group id (0..G-1) per real score, e.g. one group per prompt. */
  groupsReal?: GroupIds;
  /** Group id per fake score; every group needs real and fake samples. */
  groupsFake?: GroupIds;
}

const KNOWN = ['gradients', 'relativism', 'loss', 'normalization', 'detachMean', 'weightsReal', 'weightsFake',
  'temperature', 'margin', 'perSample', 'rewards', 'groupsReal', 'groupsFake'];

/** Options after validation, in the form the wasm call needs. */
export interface Settings {
  gradients: boolean;
  perSample: boolean;
  rewards: boolean;
  relativism: number;
  loss: number;
  normalization: number;
  detachMean: boolean;
  temperature: number;
  margin: number;
  weightsReal?: Weights;
  weightsFake?: Weights;
  groupsReal?: GroupIds;
  groupsFake?: GroupIds;
  groupCount: number;
  /** Average logistic with nothing extra (any normalisation): the SIMD fast path serves it. */
  fast: boolean;
}

function flag(options: Record<string, unknown>, name: string): boolean {
  const v = options[name];
  if (v !== undefined && typeof v !== 'boolean') throw new TypeError(`${PREFIX}options.${name} must be a boolean, got ${describe(v)}`);
  return v === true;
}

function choice(options: Record<string, unknown>, name: string, allowed: readonly string[]): number {
  const v = options[name];
  if (v === undefined) return 0;
  if (typeof v !== 'string') throw new TypeError(`${PREFIX}options.${name} must be a string, got ${describe(v)}`);
  const code = allowed.indexOf(v);
  if (code < 0) throw new RangeError(`${PREFIX}options.${name} must be one of ${allowed.map((a) => `'${a}'`).join(', ')}, got ${JSON.stringify(v)}`);
  return code;
}

function number(options: Record<string, unknown>, name: string, fallback: number, positive: boolean): number {
  const v = options[name];
  if (v === undefined) return fallback;
  if (typeof v !== 'number') throw new TypeError(`${PREFIX}options.${name} must be a number, got ${describe(v)}`);
  if (!Number.isFinite(v) || (positive && !(v > 0))) {
    throw new RangeError(`${PREFIX}options.${name} must be a finite number${positive ? ' greater than 0' : ''}, got ${v}`);
  }
  return v;
}

function listOf(name: string, v: unknown, length: number, ints: boolean): ArrayLike<unknown> {
  const isList = Array.isArray(v) || (ints ? v instanceof Int32Array : v instanceof Float64Array || v instanceof Float32Array);
  if (!isList) {
    throw new TypeError(`${PREFIX}options.${name} must be ${ints ? 'an Int32Array or an array of integers' : 'an array of numbers, a Float64Array or a Float32Array'}, got ${describe(v)}`);
  }
  const list = v as ArrayLike<unknown>;
  if (list.length !== length) throw new RangeError(`${PREFIX}options.${name} must hold ${length} values (one per score), got ${list.length}`);
  return list;
}

function weights(options: Record<string, unknown>, name: string, length: number): Weights | undefined {
  if (options[name] === undefined) return undefined;
  const list = listOf(name, options[name], length, false);
  for (let i = 0; i < length; i++) {
    const w = list[i];
    if (typeof w !== 'number') throw new TypeError(`${PREFIX}options.${name}[${i}] must be a number, got ${describe(w)}`);
    if (!Number.isFinite(w) || w < 0) throw new RangeError(`${PREFIX}options.${name}[${i}] must be a finite number >= 0, got ${w}`);
  }
  return list as Weights;
}

function groups(options: Record<string, unknown>, name: string, length: number): GroupIds | undefined {
  if (options[name] === undefined) return undefined;
  const list = listOf(name, options[name], length, true);
  const typed = list instanceof Int32Array;   // integers already: only the sign to check
  for (let i = 0; i < length; i++) {
    const g = list[i];
    if (typed ? (g as number) < 0 : typeof g !== 'number' || !Number.isInteger(g) || g < 0 || g > 0x7fffffff) {
      throw new RangeError(`${PREFIX}options.${name}[${i}] must be a group id, an integer >= 0, got ${describe(g)}`);
    }
  }
  return list as GroupIds;
}

// Plain top-level loops: these run on every grouped call over every id.
function countGroups(ids: GroupIds, G: number): Int32Array {
  const count = new Int32Array(G);
  for (let i = 0; i < ids.length; i++) count[ids[i]]++;
  return count;
}
function weighGroups(ids: GroupIds, w: Weights, G: number): Float64Array {
  const weight = new Float64Array(G);
  for (let i = 0; i < ids.length; i++) weight[ids[i]] += w[i];
  return weight;
}

/** Per-group counts and weight sums, to check every group can be computed. */
function checkGroups(s: Settings): void {
  const G = s.groupCount;
  const tally = (ids: GroupIds, w: Weights | undefined) => {
    const count = countGroups(ids, G);
    return { count, weight: w ? weighGroups(ids, w, G) : count };
  };
  const sides = [tally(s.groupsReal!, s.weightsReal), tally(s.groupsFake!, s.weightsFake)];
  for (let g = 0; g < G; g++) {
    for (const [side, name] of [[0, 'Real'], [1, 'Fake']] as const) {
      if (sides[side].count[g] === 0) throw new RangeError(`${PREFIX}options.groups${name}: group ${g} has no ${name.toLowerCase()} sample (ids must run 0..${G - 1} on both sides)`);
      if (sides[side].weight[g] === 0) throw new RangeError(`${PREFIX}options.weights${name}: every weight of group ${g} is 0`);
    }
    if (s.relativism === 2 && sides[0].count[g] !== sides[1].count[g]) {
      throw new RangeError(`${PREFIX}options.relativism 'paired' needs as many real as fake scores in each group; group ${g} has ${sides[0].count[g]} and ${sides[1].count[g]}`);
    }
  }
}

export function parseOptions(options: unknown, real: Scores, fake: Scores): Settings {
  if (options !== undefined && (options === null || typeof options !== 'object')) {
    throw new TypeError(`${PREFIX}options must be an object, got ${describe(options)}`);
  }
  const o = (options ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (!KNOWN.includes(key)) throw new TypeError(`${PREFIX}unknown option "${key}" (known options: ${KNOWN.join(', ')})`);
  }
  const m = real.length, n = fake.length;
  const s: Settings = {
    gradients: flag(o, 'gradients'), perSample: flag(o, 'perSample'), rewards: flag(o, 'rewards'),
    detachMean: flag(o, 'detachMean'),
    relativism: choice(o, 'relativism', RELATIVISMS), loss: choice(o, 'loss', LOSSES),
    normalization: choice(o, 'normalization', NORMALIZATIONS),
    temperature: number(o, 'temperature', 1, true), margin: number(o, 'margin', 0, false),
    weightsReal: weights(o, 'weightsReal', m), weightsFake: weights(o, 'weightsFake', n),
    groupsReal: groups(o, 'groupsReal', m), groupsFake: groups(o, 'groupsFake', n),
    groupCount: 0, fast: false,
  };
  if ((s.groupsReal === undefined) !== (s.groupsFake === undefined)) {
    throw new RangeError(`${PREFIX}options.groupsReal and options.groupsFake must be given together`);
  }
  if (s.groupsReal && s.groupsFake) {
    let max = -1;
    for (const ids of [s.groupsReal, s.groupsFake]) for (let i = 0; i < ids.length; i++) max = Math.max(max, ids[i]);
    s.groupCount = max + 1;
    checkGroups(s);
  } else {
    for (const [w, name] of [[s.weightsReal, 'weightsReal'], [s.weightsFake, 'weightsFake']] as const) {
      if (w && !Array.prototype.some.call(w, (x: number) => x > 0)) throw new RangeError(`${PREFIX}options.${name}: every weight is 0`);
    }
    if (s.relativism === 2 && m !== n) {
      throw new RangeError(`${PREFIX}options.relativism 'paired' needs as many real as fake scores, got ${m} and ${n}`);
    }
  }
  // Average logistic with nothing extra, under any normalisation: the SIMD kernel serves it.
  s.fast = s.relativism === 0 && s.loss === 0 && !s.detachMean && s.temperature === 1
    && s.margin === 0 && !s.weightsReal && !s.weightsFake && !s.groupsReal && !s.perSample && !s.rewards;
  return s;
}
