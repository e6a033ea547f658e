// Seeded score samples for "Randomise": pure functions, no DOM. The same
// (spec, seed) gives the same scores on every machine, so a link can carry
// the seed instead of the data.

/** Most scores one side may draw. */
export const MAX_COUNT = 1_000_000;
/** Largest |mean| and largest spread a side may ask for. */
export const MAX_MEAN = 1e6;
export const MAX_SPREAD = 1e6;

export type Distribution = 'normal' | 'uniform' | 'bimodal';
export const DISTRIBUTIONS: readonly Distribution[] = ['normal', 'uniform', 'bimodal'];

/** `spread` is the standard deviation for every distribution. */
export interface SideSpec {
  distribution: Distribution;
  count: number;
  mean: number;
  spread: number;
}

const GOLDEN = 0x9e3779b9;
// A second odd Weyl increment (fractional part of √2): a stream that steps
// by it is a different sequence, not a shifted copy of the golden one, so
// the two sides can never overlap however many scores they draw.
const ROOT2 = 0x6a09e667;

// lowbias32 (Wellons' hash prospector): a strong 32-bit avalanche.
function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

// SplitMix32: a Weyl sequence through a bijective mixer; period 2^32.
function weyl(seed: number, increment: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + increment) >>> 0;
    return mix32(state) / 4294967296;
  };
}

/** Uniforms in [0, 1) from a 32-bit seed (coerced with `>>> 0`). */
export function rng(seed: number): () => number {
  return weyl(seed, GOLDEN);
}

const grouping = new Intl.NumberFormat('en-GB');

/** A message naming the offending field, or null if the spec is drawable. */
export function checkSpec(spec: SideSpec): string | null {
  if (!DISTRIBUTIONS.includes(spec.distribution)) {
    return `Distribution must be one of ${DISTRIBUTIONS.join(', ')}.`;
  }
  const { count, mean, spread } = spec;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > MAX_COUNT) {
    return `Count must be a whole number from 1 to ${grouping.format(MAX_COUNT)}.`;
  }
  if (typeof mean !== 'number' || !Number.isFinite(mean) || Math.abs(mean) > MAX_MEAN) {
    return `Mean must be a finite number from −${grouping.format(MAX_MEAN)} to ${grouping.format(MAX_MEAN)}.`;
  }
  if (typeof spread !== 'number' || !Number.isFinite(spread) || spread < 0 || spread > MAX_SPREAD) {
    return `Spread must be a finite number from 0 to ${grouping.format(MAX_SPREAD)}.`;
  }
  return null;
}

// Three decimals print compactly in the fields and survive text exactly.
function round3(x: number): number {
  const r = Math.round(x * 1000) / 1000;
  return r === 0 ? 0 : r; // no -0 in a text field
}

// Box–Muller; 1 − u is in (0, 1], so the log is finite.
function normal(u: () => number): number {
  const radius = Math.sqrt(-2 * Math.log(1 - u()));
  return radius * Math.cos(2 * Math.PI * u());
}

function sample(spec: SideSpec, u: () => number): Float64Array {
  const problem = checkSpec(spec);
  if (problem !== null) throw new RangeError(problem);
  const { count, mean, spread } = spec;
  const out = new Float64Array(count);
  const halfWidth = spread * Math.sqrt(3); // uniform on ±√3 σ has std σ
  for (let k = 0; k < count; k++) {
    let x: number;
    if (spec.distribution === 'normal') {
      x = mean + spread * normal(u);
    } else if (spec.distribution === 'uniform') {
      x = mean - halfWidth + 2 * halfWidth * u();
    } else {
      // Modes at ±0.8σ with std 0.6σ: variance 0.64σ² + 0.36σ² = σ².
      const centre = u() < 0.5 ? mean - 0.8 * spread : mean + 0.8 * spread;
      x = centre + 0.6 * spread * normal(u);
    }
    out[k] = round3(x);
  }
  return out;
}

/** `spec.count` scores, rounded to 3 decimals. Throws RangeError on a bad spec (see checkSpec). */
export function draw(spec: SideSpec, seed: number): Float64Array {
  return sample(spec, rng(seed));
}

/** Both sides from one seed; the fake draws do not depend on the real spec, nor the reverse. */
export function drawBoth(real: SideSpec, fake: SideSpec, seed: number): { real: Float64Array; fake: Float64Array } {
  return {
    real: draw(real, seed),
    fake: sample(fake, weyl(mix32((seed >>> 0) ^ GOLDEN), ROOT2)),
  };
}

/** A fresh seed in [1, 2^31 − 1]: short enough to show and edit. */
export function randomSeed(): number {
  const crypto = (globalThis as { crypto?: { getRandomValues?: (a: Uint32Array) => Uint32Array } }).crypto;
  let x: number;
  if (crypto?.getRandomValues !== undefined) {
    const word = new Uint32Array(1);
    crypto.getRandomValues(word);
    x = word[0]! % 0x7fffffff; // 0 .. 2^31 − 2
  } else {
    x = Math.floor(Math.random() * 0x7fffffff);
  }
  return x + 1;
}
