// The relativistic average critic losses (RaSGAN, as in deep-ml problem 268),
// computed exactly: every output within a few ulps of the exact value for
// the given double inputs.
//
// Notation: real scores r_1..r_m, fake scores f_1..f_n, N = m + n,
// relative scores a_i = r_i - mean(f) and b_j = f_j - mean(r),
//   d_loss = [ sum_i softplus(-a_i) + sum_j softplus(b_j) ] / N
//   g_loss = [ sum_i softplus(a_i)  + sum_j softplus(-b_j) ] / N
// (the pooled normalisation of the seed: every sample weighs 1 / N).
#pragma once

#include <cstddef>

namespace relativistic {

// Largest score magnitude accepted: keeps every sum of up to 2^52 scores and
// every relative score finite. Critic logits are many orders smaller.
constexpr double kMaxAbsScore = 0x1p960;

enum class ScoreError { none, empty, not_finite, too_large };

// How the terms are weighted: pooled 1/(m+n) for every term (the seed),
// half-sum 1/(2m) and 1/(2n) (the official RaGAN code, ESRGAN), sum 1/m
// and 1/n (the paper's equations, TF-GAN).
enum class Normalization { pooled, half_sum, sum };

struct ScoreCheck {
  ScoreError error = ScoreError::none;
  std::size_t index = 0;  // of the first offending score
};

// Scores are valid when there is at least one and each is finite with
// magnitude at most kMaxAbsScore. Score is double or float throughout.
template <class Score>
ScoreCheck check_scores(const Score* scores, std::size_t count);

// Caller-owned output buffers. The relative scores are required; the
// gradients are computed only when all four pointers are non-null.
struct LossOutputs {
  double* real_relative = nullptr;  // m values: a_i
  double* fake_relative = nullptr;  // n values: b_j
  double* d_grad_real = nullptr;    // m values: d d_loss / d r_i
  double* d_grad_fake = nullptr;    // n values: d d_loss / d f_j
  double* g_grad_real = nullptr;    // m values: d g_loss / d r_i
  double* g_grad_fake = nullptr;    // n values: d g_loss / d f_j
};

struct LossSummary {
  double mean_real = 0.0;
  double mean_fake = 0.0;
  double d_loss = 0.0;
  double g_loss = 0.0;
};

// What average_losses() reports: the check of each side and, when both
// pass, the results (the output buffers are written only then).
struct LossReport {
  ScoreCheck real, fake;
  LossSummary summary;
  bool ok() const { return real.error == ScoreError::none && fake.error == ScoreError::none; }
};

// Validates both sides (in the same pass that sums them) and computes.
// out.real_relative / out.fake_relative must have room for m and n values.
template <class Score>
LossReport average_losses(const Score* real, std::size_t m,
                          const Score* fake, std::size_t n,
                          const LossOutputs& out, Normalization normalization = Normalization::pooled);

// The mean of count >= 1 checked scores, computed as average_losses()
// computes its means (SIMD double-double sums, exact past cancellation).
double mean_score(const double* scores, std::size_t count);

}  // namespace relativistic
