// Two-lane double vectors and the exp / log1p / softplus / sigmoid kernels
// the losses need, written once with GCC/Clang vector extensions: the same
// code becomes wasm SIMD (f64x2, -msimd128) under Emscripten and SSE2 in the
// native build, so the native MPFR tests check exactly what the wasm runs.
//
// Polynomials: scripts/fit_polynomials.py (mpmath, near-minimax).
#pragma once

#include <cstdint>

namespace relativistic::simd {

typedef double f64x2 __attribute__((vector_size(16), aligned(16)));
typedef std::int64_t i64x2 __attribute__((vector_size(16), aligned(16)));
// Unsigned lanes for shifts: a logical shift is one instruction in SSE2 and
// wasm SIMD, an arithmetic one on 64-bit lanes is not.
typedef std::uint64_t u64x2 __attribute__((vector_size(16), aligned(16)));
typedef float f32x2 __attribute__((vector_size(8), aligned(8)));

inline f64x2 splat(double x) { return f64x2{x, x}; }

// Lanes of `mask` are all ones or all zeros (a vector comparison's result).
inline f64x2 select(i64x2 mask, f64x2 a, f64x2 b) {
  return (f64x2)(((i64x2)a & mask) | ((i64x2)b & ~mask));
}

inline f64x2 abs(f64x2 x) { return (f64x2)((i64x2)x & INT64_MAX); }
inline f64x2 max0(f64x2 x) { return select(x > 0.0, x, splat(0.0)); }

// exp(r) on |r| <= 0.35: degree 11, relative error 7e-18 before rounding.
inline f64x2 exp_reduced(f64x2 r) {
  constexpr double c[] = {
      1.0, 1.0, 0.500000000000002, 0.16666666666666682, 0.041666666666473465,
      0.008333333333318475, 0.0013888888956173813, 0.0001984126989301463,
      2.4801481392218248e-05, 2.755723777338061e-06, 2.763413820537965e-07,
      2.511118996532136e-08};
  // Estrin's scheme: shorter dependency chains than Horner's.
  const f64x2 r2 = r * r, r4 = r2 * r2, r8 = r4 * r4;
  const f64x2 p01 = c[0] + c[1] * r, p23 = c[2] + c[3] * r;
  const f64x2 p45 = c[4] + c[5] * r, p67 = c[6] + c[7] * r;
  const f64x2 p89 = c[8] + c[9] * r, pab = c[10] + c[11] * r;
  const f64x2 p03 = p01 + p23 * r2, p47 = p45 + p67 * r2, p8b = p89 + pab * r2;
  return p03 + p47 * r4 + p8b * r8;
}

// 2^-k for integer lanes 0 <= k <= 1022, built from the exponent bits.
inline f64x2 exp2_neg(u64x2 k) { return (f64x2)((1023 - k) << 52); }

// e^-t for t >= 0. Results in the subnormal range are rounded once.
inline f64x2 exp_neg(f64x2 t) {
  const f64x2 shifter = splat(0x1.8p52);       // adding it rounds to an integer
  // ln 2 split so that k * kLn2Hi is exact for k < 2^21.
  constexpr double kLn2Hi = 6.93147180369123816490e-01;  // 0x3fe62e42fee00000
  constexpr double kLn2Lo = 1.90821492927058770002e-10;
  constexpr double kLog2e = 1.4426950408889634;
  t = select(t < 746.0, t, splat(746.0));      // e^-746 < 2^-1075: 0 either way
  const f64x2 shifted = t * kLog2e + shifter;
  const f64x2 kd = shifted - shifter;          // round(t / ln2), exactly
  const u64x2 k = (u64x2)shifted - (u64x2)shifter;  // 0 <= k <= 1077
  // r = k ln2 - t, |r| <= ln2/2 (+ a hair): k * kLn2Hi - t is exact (Sterbenz).
  const f64x2 r = (kd * kLn2Hi - t) + kd * kLn2Lo;
  const f64x2 p = exp_reduced(r);
  // e^-t = e^r * 2^-k. Past t = 708 the result is subnormal: scale in two
  // steps so that only the last, correctly rounded product leaves the
  // normal range.
  const i64x2 subnormal = t > 708.0;
  if ((subnormal[0] | subnormal[1]) == 0) return p * exp2_neg(k);
  const u64x2 k1 = k >> 1;
  return (p * exp2_neg(k1)) * exp2_neg(k - k1);
}

// log1p(e) for 0 <= e <= 1, given u = 1 + e (rounded) and inv = 1 / u.
inline f64x2 log1p_unit(f64x2 e, f64x2 u, f64x2 inv) {
  constexpr double kLn2Hi = 6.93147180369123816490e-01;
  constexpr double kLn2Lo = 1.90821492927058770002e-10;
  constexpr double c[] = {0.666666666666667, 0.39999999999899505, 0.28571428625975487,
                          0.2222221113479508, 0.18182889125261723, 0.15331721600556042,
                          0.14616449685043406};
  // u - 1 is exact, so this is the rounding error of 1 + e, relative to u.
  const f64x2 correction = (e - (u - 1.0)) * inv;
  // u = 2^j f with f in [sqrt(2)/2, sqrt(2)]; f - 1 is exact (Sterbenz).
  const i64x2 halve = u > 1.4142135623730951;
  const f64x2 f = select(halve, u * 0.5, u);
  const f64x2 j = select(halve, splat(1.0), splat(0.0));
  // log f = log((1 + s) / (1 - s)) = 2s + s w R(w), s = (f - 1) / (f + 1), w = s^2.
  const f64x2 s = (f - 1.0) / (f + 1.0);
  const f64x2 w = s * s, w2 = w * w, w4 = w2 * w2;
  const f64x2 tail = (c[0] + c[1] * w) + (c[2] + c[3] * w) * w2 + ((c[4] + c[5] * w) + c[6] * w2) * w4;
  const f64x2 log_f = (s + s) + s * (w * tail);
  return j * kLn2Hi + (log_f + (j * kLn2Lo + correction));
}

// What one relative score x contributes: e = e^-|x|, the shared
// log1p(e) of softplus(+-x) = max(+-x, 0) + log1p(e), and 1 / (1 + e),
// which is sigmoid(|x|); sigmoid(-|x|) is e / (1 + e).
struct Terms {
  f64x2 e, shared, sig_abs;
};

inline Terms softplus_terms(f64x2 x) {
  Terms t;
  t.e = exp_neg(abs(x));
  const f64x2 u = 1.0 + t.e;
  t.sig_abs = 1.0 / u;
  t.shared = log1p_unit(t.e, u, t.sig_abs);
  return t;
}

}  // namespace relativistic::simd
