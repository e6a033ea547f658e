// The exact core against the MPFR oracle, anchors from the notes and the
// identities every relativistic average loss obeys.
#include "relativistic.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "oracle.hpp"

namespace {

using Scores = std::vector<double>;

struct Result {
  relativistic::LossSummary summary;
  Scores real_relative, fake_relative, d_grad_real, d_grad_fake, g_grad_real, g_grad_fake;
};

Result run(const Scores& real, const Scores& fake) {
  Result r;
  const std::size_t m = real.size(), n = fake.size();
  r.real_relative.resize(m); r.d_grad_real.resize(m); r.g_grad_real.resize(m);
  r.fake_relative.resize(n); r.d_grad_fake.resize(n); r.g_grad_fake.resize(n);
  relativistic::LossOutputs out;
  out.real_relative = r.real_relative.data();
  out.fake_relative = r.fake_relative.data();
  out.d_grad_real = r.d_grad_real.data();
  out.d_grad_fake = r.d_grad_fake.data();
  out.g_grad_real = r.g_grad_real.data();
  out.g_grad_fake = r.g_grad_fake.data();
  const relativistic::LossReport report = relativistic::average_losses(real.data(), m, fake.data(), n, out);
  EXPECT_TRUE(report.ok());
  r.summary = report.summary;
  return r;
}

// Worst relative error per case kind and output, printed as a table at exit.
std::map<std::string, std::map<std::string, double>> worst;

constexpr double kTolerance = 1e-12;

void expect_close(const std::string& kind, const std::string& what, double got, const oracle::Real& exact) {
  const double err = oracle::relative_error(got, exact);
  double& w = worst[kind][what];
  w = std::max(w, err);
  EXPECT_LE(err, kTolerance) << kind << " " << what << ": got " << got << ", exact " << exact.to_double();
}

void expect_all_close(const std::string& kind, const std::string& what, const Scores& got,
                      const std::vector<oracle::Real>& exact) {
  ASSERT_EQ(got.size(), exact.size());
  for (std::size_t i = 0; i < got.size(); ++i) expect_close(kind, what, got[i], exact[i]);
}

void check_against_oracle(const std::string& kind, const Scores& real, const Scores& fake) {
  const Result r = run(real, fake);
  const oracle::Exact e = oracle::losses(real, fake);
  expect_close(kind, "mean", r.summary.mean_real, e.mean_real);
  expect_close(kind, "mean", r.summary.mean_fake, e.mean_fake);
  expect_close(kind, "d_loss", r.summary.d_loss, e.d_loss);
  expect_close(kind, "g_loss", r.summary.g_loss, e.g_loss);
  expect_all_close(kind, "relative", r.real_relative, e.real_relative);
  expect_all_close(kind, "relative", r.fake_relative, e.fake_relative);
  expect_all_close(kind, "d_grad", r.d_grad_real, e.d_grad_real);
  expect_all_close(kind, "d_grad", r.d_grad_fake, e.d_grad_fake);
  expect_all_close(kind, "g_grad", r.g_grad_real, e.g_grad_real);
  expect_all_close(kind, "g_grad", r.g_grad_fake, e.g_grad_fake);
}

Scores normal(std::size_t count, double mean, double sd, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> dist(mean, sd);
  Scores xs(count);
  for (double& x : xs) x = dist(rng);
  return xs;
}

Scores shifted(Scores xs, double offset) {
  for (double& x : xs) x += offset;
  return xs;
}

// Each CTest process appends its rows; scripts/test.mjs prints the table.
class AccuracyTable : public ::testing::Environment {
 public:
  void TearDown() override {
    if (worst.empty()) return;
    std::FILE* f = std::fopen("accuracy-native.md", "a");
    if (!f) return;
    for (const auto& [kind, errs] : worst) {
      std::fprintf(f, "| %s |", kind.c_str());
      for (const char* c : {"mean", "relative", "d_loss", "g_loss", "d_grad", "g_grad"}) {
        const auto it = errs.find(c);
        std::fprintf(f, " %.1e |", it == errs.end() ? 0.0 : it->second);
      }
      std::fprintf(f, "\n");
    }
    std::fclose(f);
  }
};
const auto* const table = ::testing::AddGlobalTestEnvironment(new AccuracyTable);

TEST(AverageLosses, SeedExampleToSixDecimals) {
  const Result r = run({2, 1.5, 1.8}, {0.5, 0.3, 0.1});
  EXPECT_NEAR(r.summary.d_loss, 0.210218, 5e-7);
  EXPECT_NEAR(r.summary.g_loss, 1.676885, 5e-7);
  check_against_oracle("seed example", {2, 1.5, 1.8}, {0.5, 0.3, 0.1});
}

// Anchors computed in the notes (pooled), r = [1, 2, 3], f = [0.5, 0].
TEST(AverageLosses, NotesGradientAnchor) {
  const Result r = run({1, 2, 3}, {0.5, 0});
  EXPECT_NEAR(r.summary.d_loss, 0.187481, 5e-7);
  const Scores d_real = {-0.084273, -0.049718, -0.032126}, d_fake = {0.089381, 0.076736};
  const Scores g_real = {0.249061, 0.283615, 0.301207}, g_fake = {-0.410619, -0.423264};
  for (int i = 0; i < 3; ++i) {
    EXPECT_NEAR(r.d_grad_real[i], d_real[i], 5e-7);
    EXPECT_NEAR(r.g_grad_real[i], g_real[i], 5e-7);
  }
  for (int j = 0; j < 2; ++j) {
    EXPECT_NEAR(r.d_grad_fake[j], d_fake[j], 5e-7);
    EXPECT_NEAR(r.g_grad_fake[j], g_fake[j], 5e-7);
  }
}

TEST(AverageLosses, RandomNormalScores) {
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    check_against_oracle("N(0,1), 3..40 a side", normal(3 + seed, 0, 1, seed), normal(40 - seed, 0, 1, 100 + seed));
    check_against_oracle("N(0,5)", normal(16, 0.5, 5, 200 + seed), normal(16, -0.5, 5, 300 + seed));
  }
}

