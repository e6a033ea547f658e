// The one bindings file. The hot entry points are plain C exports that take
// byte offsets into the wasm heap: a call from JS costs a few nanoseconds,
// with no embind marshalling. embind carries the module's constants.
//
// The TypeScript wrapper (js/core.ts) owns validation messages, memory and
// the idiomatic API. Nothing here throws.
#include <emscripten/bind.h>
#include <emscripten/emscripten.h>

#include <cstddef>
#include <cstdint>

#include "family.hpp"
#include "relativistic.hpp"
#include "seed_reference.hpp"

namespace {

using relativistic::ScoreCheck;
using relativistic::ScoreError;

// 0 when both sides are valid; else error + 4 * side (0 real, 1 fake), with
// the offending index written to status_index.
int status(const ScoreCheck& real, const ScoreCheck& fake, double* status_index) {
  if (real.error != ScoreError::none) {
    *status_index = static_cast<double>(real.index);
    return static_cast<int>(real.error);
  }
  if (fake.error != ScoreError::none) {
    *status_index = static_cast<double>(fake.index);
    return static_cast<int>(fake.error) + 4;
  }
  return 0;
}

// out: meanReal, meanFake, dLoss, gLoss, then realRelative (m), fakeRelative
// (n) and, with gradients, dGradReal (m), dGradFake (n), gGradReal (m),
// gGradFake (n). out[0] holds the index when the status is not 0.
template <class Score>
int average_losses(const Score* real, std::size_t m, const Score* fake, std::size_t n,
                   double* out, int gradients, int normalization) {
  double* cursor = out + 4;
  relativistic::LossOutputs outputs;
  outputs.real_relative = cursor;
  outputs.fake_relative = cursor + m;
  if (gradients) {
    outputs.d_grad_real = cursor + m + n;
    outputs.d_grad_fake = cursor + 2 * m + n;
    outputs.g_grad_real = cursor + 2 * m + 2 * n;
    outputs.g_grad_fake = cursor + 3 * m + 2 * n;
  }
  const relativistic::LossReport report = relativistic::average_losses(
      real, m, fake, n, outputs, static_cast<relativistic::Normalization>(normalization));
  if (!report.ok()) return status(report.real, report.fake, out);
  out[0] = report.summary.mean_real;
  out[1] = report.summary.mean_fake;
  out[2] = report.summary.d_loss;
  out[3] = report.summary.g_loss;
  return 0;
}

}  // namespace

extern "C" {

// normalization: 0 pooled, 1 half-sum, 2 sum (relativistic::Normalization).
EMSCRIPTEN_KEEPALIVE int rc_average_losses_f64(const double* real, std::size_t m, const double* fake,
                                               std::size_t n, double* out, int gradients, int normalization) {
  return average_losses(real, m, fake, n, out, gradients, normalization);
}

EMSCRIPTEN_KEEPALIVE int rc_average_losses_f32(const float* real, std::size_t m, const float* fake,
                                               std::size_t n, double* out, int gradients, int normalization) {
  return average_losses(real, m, fake, n, out, gradients, normalization);
}

// out: d_loss, g_loss, then real_relative (m), fake_relative (n).
EMSCRIPTEN_KEEPALIVE int rc_seed_reference(const double* real, std::size_t m, const double* fake,
                                           std::size_t n, double* out) {
  const int code = status(relativistic::check_scores(real, m), relativistic::check_scores(fake, n), out);
  if (code != 0) return code;
  const relativistic::SeedSummary s =
      relativistic::seed_reference(real, m, fake, n, out + 2, out + 2 + m);
  out[0] = s.d_loss;
  out[1] = s.g_loss;
  return 0;
}

// The family (cpp/family.hpp); the wrapper validates options, this the scores. settings: the
// relativism, loss and normalization codes, detachMean, temperature, margin,
// then flags gradients, perSample, rewards and the group count (0: none).
// Weights and groups are 0 when absent. out: meanReal, meanFake, dLoss,
// gLoss, realRelative (m), fakeRelative (n), then, when asked for, the four
// gradients (m, n, m, n), the four per-sample terms (m, n, m, n), rewards
// (rewardReal m, rewardFake n, creditReal m, creditFake n, advantages n) and
// per group dLoss, gLoss, meanReal, meanFake (G each).
EMSCRIPTEN_KEEPALIVE int rc_family(const double* real, const double* real_weights, const std::int32_t* real_groups,
                                    std::size_t m, const double* fake, const double* fake_weights,
                                    const std::int32_t* fake_groups, std::size_t n, const double* settings,
                                    double* out) {
  const int code = status(relativistic::check_scores(real, m), relativistic::check_scores(fake, n), out);
  if (code != 0) return code;
  relativistic::FamilyOptions options;
  options.relativism = static_cast<relativistic::Relativism>(static_cast<int>(settings[0]));
  options.loss = static_cast<relativistic::LossKind>(static_cast<int>(settings[1]));
  options.normalization = static_cast<relativistic::Normalization>(static_cast<int>(settings[2]));
  options.detach_mean = settings[3] != 0.0;
  options.temperature = settings[4];
  options.margin = settings[5];
  const bool gradients = settings[6] != 0.0, terms = settings[7] != 0.0, rewards = settings[8] != 0.0;
  const std::size_t group_count = static_cast<std::size_t>(settings[9]);

  double* cursor = out + 4;
  auto take = [&cursor](std::size_t count) { double* p = cursor; cursor += count; return p; };
  relativistic::FamilyOutputs o;
  o.real_relative = take(m);
  o.fake_relative = take(n);
  if (gradients) {
    o.d_grad_real = take(m); o.d_grad_fake = take(n); o.g_grad_real = take(m); o.g_grad_fake = take(n);
  }
  if (terms) {
    o.d_term_real = take(m); o.d_term_fake = take(n); o.g_term_real = take(m); o.g_term_fake = take(n);
  }
  relativistic::RewardOutputs r;
  if (rewards) {
    r.reward_real = take(m); r.reward_fake = take(n); r.credit_real = take(m); r.credit_fake = take(n);
    r.advantages = take(n);
  }
  relativistic::GroupOutputs g;
  if (group_count > 0) {
    g.d_loss = take(group_count); g.g_loss = take(group_count);
    g.mean_real = take(group_count); g.mean_fake = take(group_count);
  }
  const relativistic::FamilySummary s = relativistic::grouped_losses(
      real, real_weights, real_groups, m, fake, fake_weights, fake_groups, n,
      group_count > 0 ? group_count : 1, options, o, r, g);
  out[0] = s.mean_real;
  out[1] = s.mean_fake;
  out[2] = s.d_loss;
  out[3] = s.g_loss;
  return 0;
}

}  // extern "C"

EMSCRIPTEN_BINDINGS(relativistic_critic) {
  emscripten::constant("maxAbsScore", relativistic::kMaxAbsScore);
}
