// The one embind file: raw entry points over buffers in the wasm heap.
//
// The TypeScript wrapper (js/core.ts) owns validation, memory and the
// idiomatic API; these functions only translate heap offsets into the
// core's pointers. Nothing here throws: the wrapper checks its arguments
// before calling.
#include <emscripten/bind.h>

#include <cstddef>
#include <cstdint>

#include "relativistic.hpp"
#include "seed_reference.hpp"

namespace {

using relativistic::LossOutputs;
using relativistic::LossSummary;
using relativistic::ScoreCheck;

double* f64(std::uintptr_t offset) { return reinterpret_cast<double*>(offset); }

// Returns the ScoreError code and writes the offending index to *index_out.
int check_scores(std::uintptr_t scores, std::size_t count, std::uintptr_t index_out) {
  const ScoreCheck check = relativistic::check_scores(f64(scores), count);
  *f64(index_out) = static_cast<double>(check.index);
  return static_cast<int>(check.error);
}

// out: meanReal, meanFake, dLoss, gLoss, then realRelative (m), fakeRelative
// (n) and, with gradients, dGradReal (m), dGradFake (n), gGradReal (m),
// gGradFake (n).
void average_losses(std::uintptr_t real, std::size_t m, std::uintptr_t fake,
                    std::size_t n, std::uintptr_t out, bool gradients) {
  double* cursor = f64(out) + 4;
  LossOutputs outputs;
  outputs.real_relative = cursor;
  outputs.fake_relative = cursor + m;
  if (gradients) {
    outputs.d_grad_real = cursor + m + n;
    outputs.d_grad_fake = cursor + 2 * m + n;
    outputs.g_grad_real = cursor + 2 * m + 2 * n;
    outputs.g_grad_fake = cursor + 3 * m + 2 * n;
  }
  const LossSummary s = relativistic::average_losses(f64(real), m, f64(fake), n, outputs);
  double* summary = f64(out);
  summary[0] = s.mean_real;
  summary[1] = s.mean_fake;
  summary[2] = s.d_loss;
  summary[3] = s.g_loss;
}

// out: d_loss, g_loss, then real_relative (m), fake_relative (n).
void seed_reference(std::uintptr_t real, std::size_t m, std::uintptr_t fake,
                    std::size_t n, std::uintptr_t out) {
  double* o = f64(out);
  const relativistic::SeedSummary s =
      relativistic::seed_reference(f64(real), m, f64(fake), n, o + 2, o + 2 + m);
  o[0] = s.d_loss;
  o[1] = s.g_loss;
}

}  // namespace

EMSCRIPTEN_BINDINGS(relativistic_critic) {
  emscripten::function("_checkScores", &check_scores);
  emscripten::function("_averageLosses", &average_losses);
  emscripten::function("_seedReference", &seed_reference);
  emscripten::constant("_maxAbsScore", relativistic::kMaxAbsScore);
}
