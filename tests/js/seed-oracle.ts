// A JS re-derivation of the seed's Python reference solution (deep-ml 268,
// shared/seed/), operation for operation, and Python's round(x, ndigits).
//
// Python floats are IEEE doubles and + - * / are correctly rounded in both
// languages, so this reproduces the seed bit for bit, except that Math.exp /
// Math.log (V8's fdlibm ports) and CPython's libm may differ in the last ulp;
// after rounding to 6 decimals that shows only within ~1e-16 of a rounding
// boundary. sum() is left to right, as in CPython <= 3.11 (3.12 compensates).
import { Decimal, exactDecimal } from './oracle';

/** Python's round(x, ndigits) for a float: the exact binary value rounded half to even, read back. */
export function pyRound(x: number, ndigits = 6): number {
  if (!Number.isFinite(x)) return x;
  const rounded = exactDecimal(x).toDecimalPlaces(ndigits, Decimal.ROUND_HALF_EVEN);
  // Python keeps the sign of a result that rounds to zero: round(-1e-7, 6) == -0.0.
  if (rounded.isZero()) return x < 0 || Object.is(x, -0) ? -0 : 0;
  return Number(rounded.toString());
}

/** The seed's sigmoid, branch for branch. */
export function seedSigmoid(x: number): number {
  if (x >= 0) return 1.0 / (1.0 + Math.exp(-x));
  const ex = Math.exp(x);
  return ex / (1.0 + ex);
}

/** Python's max(a, b): a unless b > a. */
const pyMax = (a: number, b: number) => (b > a ? b : a);

/** CPython <= 3.11 sum() of floats: a plain left-to-right double sum from 0. */
function pySum(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s;
}

export interface SeedOutput {
  d_loss: number; g_loss: number; real_relative: number[]; fake_relative: number[];
}

/** relativistic_critic_rewards(real_scores, fake_scores) of the seed. */
export function seedReference(realIn: ArrayLike<number>, fakeIn: ArrayLike<number>): SeedOutput {
  const real = Array.from(realIn), fake = Array.from(fakeIn);
  const nReal = real.length, nFake = fake.length;
  const meanReal = pySum(real) / nReal;
  const meanFake = pySum(fake) / nFake;

  let dLoss = 0.0;
  for (const r of real) dLoss -= Math.log(pyMax(seedSigmoid(r - meanFake), 1e-12));
  for (const f of fake) dLoss -= Math.log(pyMax(1.0 - seedSigmoid(f - meanReal), 1e-12));
  dLoss /= nReal + nFake;

  let gLoss = 0.0;
  for (const f of fake) gLoss -= Math.log(pyMax(seedSigmoid(f - meanReal), 1e-12));
  for (const r of real) gLoss -= Math.log(pyMax(1.0 - seedSigmoid(r - meanFake), 1e-12));
  gLoss /= nReal + nFake;

  return {
    d_loss: pyRound(dLoss, 6),
    g_loss: pyRound(gLoss, 6),
    real_relative: real.map((r) => pyRound(r - meanFake, 6)),
    fake_relative: fake.map((f) => pyRound(f - meanReal, 6)),
  };
}
