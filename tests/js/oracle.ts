// An independent high-precision oracle for the relativistic average losses.
//
// Everything here is computed from the definitions in shared/notes/math.md
// with decimal.js, never with the library's algorithm or its doubles:
//  - doubles are converted to their EXACT decimal value (new Decimal(0.1)
//    would give 0.1, which is not the double 0.1);
//  - sums of scores and the relative scores' numerators are formed exactly
//    with BigInt (every double is an integer multiple of 2^-1074), so a
//    common offset of 1e12 or a subnormal cannot lose digits; each relative
//    score and mean is then rounded once, to `precision` significant digits;
//  - softplus and sigmoid are the literal ln(1 + e^x) and 1 / (1 + e^-x),
//    with a series where 1 + e^x would round to 1.
import Decimal from 'decimal.js';

export { Decimal };
export type Dec = Decimal;
type Ctor = Decimal.Constructor;

/** Default working precision (significant digits); see the self-check in losses.test.ts. */
export const PRECISION = 50;

const ctors = new Map<number, Ctor>();
/** A Decimal constructor of its own (the global one is never touched). */
export function decimalAt(precision: number): Ctor {
  let C = ctors.get(precision);
  if (!C) {
    C = Decimal.clone({ precision, rounding: Decimal.ROUND_HALF_EVEN, minE: -9e15, maxE: 9e15 });
    ctors.set(precision, C);
  }
  return C;
}

/** x = mantissa * 2^exponent exactly, with an odd mantissa (or 0n). */
export function dyadic(x: number): { mantissa: bigint; exponent: number } {
  if (!Number.isFinite(x)) throw new RangeError(`not finite: ${x}`);
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const negative = bits >> 63n === 1n;
  const biased = Number((bits >> 52n) & 0x7ffn);
  let mantissa = bits & 0xfffffffffffffn;
  let exponent = -1074;                       // subnormal (and zero)
  if (biased !== 0) { mantissa |= 1n << 52n; exponent = biased - 1075; }
  if (mantissa === 0n) return { mantissa: 0n, exponent: 0 };
  while ((mantissa & 1n) === 0n) { mantissa >>= 1n; exponent += 1; }
  return { mantissa: negative ? -mantissa : mantissa, exponent };
}

/** The exact decimal value of M * 2^k (never rounded). */
export function exactDyadic(M: bigint, k: number, C: Ctor = decimalAt(PRECISION)): Decimal {
  if (k >= 0) return new C((M << BigInt(k)).toString());
  // M / 2^-k = M * 5^-k / 10^-k: an exact decimal with -k fraction digits.
  const digits = (M < 0n ? -M : M) * 5n ** BigInt(-k);
  const sign = M < 0n ? '-' : '';
  return new C(`${sign}${digits.toString()}e-${-k}`);
}

/** The exact decimal value of a double: exactDecimal(0.1) = 0.1000000000000000055511151231257827... */
export function exactDecimal(x: number, C: Ctor = decimalAt(PRECISION)): Decimal {
  if (Object.is(x, -0)) return new C('-0');
  const { mantissa, exponent } = dyadic(x);
  return exactDyadic(mantissa, exponent, C);
}

/** The double nearest a Decimal (JS string -> number is correctly rounded). */
export function toDouble(d: Decimal): number {
  return Number(d.toString());
}

// ---- softplus and sigmoid ----------------------------------------------

/** e^x, taken as 0 below e^-1e9 (far under any double; keeps decimal.js from crawling). */
function exp(x: Decimal): Decimal {
  const C = x.constructor as Ctor;
  return x.lt(-1e9) ? new C(0) : x.exp();
}

