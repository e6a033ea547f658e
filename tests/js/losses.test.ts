// Accuracy of rc.losses against the decimal oracle (tests/js/oracle.ts).
//
// Tolerance, for every output: |got - exact| <= 1e-12 |exact| + 4 * 2^-1074
// (the absolute floor covers results that underflow to subnormals). "exact"
// is the oracle's value rounded to the nearest double, so an error of 0
// below means correctly rounded. The worst relative error per output and
// case kind goes to build/accuracy-js.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { init } from '../../dist/node.js';
import { oracle, oracleNumbers } from './oracle';
import { rng } from './prng';

type Rc = Awaited<ReturnType<typeof init>>;
let rc: Rc;
beforeAll(async () => { rc = await init(); });

const REL = 1e-12;
const FLOOR = 4 * 2 ** -1074;
const COLUMNS = ['means', 'relative scores', 'losses', 'dD/dr', 'dD/df', 'dG/dr', 'dG/df'] as const;
type Column = (typeof COLUMNS)[number];
const worst = new Map<string, Record<Column, number>>();

// Relative error against the correctly rounded exact value; results in the
// subnormal range are measured against the smallest normal, 2^-1022.
const relErr = (got: number, exact: number) =>
  Math.abs(got - exact) / Math.max(Math.abs(exact), 2 ** -1022);
const withinTol = (got: number, exact: number) =>
  Math.abs(got - exact) <= REL * Math.abs(exact) + FLOOR;

/** Compares every output of rc.losses with the oracle; records the worst errors under `kind`. */
function check(kind: string, real: ArrayLike<number>, fake: ArrayLike<number>, precision?: number) {
  const got = rc.losses(real as Float64Array, fake as Float64Array, { gradients: true });
  const ex = oracleNumbers(oracle(real, fake, precision));
  const m = real.length, n = fake.length;
  const vec = (a: Float64Array, b: Float64Array, len: number): [number, number][] => {
    expect(a.length).toBe(len);
    return Array.from(b, (x, i) => [a[i], x]);
  };
  const groups: Record<Column, [number, number][]> = {
    'means': [[got.meanReal, ex.meanReal], [got.meanFake, ex.meanFake]],
    'relative scores': [...vec(got.realRelative, ex.realRelative, m), ...vec(got.fakeRelative, ex.fakeRelative, n)],
    'losses': [[got.dLoss, ex.dLoss], [got.gLoss, ex.gLoss]],
    'dD/dr': vec(got.dGradReal, ex.dGradReal, m), 'dD/df': vec(got.dGradFake, ex.dGradFake, n),
    'dG/dr': vec(got.gGradReal, ex.gGradReal, m), 'dG/df': vec(got.gGradFake, ex.gGradFake, n),
  };
  const row = worst.get(kind) ?? (Object.fromEntries(COLUMNS.map((c) => [c, 0])) as Record<Column, number>);
  const failures: string[] = [];
  for (const c of COLUMNS) {
    groups[c].forEach(([g, e], i) => {
      row[c] = Math.max(row[c], relErr(g, e));
      if (!withinTol(g, e)) failures.push(`${c}[${i}]: got ${g}, exact ${e}`);
    });
  }
  worst.set(kind, row);
  expect(failures.slice(0, 8), `${kind}, m=${m}, n=${n}`).toEqual([]);
  return got;
}

const near6 = (got: number, want: number) => expect(Math.abs(got - want)).toBeLessThanOrEqual(5e-7);

