// Exact relativistic average losses: double-double means, one exp and one
// log1p per score shared by both losses, compensated sums throughout.
#include "relativistic.hpp"

#include <cmath>

#include "double_double.hpp"

namespace relativistic {

ScoreCheck check_scores(const double* scores, std::size_t count) {
  if (count == 0) return {ScoreError::empty, 0};
  for (std::size_t i = 0; i < count; ++i) {
    const double x = scores[i];
    if (!std::isfinite(x)) return {ScoreError::not_finite, i};
    if (std::fabs(x) > kMaxAbsScore) return {ScoreError::too_large, i};
  }
  return {};
}

namespace {

DoubleDouble mean(const double* scores, std::size_t count) {
  DoubleDoubleSum sum;
  double magnitude = 0.0;
  for (std::size_t i = 0; i < count; ++i) {
    sum.add(scores[i]);
    magnitude += std::fabs(scores[i]);
  }
  DoubleDouble total = sum.value();
  // Double-double loses digits only when the scores cancel: its error is
  // about count * 2^-106 * sum |x|. Past 20 bits of cancellation, sum exactly.
  if (std::fabs(total.hi) <= 0x1p-20 * magnitude) total = exact_sum(scores, count);
  return divide(total, static_cast<double>(count));
}

// x - mu, rounded once: the double-double mean keeps a common offset of
// 1e12 from eating the digits of the relative score.
inline double relative_to(double x, DoubleDouble mu) {
  const DoubleDouble d = two_sum(x, -mu.hi);
  return d.hi + (d.lo - mu.lo);
}

// Sums over one side (real or fake) of the terms both losses need.
struct SideSums {
  DoubleDoubleSum softplus_neg;  // sum softplus(-x)
  DoubleDoubleSum softplus_pos;  // sum softplus(x)
  DoubleDoubleSum sigmoid_pos;   // sum sigmoid(x)
  DoubleDoubleSum sigmoid_neg;   // sum sigmoid(-x) = sum (1 - sigmoid(x))
};

// Writes x = score - other_mean for every score of one side and accumulates
// its terms. When sig_neg / sig_pos are non-null they receive sigmoid(-x)
// and sigmoid(x) per score, finished into gradients afterwards.
SideSums relative_side(const double* scores, std::size_t count,
                       DoubleDouble other_mean, double* relative,
                       double* sig_neg, double* sig_pos) {
  SideSums sums;
  for (std::size_t i = 0; i < count; ++i) {
    const double x = relative_to(scores[i], other_mean);
    relative[i] = x;
    // softplus(+-x) = max(+-x, 0) + log1p(e^-|x|): one exp and one log1p
    // serve both losses, and the same e^-|x| gives both sigmoids.
    const double e = std::exp(-std::fabs(x));
    const double shared = std::log1p(e);
    sums.softplus_neg.add(std::fmax(-x, 0.0) + shared);
    sums.softplus_pos.add(std::fmax(x, 0.0) + shared);
    if (sig_neg != nullptr) {
      const double big = 1.0 / (1.0 + e);  // sigmoid(|x|)
      const double small = e / (1.0 + e);  // sigmoid(-|x|)
      const double s_pos = x >= 0.0 ? big : small;
      const double s_neg = x >= 0.0 ? small : big;
      sums.sigmoid_pos.add(s_pos);
      sums.sigmoid_neg.add(s_neg);
      sig_neg[i] = s_neg;
      sig_pos[i] = s_pos;
    }
  }
  return sums;
}

inline double total(const SideSums& a, DoubleDoubleSum SideSums::*term,
                    const SideSums& b, DoubleDoubleSum SideSums::*other) {
  return to_double(add((a.*term).value(), (b.*other).value()));
}

// grad_k = sign * (own_k + cross) / pooled, in place over own_k. Both terms
// have the same sign, so the sum loses nothing.
void finish_gradient(double* grad, std::size_t count, double cross,
                     double pooled, double sign) {
  for (std::size_t k = 0; k < count; ++k)
    grad[k] = sign * ((grad[k] + cross) / pooled);
}

}  // namespace

LossSummary average_losses(const double* real, std::size_t m,
                           const double* fake, std::size_t n,
                           const LossOutputs& out) {
  const DoubleDouble mean_real = mean(real, m);
  const DoubleDouble mean_fake = mean(fake, n);
  const bool gradients = out.d_grad_real && out.d_grad_fake &&
                         out.g_grad_real && out.g_grad_fake;

  // Real side: a_i. sigmoid(-a_i) goes to d_grad_real, sigmoid(a_i) to
  // g_grad_real. Fake side: b_j, with sigmoid(-b_j) to g_grad_fake and
  // sigmoid(b_j) to d_grad_fake.
  const SideSums a = relative_side(real, m, mean_fake, out.real_relative,
                                   gradients ? out.d_grad_real : nullptr,
                                   gradients ? out.g_grad_real : nullptr);
  const SideSums b = relative_side(fake, n, mean_real, out.fake_relative,
                                   gradients ? out.g_grad_fake : nullptr,
                                   gradients ? out.d_grad_fake : nullptr);

  const double pooled = static_cast<double>(m) + static_cast<double>(n);
  LossSummary summary;
  summary.mean_real = to_double(mean_real);
  summary.mean_fake = to_double(mean_fake);
  summary.d_loss = total(a, &SideSums::softplus_neg, b, &SideSums::softplus_pos) / pooled;
  summary.g_loss = total(a, &SideSums::softplus_pos, b, &SideSums::softplus_neg) / pooled;

  if (gradients) {
    // The cross terms: each mean couples a score to every score of the
    // other side (notes: dL_D/dr_k = -(s(-a_k) + sum_j s(b_j) / m) / N...).
    const double dm = static_cast<double>(m), dn = static_cast<double>(n);
    finish_gradient(out.d_grad_real, m, to_double(b.sigmoid_pos.value()) / dm, pooled, -1.0);
    finish_gradient(out.g_grad_real, m, to_double(b.sigmoid_neg.value()) / dm, pooled, +1.0);
    finish_gradient(out.d_grad_fake, n, to_double(a.sigmoid_neg.value()) / dn, pooled, +1.0);
    finish_gradient(out.g_grad_fake, n, to_double(a.sigmoid_pos.value()) / dn, pooled, -1.0);
  }
  return summary;
}

}  // namespace relativistic
