// Exact relativistic average losses on two-lane vectors: double-double
// means, one exp and one log1p per score shared by both losses and both
// sigmoids, sums blocked and carried in double-double.
#include "relativistic.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

#include "double_double.hpp"
#include "vector_math.hpp"

namespace relativistic {

using simd::f64x2;
using simd::i64x2;

template <class Score>
ScoreCheck check_scores(const Score* scores, std::size_t count) {
  if (count == 0) return {ScoreError::empty, 0};
  for (std::size_t i = 0; i < count; ++i) {
    const double x = scores[i];
    if (!std::isfinite(x)) return {ScoreError::not_finite, i};
    if (std::fabs(x) > kMaxAbsScore) return {ScoreError::too_large, i};
  }
  return {};
}

namespace {

// Lane sums are flushed into double-double every kBlock pairs, so a plain
// lane sum never holds more than 128 non-negative terms (error <= 127 ulps
// of the block, far inside 1e-12) and the totals lose nothing.
constexpr std::size_t kBlock = 128;

inline f64x2 load2(const double* p) { f64x2 v; std::memcpy(&v, p, sizeof v); return v; }
inline f64x2 load2(const float* p) {
  simd::f32x2 v;
  std::memcpy(&v, p, sizeof v);
  return __builtin_convertvector(v, f64x2);  // exact widening
}
inline void store2(double* p, f64x2 v) { std::memcpy(p, &v, sizeof v); }

inline DoubleDouble add_lanes(DoubleDouble total, f64x2 v) { return add(add(total, v[0]), v[1]); }

struct SideSum {
  DoubleDouble sum;
  double magnitude = 0.0;  // sum |x|, to tell when the sum cancels
  bool in_range = true;    // every score finite with |x| <= kMaxAbsScore
};

// Sum2 (TwoSum with the errors summed apart) per lane inside a block, the
// blocks gathered in double-double; the range check rides along.
template <class Score>
SideSum sum_side(const Score* scores, std::size_t count) {
  SideSum side;
  i64x2 bad = {0, 0};
  f64x2 magnitude = simd::splat(0.0);
  std::size_t i = 0;
  while (i + 1 < count) {
    f64x2 hi = simd::splat(0.0), lo = simd::splat(0.0);
    const std::size_t end = std::min(count & ~std::size_t{1}, i + 2 * kBlock);
    for (; i < end; i += 2) {
      const f64x2 x = load2(scores + i);
      const f64x2 s = hi + x, b = s - hi;
      lo += (hi - (s - b)) + (x - b);
      hi = s;
      const f64x2 ax = simd::abs(x);
      magnitude += ax;
      bad |= ~(ax <= kMaxAbsScore);  // NaN compares false
    }
    side.sum = add(add_lanes(side.sum, hi), lo[0] + lo[1]);
  }
  double magnitude_total = magnitude[0] + magnitude[1];
  if (i < count) {
    const double x = scores[i];
    side.sum = add(side.sum, x);
    magnitude_total += std::fabs(x);
    if (!(std::fabs(x) <= kMaxAbsScore)) bad[0] = -1;
  }
  side.magnitude = magnitude_total;
  side.in_range = (bad[0] | bad[1]) == 0;
  return side;
}

template <class Score>
DoubleDouble mean_of(const SideSum& side, const Score* scores, std::size_t count) {
  DoubleDouble total = side.sum;
  // Double-double loses digits only when the scores cancel: its error is
  // about count * 2^-106 * sum |x|. Past 20 bits of cancellation, sum exactly.
  if (std::fabs(total.hi) <= 0x1p-20 * side.magnitude) {
    std::vector<double> widened(scores, scores + count);
    total = exact_sum(widened.data(), count);
  }
  return divide(total, static_cast<double>(count));
}

// Sums over one side (real or fake) of the terms both losses need.
struct SideTerms {
  DoubleDouble shared;       // sum log1p(e^-|x|)
  DoubleDouble up;           // sum (|x| + x) = 2 sum max(x, 0)
  DoubleDouble down;         // sum (|x| - x) = 2 sum max(-x, 0)
  DoubleDouble sigmoid_pos;  // sum sigmoid(x)
  DoubleDouble sigmoid_neg;  // sum sigmoid(-x) = sum (1 - sigmoid(x))

