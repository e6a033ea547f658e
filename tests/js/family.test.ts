// rc.losses over the whole relativistic family against the decimal oracle
// (family-oracle.ts, finite-difference gradients), plus grouped calls and the
// identities that hold (and, where they do not, a check that they fail).
// Tolerance everywhere: |got - exact| <= 1e-12 |exact| + 1e-15.
import { beforeAll, describe, expect, test } from 'vitest';
import { init } from '../../dist/node.js';
import { Decimal, oracle } from './oracle';
import { rng } from './prng';
import { familyOracle, toNumbers, LOSSES, NORMALIZATIONS, RELATIVISMS, type FamilyOptions, type LossKind,
  type Relativism } from './family-oracle';
import { callLosses, close, CORE_KEYS, expectMatches, GRADIENT_KEYS, GROUP_KEYS, PER_SAMPLE_KEYS,
  REWARD_KEYS, type Result } from './family-compare';

let rc: unknown;
beforeAll(async () => { rc = await init(); });
const label = (x: object) => JSON.stringify(x, (_, v) => (ArrayBuffer.isView(v) ? Array.from(v as Int32Array) : v));
const run = (real: ArrayLike<number>, fake: ArrayLike<number>, o: object) => callLosses(rc, real, fake, o);
const ALL_KEYS = [...CORE_KEYS, ...PER_SAMPLE_KEYS, ...GRADIENT_KEYS] as const;
const vec = (r: Result, k: string) => Array.from(r[k] as Float64Array);

// Random scores; hinge and least-squares inputs are redrawn until every
// argument of f1 / f2 is >= 1e-3 from its kink / zero: a finite difference
// straddling a kink is meaningless, and near the kink 1 - y loses digits in
// any double implementation (1e-16 / 1e-3 = 1e-13 relative, inside 1e-12).
function draw(seed: number, rel: Relativism, loss: LossKind, o: FamilyOptions, weighted: boolean) {
  const g = rng(seed);
  const m = 4, n = rel === 'paired' ? 4 : 3;
  for (;;) {
    const real = g.normals(m, 0.3, 1.5), fake = g.normals(n, -0.2, 1.5);
    const opts: FamilyOptions = { ...o };
    if (weighted) {   // arbitrary doubles, one weight 0 per side
      opts.weightsReal = real.map((_, i) => (i === 1 ? 0 : 0.2 + 1.6 * g.uniform()));
      opts.weightsFake = fake.map((_, j) => (j === n - 1 ? 0 : 0.2 + 1.6 * g.uniform()));
    }
    if (loss === 'logistic' || familyOracle(real, fake, opts, { gradients: false }).kinkDistance > 1e-3) {
      return { real, fake, opts };
    }
  }
}

const VARIANTS = [
  { name: 'plain', weighted: false, extra: {} },
  { name: 'weights', weighted: true, extra: {} },
  { name: 'T=0.7 margin=0.3', weighted: false, extra: { temperature: 0.7, margin: 0.3 } },
  { name: 'weights T=0.7 margin=0.3', weighted: true, extra: { temperature: 0.7, margin: 0.3 } },
];

describe('oracle self-check (independent of the library)', () => {
  test('default options: finite differences agree with the closed-form oracle.ts to 1e-30', () => {
    const g = rng(7);
    const real = g.normals(5, 0.5, 2), fake = g.normals(3, 0, 2);
    const a = familyOracle(real, fake), b = oracle(real, fake, 60);
    const near = (x: Decimal, y: Decimal) => x.minus(y).abs().lte(y.abs().times(1e-30).plus(1e-40));
    expect(near(a.dLoss, b.dLoss) && near(a.gLoss, b.gLoss)).toBe(true);
    for (const k of GRADIENT_KEYS) a[k].forEach((x, i) => expect(near(x, b[k][i]), `${k}[${i}]`).toBe(true));
  });
});

describe.each(RELATIVISMS)('relativism %s', (rel) => {
  const cases = LOSSES.flatMap((loss, li) => NORMALIZATIONS.flatMap((normalization, ni) =>
    [false, true].flatMap((detachMean) => VARIANTS.map((variant, vi) =>
      ({ loss, normalization, detachMean, variant, seed: 1000 * (RELATIVISMS.indexOf(rel) + 1) + 100 * li + 10 * ni + vi })))));
  test.each(cases)('$loss $normalization detach=$detachMean $variant.name', ({ loss, normalization, detachMean, variant, seed }) => {
    const base = { relativism: rel, loss, normalization, detachMean, ...variant.extra };
    const { real, fake, opts } = draw(seed, rel, loss, base, variant.weighted);
    const got = run(real, fake, { ...opts, gradients: true, perSample: true });
    expectMatches(got, toNumbers(familyOracle(real, fake, opts)), ALL_KEYS,
      label({ real, fake, opts }));
  });
});

