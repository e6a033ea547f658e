// The vector kernels against MPFR over their whole range: a dense sweep,
// both sides of every range-reduction boundary k ln2 +- ln2/2, the switch at
// 1 + e = sqrt(2), the start of the subnormals and the underflow to zero.
#include "vector_math.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>
#include <vector>

#include "oracle.hpp"

namespace {

using relativistic::simd::f64x2;

struct Worst {
  double e = 0, shared = 0, sigmoid = 0;
};
Worst worst;

// The kernels are far better than the 1e-12 the losses promise; 1e-15
// catches a wrong coefficient or reduction step at once.
constexpr double kTolerance = 1e-15;

void check(double t) {
  const relativistic::simd::Terms terms = relativistic::simd::softplus_terms(f64x2{t, -t});
  const oracle::Real e = oracle::exp(-oracle::Real(t));
  const oracle::Real shared = oracle::log1p(e);
  const oracle::Real sigmoid = oracle::Real(1.0) / (oracle::Real(1.0) + e);
  for (int lane = 0; lane < 2; ++lane) {  // the kernels see |x|: both lanes agree
    const double got_e = oracle::relative_error(terms.e[lane], e);
    const double got_shared = oracle::relative_error(terms.shared[lane], shared);
    const double got_sigmoid = oracle::relative_error(terms.sig_abs[lane], sigmoid);
    worst.e = std::max(worst.e, got_e);
    worst.shared = std::max(worst.shared, got_shared);
    worst.sigmoid = std::max(worst.sigmoid, got_sigmoid);
    ASSERT_LE(got_e, kTolerance) << "e^-t at t = " << t;
    ASSERT_LE(got_shared, kTolerance) << "log1p(e^-t) at t = " << t;
    ASSERT_LE(got_sigmoid, kTolerance) << "sigmoid(t) at t = " << t;
  }
}

TEST(VectorMath, DenseSweep) {
  for (double t = 0; t <= 750; t += 1.0 / 64) check(t);
  std::mt19937_64 rng(3);
  std::uniform_real_distribution<double> u(0, 750);
  for (int i = 0; i < 20000; ++i) check(u(rng));
}

TEST(VectorMath, RangeReductionBoundaries) {
  const double ln2 = std::log(2.0);
  for (int k = 0; k <= 1076; ++k) {
    double edge = (k + 0.5) * ln2;
    for (int step = 0; step < 4; ++step) edge = std::nextafter(edge, 0.0);
    for (int step = 0; step < 8; ++step, edge = std::nextafter(edge, INFINITY)) check(edge);
  }
}

TEST(VectorMath, SpecialPoints) {
  // 1 + e^-t = sqrt(2) at t = -log(sqrt(2) - 1): the log's interval switch.
  const double switch_t = -std::log(std::sqrt(2.0) - 1.0);
  double t = switch_t;
  for (int i = 0; i < 6; ++i) t = std::nextafter(t, 0.0);
  for (int i = 0; i < 12; ++i, t = std::nextafter(t, INFINITY)) check(t);
  for (double x : {0.0, 5e-324, 1e-300, 1e-20, 1e-16, 1.1102230246251565e-16, 2.2e-16, 1e-8, 1e-3,
                   36.04365338911715, 36.7, 708.3, 708.3964185322641, 708.4, 709.78, 740.0, 744.44,
                   745.0, 745.1332191019411, 745.1332191019412, 745.2, 746.0, 800.0, 1e8, 0x1p960})
    check(x);
}

TEST(VectorMath, ZeroAndSaturation) {
  const auto at0 = relativistic::simd::softplus_terms(f64x2{0.0, -0.0});
  EXPECT_EQ(at0.e[0], 1.0);
  EXPECT_EQ(at0.sig_abs[1], 0.5);
  EXPECT_EQ(at0.shared[0], std::log(2.0));
  const auto far = relativistic::simd::softplus_terms(f64x2{800.0, -1e300});
  EXPECT_EQ(far.e[0], 0.0);
  EXPECT_EQ(far.shared[1], 0.0);
  EXPECT_EQ(far.sig_abs[0], 1.0);
}

class Report : public ::testing::Environment {
  void TearDown() override {
    if (worst.e > 0)
      std::printf("vector math, worst relative error: e^-t %.2e, log1p(e^-t) %.2e, sigmoid %.2e\n",
                  worst.e, worst.shared, worst.sigmoid);
  }
};
const auto* const report = ::testing::AddGlobalTestEnvironment(new Report);

}  // namespace
