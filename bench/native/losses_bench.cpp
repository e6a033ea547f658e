// The native build of the same core (Google Benchmark): ns per score for
// the losses with and without gradients, and the memory-stream bound.
#include <benchmark/benchmark.h>

#include <cstring>
#include <random>
#include <vector>

#include "relativistic.hpp"

namespace {

struct Data {
  std::vector<double> real, fake, real_rel, fake_rel, grads;
  explicit Data(std::size_t n) : real(n), fake(n), real_rel(n), fake_rel(n), grads(4 * n) {
    std::mt19937_64 rng(1);
    std::normal_distribution<double> dist(0.0, 1.0);
    for (double& x : real) x = 1.0 + dist(rng);
    for (double& x : fake) x = -0.5 + dist(rng);
  }
};

void Losses(benchmark::State& state, bool gradients) {
  const std::size_t n = static_cast<std::size_t>(state.range(0));
  Data d(n);
  relativistic::LossOutputs out;
  out.real_relative = d.real_rel.data();
  out.fake_relative = d.fake_rel.data();
  if (gradients) {
    out.d_grad_real = d.grads.data();
    out.d_grad_fake = d.grads.data() + n;
    out.g_grad_real = d.grads.data() + 2 * n;
    out.g_grad_fake = d.grads.data() + 3 * n;
  }
  for (auto _ : state) {
    auto report = relativistic::average_losses(d.real.data(), n, d.fake.data(), n, out);
    benchmark::DoNotOptimize(report);
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * 2 * n));
}

void BM_Losses(benchmark::State& state) { Losses(state, false); }
void BM_LossesGradients(benchmark::State& state) { Losses(state, true); }

// Read one double and write one per score: the floor for any pass that
// returns the relative scores.
void BM_Stream(benchmark::State& state) {
  const std::size_t n = static_cast<std::size_t>(state.range(0));
  Data d(n);
  for (auto _ : state) {
    std::memcpy(d.real_rel.data(), d.real.data(), n * sizeof(double));
    std::memcpy(d.fake_rel.data(), d.fake.data(), n * sizeof(double));
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * 2 * n));
}

}  // namespace

BENCHMARK(BM_Losses)->Arg(8)->Arg(1000)->Arg(100000)->Arg(1000000)->Arg(10000000);
BENCHMARK(BM_LossesGradients)->Arg(8)->Arg(1000)->Arg(100000)->Arg(1000000)->Arg(10000000);
BENCHMARK(BM_Stream)->Arg(8)->Arg(1000)->Arg(100000)->Arg(1000000)->Arg(10000000);
BENCHMARK_MAIN();