  // sum softplus(-x) and sum softplus(x): sums of non-negative terms.
  DoubleDouble softplus_neg() const { return add(shared, DoubleDouble{down.hi * 0.5, down.lo * 0.5}); }
  DoubleDouble softplus_pos() const { return add(shared, DoubleDouble{up.hi * 0.5, up.lo * 0.5}); }
};

// Per pair of scores: x = score - other_mean (the double-double mean keeps
// a common offset of 1e12 from eating its digits) and softplus(+-x) =
// max(+-x, 0) + log1p(e^-|x|), summed as three non-negative sums:
// sum log1p(e^-|x|), sum (|x| + x) = 2 sum max(x, 0) and sum (|x| - x).
// With gradients, sigmoid(-x) and sigmoid(x) go to sig_neg / sig_pos, to be
// finished into gradients afterwards.
template <bool kGradients>
struct SidePass {
  f64x2 mu_hi, mu_lo;
  f64x2 shared = simd::splat(0.0), up = simd::splat(0.0), down = simd::splat(0.0);
  f64x2 s_pos = simd::splat(0.0), s_neg = simd::splat(0.0);

  struct Step {
    f64x2 x, shared, up, down, s_pos, s_neg;
  };

  Step terms(f64x2 score) const {
    Step st;
    st.x = (score - mu_hi) - mu_lo;
    const f64x2 t = simd::abs(st.x);
    const f64x2 e = simd::exp_neg(t);
    const f64x2 u = 1.0 + e;
    const f64x2 sig_abs = 1.0 / u;  // sigmoid(|x|)
    st.shared = simd::log1p_unit(e, u, sig_abs);
    st.up = t + st.x;    // exact: 2x or 0
    st.down = t - st.x;  // exact: 0 or -2x
    if constexpr (kGradients) {
      const f64x2 small = e * sig_abs;  // sigmoid(-|x|)
      const i64x2 positive = st.x >= 0.0;
      st.s_pos = simd::select(positive, sig_abs, small);
      st.s_neg = simd::select(positive, small, sig_abs);
    }
    return st;
  }

  void add(const Step& st) {
    shared += st.shared;
    up += st.up;
    down += st.down;
    if constexpr (kGradients) {
      s_pos += st.s_pos;
      s_neg += st.s_neg;
    }
  }