describe('rc.losses matches the oracle', () => {
  test('seed example (deep-ml 268)', () => {
    const got = check('seed example', [2, 1.5, 1.8], [0.5, 0.3, 0.1]);
    near6(got.dLoss, 0.210218);  // the seed's printed answer
    near6(got.gLoss, 1.676885);
  });

  test('math.md anchor r=[1,2,3], f=[0.5,0]', () => {
    const got = check('math.md anchor', [1, 2, 3], [0.5, 0]);
    near6(got.dLoss, 0.187481);
    [-0.084273, -0.049718, -0.032126].forEach((v, i) => near6(got.dGradReal[i], v));
    [0.089381, 0.076736].forEach((v, i) => near6(got.dGradFake[i], v));
    [0.249061, 0.283615, 0.301207].forEach((v, i) => near6(got.gGradReal[i], v));
    [-0.410619, -0.423264].forEach((v, i) => near6(got.gGradFake[i], v));
  });

  const sizes: [number, number][] = [[1, 1], [2, 3], [7, 5], [64, 64], [300, 200]];
  for (const sd of [1, 5]) {
    test(`random N(0, ${sd})`, () => {
      const g = rng(100 + sd);
      for (const [m, n] of sizes) check(`N(0, ${sd})`, g.normals(m, 0, sd), g.normals(n, 0, sd));
    });
  }

  test('scores up to 1e8 in magnitude', () => {
    const g = rng(3);
    const u = (k: number) => Array.from({ length: k }, () => (2 * g.uniform() - 1) * 1e8);
    check('scores up to 1e8', u(20), u(30));
    check('scores up to 1e8', g.normals(40, 0, 3e7), g.normals(25, 5e7, 3e7));
    check('scores up to 1e8', [1e8, -1e8, 0.5], [-1e8, 1e8 - 1, 3]);  // relative scores ~ +-2e8
  });

  test('relative scores far past the seed clamp (+-30 ... +-800)', () => {
    const g = rng(4);
    for (const c of [30, 200, 700, 740, 800]) {
      // real near +c/2, fake near -c/2: a ~ +c and b ~ -c; then the mirror image.
      const hi = g.normals(6, c / 2, 0.5), lo = g.normals(9, -c / 2, 0.5);
      check('relative +-30 ... +-800', hi, lo);
      check('relative +-30 ... +-800', lo, hi);
      check('relative +-30 ... +-800', [c, -c, 0], [c / 3, -c]);
    }
  });

  test('a common offset of 1e12', () => {
    const g = rng(5);
    const off = (k: number, shift: number) => g.normals(k, 0, 1).map((x) => 1e12 + shift + x);
    check('offset 1e12', off(50, 0), off(70, -0.5));
    check('offset 1e12', off(3, 30), off(4, 0));
  });

  test('subnormal scores', () => {
    check('subnormal', [5e-324, 1e-310, -3e-320, 2.5e-308], [1e-310, -5e-324, 0]);
    check('subnormal', [5e-324, 1.5, -1e-310], [0.25, 1e-315, -2]);
    check('subnormal', [5e-324], [5e-324]);  // a = b = 0: both losses ln 2
    check('subnormal', [-0, 0], [1e-323]);
  });

  test('unequal sizes: 1 vs 400 and 400 vs 1', () => {
    const g = rng(6);
    check('unequal sizes', [g.normal()], g.normals(400, 0, 2));
    check('unequal sizes', g.normals(400, 0, 2), [g.normal()]);
  });

  test('Float32Array input (floats widened to double)', () => {
    const g = rng(7);
    const r = Float32Array.from(g.normals(33, 0.2, 2)), f = Float32Array.from(g.normals(21, 0, 2));
    check('Float32Array', r, f);
    check('Float32Array', r, g.normals(5));
  });

  test('50,000 scores', () => {
    // 49,800 scores on a 1/64 grid (equal scores share one oracle evaluation)
    // and 200 arbitrary doubles; precision 40 is ample (see the self-check).
    const g = rng(8);
    const side = (k: number, mu: number) => [
      ...g.normals(k - 100, mu, 3).map((x) => Math.round(x * 64) / 64), ...g.normals(100, mu, 3)];
    check('50,000 scores', side(30000, 0.4), side(20000, -0.3), 40);
  });
});

afterAll(() => {
  const fmt = (x: number) => (x === 0 ? '0' : x.toExponential(1));
  const lines = [
    `Worst relative error of rc.losses against the decimal oracle, per case kind and output`,
    `(0 = correctly rounded; tolerance 1e-12 relative + 4 * 2^-1074 absolute; subnormal`,
    `results measured against 2^-1022).`, '',
    `| case | ${COLUMNS.join(' | ')} |`, `|---|${COLUMNS.map(() => '---:').join('|')}|`,
    ...[...worst].map(([kind, row]) => `| ${kind} | ${COLUMNS.map((c) => fmt(row[c])).join(' | ')} |`),
  ];
  const text = `${lines.join('\n')}\n`;
  const dir = fileURLToPath(new URL('../../build/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}accuracy-js.md`, text);
  console.log(text);
});
