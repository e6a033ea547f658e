// Checks of the oracles themselves, so that a test failure elsewhere points
// at the library: exact conversion, precision, the gradient formulas
// (against a finite difference of the oracle's own loss), math.md's anchors,
// Python's round().
import { describe, expect, test } from 'vitest';
import {
  decimalAt, dyadic, exactDecimal, finiteDifference, oracle, oracleDecimal, oracleNumbers,
  sigmoid, softplus, type Exact,
} from './oracle';
import { rng } from './prng';
import { pyRound } from './seed-oracle';

describe('exact conversion of doubles', () => {
  test('the exact binary value, not the shortest string', () => {
    expect(exactDecimal(0.1).toString()).toBe('0.1000000000000000055511151231257827021181583404541015625');
    expect(exactDecimal(-2.5).toString()).toBe('-2.5');
    expect(exactDecimal(2 ** 70).toFixed()).toBe('1180591620717411303424');
    expect(dyadic(5e-324)).toEqual({ mantissa: 1n, exponent: -1074 });
    expect(dyadic(-12)).toEqual({ mantissa: -3n, exponent: 2 });
    const tiny = exactDecimal(5e-324);
    expect(tiny.sd()).toBe(751);            // 2^-1074 has 751 significant digits
    expect(tiny.toSignificantDigits(5).toString()).toBe('4.9407e-324');
    expect(exactDecimal(-0).isNeg() && exactDecimal(-0).isZero()).toBe(true);
  });
});

describe('softplus and sigmoid', () => {
  const C = decimalAt(50);
  test('values and limits', () => {
    expect(softplus(new C(0)).toString()).toBe(new C(2).ln().toString());
    // far left: sp(x) = e^x to 50 digits, which ln(1 + e^x) would round to 0
    expect(softplus(new C(-1000)).div(new C(-1000).exp()).minus(1).abs().lt('1e-45')).toBe(true);
    // far right: sp(x) - x = ln(1 + e^-x) = e^-x (1 - e^-x / 2 + ...), ~30 digits left at x = 41
    const y = new C(-41).exp();
    expect(softplus(new C(41)).minus(41).div(y.times(y.div(-2).plus(1))).minus(1).abs().lt('1e-28')).toBe(true);
    // the branches meet smoothly: x = +-30 and +-40 agree with the plain ln(1 + e^x)
    for (const x of [-30.5, -29.5, 39.5, 40.5]) {
      const plain = new C(1).plus(new C(x).exp()).ln();
      expect(softplus(new C(x)).minus(plain).abs().lt(plain.times('1e-35'))).toBe(true);
    }
    expect(sigmoid(new C(0)).toString()).toBe('0.5');
    expect(sigmoid(new C(-800)).div(new C(-800).exp()).minus(1).abs().lt('1e-45')).toBe(true);
    expect(sigmoid(new C(3)).plus(sigmoid(new C(-3))).minus(1).abs().lt('1e-48')).toBe(true);
  });
  test('+-2e8 is fast', () => {
    const t = performance.now();
    expect(softplus(new C(2e8)).toString()).toBe('200000000');
    expect(softplus(new C(-2e8)).lt('1e-86000000')).toBe(true);
    expect(sigmoid(new C(-2e8)).lt('1e-86000000')).toBe(true);
    expect(performance.now() - t).toBeLessThan(2000);
  });
});