  void flush(SideTerms& terms) {
    terms.shared = add_lanes(terms.shared, shared);
    terms.up = add_lanes(terms.up, up);
    terms.down = add_lanes(terms.down, down);
    if constexpr (kGradients) {
      terms.sigmoid_pos = add_lanes(terms.sigmoid_pos, s_pos);
      terms.sigmoid_neg = add_lanes(terms.sigmoid_neg, s_neg);
    }
    shared = up = down = s_pos = s_neg = simd::splat(0.0);
  }
};

template <bool kGradients, class Score>
SideTerms relative_side(const Score* scores, std::size_t count, DoubleDouble other_mean,
                        double* relative, double* sig_neg, double* sig_pos) {
  SideTerms terms;
  SidePass<kGradients> pass{simd::splat(other_mean.hi), simd::splat(other_mean.lo)};
  std::size_t i = 0;
  const std::size_t pairs_end = count & ~std::size_t{1};
  while (i < pairs_end) {
    const std::size_t end = std::min(pairs_end, i + 2 * kBlock);
    for (; i < end; i += 2) {
      const auto st = pass.terms(load2(scores + i));
      pass.add(st);
      store2(relative + i, st.x);
      if constexpr (kGradients) {
        store2(sig_neg + i, st.s_neg);
        store2(sig_pos + i, st.s_pos);
      }
    }
    pass.flush(terms);
  }
  if (i < count) {  // the odd score out: both lanes hold it, lane 0 counts
    const auto st = pass.terms(simd::splat(scores[i]));
    terms.shared = add(terms.shared, st.shared[0]);
    terms.up = add(terms.up, st.up[0]);
    terms.down = add(terms.down, st.down[0]);
    relative[i] = st.x[0];
    if constexpr (kGradients) {
      terms.sigmoid_pos = add(terms.sigmoid_pos, st.s_pos[0]);
      terms.sigmoid_neg = add(terms.sigmoid_neg, st.s_neg[0]);
      sig_neg[i] = st.s_neg[0];
      sig_pos[i] = st.s_pos[0];
    }
  }
  return terms;
}

inline double total(DoubleDouble a, DoubleDouble b) { return to_double(add(a, b)); }

// grad_k = sign * (own_k + cross) / denominator, in place over own_k. Both
// terms have the same sign, so the sum loses nothing.
void finish_gradient(double* grad, std::size_t count, double cross, double denominator, double sign) {
  for (std::size_t k = 0; k < count; ++k) grad[k] = sign * ((grad[k] + cross) / denominator);
}

template <bool kGradients, class Score>
LossSummary compute(const Score* real, std::size_t m, const Score* fake, std::size_t n,
                    DoubleDouble mean_real, DoubleDouble mean_fake, const LossOutputs& out,
                    Normalization normalization) {
  // Real side: a_i, with sigmoid(-a_i) into d_grad_real and sigmoid(a_i)
  // into g_grad_real. Fake side: b_j, with sigmoid(-b_j) into g_grad_fake
  // and sigmoid(b_j) into d_grad_fake.
  const SideTerms a = relative_side<kGradients>(real, m, mean_fake, out.real_relative, out.d_grad_real, out.g_grad_real);
  const SideTerms b = relative_side<kGradients>(fake, n, mean_real, out.fake_relative, out.g_grad_fake, out.d_grad_fake);
  const double dm = static_cast<double>(m), dn = static_cast<double>(n);
  // 1/alpha and 1/beta, the weights of a real and of a fake term: exact integers.
  double da = dm + dn, db = da;
  if (normalization == Normalization::half_sum) { da = 2.0 * dm; db = 2.0 * dn; }
  if (normalization == Normalization::sum) { da = dm; db = dn; }
  LossSummary summary;
  summary.mean_real = to_double(mean_real);
  summary.mean_fake = to_double(mean_fake);
  if (normalization == Normalization::pooled) {
    summary.d_loss = total(a.softplus_neg(), b.softplus_pos()) / da;
    summary.g_loss = total(a.softplus_pos(), b.softplus_neg()) / da;
  } else {
    summary.d_loss = total(divide(a.softplus_neg(), da), divide(b.softplus_pos(), db));
    summary.g_loss = total(divide(a.softplus_pos(), da), divide(b.softplus_neg(), db));
  }
  if constexpr (kGradients) {
    // The cross terms: each mean couples a score to every score of the
    // other side (dL_D/dr_k = -(alpha s(-a_k) + beta sum_j s(b_j) / m), and
    // so on); factored by the side's own weight, beta / alpha = da / db.
    const double ra = da / db, rb = db / da;
    finish_gradient(out.d_grad_real, m, ra * (to_double(b.sigmoid_pos) / dm), da, -1.0);
    finish_gradient(out.g_grad_real, m, ra * (to_double(b.sigmoid_neg) / dm), da, +1.0);
    finish_gradient(out.d_grad_fake, n, rb * (to_double(a.sigmoid_neg) / dn), db, +1.0);
    finish_gradient(out.g_grad_fake, n, rb * (to_double(a.sigmoid_pos) / dn), db, -1.0);
  }
  return summary;
}

}  // namespace

template <class Score>
LossReport average_losses(const Score* real, std::size_t m, const Score* fake, std::size_t n,
                          const LossOutputs& out, Normalization normalization) {
  LossReport report;
  if (m == 0) report.real = {ScoreError::empty, 0};
  if (n == 0) report.fake = {ScoreError::empty, 0};
  if (!report.ok()) return report;
  const SideSum real_sum = sum_side(real, m), fake_sum = sum_side(fake, n);
  if (!real_sum.in_range) report.real = check_scores(real, m);
  if (!fake_sum.in_range) report.fake = check_scores(fake, n);
  if (!report.ok()) return report;
  const DoubleDouble mean_real = mean_of(real_sum, real, m), mean_fake = mean_of(fake_sum, fake, n);
  const bool gradients = out.d_grad_real && out.d_grad_fake && out.g_grad_real && out.g_grad_fake;
  report.summary = gradients ? compute<true>(real, m, fake, n, mean_real, mean_fake, out, normalization)
                             : compute<false>(real, m, fake, n, mean_real, mean_fake, out, normalization);
  return report;
}

double mean_score(const double* scores, std::size_t count) {
  return to_double(mean_of(sum_side(scores, count), scores, count));
}

template ScoreCheck check_scores<double>(const double*, std::size_t);
template ScoreCheck check_scores<float>(const float*, std::size_t);
template LossReport average_losses<double>(const double*, std::size_t, const double*, std::size_t, const LossOutputs&,
                                           Normalization);
template LossReport average_losses<float>(const float*, std::size_t, const float*, std::size_t, const LossOutputs&,
                                          Normalization);

}  // namespace relativistic