describe('rewards, credits and advantages without groups (one group of m + n)', () => {
  test.each(RELATIVISMS)('%s, weighted (a weight-0 fake gets advantage 0), T=0.7, margin=0.3', (rel) => {
    const { real, fake, opts } = draw(77, rel, 'logistic', { relativism: rel, temperature: 0.7, margin: 0.3 }, true);
    const got = run(real, fake, { ...opts, rewards: true, gradients: true, perSample: true });
    expectMatches(got, toNumbers(familyOracle(real, fake, opts)), [...ALL_KEYS, ...REWARD_KEYS], label({ real, fake, opts }));
    expect((got.advantages as Float64Array)[fake.length - 1]).toBe(0);
  });
});

// Grouped calls: 4 groups, ids shuffled, uneven sizes. Group 1 (2 for paired)
// has a single fake -> advantage 0; group 3 has all reals equal and all fakes
// equal -> equal fake rewards -> advantages exactly 0 (in doubles a mean of
// equal values need not equal them, so a careless std would not be 0);
// group 0 has a weight-0 real and a weight-0 fake (advantage 0, excluded).
function grouped(seed: number, rel: Relativism, loss: LossKind, o: FamilyOptions) {
  const g = rng(seed);
  const sizesR = [2, 3, 1, 2], sizesF = rel === 'paired' ? sizesR : [3, 1, 3, 2];
  const ids = (sizes: number[]) => {
    const a = sizes.flatMap((s, k) => Array(s).fill(k));
    for (let i = a.length - 1; i > 0; i--) { const j = g.int(i + 1); [a[i], a[j]] = [a[j], a[i]]; }
    return a as number[];
  };
  const gr = ids(sizesR), gf = ids(sizesF);
  for (;;) {
    const eqR = g.normal(0.5, 1), eqF = g.normal(-0.5, 1);
    const real = gr.map((k) => (k === 3 ? eqR : g.normal(0.3, 1.5)));
    const fake = gf.map((k) => (k === 3 ? eqF : g.normal(-0.2, 1.5)));
    const first = (ids: number[]) => ids.indexOf(0);
    const opts: FamilyOptions = {
      ...o, groupsReal: Int32Array.from(gr), groupsFake: gf,          // both accepted forms
      weightsReal: gr.map((_, i) => (i === first(gr) ? 0 : 0.5 + g.uniform())),
      weightsFake: gf.map((_, j) => (j === first(gf) ? 0 : 0.5 + g.uniform())),
    };
    const e = familyOracle(real, fake, opts, { gradients: false });
    if (loss === 'logistic' || e.kinkDistance > 1e-3) return { real, fake, opts, gf };
  }
}

describe('groups: per-group losses, mean over groups, gradients / G, rewards, credits, advantages', () => {
  const combos = [
    { loss: 'logistic', normalization: 'pooled', detachMean: false },
    { loss: 'least-squares', normalization: 'half-sum', detachMean: true, temperature: 0.7, margin: 0.3 },
    { loss: 'hinge', normalization: 'sum', detachMean: false, temperature: 0.7, margin: 0.3 },
  ] as const;
  const cases = RELATIVISMS.flatMap((relativism, ri) => combos.map((c, ci) => ({ relativism, ...c, seed: 500 + 10 * ri + ci })));
  test.each(cases)('$relativism $loss $normalization detach=$detachMean', ({ seed, ...o }) => {
    const { real, fake, opts, gf } = grouped(seed, o.relativism, o.loss, o);
    const got = run(real, fake, { ...opts, rewards: true, gradients: true, perSample: true });
    const exact = toNumbers(familyOracle(real, fake, opts));
    expectMatches(got, exact, [...ALL_KEYS, ...REWARD_KEYS, ...GROUP_KEYS], label({ real, fake, opts }));
    const adv = got.advantages as Float64Array;
    const single = o.relativism === 'paired' ? 2 : 1;
    gf.forEach((k, j) => { if (k === 3 || k === single) expect(adv[j], `advantages[${j}] in group ${k}`).toBe(0); });
    expect(adv[gf.indexOf(0)], 'weight-0 fake').toBe(0);
  });
});

