// Identities the exact losses satisfy, checked on rc.losses' own outputs
// (no oracle): they would catch a wrong sign, a dropped cross term or a
// normalisation slip even if the oracle shared the mistake.
//   g_loss - d_loss = mean(r) - mean(f)       (sp(x) - sp(-x) = x)
//   sum of all gradient components of a loss = 0   (shift invariance)
//   dG/dr_k - dD/dr_k = +1/m, dG/df_l - dD/df_l = -1/n   (derivative of the first)
// Differences are formed exactly in decimal, so only the library's errors count.
import { beforeAll, describe, expect, test } from 'vitest';
import { init } from '../../dist/node.js';
import { Decimal, exactDecimal } from './oracle';
import { rng } from './prng';

type Rc = Awaited<ReturnType<typeof init>>;
let rc: Rc;
beforeAll(async () => { rc = await init(); });

const REL = 1e-12, FLOOR = 4 * 2 ** -1074;
const X = (x: number) => exactDecimal(x);
const abs = (x: number) => Math.abs(x);

// Hard and easy cases alike: the identities hold for any inputs.
function cases(): [string, number[], number[]][] {
  const g = rng(21);
  return [
    ['seed example', [2, 1.5, 1.8], [0.5, 0.3, 0.1]],
    ['N(0,1) 7x5', g.normals(7), g.normals(5)],
    ['N(0,5) 64x40', g.normals(64, 0, 5), g.normals(40, 0, 5)],
    ['1 vs 400', [g.normal()], g.normals(400, 0, 2)],
    ['400 vs 1', g.normals(400, 0, 2), [g.normal()]],
    ['relative ~ +-700', g.normals(5, 350, 1), g.normals(6, -350, 1)],
    ['relative ~ -+30', g.normals(5, -15, 1), g.normals(6, 15, 1)],
    ['offset 1e12', g.normals(20).map((x) => 1e12 + x), g.normals(30).map((x) => 1e12 + x)],
  ];
}

describe('identities of rc.losses', () => {
  test.each(cases())('%s: g_loss - d_loss = mean(real) - mean(fake)', (_, real, fake) => {
    const o = rc.losses(real, fake);
    const gap = X(o.gLoss).minus(X(o.dLoss)).minus(X(o.meanReal)).plus(X(o.meanFake)).abs();
    // losses within 1e-12, means within 4 ulps (the library documents a few ulps)
    const tol = REL * (abs(o.gLoss) + abs(o.dLoss)) + 2 ** -50 * (abs(o.meanReal) + abs(o.meanFake)) + FLOOR;
    expect(gap.toNumber()).toBeLessThanOrEqual(tol);
  });

  test.each(cases())('%s: the gradient of each loss sums to 0', (_, real, fake) => {
    const o = rc.losses(real, fake, { gradients: true });
    for (const parts of [[o.dGradReal, o.dGradFake], [o.gGradReal, o.gGradFake]]) {
      const all = parts.flatMap((v) => Array.from(v));
      const total = all.reduce((s, x) => s.plus(X(x)), new Decimal(0)).abs();
      const scale = all.reduce((s, x) => s + abs(x), 0);
      expect(scale).toBeGreaterThan(0);
      expect(total.toNumber()).toBeLessThanOrEqual(REL * scale + all.length * FLOOR);
    }
  });

  test.each(cases())('%s: dG - dD = +1/m on real scores, -1/n on fake scores', (_, real, fake) => {
    const o = rc.losses(real, fake, { gradients: true });
    const m = real.length, n = fake.length;
    const bad: string[] = [];
    const side = (gv: Float64Array, dv: Float64Array, want: Decimal, name: string) => gv.forEach((gk, k) => {
      const gap = X(gk).minus(X(dv[k])).minus(want).abs().toNumber();
      if (gap > REL * (abs(gk) + abs(dv[k])) + FLOOR) bad.push(`${name}[${k}]: ${gk} - ${dv[k]}`);
    });
    side(o.gGradReal, o.dGradReal, new Decimal(1).div(m), 'real');
    side(o.gGradFake, o.dGradFake, new Decimal(-1).div(n), 'fake');
    expect(bad.slice(0, 5)).toEqual([]);
  });
});

