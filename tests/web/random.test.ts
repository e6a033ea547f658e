// Seeded draws for "Randomise": reproducible, the two sides independent, and
// the moments each spec promises (spread = standard deviation throughout).
import { describe, expect, test } from 'vitest';
import { MAX_COUNT, checkSpec, draw, drawBoth, randomSeed, rng, type Distribution, type SideSpec } from '../../web/random';

const spec = (distribution: Distribution, count: number, mean = 0, spread = 1): SideSpec => ({ distribution, count, mean, spread });

function moments(xs: Float64Array) {
  const n = xs.length;
  let sum = 0;
  for (const x of xs) sum += x;
  const mean = sum / n;
  let m2 = 0, m4 = 0;
  for (const x of xs) {
    const d = (x - mean) ** 2;
    m2 += d;
    m4 += d * d;
  }
  return { n, mean, variance: m2 / (n - 1), m4: m4 / n };
}

describe('rng', () => {
  test('is deterministic per seed and differs between seeds', () => {
    const a = rng(42), b = rng(42), c = rng(43);
    const xs = Array.from({ length: 50 }, () => a());
    expect(Array.from({ length: 50 }, () => b())).toEqual(xs);
    expect(Array.from({ length: 50 }, () => c())).not.toEqual(xs);
  });

  test('coerces the seed to an unsigned 32-bit integer', () => {
    const first = (s: number) => rng(s)();
    expect(first(-1)).toBe(first(0xffffffff));
    expect(first(2 ** 32 + 5)).toBe(first(5));
  });

  test('gives uniforms in [0, 1) with the right mean and no short cycle', () => {
    const u = rng(7);
    const n = 200_000;
    let sum = 0, min = 1, max = 0;
    const seen = new Set<number>();
    for (let k = 0; k < n; k++) {
      const x = u();
      expect(x >= 0 && x < 1).toBe(true);
      sum += x;
      min = Math.min(min, x);
      max = Math.max(max, x);
      seen.add(x);
    }
    // std of a uniform is 1/√12; 4 standard errors
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(4 / Math.sqrt(12 * n));
    expect(min).toBeLessThan(1e-3);
    expect(max).toBeGreaterThan(1 - 1e-3);
    expect(seen.size).toBeGreaterThan(n * 0.99); // 32-bit outputs: few collisions
  });

  test('successive outputs are uncorrelated', () => {
    const u = rng(99);
    const n = 100_000;
    let prev = u(), sxy = 0;
    for (let k = 0; k < n; k++) {
      const x = u();
      sxy += (prev - 0.5) * (x - 0.5);
      prev = x;
    }
    // each product has std 1/12; 4 standard errors
    expect(Math.abs(sxy / n)).toBeLessThan(4 / 12 / Math.sqrt(n));
  });
});

describe('draw', () => {
  test('is deterministic for a spec and seed', () => {
    const s = spec('normal', 500, 1, 2);
    expect(draw(s, 123)).toEqual(draw(s, 123));
    expect(draw(s, 124)).not.toEqual(draw(s, 123));
  });

  test('returns count values rounded to 3 decimals, with no -0', () => {
    for (const d of ['normal', 'uniform', 'bimodal'] as const) {
      const xs = draw(spec(d, 5000, 0, 0.002), 5);
      expect(xs).toBeInstanceOf(Float64Array);
      expect(xs.length).toBe(5000);
      let zeros = 0;
      for (const x of xs) {
        expect(Math.round(x * 1000) / 1000).toBe(x);
        expect(Number(String(x))).toBe(x); // survives a text field exactly
        if (x === 0) {
          zeros++;
          expect(Object.is(x, -0)).toBe(false);
        }
      }
      expect(zeros).toBeGreaterThan(0); // tiny spread: many values round to ±0
    }
  });

  test('a zero spread gives the mean, rounded', () => {
    expect(Array.from(draw(spec('normal', 3, 1.23456, 0), 1))).toEqual([1.235, 1.235, 1.235]);
    expect(Array.from(draw(spec('bimodal', 2, -0.0001, 0), 1))).toEqual([0, 0]);
  });

  const N = 200_000;
  for (const d of ['normal', 'uniform', 'bimodal'] as const) {
    test(`${d}: sample mean and variance match the spec within 4 standard errors`, () => {
      const mean = 2.5, sd = 1.5;
      const m = moments(draw(spec(d, N, mean, sd), 2024));
      expect(Math.abs(m.mean - mean)).toBeLessThan((4 * sd) / Math.sqrt(N));
      // standard error of a variance estimate: √((μ4 − σ⁴) / n); rounding to
      // 1e-3 adds 1e-6/12 to the variance, negligible here
      const seVar = Math.sqrt((m.m4 - m.variance ** 2) / N);
      expect(Math.abs(m.variance - sd * sd)).toBeLessThan(4 * seVar);
    });
  }

  test('normal: about 95.4% of draws within 2 sd, and tails exist', () => {
    const xs = draw(spec('normal', N, 0, 1), 11);
    let inside = 0, far = 0;
    for (const x of xs) {
      if (Math.abs(x) < 2) inside++;
      if (Math.abs(x) > 3.5) far++;
    }
    const p = 0.9545;
    expect(Math.abs(inside / N - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / N));
    expect(far).toBeGreaterThan(40); // expected about 93
  });

  test('uniform: stays within mean ± spread·√3 and fills it', () => {
    const xs = draw(spec('uniform', N, 10, 1), 3);
    const half = Math.sqrt(3); // 1.7320508…, so rounded values lie in ±1.732
    let min = Infinity, max = -Infinity;
    for (const x of xs) {
      min = Math.min(min, x);
      max = Math.max(max, x);
    }
    expect(min).toBeGreaterThanOrEqual(10 - 1.732);
    expect(max).toBeLessThanOrEqual(10 + 1.732);
    expect(min).toBeLessThan(10 - half + 0.01);
    expect(max).toBeGreaterThan(10 + half - 0.01);
  });

  test('bimodal: two modes at mean ± 0.8·spread, a dip at the mean', () => {
    const xs = draw(spec('bimodal', N, 0, 1), 8);
    const near = (c: number) => xs.filter((x) => Math.abs(x - c) < 0.1).length;
    // density ratio f(0.8)/f(0) = (φ(0) + φ(8/3)) / (2 φ(4/3)) ≈ 1.25 (a plain
    // normal gives 0.73); counts of ~11,000 make its error about 0.015
    expect(near(0.8) / near(0)).toBeGreaterThan(1.15);
    expect(near(-0.8) / near(0)).toBeGreaterThan(1.15);
    const below = xs.filter((x) => x < 0).length;
    expect(Math.abs(below / N - 0.5)).toBeLessThan(4 * Math.sqrt(0.25 / N));
  });

  test('throws RangeError with checkSpec’s message on a bad spec', () => {
    expect(() => draw(spec('normal', 0), 1)).toThrow(RangeError);
    expect(() => draw(spec('normal', 0), 1)).toThrow(/count/i);
  });
});