// Average logistic with no extras runs on the SIMD kernel under every
// normalisation (perSample sends the same call to the scalar engine).
describe('average logistic on the SIMD path: every normalisation, unequal sizes, a 1e12 offset', () => {
  const g = rng(4242);
  const cases = [
    { name: '5 vs 3', real: g.normals(5, 0.5, 2), fake: g.normals(3, -0.5, 2) },
    { name: '1 vs 40', real: g.normals(1, 1, 1), fake: g.normals(40, 0, 3) },
    { name: 'offset 1e12', real: g.normals(6, 0, 2).map((x) => 1e12 + x), fake: g.normals(9, 0, 2).map((x) => 1e12 + x) },
  ];
  test.each(NORMALIZATIONS.flatMap((normalization) => cases.map((c) => ({ normalization, ...c }))))(
    '$normalization, $name', ({ normalization, real, fake }) => {
      const exact = toNumbers(familyOracle(real, fake, { normalization }));
      const simd = run(real, fake, { normalization, gradients: true });
      expectMatches(simd, exact, [...CORE_KEYS, ...GRADIENT_KEYS], 'SIMD path');
      const scalar = run(real, fake, { normalization, gradients: true, perSample: true });
      expectMatches(scalar, exact, [...CORE_KEYS, ...GRADIENT_KEYS], 'scalar engine');
    });
});

// The default member with ascending ids takes a path of its own (each group's
// range straight through the SIMD kernel); one side shuffled takes the general one.
describe('groups, default member: ascending ids and shuffled ids', () => {
  const g = rng(808);
  const sizesR = [3, 1, 5, 2], sizesF = [2, 4, 1, 3];
  const ascending = (sizes: number[]) => sizes.flatMap((s, k) => Array<number>(s).fill(k));
  const gr = ascending(sizesR), gf = ascending(sizesF);
  const real = g.normals(gr.length, 0.5, 2), fake = g.normals(gf.length, -0.5, 2);
  const shuffled = gf.slice().reverse();
  test.each([
    ['both ascending', Int32Array.from(gr), Int32Array.from(gf)],
    ['fake ids descending', gr, shuffled],
  ] as const)('%s', (_, groupsReal, groupsFake) => {
    const opts = { groupsReal, groupsFake };
    const exact = toNumbers(familyOracle(real, fake, opts));
    for (const gradients of [false, true]) {
      const got = run(real, fake, { ...opts, gradients });
      expectMatches(got, exact, gradients ? [...CORE_KEYS, ...GRADIENT_KEYS, ...GROUP_KEYS] : [...CORE_KEYS, ...GROUP_KEYS],
        `gradients=${gradients}`);
      if (!gradients) expect(got.dGradReal).toBeUndefined();
    }
  });
});