describe('invariances', () => {
  const close = (a: ArrayLike<number>, b: ArrayLike<number>, what: string) => {
    expect(a.length).toBe(b.length);
    for (let i = 0; i < a.length; i++) {
      const tol = 2 * REL * Math.max(abs(a[i]), abs(b[i])) + 2 * FLOOR;
      expect(abs(a[i] - b[i]), `${what}[${i}]: ${a[i]} vs ${b[i]}`).toBeLessThanOrEqual(tol);
    }
  };

  test.each([1024, 2 ** 40, -(2 ** 30)])('a common shift of %d changes nothing', (c) => {
    // Scores on a 2^-12 grid below 8 in magnitude: x + c is exact for these shifts,
    // so the shifted problem has exactly the same exact answer.
    const g = rng(22);
    const grid = (k: number, mu: number) => g.normals(k, mu, 2).map((x) => Math.round(x * 4096) / 4096);
    const real = grid(9, 0.5), fake = grid(13, -0.5);
    const shift = (xs: number[]) => xs.map((x) => { expect(x + c - c).toBe(x); return x + c; });
    const a = rc.losses(real, fake, { gradients: true });
    const b = rc.losses(shift(real), shift(fake), { gradients: true });
    close([a.dLoss, a.gLoss], [b.dLoss, b.gLoss], 'losses');
    for (const key of ['realRelative', 'fakeRelative', 'dGradReal', 'dGradFake', 'gGradReal', 'gGradFake'] as const) {
      close(a[key], b[key], key);
    }
  });

  const same = (a: object, b: object) => {
    expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
    for (const key of Object.keys(a)) {
      const x = (a as Record<string, unknown>)[key], y = (b as Record<string, unknown>)[key];
      if (typeof x === 'number') expect(Object.is(x, y), key).toBe(true);
      else expect(Array.from(x as Float64Array), key).toEqual(Array.from(y as Float64Array));
    }
  };

  test('Float64Array, Float32Array and number[] give identical results', () => {
    const g = rng(23);
    const real = g.normals(17, 0.3, 2), fake = g.normals(11, 0, 2);
    const opts = { gradients: true } as const;
    same(rc.losses(real, fake, opts), rc.losses(Float64Array.from(real), Float64Array.from(fake), opts));
    same(rc.losses(real, fake, opts), rc.losses(Float64Array.from(real), fake, opts));
    // Float32Array: the same as the floats widened to double, given as numbers.
    const r32 = Float32Array.from(real), f32 = Float32Array.from(fake);
    same(rc.losses(r32, f32, opts), rc.losses(Array.from(r32), Array.from(f32), opts));
    same(rc.reference(r32, f32), rc.reference(Array.from(r32), Array.from(f32)));
  });

  test('gradients only on request, and they change nothing else', () => {
    const real = [0.4, -1.2, 2.5], fake = [0.1, 0.9];
    const plain = rc.losses(real, fake);
    for (const key of ['dGradReal', 'dGradFake', 'gGradReal', 'gGradFake']) {
      expect(plain).not.toHaveProperty(key);
    }
    same(plain, rc.losses(real, fake, { gradients: false }));
    const { dGradReal, dGradFake, gGradReal, gGradFake, ...rest } = rc.losses(real, fake, { gradients: true });
    same(plain, rest);
    expect([dGradReal.length, dGradFake.length, gGradReal.length, gGradFake.length]).toEqual([3, 2, 3, 2]);
  });

  test('inputs are not modified', () => {
    const real = [3, -1, 0.25], fake = Float64Array.from([1, 2]);
    rc.losses(real, fake, { gradients: true });
    rc.reference(real, fake);
    expect(real).toEqual([3, -1, 0.25]);
    expect(Array.from(fake)).toEqual([1, 2]);
  });
});
