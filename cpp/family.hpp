// The relativistic family (Jolicoeur-Martineau 2018, 2019): how scores are
// compared (relativism), which loss is applied (logistic, least squares,
// hinge), how the terms are normalised, per-sample weights, temperature,
// margin, the gradients of every combination, per-sample rewards for the
// generator and the critic, and groups (one per prompt, as RL users of a
// relativistic critic need) with GRPO-style advantages.
//
// The average logistic member with no weights, temperature or margin (any
// normalisation) is also served by average_losses(), the fast path; this
// engine is scalar.
#pragma once

#include <cstddef>
#include <cstdint>

#include "relativistic.hpp"  // Normalization

namespace relativistic {

enum class Relativism { average, centered, paired, all_pairs, none };
enum class LossKind { logistic, least_squares, hinge };

struct FamilyOptions {
  Relativism relativism = Relativism::average;
  LossKind loss = LossKind::logistic;
  Normalization normalization = Normalization::pooled;
  bool detach_mean = false;  // no gradient through the reference (ESRGAN's D step)
  double temperature = 1.0;  // relative scores are divided by it
  double margin = 0.0;       // real must beat fake by it (Bradley-Terry style)
};

// Caller-owned buffers; any may be null except the relative scores.
struct FamilyOutputs {
  double* real_relative = nullptr;  // m: A_i
  double* fake_relative = nullptr;  // n: B_j
  double* d_grad_real = nullptr;    // the four gradients, all or none
  double* d_grad_fake = nullptr;
  double* g_grad_real = nullptr;
  double* g_grad_fake = nullptr;
  double* d_term_real = nullptr;    // the four per-sample terms, all or none
  double* d_term_fake = nullptr;
  double* g_term_real = nullptr;
  double* g_term_fake = nullptr;
};

struct FamilySummary {
  double mean_real = 0.0;
  double mean_fake = 0.0;
  double d_loss = 0.0;
  double g_loss = 0.0;
};

// One group. Weights may be null (every weight 1). Preconditions (checked
// by the caller): m, n >= 1; finite scores; weights finite, >= 0 and not
// all zero on either side; m == n for paired; temperature > 0; finite margin.
FamilySummary family_losses(const double* real, const double* real_weights, std::size_t m,
                            const double* fake, const double* fake_weights, std::size_t n,
                            const FamilyOptions& options, const FamilyOutputs& out);

// Per-sample rewards and GRPO advantages, and the grouped call.
struct RewardOutputs {
  double* reward_real = nullptr;  // m: -d_term_real
  double* reward_fake = nullptr;  // n: -g_term_fake (log sigmoid for logistic)
  double* credit_real = nullptr;  // m: -(m_g + n_g) * dD/dr_i within its group
  double* credit_fake = nullptr;  // n: -(m_g + n_g) * dG/df_j within its group
  double* advantages = nullptr;   // n: (reward - group mean) / group std, or 0
};

struct GroupOutputs {
  double* d_loss = nullptr;     // G values each
  double* g_loss = nullptr;
  double* mean_real = nullptr;
  double* mean_fake = nullptr;
};

// Groups 0..group_count-1 (ids per sample; null ids: one group). Each group
// is computed on its own; the losses are the mean over groups and the
// gradients those of that mean. Preconditions as family_losses() per group.
FamilySummary grouped_losses(const double* real, const double* real_weights, const std::int32_t* real_groups,
                             std::size_t m, const double* fake, const double* fake_weights,
                             const std::int32_t* fake_groups, std::size_t n, std::size_t group_count,
                             const FamilyOptions& options, const FamilyOutputs& out,
                             const RewardOutputs& rewards, const GroupOutputs& groups);

}  // namespace relativistic
