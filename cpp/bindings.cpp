// The one bindings file. The hot entry points are plain C exports that take
// byte offsets into the wasm heap: a call from JS costs a few nanoseconds,
// with no embind marshalling. embind carries the module's constants.
//
// The TypeScript wrapper (js/core.ts) owns validation messages, memory and
// the idiomatic API. Nothing here throws.
#include <emscripten/bind.h>
#include <emscripten/emscripten.h>

#include <cstddef>

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
                   double* out, int gradients) {
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
  const relativistic::LossReport report = relativistic::average_losses(real, m, fake, n, outputs);
  if (!report.ok()) return status(report.real, report.fake, out);
  out[0] = report.summary.mean_real;
  out[1] = report.summary.mean_fake;
  out[2] = report.summary.d_loss;
  out[3] = report.summary.g_loss;
  return 0;
}

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE int rc_average_losses_f64(const double* real, std::size_t m, const double* fake,
                                               std::size_t n, double* out, int gradients) {
  return average_losses(real, m, fake, n, out, gradients);
}

EMSCRIPTEN_KEEPALIVE int rc_average_losses_f32(const float* real, std::size_t m, const float* fake,
                                               std::size_t n, double* out, int gradients) {
  return average_losses(real, m, fake, n, out, gradients);
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

}  // extern "C"

EMSCRIPTEN_BINDINGS(relativistic_critic) {
  emscripten::constant("maxAbsScore", relativistic::kMaxAbsScore);
}