TEST(AverageLosses, HugeScores) {
  for (std::uint64_t seed = 1; seed <= 5; ++seed)
    check_against_oracle("scores up to 1e8 in magnitude", normal(10, 0, 3e7, seed), normal(12, 1e7, 3e7, 50 + seed));
  check_against_oracle("scores up to 1e8 in magnitude", {1e8, -1e8, 99999999.5}, {-1e8, 1e8 - 1});
}

TEST(AverageLosses, PastTheSeedsSaturation) {
  for (double gap : {27.6, 30.0, 50.0, 200.0, 700.0, 745.0, 800.0, 1500.0})
    check_against_oracle("relative scores to +-1500", {gap, gap + 0.25, gap - 1}, {0.0, -0.5, 0.75});
}

TEST(AverageLosses, CommonOffsetOf1e12) {
  for (std::uint64_t seed = 1; seed <= 10; ++seed)
    check_against_oracle("offset 1e12", shifted(normal(20, 1, 2, seed), 1e12), shifted(normal(25, 0, 2, 9 + seed), 1e12));
  // The same data with and without the offset: the offset must not matter.
  const Scores r = {1.0, 2.0, 3.0}, f = {0.5, 0.0};
  const Result plain = run(r, f), offset = run(shifted(r, 1e12), shifted(f, 1e12));
  EXPECT_EQ(plain.summary.d_loss, offset.summary.d_loss);
  EXPECT_EQ(plain.summary.g_loss, offset.summary.g_loss);
  EXPECT_EQ(plain.real_relative, offset.real_relative);
  EXPECT_EQ(plain.d_grad_fake, offset.d_grad_fake);
}

TEST(AverageLosses, ExactMeanGivesExactZeroRelativeScore) {
  const Result r = run({1e12 + 2}, {1e12 + 1, 1e12 + 2, 1e12 + 3});
  EXPECT_EQ(r.real_relative[0], 0.0);
}

TEST(AverageLosses, SubnormalScores) {
  check_against_oracle("subnormal scores", {5e-324, 1e-310, -2e-315}, {0x1p-1074, 0.0, -4e-320});
  check_against_oracle("subnormal scores", {5e-324, 1.5, 1e-310}, {-1e-308, 2.2250738585072014e-308, 0.25});
}

// Means that cancel across more than double-double's 106 bits.
TEST(AverageLosses, MeansThatCancelAcrossWideRanges) {
  check_against_oracle("cancelling means", {0.25}, {1e30, 1e-30, 1, -1e30});
  check_against_oracle("cancelling means", {1e-300, 1e8, 1e-10, -1e8, -1e-10}, {2e-300, -1e-300});
  check_against_oracle("cancelling means", {1, -1, 2, -2, 0.5}, {3, -3});
}

TEST(AverageLosses, UnequalBatchSizes) {
  check_against_oracle("1 real vs 400 fake", {1.25}, normal(400, 0, 1, 7));
  check_against_oracle("400 real vs 1 fake", normal(400, 1, 1, 8), {-0.75});
}

TEST(AverageLosses, FiftyThousandScores) {
  check_against_oracle("50,000 scores", normal(25000, 1, 2, 11), normal(25000, -1, 2, 12));
}

// The gradient formulas of the notes, confirmed by central differences of
// the oracle's own losses at 320 bits.
TEST(AverageLosses, GradientsMatchFiniteDifferences) {
  const Scores real = {1.5, -0.25, 3.0}, fake = {0.5, 2.0, -1.0, 0.125};
  const Result r = run(real, fake);
  const oracle::Real h(0x1p-120);
  auto perturbed = [&](bool on_real, std::size_t k, const oracle::Real& delta) {
    std::vector<oracle::Real> rr(real.begin(), real.end()), ff(fake.begin(), fake.end());
    auto& v = on_real ? rr : ff;
    v[k] = v[k] + delta;
    return oracle::pooled_losses(rr, ff);
  };
  for (bool on_real : {true, false}) {
    const std::size_t count = on_real ? real.size() : fake.size();
    for (std::size_t k = 0; k < count; ++k) {
      const auto up = perturbed(on_real, k, h), down = perturbed(on_real, k, -h);
      const oracle::Real two_h = h + h;
      expect_close("finite differences", "d_grad", on_real ? r.d_grad_real[k] : r.d_grad_fake[k], (up.first - down.first) / two_h);
      expect_close("finite differences", "g_grad", on_real ? r.g_grad_real[k] : r.g_grad_fake[k], (up.second - down.second) / two_h);
    }
  }
}