describe('drawBoth', () => {
  const real = spec('normal', 1000, 1, 1);
  const fake = spec('uniform', 1000, -1, 2);

  test('real side equals draw(real, seed); fake does not depend on the real spec', () => {
    const both = drawBoth(real, fake, 77);
    expect(both.real).toEqual(draw(real, 77));
    expect(drawBoth(spec('bimodal', 5, 3, 0.1), fake, 77).fake).toEqual(both.fake);
    expect(drawBoth(real, spec('bimodal', 10, 0, 3), 77).real).toEqual(both.real);
    expect(drawBoth(real, fake, 78).fake).not.toEqual(both.fake);
  });

  test('same spec on both sides still gives different, uncorrelated draws', () => {
    const s = spec('normal', 50_000, 0, 1);
    const { real: r, fake: f } = drawBoth(s, s, 5);
    expect(f).not.toEqual(r);
    let sxy = 0;
    for (let k = 0; k < r.length; k++) sxy += r[k]! * f[k]!;
    expect(Math.abs(sxy / r.length)).toBeLessThan(4 / Math.sqrt(r.length));
    // not a shifted copy either
    const rs = new Set(Array.from(r.subarray(0, 2000), String).map((x, k, a) => x + ',' + a[k + 1]));
    let shared = 0;
    for (let k = 0; k + 1 < 2000; k++) if (rs.has(f[k] + ',' + f[k + 1])) shared++;
    expect(shared).toBeLessThan(5);
  });
});

describe('checkSpec', () => {
  test('accepts the edges of every range', () => {
    expect(checkSpec(spec('normal', 1))).toBeNull();
    expect(checkSpec(spec('uniform', MAX_COUNT, -1e6, 1e6))).toBeNull();
    expect(checkSpec(spec('bimodal', 10, 1e6, 0))).toBeNull();
    expect(MAX_COUNT).toBe(1_000_000);
  });

  const cases: [string, Partial<SideSpec>, RegExp][] = [
    ['count 0', { count: 0 }, /^Count/],
    ['count too big', { count: MAX_COUNT + 1 }, /^Count.*1,000,000/],
    ['count not whole', { count: 2.5 }, /^Count/],
    ['count NaN', { count: NaN }, /^Count/],
    ['mean infinite', { mean: Infinity }, /^Mean/],
    ['mean too large', { mean: -1e6 - 1 }, /^Mean/],
    ['spread negative', { spread: -0.1 }, /^Spread/],
    ['spread too large', { spread: 1e6 + 1 }, /^Spread/],
    ['spread NaN', { spread: NaN }, /^Spread/],
    ['distribution unknown', { distribution: 'cauchy' as Distribution }, /^Distribution.*normal, uniform, bimodal/],
  ];
  for (const [name, change, pattern] of cases) {
    test(`names the field: ${name}`, () => {
      const message = checkSpec({ ...spec('normal', 10), ...change });
      expect(message).toMatch(pattern);
    });
  }
});

describe('randomSeed', () => {
  test('gives integers in [1, 2^31 − 1] that vary', () => {
    const seeds = Array.from({ length: 200 }, randomSeed);
    for (const s of seeds) {
      expect(Number.isInteger(s)).toBe(true);
      expect(s).toBeGreaterThanOrEqual(1);
      expect(s).toBeLessThanOrEqual(2 ** 31 - 1);
    }
    expect(new Set(seeds).size).toBeGreaterThan(190);
  });

  test('falls back to Math.random without crypto', () => {
    const saved = Object.getOwnPropertyDescriptor(globalThis, 'crypto');
    Object.defineProperty(globalThis, 'crypto', { value: undefined, configurable: true });
    const original = Math.random;
    try {
      Math.random = () => 0.999999999999;
      expect(randomSeed()).toBe(2 ** 31 - 1);
      Math.random = () => 0;
      expect(randomSeed()).toBe(1);
    } finally {
      Math.random = original;
      if (saved) Object.defineProperty(globalThis, 'crypto', saved);
    }
  });
});