/** softplus(x) = ln(1 + e^x). */
export function softplus(x: Decimal): Decimal {
  const C = x.constructor as Ctor;
  if (x.gt(40)) return x.plus(softplus(x.neg()));  // ln(1 + e^x) = x + ln(1 + e^-x), exactly
  if (x.lt(-30)) {
    // 1 + e^x would drop digits of e^x: ln(1 + y) = y - y^2/2 + y^3/3 - ..., y < 1e-13,
    // summed until a term is below y 10^-(precision + 5) (a truncation would show
    // as a jump at x = -30 in a finite difference).
    const y = exp(x);
    const small = y.times(new C(10).pow(-(C.precision + 5)));
    let total = new C(0), power = y;
    for (let k = 1; power.gt(small); k++, power = power.times(y)) {
      total = k % 2 === 1 ? total.plus(power.div(k)) : total.minus(power.div(k));
    }
    return total;
  }
  return new C(1).plus(x.exp()).ln();
}

/** sigmoid(x) = 1 / (1 + e^-x); never formed as 1 - something. */
export function sigmoid(x: Decimal): Decimal {
  const C = x.constructor as Ctor;
  if (x.lt(-1e9)) return new C(0);               // < e^-1e9
  return new C(1).div(new C(1).plus(exp(x.neg())));
}

// ---- the losses ----------------------------------------------------------

export interface Exact {
  meanReal: Decimal; meanFake: Decimal;
  realRelative: Decimal[]; fakeRelative: Decimal[];
  dLoss: Decimal; gLoss: Decimal;
  dGradReal: Decimal[]; dGradFake: Decimal[]; gGradReal: Decimal[]; gGradFake: Decimal[];
}

interface Terms { spPos: Decimal; spNeg: Decimal; sPos: Decimal; sNeg: Decimal }

// softplus(+-x), sigmoid(+-x) for each relative score; equal scores share one
// evaluation (the 50,000-score case relies on this to stay fast).
function termsOf(xs: Decimal[], cache: Map<string, Terms>): Terms[] {
  return xs.map((x) => {
    const key = x.toString();
    let t = cache.get(key);
    if (!t) {
      t = { spPos: softplus(x), spNeg: softplus(x.neg()), sPos: sigmoid(x), sNeg: sigmoid(x.neg()) };
      cache.set(key, t);
    }
    return t;
  });
}

const sum = (C: Ctor, xs: Decimal[]) => xs.reduce((acc, x) => acc.plus(x), new C(0));

// The losses and gradients of math.md from the relative scores a, b, with
// general alpha, beta (pooled: alpha = beta = 1/N).
function fromRelative(C: Ctor, meanReal: Decimal, meanFake: Decimal,
                      a: Decimal[], b: Decimal[]): Exact {
  const m = a.length, n = b.length;
  const alpha = new C(1).div(m + n), beta = alpha;
  const cache = new Map<string, Terms>();
  const ta = termsOf(a, cache), tb = termsOf(b, cache);
  const spA = sum(C, ta.map((t) => t.spPos)), spNegA = sum(C, ta.map((t) => t.spNeg));
  const spB = sum(C, tb.map((t) => t.spPos)), spNegB = sum(C, tb.map((t) => t.spNeg));
  // L_D = alpha sum_i sp(-a_i) + beta sum_j sp(b_j); L_G = alpha sum_i sp(a_i) + beta sum_j sp(-b_j)
  const dLoss = alpha.times(spNegA).plus(beta.times(spB));
  const gLoss = alpha.times(spA).plus(beta.times(spNegB));
  const sA = sum(C, ta.map((t) => t.sPos)), sNegA = sum(C, ta.map((t) => t.sNeg));
  const sB = sum(C, tb.map((t) => t.sPos)), sNegB = sum(C, tb.map((t) => t.sNeg));
  // dL_D/dr_k = alpha (s(a_k) - 1) - (beta/m) sum_j s(b_j), with s(a) - 1 = -s(-a)
  const dGradReal = ta.map((t) => alpha.times(t.sNeg).neg().minus(beta.div(m).times(sB)));
  // dL_D/df_l = beta s(b_l) + (alpha/n) sum_i (1 - s(a_i)), with 1 - s(a) = s(-a)
  const dGradFake = tb.map((t) => beta.times(t.sPos).plus(alpha.div(n).times(sNegA)));
  // dL_G/df_l = beta (s(b_l) - 1) - (alpha/n) sum_i s(a_i)
  const gGradFake = tb.map((t) => beta.times(t.sNeg).neg().minus(alpha.div(n).times(sA)));
  // dL_G/dr_k = alpha s(a_k) + (beta/m) sum_j (1 - s(b_j))
  const gGradReal = ta.map((t) => alpha.times(t.sPos).plus(beta.div(m).times(sNegB)));
  return { meanReal, meanFake, realRelative: a, fakeRelative: b, dLoss, gLoss,
    dGradReal, dGradFake, gGradReal, gGradFake };
}