// Identities: g - d = mean(r) - mean(f); each loss's gradient sums to 0
// (a common shift changes nothing); dG - dD = 1/m on reals, -1/n on fakes (from g - d = mean(r) - mean(f)).
TEST(AverageLosses, Identities) {
  const Scores real = normal(7, 2, 1.5, 21), fake = normal(11, -1, 2.5, 22);
  const Result r = run(real, fake);
  const double m = 7, n = 11;
  EXPECT_NEAR(r.summary.g_loss - r.summary.d_loss, r.summary.mean_real - r.summary.mean_fake, 1e-14);
  double d_sum = 0, g_sum = 0, scale = 0;
  for (std::size_t i = 0; i < real.size(); ++i) {
    d_sum += r.d_grad_real[i]; g_sum += r.g_grad_real[i]; scale += std::fabs(r.d_grad_real[i]);
    EXPECT_NEAR(r.g_grad_real[i] - r.d_grad_real[i], 1 / m, 1e-15);
  }
  for (std::size_t j = 0; j < fake.size(); ++j) {
    d_sum += r.d_grad_fake[j]; g_sum += r.g_grad_fake[j];
    EXPECT_NEAR(r.g_grad_fake[j] - r.d_grad_fake[j], -1 / n, 1e-15);
  }
  EXPECT_NEAR(d_sum, 0.0, 1e-15 * scale);
  EXPECT_NEAR(g_sum, 0.0, 1e-15 * scale);
}

TEST(AverageLosses, FloatScoresAreWidenedExactly) {
  const std::vector<float> real = {2.0f, 1.5f, 1.8f, 1e-40f}, fake = {0.5f, 0.3f, 0.1f};
  const Scores wide_real(real.begin(), real.end()), wide_fake(fake.begin(), fake.end());
  Scores rel(4), frel(3);
  relativistic::LossOutputs out;
  out.real_relative = rel.data();
  out.fake_relative = frel.data();
  const auto report = relativistic::average_losses(real.data(), 4, fake.data(), 3, out);
  ASSERT_TRUE(report.ok());
  const Result wide = run(wide_real, wide_fake);
  EXPECT_EQ(report.summary.d_loss, wide.summary.d_loss);
  EXPECT_EQ(report.summary.g_loss, wide.summary.g_loss);
  EXPECT_EQ(rel, wide.real_relative);
  EXPECT_EQ(frel, wide.fake_relative);
}

TEST(AverageLosses, ReportsBadScoresOfEitherSide) {
  const Scores good = {1, 2, 3}, bad = {0, 1, NAN, 2}, huge = {0, -1e300};
  Scores rel(4), frel(4);
  relativistic::LossOutputs out;
  out.real_relative = rel.data();
  out.fake_relative = frel.data();
  auto report = relativistic::average_losses(good.data(), 3, bad.data(), 4, out);
  EXPECT_FALSE(report.ok());
  EXPECT_EQ(report.real.error, relativistic::ScoreError::none);
  EXPECT_EQ(report.fake.error, relativistic::ScoreError::not_finite);
  EXPECT_EQ(report.fake.index, 2u);
  report = relativistic::average_losses(huge.data(), 2, good.data(), 3, out);
  EXPECT_EQ(report.real.error, relativistic::ScoreError::too_large);
  EXPECT_EQ(report.real.index, 1u);
  report = relativistic::average_losses(good.data(), 0, good.data(), 3, out);
  EXPECT_EQ(report.real.error, relativistic::ScoreError::empty);
  // An odd count puts the bad score in the scalar tail.
  const Scores tail = {1, 2, INFINITY};
  report = relativistic::average_losses(good.data(), 3, tail.data(), 3, out);
  EXPECT_EQ(report.fake.error, relativistic::ScoreError::not_finite);
  EXPECT_EQ(report.fake.index, 2u);
}

TEST(CheckScores, ReportsTheFirstBadScore) {
  const Scores ok = {1, -2, 3e8};
  EXPECT_EQ(relativistic::check_scores(ok.data(), ok.size()).error, relativistic::ScoreError::none);
  EXPECT_EQ(relativistic::check_scores(ok.data(), 0).error, relativistic::ScoreError::empty);
  const Scores bad = {1, 2, NAN, INFINITY};
  const auto check = relativistic::check_scores(bad.data(), bad.size());
  EXPECT_EQ(check.error, relativistic::ScoreError::not_finite);
  EXPECT_EQ(check.index, 2u);
  const Scores big = {1, -1e300};
  const auto big_check = relativistic::check_scores(big.data(), big.size());
  EXPECT_EQ(big_check.error, relativistic::ScoreError::too_large);
  EXPECT_EQ(big_check.index, 1u);
}

}  // namespace
