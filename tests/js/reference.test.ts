// rc.reference must reproduce the seed's Python output digit for digit.
// Expected values come from hand work on the seed's formulas or from the JS
// re-derivation in seed-oracle.ts (itself checked against CPython 3.11 on
// 3,000 random cases while it was written), never from the library.
import { beforeAll, describe, expect, test } from 'vitest';
import { init } from '../../dist/node.js';
import { oracle, toDouble } from './oracle';
import { rng } from './prng';
import { seedReference, type SeedOutput } from './seed-oracle';

type Rc = Awaited<ReturnType<typeof init>>;
let rc: Rc;
beforeAll(async () => { rc = await init(); });

// Bit-for-bit equality, -0 included.
function expectSame(got: SeedOutput, want: SeedOutput, what = '') {
  expect(Array.isArray(got.real_relative) && Array.isArray(got.fake_relative)).toBe(true);
  expect(got, what).toEqual(want);
  const flat = (o: SeedOutput) => [o.d_loss, o.g_loss, ...o.real_relative, ...o.fake_relative];
  const a = flat(got), b = flat(want);
  a.forEach((x, i) => expect(Object.is(x, b[i]), `${what} #${i}: ${x} vs ${b[i]}`).toBe(true));
}

// Hand-derived answers: the means and relative scores by hand, rounded to 6
// decimals by the exact binary value; the losses from the seed's formulas
// (evaluated once with the seed's own Python code, CPython 3.11).
const HAND: [string, number[], number[], SeedOutput][] = [
  // the seed example: mean(r) = 5.3/3, mean(f) = 0.3; losses as printed by the problem
  ['seed example', [2, 1.5, 1.8], [0.5, 0.3, 0.1],
    { d_loss: 0.210218, g_loss: 1.676885, real_relative: [1.7, 1.2, 1.5], fake_relative: [-1.266667, -1.466667, -1.666667] }],
  // 1 - s(25) by subtraction keeps ~5 digits: g_loss 24.999998 (exact 25.000000); d_loss ~ 1.4e-11
  ['r=[25], f=[0]', [25], [0], { d_loss: 0, g_loss: 24.999998, real_relative: [25], fake_relative: [-25] }],
  // |relative| = 40 > 27.6: both g terms clamp at -log(1e-12) = 27.631021115928547
  ['r=[40], f=[0]', [40], [0], { d_loss: 0, g_loss: 27.631021, real_relative: [40], fake_relative: [-40] }],
  // exact ties at 6 decimals (odd multiples of 1/128), ties to even
  ['ties on real side', [0.5078125, 3.0234375], [0.5, 0.5],
    // a = 0.0078125, 2.5234375; mean(r) = 1.765625, b = -1.265625 (exact at 6 dp)
    { d_loss: 0.31583, g_loss: 1.581455, real_relative: [0.007812, 2.523438], fake_relative: [-1.265625, -1.265625] }],
  ['ties on fake side', [1], [1.0078125, 0.9921875],
    // b = +-0.0078125, a = 0: every term is ~ln 2
    { d_loss: 0.693152, g_loss: 0.693152, real_relative: [0], fake_relative: [0.007812, -0.007812] }],
  ['tie after subtraction', [2.0078125], [2],
    { d_loss: 0.689249, g_loss: 0.697061, real_relative: [0.007812], fake_relative: [-0.007812] }],
  // not ties: the double 0.0000025 lies above 2.5e-6, 0.0000035 below 3.5e-6
  ['near-ties', [0.0000025, 0.0000035], [0],
    { d_loss: 0.693146, g_loss: 0.693149, real_relative: [0.000003, 0.000003], fake_relative: [-0.000003] }],
  // round(-1e-7, 6) is -0.0 in Python
  ['negative zero', [-1e-7], [0], { d_loss: 0.693147, g_loss: 0.693147, real_relative: [-0], fake_relative: [0] }],
];

describe('rc.reference reproduces the seed', () => {
  test.each(HAND)('%s (hand-derived)', (name, real, fake, want) => {
    // the re-derivation and the library must both give the hand answer
    expectSame(seedReference(real, fake), want, `seed-oracle ${name}`);
    expectSame(rc.reference(real, fake), want, `rc.reference ${name}`);
  });

  test('300 random cases, many saturated, agree with the re-derivation', () => {
    const g = rng(41);
    let saturated = 0;
    for (let c = 0; c < 300; c++) {
      const m = 1 + g.int(10), n = 1 + g.int(10);
      const sd = [1, 5, 20, 40][c % 4];
      const real = g.normals(m, sd / 3, sd), fake = g.normals(n, -sd / 3, sd);
      const want = seedReference(real, fake);
      if ([...want.real_relative, ...want.fake_relative].some((x) => Math.abs(x) > 27.64)) saturated++;
      expectSame(rc.reference(real, fake), want, `case ${c}: real=${JSON.stringify(real)} fake=${JSON.stringify(fake)}`);
    }
    expect(saturated).toBeGreaterThan(60);   // the clamp is really exercised
  });

  test('unequal sizes, Float32Array, saturation at one side', () => {
    const g = rng(42);
    const cases: [ArrayLike<number>, ArrayLike<number>][] = [
      [[g.normal()], g.normals(300, 0, 3)],
      [g.normals(300, 0, 3), [g.normal()]],
      [Float32Array.from(g.normals(20, 1, 2)), Float32Array.from(g.normals(15, -1, 2))],
      [g.normals(8, 30, 1), g.normals(5, -1, 1)],      // every real term saturates
      [g.normals(4, 1e6, 1), g.normals(4, -1e6, 1)],   // far saturated, relative ~ +-2e6
    ];
    for (const [real, fake] of cases) {
      expectSame(rc.reference(real as number[], fake as number[]), seedReference(real, fake), `m=${real.length} n=${fake.length}`);
    }
  });

  test('seed mode differs from the exact losses where the seed loses digits', () => {
    // r=[25], f=[0]: the seed says 24.999998, the exact g_loss is 25 + 1.4e-11
    expect(rc.reference([25], [0]).g_loss).toBe(24.999998);
    const exact = toDouble(oracle([25], [0]).gLoss);
    const got = rc.losses([25], [0]).gLoss;
    expect(Math.abs(got - exact)).toBeLessThanOrEqual(1e-12 * exact);
    expect(Math.abs(got - 25)).toBeLessThan(1e-10);
    // r=[40], f=[0]: the seed clamps at 27.631021, the exact g_loss is 40
    expect(rc.reference([40], [0]).g_loss).toBe(27.631021);
    expect(Math.abs(rc.losses([40], [0]).gLoss - 40)).toBeLessThanOrEqual(40e-12);
  });
});