/**
 * The exact outputs for double scores (Float32Array values count as the
 * floats widened to double), each correct to about `precision` digits.
 */
export function oracle(real: ArrayLike<number>, fake: ArrayLike<number>,
                       precision = PRECISION): Exact {
  const C = decimalAt(precision);
  const r = Array.from(real, dyadic), f = Array.from(fake, dyadic);
  // A common scale 2^E makes every score an integer M * 2^E.
  let E = 0;
  for (const d of [...r, ...f]) if (d.mantissa !== 0n) E = Math.min(E, d.exponent);
  const ints = (ds: typeof r) => ds.map((d) => d.mantissa << BigInt(d.exponent - E));
  const R = ints(r), F = ints(f);
  const m = BigInt(R.length), n = BigInt(F.length);
  const Sr = R.reduce((s, x) => s + x, 0n), Sf = F.reduce((s, x) => s + x, 0n);
  // a_i = r_i - Sf/n = (n r_i - Sf) / n: the numerator is exact.
  const a = R.map((x) => exactDyadic(n * x - Sf, E, C).div(Number(n)));
  const b = F.map((x) => exactDyadic(m * x - Sr, E, C).div(Number(m)));
  const meanReal = exactDyadic(Sr, E, C).div(Number(m));
  const meanFake = exactDyadic(Sf, E, C).div(Number(n));
  return fromRelative(C, meanReal, meanFake, a, b);
}

/** The same, for decimal scores (any decimal, e.g. r_k + h for a finite difference). */
export function oracleDecimal(real: Decimal[], fake: Decimal[], precision: number): Exact {
  const C = decimalAt(precision);
  const meanReal = sum(C, real).div(real.length), meanFake = sum(C, fake).div(fake.length);
  return fromRelative(C, meanReal, meanFake,
    real.map((x) => new C(x).minus(meanFake)), fake.map((x) => new C(x).minus(meanReal)));
}

/**
 * Central difference (L(x + h e_k) - L(x - h e_k)) / 2h of the oracle's own
 * loss, an independent check of the gradient formulas. Error O(h^2) plus
 * O(10^-precision / h).
 */
export function finiteDifference(real: Decimal[], fake: Decimal[], loss: 'dLoss' | 'gLoss',
                                 side: 'real' | 'fake', k: number,
                                 h = '1e-25', precision = 90): Decimal {
  const C = decimalAt(precision);
  const step = new C(h);
  const at = (sign: 1 | -1) => {
    const r = real.map((x) => new C(x)), f = fake.map((x) => new C(x));
    const v = side === 'real' ? r : f;
    v[k] = v[k].plus(step.times(sign));
    return oracleDecimal(r, f, precision)[loss];
  };
  return at(1).minus(at(-1)).div(step.times(2));
}

/** The outputs as the nearest doubles. */
export function oracleNumbers(e: Exact) {
  const vec = (xs: Decimal[]) => Float64Array.from(xs, toDouble);
  return {
    meanReal: toDouble(e.meanReal), meanFake: toDouble(e.meanFake),
    dLoss: toDouble(e.dLoss), gLoss: toDouble(e.gLoss),
    realRelative: vec(e.realRelative), fakeRelative: vec(e.fakeRelative),
    dGradReal: vec(e.dGradReal), dGradFake: vec(e.dGradFake),
    gGradReal: vec(e.gGradReal), gGradFake: vec(e.gGradFake),
  };
}