describe('identities', () => {
  // Scores on a 1/64 grid and a shift of 8: the shifted scores are exact doubles.
  function gridCase(seed: number, rel: Relativism, loss: LossKind) {
    const g = rng(seed);
    for (;;) {
      const q = (x: number) => Math.round(x * 64) / 64;
      const real = g.normals(4, 0.3, 1.5).map(q), fake = g.normals(rel === 'paired' ? 4 : 3, 0, 1.5).map(q);
      const opts: FamilyOptions = { relativism: rel, loss, normalization: 'half-sum', temperature: 0.7, margin: 0.3,
        weightsReal: [1, 0.5, 2, 0.25], weightsFake: fake.map((_, j) => 1 + j / 4) };
      if (familyOracle(real, fake, opts, { gradients: false }).kinkDistance > 1e-3) return { real, fake, opts };
    }
  }
  const shift = (xs: number[]) => xs.map((x) => x + 8);
  const pairs = RELATIVISMS.flatMap((rel) => LOSSES.map((loss) => ({ rel, loss })));

  test.each(pairs)('translation: all scores + 8 leaves $rel/$loss unchanged (except "none")', ({ rel, loss }) => {
    const { real, fake, opts } = gridCase(42, rel, loss);
    const a = run(real, fake, { ...opts, gradients: true, perSample: true });
    const b = run(shift(real), shift(fake), { ...opts, gradients: true, perSample: true });
    if (rel === 'none') { expect(Math.abs((a.dLoss as number) - (b.dLoss as number))).toBeGreaterThan(1e-3); return; }
    const keys = ['dLoss', 'gLoss', 'realRelative', 'fakeRelative', ...PER_SAMPLE_KEYS, ...GRADIENT_KEYS];
    for (const k of keys) {
      const x = typeof a[k] === 'number' ? [a[k] as number] : vec(a, k), y = typeof b[k] === 'number' ? [b[k] as number] : vec(b, k);
      x.forEach((xi, i) => expect(close(y[i], xi), `${k}[${i}]: ${y[i]} vs ${xi}`).toBe(true));
    }
  });

  // Translation invariance (with or without weights) means the directional
  // derivative along (1, ..., 1) is 0: all components of a gradient sum to 0.
  // With detachMean the reference no longer moves, yet the sum stays 0 for
  // all-pairs (f2(-x) = f1(x) for all three losses, so each pair's real and
  // fake terms cancel) and for least-squares average/centered under half-sum
  // (a linear gradient; the weighted means of A and B cancel). It is not 0 for
  // paired with unequal weights, detached logistic average/centered, or 'none'.
  test.each(pairs)('gradient components sum to 0: $rel/$loss, weighted, half-sum', ({ rel, loss }) => {
    const { real, fake, opts } = gridCase(43, rel, loss);
    for (const detachMean of [false, true]) {
      const r = run(real, fake, { ...opts, detachMean, gradients: true });
      const zero = rel !== 'none' && (!detachMean || rel === 'all-pairs' ||
        (loss === 'least-squares' && (rel === 'average' || rel === 'centered')));
      for (const [dr, df] of [['dGradReal', 'dGradFake'], ['gGradReal', 'gGradFake']]) {
        const all = [...vec(r, dr), ...vec(r, df)];
        const s = all.reduce((t, x) => t + x, 0), scale = all.reduce((t, x) => t + Math.abs(x), 0);
        const label = `${dr}+${df} detach=${detachMean}`;
        if (zero) expect(Math.abs(s), label).toBeLessThanOrEqual(1e-13 * scale + 1e-15);
        else if (loss !== 'hinge') expect(Math.abs(s), label).toBeGreaterThan(1e-6);   // hinge sums may be 0 by counts
      }
    }
  });

  // average + logistic, T = 1, margin 0: sp(y) - sp(-y) = y gives
  // g - d = (alpha W_r + beta W_f)(mu_r - mu_f) with WEIGHTED means, so it holds
  // with weights: factor 1 for pooled and half-sum, 2 for sum. With a
  // temperature it becomes (mu_r - mu_f) / T; a margin breaks it.
  test.each([
    ['pooled', {}, 1], ['half-sum', {}, 1], ['sum', {}, 2],
    ['pooled', { temperature: 0.7 }, 1 / 0.7], ['half-sum', { temperature: 0.7 }, 1 / 0.7],
  ] as const)('g - d = c (mu_r - mu_f): %s %j', (normalization, extra, factor) => {
    const g = rng(9);
    const real = g.normals(5, 1, 2), fake = g.normals(3, -1, 2);
    for (const weights of [{}, { weightsReal: [1, 0.3, 2, 0, 1.1], weightsFake: [0.7, 1.9, 0.4] }]) {
      const r = run(real, fake, { normalization, ...extra, ...weights });
      const diff = (r.gLoss as number) - (r.dLoss as number), want = factor * ((r.meanReal as number) - (r.meanFake as number));
      expect(Math.abs(diff - want)).toBeLessThanOrEqual(1e-13 * Math.max(r.gLoss as number, r.dLoss as number));
      const withMargin = run(real, fake, { normalization, ...extra, ...weights, margin: 0.3 });
      expect(Math.abs((withMargin.gLoss as number) - (withMargin.dLoss as number) - want)).toBeGreaterThan(1e-3);
    }
  });

  test('explicit default options (and unit weights) give the results of no options', () => {
    const g = rng(11);
    const real = g.normals(6, 0.2, 2), fake = g.normals(4, 0, 2);
    const plain = run(real, fake, { gradients: true });
    const explicit = run(real, fake, { gradients: true, relativism: 'average', loss: 'logistic', normalization: 'pooled',
      detachMean: false, temperature: 1, margin: 0 });
    const unit = run(real, fake, { gradients: true, weightsReal: real.map(() => 1), weightsFake: new Float64Array(4).fill(1),
      groupsReal: real.map(() => 0), groupsFake: new Int32Array(4) });
    for (const other of [explicit, unit]) {
      for (const k of [...CORE_KEYS, ...GRADIENT_KEYS]) {
        const x = typeof plain[k] === 'number' ? [plain[k] as number] : vec(plain, k);
        const y = typeof other[k] === 'number' ? [other[k] as number] : vec(other, k);
        x.forEach((xi, i) => expect(close(y[i], xi, 1e-15, 1e-300), `${k}[${i}]: ${y[i]} vs ${xi}`).toBe(true));
      }
    }
  });
});