describe('the oracle', () => {
  test('reproduces the anchors of math.md (pooled, r=[1,2,3], f=[0.5,0])', () => {
    const o = oracleNumbers(oracle([1, 2, 3], [0.5, 0]));
    const at6 = (xs: ArrayLike<number>) => Array.from(xs, (x) => pyRound(x, 6));
    expect(pyRound(o.dLoss, 6)).toBe(0.187481);
    expect(at6(o.dGradReal)).toEqual([-0.084273, -0.049718, -0.032126]);
    expect(at6(o.dGradFake)).toEqual([0.089381, 0.076736]);
    expect(at6(o.gGradReal)).toEqual([0.249061, 0.283615, 0.301207]);
    expect(at6(o.gGradFake)).toEqual([-0.410619, -0.423264]);
    // and the seed example's printed answer
    const s = oracleNumbers(oracle([2, 1.5, 1.8], [0.5, 0.3, 0.1]));
    expect([pyRound(s.dLoss, 6), pyRound(s.gLoss, 6)]).toEqual([0.210218, 1.676885]);
  });

  test('gradient formulas agree with a finite difference of the loss', () => {
    const C = decimalAt(90);
    const g = rng(31);
    const dec = (xs: number[]) => xs.map((x) => exactDecimal(x, C));
    const problems: [number[], number[]][] = [
      [[1, 2, 3], [0.5, 0]],
      [g.normals(4, 0, 2), g.normals(3, 0, 2)],
      [[31, 29.5], [-1, 0.25, 2]],          // a ~ 30: the region the seed clamps
      [[0.7], g.normals(5, 0, 1)],
    ];
    for (const [r, f] of problems) {
      const R = dec(r), F = dec(f);
      const formula = oracleDecimal(R, F, 90);
      const grads = { dLoss: [formula.dGradReal, formula.dGradFake], gLoss: [formula.gGradReal, formula.gGradFake] };
      for (const loss of ['dLoss', 'gLoss'] as const) {
        (['real', 'fake'] as const).forEach((side, s) => {
          grads[loss][s].forEach((want, k) => {
            const fd = finiteDifference(R, F, loss, side, k);
            const err = fd.minus(want).abs();
            expect(err.lte(want.abs().times('1e-35')), `${loss} ${side}[${k}] fd ${fd} vs ${want}`).toBe(true);
          });
        });
      }
    }
  });

  test('precision 50 (and 40 for the 50,000-score case) is ample: agrees with precision 90', () => {
    const g = rng(32);
    const problems: [number[], number[], number][] = [
      [g.normals(6).map((x) => 1e12 + x), g.normals(5).map((x) => 1e12 + x), 50],
      [g.normals(4, 370, 1), g.normals(3, -370, 1), 50],
      [[5e-324, 1e-310, 1.5], [-3e-320, 0.25], 50],
      [g.normals(30, 0.4, 3).map((x) => Math.round(x * 64) / 64), g.normals(20, -0.3, 3), 40],
    ];
    for (const [r, f, p] of problems) {
      const lo = oracle(r, f, p), hi = oracle(r, f, 90);
      const flat = (e: Exact) => [e.meanReal, e.meanFake, e.dLoss, e.gLoss, ...e.realRelative, ...e.fakeRelative,
        ...e.dGradReal, ...e.dGradFake, ...e.gGradReal, ...e.gGradFake];
      const a = flat(lo), b = flat(hi);
      a.forEach((x, i) => expect(x.minus(b[i]).abs().lte(b[i].abs().times(`1e-${p - 12}`))).toBe(true));
    }
  });
});

describe("Python's round(x, 6)", () => {
  test('exact binary value, ties to even, sign kept', () => {
    expect(pyRound(0.0078125)).toBe(0.007812);   // exact tie (1/128), 2 is even
    expect(pyRound(0.0234375)).toBe(0.023438);   // exact tie (3/128), 7 is odd: up
    expect(pyRound(-0.0078125)).toBe(-0.007812);
    expect(pyRound(1.0078125)).toBe(1.007812);
    // not ties: the double 0.0000025 is just above 2.5e-6, 0.0000035 just below 3.5e-6
    expect(pyRound(0.0000025)).toBe(0.000003);
    expect(pyRound(0.0000035)).toBe(0.000003);
    expect(pyRound(1.0000005)).toBe(1.000001);   // 1.00000050000000006988...
    expect(pyRound(2.675, 2)).toBe(2.67);        // the classic: 2.67499999999999982236431605997495353221893310546875
    expect(Object.is(pyRound(-1e-7), -0)).toBe(true);
    expect(Object.is(pyRound(-0), -0)).toBe(true);
    expect(Object.is(pyRound(1e-7), 0)).toBe(true);
    expect(pyRound(27.631021115928547)).toBe(27.631021);
    expect(pyRound(1e20)).toBe(1e20);
    expect(pyRound(123456789.0000005)).toBe(123456789.000001); // 123456789.00000050663948059082031250
  });
});
